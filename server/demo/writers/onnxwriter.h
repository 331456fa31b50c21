#pragma once

#include "safetensorswriter.h"

#include <QByteArray>
#include <QString>

namespace Trove::Server {

/// A minimal ONNX model (protobuf, written field by field): one Gemm node
/// Y = X · Wᵀ + B with W [out, in] and B [out] as float initializers, input X [N, in],
/// output Y [N, out], IR version 8, opset 17.
namespace Onnx {

QByteArray linearModel(const TensorData &weight,
                       const TensorData &bias,
                       const QString &graphName = QStringLiteral("classifier"));

/// Protobuf helpers, exposed for tests.
QByteArray varint(quint64 value);
QByteArray field(int number, const QByteArray &bytes); ///< length-delimited (wire type 2)
QByteArray field(int number, quint64 value);           ///< varint (wire type 0)

} // namespace Onnx

} // namespace Trove::Server

#pragma once

#include "safetensorswriter.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace Trove::Server {

/// torch.save(state_dict) in the zip format (PyTorch ≥ 1.6): members stored uncompressed and
/// 64-byte aligned under "<archive>/": data.pkl (protocol 2 pickle of an OrderedDict whose
/// values are torch._utils._rebuild_tensor_v2 calls on persistent storages
/// ('storage', torch.FloatStorage, '<key>', 'cpu', numel)), byteorder, data/<key>, version.
/// Only F32 tensors are supported.
namespace TorchZip {

QByteArray dataPickle(const std::vector<TensorData> &tensors);
bool write(const QString &path,
           const std::vector<TensorData> &tensors,
           QString *error,
           const QString &archiveName = QStringLiteral("archive"));

} // namespace TorchZip

} // namespace Trove::Server

#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <vector>

namespace Trove {

/// One tensor of a model file (safetensors, torch checkpoint, ONNX initializer or input).
struct TensorEntry
{
    QString name;
    QString dtype;             ///< format's own spelling: F32, float32, FLOAT...
    std::vector<qint64> shape; ///< -1 for a symbolic/unknown dimension
    qint64 numel = 0;          ///< product of shape, -1 if unknown
    qint64 byteSize = -1;      ///< bytes of data, -1 if unknown
    nlohmann::json extra;      ///< format-specific details (storage key, offsets, ...)
};

/// What a model preview shows: tensors, parameter count and format metadata.
struct ModelSummary
{
    QString format; ///< "safetensors", "torch", "onnx"
    QList<TensorEntry> tensors;
    bool tensorsTruncated = false; ///< more tensors than the cap
    qint64 parameterCount = 0;     ///< sum of numel of all tensors seen
    nlohmann::json metadata = nlohmann::json::object();
    QStringList warnings;

    /// {format, parameter_count, tensor_count, tensors: [{name, dtype, shape, numel, bytes}],
    ///  metadata, warnings}; at most `maxTensors` tensors are listed.
    nlohmann::json toJson(int maxTensors = 100000) const;
};

} // namespace Trove

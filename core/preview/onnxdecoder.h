#pragma once

#include "common/bytesource.h"
#include "common/result.h"
#include "preview/modelsummary.h"
#include "preview/previewtypes.h"

namespace Trove {

/// Summarizes an ONNX ModelProto with a minimal protobuf wire-format reader (no protobuf
/// dependency): ir_version, opset_import, producer, graph name, inputs/outputs (name, element
/// type, dims), node count and op-type histogram, initializers (name, type, dims: the
/// tensors of the summary) and the parameter count.
///
/// The file is streamed through a small buffer and large fields (initializer raw_data, doc
/// strings) are skipped, never read, so multi-GB models cost a few reads. Malformed varints,
/// lengths past their parent and truncation give a Parse error. Blocking; worker thread only.
class OnnxDecoder final
{
public:
    static Result<ModelSummary> decode(ByteSource &source, const PreviewOptions &options);
    /// ONNX TensorProto.DataType name ("FLOAT" for 1), or the number.
    static QString elemTypeName(int type);
};

} // namespace Trove

#pragma once

#include "common/bytesource.h"
#include "common/result.h"
#include "preview/modelsummary.h"
#include "preview/previewtypes.h"

namespace Trove {

/// Reads the header of a .safetensors file: 8-byte little-endian header length, then a JSON
/// object {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {str: str}}.
/// Only the header is read (one or two range reads), never the tensor data.
///
/// Validated: header length (capped at 100 MB and by PreviewOptions::maxBytesInMemory, and
/// within the file), JSON nesting depth, dtypes, shapes, offsets inside the data area and
/// matching dtype size x element count, no overlapping tensors. Blocking; worker thread only.
class SafetensorsDecoder final
{
public:
    static Result<ModelSummary> decode(ByteSource &source, const PreviewOptions &options);
    /// Bytes per element of a safetensors dtype ("F32" -> 4), 0 if unknown.
    static int dtypeSize(const QString &dtype);
};

} // namespace Trove

#pragma once

#include "common/bytesource.h"
#include "common/result.h"
#include "preview/previewtypes.h"

#include <QString>

#include <nlohmann/json.hpp>

namespace Trove {

/// What a preview would show, as JSON, for `trove-cli inspect` and tests. Detects the kind
/// (KindDetector) and runs the matching decoder:
///   {"name", "size", "kind", "detected_by": "artifact type"|"extension"|"magic", and one of
///    "table": inspectTable (columns, types, first rows; no statistics),
///    "npy": inspectNpy, "npz": inspectNpz (dtype, shape, order, corner of values),
///    "archive": ArchiveListing::toJson, "model": ModelSummary::toJson (torch/safetensors/onnx),
///    "pickle": {protocol, tree, imports, dangerous, warnings, truncated},
///    "image": {format, width, height, depth, frames, scaled, transformation},
///    "text": {encoding, head, truncated}, "json": {outline, pretty},
///    "hex" + "stored_preview" + "note" (binary fallback),
///    "problems": [what makes the file unsafe to load or extract, or broken, one sentence each:
///                 path traversal or overlapping archive members, a decompression bomb,
///                 dangerous pickle imports, truncated array data; empty for a sound file]}.
/// Reads only what the summary shows (never a whole large table or array), so a remote
/// source costs a few Range requests. A broken or hostile file gives one clear Error.
/// Blocking; call from a worker thread.
Result<nlohmann::json>
inspect(ByteSource &source, const PreviewHints &hints, const PreviewOptions &options);

/// Human-readable rendering of inspect()'s JSON (the maxRows-style caps are already applied).
QString renderInspectText(const nlohmann::json &result);

} // namespace Trove

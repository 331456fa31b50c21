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
///    "archive": ArchiveListing::toJson, "model": ModelSummary::toJson (torch/safetensors/onnx),
///    "pickle": {protocol, tree, imports, dangerous, warnings, truncated},
///    "image": {format, width, height, depth, frames, scaled, transformation},
///    "text": {encoding, head, truncated}, "json": {outline, pretty},
///    "hex" + "stored_preview" + "note" (binary fallback)}.
/// Table, NumpyArray and NumpyZip return Error::Kind::Unsupported here (the integrator adds
/// inspectTable/inspectNpy/inspectNpz). A broken or hostile file gives one clear Error.
/// Blocking; call from a worker thread.
Result<nlohmann::json>
inspect(ByteSource &source, const PreviewHints &hints, const PreviewOptions &options);

/// Human-readable rendering of inspect()'s JSON (the maxRows-style caps are already applied).
QString renderInspectText(const nlohmann::json &result);

} // namespace Trove

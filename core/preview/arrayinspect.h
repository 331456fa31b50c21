#pragma once

#include "common/bytesource.h"
#include "preview/previewtypes.h"

#include <nlohmann/json.hpp>

namespace Trove {

/// A JSON summary of an .npy array for `trove-cli inspect` and the preview header: kind,
/// format version, dtype (fields for structured dtypes), shape, order, element count, whether
/// the data is truncated, a corner of values (options.maxRows rows x up to 8 columns of the
/// default 2-D view) and, when `withStats`, streamed statistics with a histogram.
/// Blocking; call from a worker thread.
Result<nlohmann::json> inspectNpy(ByteSource &source,
                                  const PreviewHints &hints,
                                  const PreviewOptions &options,
                                  bool withStats = true);

/// The same for an .npz archive: one entry per member (dtype, shape, order, stored/deflated,
/// sizes), each with its corner; statistics only when `withStats`.
Result<nlohmann::json> inspectNpz(ByteSource &source,
                                  const PreviewHints &hints,
                                  const PreviewOptions &options,
                                  bool withStats = false);

} // namespace Trove

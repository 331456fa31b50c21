#pragma once

#include "common/bytesource.h"
#include "preview/previewtypes.h"

#include <nlohmann/json.hpp>

namespace Trove {

struct TableStats;

/// A JSON summary of a CSV/TSV table (optionally .gz) for `trove-cli inspect`: kind, format,
/// delimiter, header, BOM, pandas index, columns with their types, the first options.maxRows
/// rows, notes, the row count when known and, when `withStats`, the full scan's statistics
/// (row count, per-column type, nulls, min/max/mean, date range, distinct estimate).
/// Blocking (the scan reads the whole file once, in constant memory); call from a worker thread.
Result<nlohmann::json> inspectTable(ByteSource &source,
                                    const PreviewHints &hints,
                                    const PreviewOptions &options,
                                    bool withStats = false);

/// The stats part of inspectTable's output.
nlohmann::json tableStatsJson(const TableStats &stats, const QStringList &columnNames);

} // namespace Trove

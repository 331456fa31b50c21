#pragma once

#include <QString>

#include <optional>

namespace Trove {

/// Per-column statistics of a table preview, as the table decoder computes them over the rows
/// it has read. Unknown values stay empty / -1 / nullopt and are shown as "—".
struct ColumnStatsView
{
    QString name;
    QString type;      ///< "int64", "float64", "string", "bool", "datetime", ...
    qint64 nulls = -1; ///< missing values, -1 if unknown
    QString min;       ///< display text: numbers, dates and strings all compare
    QString max;
    std::optional<double> mean;
    qint64 distinct = -1;    ///< distinct values (may be an estimate), -1 if unknown
    qint64 rowsScanned = -1; ///< rows the statistics cover, -1 if all / unknown

    /// Multi-line tooltip text ("int64 · 0 nulls · min 1 · max 9 · mean 4.5 · 7 distinct").
    QString toolTip() const;
};

} // namespace Trove

#pragma once

#include "preview/distinctsketch.h"

#include <QByteArrayView>
#include <QString>

#include <optional>

namespace Trove {

/// The type a column's values fit, the narrowest first.
enum class ColumnType { Empty, Int, Float, Bool, Date, DateTime, Text };
QString columnTypeName(ColumnType type);

/// What a scan learned about one column.
struct ColumnStats
{
    ColumnType type = ColumnType::Empty;
    qint64 count = 0;     ///< non-null values
    qint64 nullCount = 0; ///< empty cells and pandas' default NA tokens (NA, NaN, null, ...)
    std::optional<double> min, max, mean; ///< numeric columns (Int, Float)
    QString minText, maxText;             ///< Date and DateTime columns (ISO text order)
    double distinctEstimate = 0;          ///< HyperLogLog, non-null values
    qint64 maxLength = 0;                 ///< longest value in bytes
};

/// Accumulates ColumnStats over a stream of cells in constant memory (about 1 KiB).
class ColumnStatsBuilder final
{
public:
    void add(QByteArrayView cell);
    ColumnStats result() const;

    static bool isNull(QByteArrayView trimmed);
    /// The ColumnType of one non-null value.
    static ColumnType classify(QByteArrayView cell);

private:
    enum Bit : unsigned { IntBit = 1, FloatBit = 2, BoolBit = 4, DateBit = 8, DateTimeBit = 16 };
    static unsigned fits(QByteArrayView trimmed, double *number, unsigned wanted);

    unsigned m_mask = IntBit | FloatBit | BoolBit | DateBit | DateTimeBit;
    qint64 m_count = 0;
    qint64 m_nulls = 0;
    qint64 m_maxLength = 0;
    qint64 m_numbers = 0;
    double m_min = 0;
    double m_max = 0;
    long double m_sum = 0;
    QByteArray m_minText, m_maxText;
    DistinctSketch m_distinct;
};

} // namespace Trove

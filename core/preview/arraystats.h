#pragma once

#include <QList>

#include <nlohmann/json.hpp>

#include <array>

namespace Trove {

/// Statistics of an array's values, from one streamed pass.
struct ArrayStats
{
    qint64 count = 0;  ///< values seen
    qint64 finite = 0; ///< values that are neither NaN nor infinite
    qint64 nanCount = 0;
    qint64 posInfCount = 0;
    qint64 negInfCount = 0;
    double min = 0, max = 0, mean = 0, std = 0; ///< over finite values (population std)
    double histogramLow = 0, histogramHigh = 0; ///< range covered by `histogram`
    QList<qint64> histogram;                    ///< equal-width bins over finite values
    bool magnitude = false;                     ///< complex arrays: the stats are of |z|

    nlohmann::json toJson() const;
};

/// Accumulates ArrayStats one value at a time in constant memory. The histogram is built in
/// the same single pass: its range starts from the first values and doubles (merging bin
/// pairs) whenever a value falls outside, so it needs no prior min/max pass; at the end the
/// empty bins at either end are trimmed (at most kBins bins remain).
class ArrayStatsBuilder final
{
public:
    static constexpr int kBins = 64;

    void add(double v);
    ArrayStats result() const;

private:
    void place(double v);
    void settleRange();

    ArrayStats m_s;
    double m_m2 = 0;
    std::array<double, 1024> m_pending{};
    int m_pendingCount = 0;
    bool m_rangeSet = false;
    double m_low = 0, m_width = 1;
    std::array<qint64, kBins> m_bins{};
};

} // namespace Trove

#include "arraystats.h"

#include <cmath>

namespace Trove {

void ArrayStatsBuilder::add(double v)
{
    ++m_s.count;
    if (std::isnan(v)) {
        ++m_s.nanCount;
        return;
    }
    if (std::isinf(v)) {
        ++(v > 0 ? m_s.posInfCount : m_s.negInfCount);
        return;
    }
    const qint64 n = ++m_s.finite;
    if (n == 1 || v < m_s.min)
        m_s.min = v;
    if (n == 1 || v > m_s.max)
        m_s.max = v;
    const double delta = v - m_s.mean;
    m_s.mean += delta / double(n);
    m_m2 += delta * (v - m_s.mean);
    if (!m_rangeSet) {
        m_pending[m_pendingCount++] = v;
        if (m_pendingCount == int(m_pending.size()))
            settleRange();
        return;
    }
    place(v);
}

void ArrayStatsBuilder::settleRange()
{
    double lo = m_pending[0];
    double hi = lo;
    for (int i = 0; i < m_pendingCount; ++i) {
        lo = std::min(lo, m_pending[i]);
        hi = std::max(hi, m_pending[i]);
    }
    m_low = lo;
    m_width = hi > lo ? (hi - lo) / kBins : (lo != 0 ? std::abs(lo) * 1e-6 : 1e-6);
    if (!std::isfinite(m_width) || m_width <= 0)
        m_width = std::numeric_limits<double>::max() / kBins / 4;
    m_rangeSet = true;
    for (int i = 0; i < m_pendingCount; ++i)
        place(m_pending[i]);
    m_pendingCount = 0;
}

void ArrayStatsBuilder::place(double v)
{
    for (int guard = 0; guard < 2100; ++guard) {
        const double high = m_low + m_width * kBins;
        if (v >= m_low && v <= high)
            break;
        std::array<qint64, kBins> merged{};
        if (v > high) { // grow to the right: [low, low + 2 * range]
            for (int i = 0; i < kBins / 2; ++i)
                merged[i] = m_bins[2 * i] + m_bins[2 * i + 1];
        } else { // grow to the left: [low - range, high]
            for (int i = 0; i < kBins / 2; ++i)
                merged[kBins / 2 + i] = m_bins[2 * i] + m_bins[2 * i + 1];
            m_low -= m_width * kBins;
        }
        m_bins = merged;
        m_width *= 2;
        if (!std::isfinite(m_width) || !std::isfinite(m_low))
            break;
    }
    const double pos = (v - m_low) / m_width;
    const int bin = std::isfinite(pos) ? std::clamp(int(pos), 0, kBins - 1) : 0;
    ++m_bins[bin];
}

ArrayStats ArrayStatsBuilder::result() const
{
    ArrayStatsBuilder copy = *this;
    if (!copy.m_rangeSet && copy.m_pendingCount > 0)
        copy.settleRange();
    ArrayStats s = copy.m_s;
    s.std = s.finite > 0 ? std::sqrt(copy.m_m2 / double(s.finite)) : 0;
    if (!copy.m_rangeSet)
        return s;
    int first = 0;
    int last = kBins - 1;
    while (first < last && copy.m_bins[first] == 0)
        ++first;
    while (last > first && copy.m_bins[last] == 0)
        --last;
    s.histogramLow = copy.m_low + first * copy.m_width;
    s.histogramHigh = copy.m_low + (last + 1) * copy.m_width;
    for (int i = first; i <= last; ++i)
        s.histogram.append(copy.m_bins[i]);
    return s;
}

nlohmann::json ArrayStats::toJson() const
{
    nlohmann::json j;
    j["count"] = count;
    j["finite"] = finite;
    j["nan"] = nanCount;
    j["posinf"] = posInfCount;
    j["neginf"] = negInfCount;
    if (finite > 0) {
        j["min"] = min;
        j["max"] = max;
        j["mean"] = mean;
        j["std"] = std;
        j["histogram"] = {{"low", histogramLow},
                          {"high", histogramHigh},
                          {"counts", std::vector<qint64>(histogram.begin(), histogram.end())}};
    }
    if (magnitude)
        j["of"] = "magnitude";
    return j;
}

} // namespace Trove

#include "distinctsketch.h"

#include <bit>
#include <cmath>

namespace Trove {

std::uint64_t DistinctSketch::hash(QByteArrayView value)
{
    // FNV-1a, then the murmur3 finalizer to spread the bits.
    std::uint64_t h = 1469598103934665603ULL;
    for (char c : value) {
        h ^= std::uint8_t(c);
        h *= 1099511628211ULL;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

void DistinctSketch::add(QByteArrayView value)
{
    addHash(hash(value));
}

void DistinctSketch::addHash(std::uint64_t h)
{
    const std::size_t index = h >> (64 - kBits);
    const std::uint64_t rest = (h << kBits) | (std::uint64_t(1) << (kBits - 1));
    const auto rank = std::uint8_t(std::countl_zero(rest) + 1);
    if (rank > m_registers[index])
        m_registers[index] = rank;
}

double DistinctSketch::estimate() const
{
    constexpr double m = 1 << kBits;
    const double alpha = 0.7213 / (1.0 + 1.079 / m);
    double sum = 0;
    int zeros = 0;
    for (std::uint8_t r : m_registers) {
        sum += std::ldexp(1.0, -int(r));
        if (r == 0)
            ++zeros;
    }
    const double raw = alpha * m * m / sum;
    if (raw <= 2.5 * m && zeros > 0)
        return m * std::log(m / zeros); // linear counting for small sets
    return raw;
}

} // namespace Trove

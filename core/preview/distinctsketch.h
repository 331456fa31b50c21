#pragma once

#include <QByteArrayView>

#include <array>
#include <cstdint>

namespace Trove {

/// HyperLogLog estimate of the number of distinct values, in 1 KiB (1024 registers, about 3%
/// standard error) whatever the number of values.
class DistinctSketch final
{
public:
    void add(QByteArrayView value);
    void addHash(std::uint64_t hash);
    double estimate() const;
    static std::uint64_t hash(QByteArrayView value);

private:
    static constexpr int kBits = 10;
    std::array<std::uint8_t, 1 << kBits> m_registers{};
};

} // namespace Trove

#pragma once

#include <QByteArray>

#include <cstdint>

namespace Trove::LeBytes {

/// Little-endian integer reads from raw bytes. Callers check bounds before calling.
inline std::uint16_t u16(const char *p)
{
    const auto *b = reinterpret_cast<const unsigned char *>(p);
    return std::uint16_t(b[0] | (b[1] << 8));
}

inline std::uint32_t u32(const char *p)
{
    const auto *b = reinterpret_cast<const unsigned char *>(p);
    return std::uint32_t(b[0]) | (std::uint32_t(b[1]) << 8) | (std::uint32_t(b[2]) << 16)
           | (std::uint32_t(b[3]) << 24);
}

inline std::uint64_t u64(const char *p)
{
    return std::uint64_t(u32(p)) | (std::uint64_t(u32(p + 4)) << 32);
}

inline std::uint16_t u16(const QByteArray &a, qsizetype at)
{
    return u16(a.constData() + at);
}
inline std::uint32_t u32(const QByteArray &a, qsizetype at)
{
    return u32(a.constData() + at);
}
inline std::uint64_t u64(const QByteArray &a, qsizetype at)
{
    return u64(a.constData() + at);
}

} // namespace Trove::LeBytes

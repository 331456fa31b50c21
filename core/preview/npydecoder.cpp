#include "npydecoder.h"

#include <QtEndian>

#ifdef Q_OS_LINUX
#include <sys/mman.h>
#include <unistd.h>
#endif

#include <cmath>
#include <complex>
#include <cstring>

namespace Trove {
namespace {
constexpr qint64 kChunk = 4 << 20;

double halfToDouble(quint16 h)
{
    const int sign = h >> 15;
    const int exp = (h >> 10) & 0x1f;
    const int frac = h & 0x3ff;
    double v;
    if (exp == 0)
        v = std::ldexp(double(frac), -24);
    else if (exp == 31)
        v = frac ? std::nan("") : INFINITY;
    else
        v = std::ldexp(double(frac | 0x400), exp - 25);
    return sign ? -v : v;
}

template<typename T>
T load(const char *p, bool big)
{
    T v;
    std::memcpy(&v, p, sizeof(T));
    if constexpr (sizeof(T) > 1) {
        if (big)
            v = qFromBigEndian(v);
        else
            v = qFromLittleEndian(v);
    }
    return v;
}

double loadFloat(const char *p, qint64 size, bool big)
{
    if (size == 2)
        return halfToDouble(load<quint16>(p, big));
    if (size == 4) {
        const quint32 bits = load<quint32>(p, big);
        float f;
        std::memcpy(&f, &bits, 4);
        return f;
    }
    const quint64 bits = load<quint64>(p, big);
    double d;
    std::memcpy(&d, &bits, 8);
    return d;
}

QString floatText(double v)
{
    if (std::isnan(v))
        return QStringLiteral("nan");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    return QString::number(v, 'g', 8);
}
} // namespace

NpyDecoder::NpyDecoder(ByteSource &source, PreviewOptions options, qint64 base)
    : m_source(source)
    , m_options(options)
    , m_base(base)
{}

NpyDecoder::NpyDecoder(std::unique_ptr<ByteSource> source, PreviewOptions options)
    : m_owned(std::move(source))
    , m_source(*m_owned)
    , m_options(options)
    , m_base(0)
{}

NpyDecoder::~NpyDecoder()
{
    if (m_map)
        m_mapFile.unmap(const_cast<uchar *>(m_map));
}

Result<NpyHeader> NpyDecoder::open()
{
    auto first = m_source.read(m_base, 12);
    if (!first)
        return first.error();
    auto need = NpyHeader::requiredBytes(first.value(), m_source.name());
    if (!need)
        return need.error();
    auto bytes = m_source.read(m_base, need.value());
    if (!bytes)
        return bytes.error();
    auto header = NpyHeader::parse(bytes.value(), m_source.name());
    if (!header)
        return header.error();
    m_header = header.value();

    const int nd = int(m_header.shape.size());
    m_strides = QList<qint64>(nd, m_header.dtype.itemSize);
    if (m_header.fortranOrder) {
        for (int k = 1; k < nd; ++k)
            m_strides[k] = m_strides[k - 1] * m_header.shape[k - 1];
    } else {
        for (int k = nd - 2; k >= 0; --k)
            m_strides[k] = m_strides[k + 1] * m_header.shape[k + 1];
    }
    const qint64 total = m_source.size();
    const qint64 dataStart = m_base + m_header.dataOffset;
    const qint64 present = total < 0 ? m_header.dataBytes
                                     : std::clamp<qint64>(total - dataStart, 0, m_header.dataBytes);
    m_available = m_header.dtype.itemSize > 0 ? present / m_header.dtype.itemSize : m_header.count;
    if (!m_source.localPath().isEmpty() && present > 0) {
        m_mapFile.setFileName(m_source.localPath());
        if (m_mapFile.open(QIODevice::ReadOnly)) {
            m_map = m_mapFile.map(dataStart, present);
            m_mapSize = m_map ? present : 0;
#ifdef Q_OS_LINUX
            if (m_map) { // viewport reads jump around: no read-ahead into the rest of the file
                const auto page = quintptr(sysconf(_SC_PAGESIZE));
                const auto start = quintptr(m_map) & ~(page - 1);
                madvise(reinterpret_cast<void *>(start),
                        size_t(present + (quintptr(m_map) - start)), MADV_RANDOM);
            }
#endif
        }
    }
    return m_header;
}

Result<QByteArray> NpyDecoder::readData(qint64 offset, qint64 length)
{
    if (offset < 0 || length < 0 || offset + length > m_header.dataBytes)
        return Error::make(Error::Kind::Parse, QStringLiteral("read outside the array data"),
                           m_source.name());
    if (m_options.cancelled())
        return Error::make(Error::Kind::Cancelled, QStringLiteral("cancelled"), m_source.name());
    if (m_map && length >= 4096 && length <= (1 << 20) && offset + length <= m_mapSize)
        return QByteArray(reinterpret_cast<const char *>(m_map) + offset, length);
    auto bytes = m_source.read(m_base + m_header.dataOffset + offset, length);
    if (!bytes)
        return bytes.error();
    if (bytes->size() != length)
        return Error::make(Error::Kind::Parse,
                           QStringLiteral("array data truncated: %1 of %2 bytes present")
                                   .arg(m_available * m_header.dtype.itemSize)
                                   .arg(m_header.dataBytes),
                           m_source.name());
    return bytes;
}

qint64 NpyDecoder::elementOffset(const QList<qint64> &index) const
{
    qint64 off = 0;
    for (qsizetype k = 0; k < index.size() && k < m_strides.size(); ++k)
        off += index[k] * m_strides[k];
    return off;
}

double NpyDecoder::toDouble(const char *p) const
{
    const NpyDtype &d = m_header.dtype;
    const bool big = d.bigEndian;
    switch (d.kind) {
    case NpyDtype::Kind::Bool:
        return *p ? 1.0 : 0.0;
    case NpyDtype::Kind::Int:
        switch (d.itemSize) {
        case 1:
            return double(qint8(*p));
        case 2:
            return double(load<qint16>(p, big));
        case 4:
            return double(load<qint32>(p, big));
        default:
            return double(load<qint64>(p, big));
        }
    case NpyDtype::Kind::UInt:
        switch (d.itemSize) {
        case 1:
            return double(quint8(*p));
        case 2:
            return double(load<quint16>(p, big));
        case 4:
            return double(load<quint32>(p, big));
        default:
            return double(load<quint64>(p, big));
        }
    case NpyDtype::Kind::Float:
        return loadFloat(p, d.itemSize, big);
    case NpyDtype::Kind::Complex: {
        const qint64 half = d.itemSize / 2;
        return std::hypot(loadFloat(p, half, big), loadFloat(p + half, half, big));
    }
    default:
        return std::nan("");
    }
}

QString NpyDecoder::toText(const char *p) const
{
    const NpyDtype &d = m_header.dtype;
    const bool big = d.bigEndian;
    switch (d.kind) {
    case NpyDtype::Kind::Bool:
        return *p ? QStringLiteral("True") : QStringLiteral("False");
    case NpyDtype::Kind::Int:
        switch (d.itemSize) {
        case 1:
            return QString::number(qint8(*p));
        case 2:
            return QString::number(load<qint16>(p, big));
        case 4:
            return QString::number(load<qint32>(p, big));
        default:
            return QString::number(load<qint64>(p, big));
        }
    case NpyDtype::Kind::UInt:
        switch (d.itemSize) {
        case 1:
            return QString::number(quint8(*p));
        case 2:
            return QString::number(load<quint16>(p, big));
        case 4:
            return QString::number(load<quint32>(p, big));
        default:
            return QString::number(load<quint64>(p, big));
        }
    case NpyDtype::Kind::Float:
        return floatText(loadFloat(p, d.itemSize, big));
    case NpyDtype::Kind::Complex: {
        const qint64 half = d.itemSize / 2;
        const double re = loadFloat(p, half, big);
        const double im = loadFloat(p + half, half, big);
        const QString imText = floatText(std::abs(im));
        return QStringLiteral("%1%2%3j").arg(
                floatText(re),
                (im < 0 || std::signbit(im)) ? QStringLiteral("-") : QStringLiteral("+"), imText);
    }
    default:
        return QStringLiteral("?");
    }
}

Result<ArrayStats> NpyDecoder::stats(const ArrayProgressFn &progress)
{
    const NpyDtype &d = m_header.dtype;
    if (!d.isNumeric())
        return Error::make(Error::Kind::Unsupported,
                           QStringLiteral("statistics of %1 arrays").arg(d.name()),
                           m_source.name());
    ArrayStatsBuilder builder;
    const qint64 item = d.itemSize;
    const qint64 total = m_header.dataBytes;
    const qint64 chunk = std::max<qint64>(item, kChunk / item * item);
    for (qint64 off = 0; off < total; off += chunk) {
        auto bytes = readData(off, std::min(chunk, total - off));
        if (!bytes)
            return bytes.error();
        const char *p = bytes->constData();
        const qint64 n = bytes->size() / item;
        for (qint64 i = 0; i < n; ++i)
            builder.add(toDouble(p + i * item));
        if (progress)
            progress(off + bytes->size(), total);
    }
    ArrayStats s = builder.result();
    s.magnitude = d.kind == NpyDtype::Kind::Complex;
    return s;
}

} // namespace Trove

#include "zipmemberstream.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>

namespace Trove {
namespace {
constexpr qint64 kInputChunk = 64 << 10;
} // namespace

struct ZipMemberStream::Inflater
{
    z_stream z;
    bool initialized = false;
    Inflater() { std::memset(&z, 0, sizeof z); }
    ~Inflater()
    {
        if (initialized)
            inflateEnd(&z);
    }
};

ZipMemberStream::ZipMemberStream(ByteSource &source,
                                 ZipEntry entry,
                                 quint64 dataOffset,
                                 const PreviewOptions &options,
                                 std::shared_ptr<std::atomic<qint64>> budget)
    : m_source(source)
    , m_entry(std::move(entry))
    , m_dataOffset(dataOffset)
    , m_options(options)
    , m_budget(std::move(budget))
{
    m_crc = quint32(crc32(0L, Z_NULL, 0));
}

ZipMemberStream::~ZipMemberStream() = default;

Status ZipMemberStream::init()
{
    if (m_entry.method == 8) {
        m_inflater = std::make_unique<Inflater>();
        if (inflateInit2(&m_inflater->z, -MAX_WBITS) != Z_OK)
            return Error::make(Error::Kind::Io, QStringLiteral("zlib initialization failed"));
        m_inflater->initialized = true;
    }
    if (m_entry.uncompressedSize == 0 && m_entry.method == 0)
        return finish();
    return {};
}

Status ZipMemberStream::charge(qint64 bytes)
{
    if (m_budget->fetch_sub(bytes) - bytes < 0)
        return Error::make(Error::Kind::Parse,
                           QStringLiteral("decompressed data exceeds the %1-byte cap (zip bomb?)")
                                   .arg(m_options.maxDecompressedBytes),
                           m_entry.name);
    return {};
}

Status ZipMemberStream::fillInput()
{
    if (m_options.cancelled())
        return Error::make(Error::Kind::Cancelled, QString(), m_entry.name);
    const qint64 want = qint64(
            std::min<quint64>(m_entry.compressedSize - m_compressedRead, quint64(kInputChunk)));
    auto r = m_source.read(qint64(m_dataOffset + m_compressedRead), want);
    if (!r)
        return r.error();
    if (r->size() != want)
        return Error::make(Error::Kind::Parse,
                           QStringLiteral("archive is truncated inside \"%1\"").arg(m_entry.name),
                           m_source.name());
    m_input = std::move(r.value());
    m_compressedRead += quint64(want);
    return {};
}

Status ZipMemberStream::finish()
{
    m_finished = true;
    if (quint64(m_produced) != m_entry.uncompressedSize)
        return Error::make(Error::Kind::Integrity,
                           QStringLiteral("\"%1\" has %2 bytes, %3 declared")
                                   .arg(m_entry.name)
                                   .arg(m_produced)
                                   .arg(m_entry.uncompressedSize),
                           m_source.name());
    if (m_crc != m_entry.crc32)
        return Error::make(Error::Kind::Integrity,
                           QStringLiteral("CRC-32 mismatch in \"%1\"").arg(m_entry.name),
                           m_source.name());
    return {};
}

Result<QByteArray> ZipMemberStream::read(qint64 maxBytes)
{
    if (m_finished || maxBytes <= 0)
        return QByteArray();
    const qint64 remaining = qint64(m_entry.uncompressedSize) - m_produced;

    if (m_entry.method == 0) {
        const qint64 want = std::min({maxBytes, remaining, qint64(16) << 20});
        if (m_options.cancelled())
            return Error::make(Error::Kind::Cancelled, QString(), m_entry.name);
        if (auto s = charge(want); !s)
            return s.error();
        auto r = m_source.read(qint64(m_dataOffset) + m_produced, want);
        if (!r)
            return r.error();
        if (r->size() != want)
            return Error::make(
                    Error::Kind::Parse,
                    QStringLiteral("archive is truncated inside \"%1\"").arg(m_entry.name),
                    m_source.name());
        m_produced += want;
        m_crc = quint32(crc32(m_crc, reinterpret_cast<const Bytef *>(r->constData()), uInt(want)));
        if (m_produced == qint64(m_entry.uncompressedSize)) {
            if (auto s = finish(); !s)
                return s.error();
        }
        return r;
    }

    // Deflate: never ask zlib for more than the declared size plus one byte, so that a member
    // inflating past its declared size is caught without producing the excess.
    z_stream &z = m_inflater->z;
    const qint64 target = std::min(maxBytes, std::max<qint64>(remaining, 0));
    QByteArray out(std::max<qint64>(target, 1), Qt::Uninitialized);
    qint64 got = 0;
    while (true) {
        if (z.avail_in == 0 && m_compressedRead < m_entry.compressedSize) {
            if (auto s = fillInput(); !s)
                return s.error();
            z.next_in = reinterpret_cast<Bytef *>(m_input.data());
            z.avail_in = uInt(m_input.size());
        }
        const qint64 room = (got < target) ? target - got : 0;
        char extra = 0;
        const bool probing = room == 0; // output is full: only look for the stream end
        z.next_out = reinterpret_cast<Bytef *>(probing ? &extra : out.data() + got);
        z.avail_out = uInt(probing ? 1 : std::min<qint64>(room, 1 << 30));
        const uInt before = z.avail_out;
        const int rc = inflate(&z, Z_NO_FLUSH);
        const qint64 n = qint64(before - z.avail_out);
        if (probing && n > 0) {
            if (m_produced + got >= qint64(m_entry.uncompressedSize))
                return Error::make(Error::Kind::Integrity,
                                   QStringLiteral("\"%1\" inflates past its declared size "
                                                  "(zip bomb or corrupt archive)")
                                           .arg(m_entry.name),
                                   m_source.name());
            // Room was exhausted for this call only; keep the byte for the caller.
            out.resize(got + 1);
            out[got] = extra;
            got += 1;
        } else {
            got += n;
        }
        if (rc == Z_STREAM_END) {
            out.resize(got);
            if (auto s = charge(got); !s)
                return s.error();
            m_crc = quint32(
                    crc32(m_crc, reinterpret_cast<const Bytef *>(out.constData()), uInt(got)));
            m_produced += got;
            if (auto s = finish(); !s)
                return s.error();
            return out;
        }
        if (rc != Z_OK && rc != Z_BUF_ERROR)
            return Error::make(Error::Kind::Parse,
                               QStringLiteral("corrupt deflate data in \"%1\": %2")
                                       .arg(m_entry.name,
                                            QString::fromLatin1(z.msg ? z.msg : "inflate error")),
                               m_source.name());
        if (z.avail_in == 0 && m_compressedRead >= m_entry.compressedSize && n == 0)
            return Error::make(
                    Error::Kind::Parse,
                    QStringLiteral("deflate data of \"%1\" ends early").arg(m_entry.name),
                    m_source.name());
        if (got >= target && got > 0 && m_produced + got < qint64(m_entry.uncompressedSize))
            break;
        if (rc == Z_BUF_ERROR && n == 0 && z.avail_in == 0
            && m_compressedRead >= m_entry.compressedSize)
            return Error::make(
                    Error::Kind::Parse,
                    QStringLiteral("deflate data of \"%1\" ends early").arg(m_entry.name),
                    m_source.name());
        if (m_options.cancelled())
            return Error::make(Error::Kind::Cancelled, QString(), m_entry.name);
    }
    out.resize(got);
    if (auto s = charge(got); !s)
        return s.error();
    m_crc = quint32(crc32(m_crc, reinterpret_cast<const Bytef *>(out.constData()), uInt(got)));
    m_produced += got;
    return out;
}

Status ZipMemberStream::skip(qint64 count)
{
    while (count > 0 && !m_finished) {
        auto r = read(std::min<qint64>(count, 1 << 20));
        if (!r)
            return r.error();
        if (r->isEmpty())
            break;
        count -= r->size();
    }
    return {};
}

} // namespace Trove

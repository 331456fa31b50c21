#include "inflatesource.h"

#include <QMutexLocker>

#include <zlib.h>

#include <cstring>

namespace Trove {
namespace {
constexpr qint64 kWindow = 32768;
constexpr qint64 kInChunk = 256 * 1024;
constexpr qint64 kOutChunk = 64 * 1024;

Error parseError(const QString &what, const QString &name)
{
    return Error::make(Error::Kind::Parse, what, name);
}
} // namespace

struct InflateSource::Stream
{
    z_stream z{};
    bool init = false;
    QByteArray out = QByteArray(kOutChunk, Qt::Uninitialized);

    void end()
    {
        if (init)
            inflateEnd(&z);
        init = false;
        z = z_stream{};
    }
    bool begin(int windowBits)
    {
        end();
        init = inflateInit2(&z, windowBits) == Z_OK;
        return init;
    }
};

InflateSource::InflateSource(ByteSource &compressed,
                             Format format,
                             PreviewOptions options,
                             qint64 compressedOffset,
                             qint64 compressedLength,
                             qint64 uncompressedSize,
                             std::shared_ptr<InflateIndex> index)
    : m_compressed(compressed)
    , m_format(format)
    , m_options(options)
    , m_compressedOffset(compressedOffset)
    , m_compressedEnd(compressedLength < 0 ? -1 : compressedOffset + compressedLength)
    , m_uncompressedSize(uncompressedSize)
    , m_index(index ? std::move(index) : std::make_shared<InflateIndex>())
    , m_z(std::make_unique<Stream>())
    , m_ring(kWindow, '\0')
{}

InflateSource::~InflateSource()
{
    m_z->end();
}

qint64 InflateSource::size() const
{
    if (m_uncompressedSize >= 0)
        return m_uncompressedSize;
    QMutexLocker lock(&m_index->mutex);
    return m_index->knownSize;
}

QString InflateSource::name() const
{
    return m_compressed.name();
}

int InflateSource::checkpointCount() const
{
    QMutexLocker lock(&m_index->mutex);
    return int(m_index->points.size());
}

void InflateSource::pushWindow(const char *data, qint64 n)
{
    if (n >= kWindow) {
        std::memcpy(m_ring.data(), data + n - kWindow, kWindow);
        m_ringFill = kWindow;
        m_ringPos = 0;
        return;
    }
    while (n > 0) {
        const qint64 part = std::min(n, kWindow - m_ringPos);
        std::memcpy(m_ring.data() + m_ringPos, data, part);
        m_ringPos = (m_ringPos + part) % kWindow;
        m_ringFill = std::min(kWindow, m_ringFill + part);
        data += part;
        n -= part;
    }
}

void InflateSource::addCheckpoint()
{
    QMutexLocker lock(&m_index->mutex);
    auto &points = m_index->points;
    if (!points.empty() && m_outPos - points.back().out < m_index->spacing)
        return;
    InflateIndex::Checkpoint cp;
    cp.out = m_outPos;
    cp.in = m_inPos - m_z->z.avail_in;
    cp.bits = m_z->z.data_type & 7;
    if (m_ringFill < kWindow)
        cp.window = m_ring.left(m_ringFill);
    else
        cp.window = m_ring.mid(m_ringPos) + m_ring.left(m_ringPos);
    points.push_back(std::move(cp));
    if (int(points.size()) > m_index->maxCheckpoints) {
        std::vector<InflateIndex::Checkpoint> thinned;
        for (size_t i = 0; i < points.size(); i += 2)
            thinned.push_back(std::move(points[i]));
        points.swap(thinned);
        m_index->spacing *= 2;
    }
}

Status InflateSource::fillInput()
{
    qint64 want = kInChunk;
    if (m_compressedEnd >= 0)
        want = std::min(want, m_compressedEnd - m_inPos);
    if (want <= 0) {
        m_in.clear();
        m_z->z.avail_in = 0;
        return {};
    }
    auto chunk = m_compressed.read(m_inPos, want);
    if (!chunk)
        return chunk.error();
    m_in = std::move(chunk.value());
    m_inPos += m_in.size();
    m_z->z.next_in = reinterpret_cast<Bytef *>(m_in.data());
    m_z->z.avail_in = uInt(m_in.size());
    return {};
}

Status InflateSource::restore(qint64 offset)
{
    InflateIndex::Checkpoint cp;
    {
        QMutexLocker lock(&m_index->mutex);
        auto &points = m_index->points;
        if (points.empty()) {
            InflateIndex::Checkpoint start;
            start.in = m_compressedOffset;
            start.header = true;
            points.push_back(start);
        }
        auto it = std::upper_bound(points.begin(), points.end(), offset,
                                   [](qint64 o, const auto &p) { return o < p.out; });
        cp = *std::prev(it);
    }
    m_end = false;
    m_in.clear();
    m_inPos = cp.in;
    m_outPos = cp.out;
    m_ringFill = 0;
    m_ringPos = 0;
    if (cp.header) {
        if (!m_z->begin(m_format == Format::Gzip ? 31 : -15))
            return Error::make(Error::Kind::Io, QStringLiteral("zlib init failed"), name());
        m_rawMode = false;
        return {};
    }
    if (!m_z->begin(-15))
        return Error::make(Error::Kind::Io, QStringLiteral("zlib init failed"), name());
    m_rawMode = m_format == Format::Gzip;
    if (cp.bits) {
        auto prev = m_compressed.read(cp.in - 1, 1);
        if (!prev)
            return prev.error();
        if (prev->size() != 1)
            return parseError(QStringLiteral("compressed data shrank"), name());
        inflatePrime(&m_z->z, cp.bits, uchar(prev->at(0)) >> (8 - cp.bits));
    }
    inflateSetDictionary(&m_z->z, reinterpret_cast<const Bytef *>(cp.window.constData()),
                         uInt(cp.window.size()));
    pushWindow(cp.window.constData(), cp.window.size());
    return {};
}

Result<QByteArray> InflateSource::read(qint64 offset, qint64 length)
{
    if (offset < 0 || length < 0)
        return Error::make(Error::Kind::Io, QStringLiteral("negative read range"), name());
    const qint64 known = size();
    if (known >= 0) {
        if (offset >= known)
            return QByteArray();
        length = std::min(length, known - offset);
    }
    if (length == 0)
        return QByteArray();
    if (m_streamError && offset >= m_outPos)
        return QByteArray(); // the end of what could be decoded; see streamError()

    bool needRestore = !m_z->init || offset < m_outPos;
    if (!needRestore && offset - m_outPos > kOutChunk) {
        QMutexLocker lock(&m_index->mutex);
        const auto &points = m_index->points;
        auto it = std::upper_bound(points.begin(), points.end(), offset,
                                   [](qint64 o, const auto &p) { return o < p.out; });
        needRestore = it != points.begin() && std::prev(it)->out > m_outPos;
    }
    if (needRestore) {
        if (auto st = restore(offset); !st)
            return st.error();
    }

    QByteArray result;
    const qint64 end = offset + length;
    z_stream &z = m_z->z;
    while (m_outPos < end && !m_end) {
        if (m_options.cancelled())
            return Error::make(Error::Kind::Cancelled, QStringLiteral("cancelled"), name());
        if (m_outPos > m_options.maxDecompressedBytes) {
            m_streamError = parseError(QStringLiteral("decompressed size exceeds the limit of %1 "
                                                      "bytes")
                                               .arg(m_options.maxDecompressedBytes),
                                       name());
            break;
        }
        if (z.avail_in == 0) {
            if (auto st = fillInput(); !st)
                return st.error();
            if (z.avail_in == 0) {
                m_streamError = parseError(QStringLiteral("compressed data truncated after %1 "
                                                          "decompressed bytes")
                                                   .arg(m_outPos),
                                           name());
                break;
            }
        }
        // Never inflate past the requested end: bytes beyond it would be dropped, and the
        // next sequential read would then start before m_outPos and restart from a checkpoint
        // (re-inflating up to `spacing` bytes per read: 5x the work on a full scan).
        const qint64 room = std::min(kOutChunk, end - m_outPos);
        z.next_out = reinterpret_cast<Bytef *>(m_z->out.data());
        z.avail_out = uInt(room);
        const int ret = inflate(&z, Z_BLOCK);
        const qint64 produced = room - z.avail_out;
        if (produced > 0) {
            const qint64 from = std::max(offset, m_outPos);
            const qint64 to = std::min(end, m_outPos + produced);
            if (to > from)
                result.append(m_z->out.constData() + (from - m_outPos), to - from);
            pushWindow(m_z->out.constData(), produced);
            m_outPos += produced;
        }
        if (ret == Z_STREAM_END) {
            if (m_format == Format::RawDeflate) {
                m_end = true;
                break;
            }
            const qint64 next = m_inPos - z.avail_in + (m_rawMode ? 8 : 0);
            auto magic = m_compressed.read(next, 2);
            if (magic && magic->size() == 2 && uchar(magic->at(0)) == 0x1f
                && uchar(magic->at(1)) == 0x8b) {
                m_z->begin(31);
                m_rawMode = false;
                m_in.clear();
                m_inPos = next;
                continue;
            }
            m_end = true;
            break;
        }
        if (ret != Z_OK && !(ret == Z_BUF_ERROR && z.avail_in == 0)) {
            m_streamError = parseError(QStringLiteral("corrupt compressed data after %1 bytes: %2")
                                               .arg(m_outPos)
                                               .arg(QString::fromLatin1(z.msg ? z.msg : "error")),
                                       name());
            break;
        }
        if ((z.data_type & 128) && !(z.data_type & 64) && m_outPos > 0)
            addCheckpoint();
    }
    if (m_streamError)
        m_end = true;
    else if (m_end && m_uncompressedSize < 0) {
        QMutexLocker lock(&m_index->mutex);
        m_index->knownSize = m_outPos;
    }
    return result;
}

} // namespace Trove

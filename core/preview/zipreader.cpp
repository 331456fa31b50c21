#include "zipreader.h"

#include "preview/lebytes.h"
#include "preview/zipmemberstream.h"

#include <QMutex>
#include <QMutexLocker>
#include <QTimeZone>

#include <algorithm>
#include <numeric>

namespace Trove {
namespace {

using namespace LeBytes;

constexpr quint32 kLocalSig = 0x04034b50;
constexpr quint32 kCentralSig = 0x02014b50;
constexpr quint32 kEndSig = 0x06054b50;
constexpr quint32 kEnd64LocatorSig = 0x07064b50;
constexpr quint32 kEnd64Sig = 0x06064b50;
constexpr qint64 kEndSize = 22;
constexpr qint64 kEnd64LocatorSize = 20;
constexpr qint64 kEnd64Size = 56;
constexpr qint64 kCentralSize = 46;
constexpr qint64 kLocalSize = 30;
constexpr qint64 kCdChunk = 4 << 20;
/// Deflate cannot compress better than about 1032:1; allow some slack.
constexpr quint64 kMaxDeflateRatio = 1100;

const char16_t kCp437High[128]
        = {0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7, 0x00EA, 0x00EB, 0x00E8,
           0x00EF, 0x00EE, 0x00EC, 0x00C4, 0x00C5, 0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2,
           0x00FB, 0x00F9, 0x00FF, 0x00D6, 0x00DC, 0x00A2, 0x00A3, 0x00A5, 0x20A7, 0x0192, 0x00E1,
           0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA, 0x00BA, 0x00BF, 0x2310, 0x00AC, 0x00BD,
           0x00BC, 0x00A1, 0x00AB, 0x00BB, 0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562,
           0x2556, 0x2555, 0x2563, 0x2551, 0x2557, 0x255D, 0x255C, 0x255B, 0x2510, 0x2514, 0x2534,
           0x252C, 0x251C, 0x2500, 0x253C, 0x255E, 0x255F, 0x255A, 0x2554, 0x2569, 0x2566, 0x2560,
           0x2550, 0x256C, 0x2567, 0x2568, 0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553, 0x256B,
           0x256A, 0x2518, 0x250C, 0x2588, 0x2584, 0x258C, 0x2590, 0x2580, 0x03B1, 0x00DF, 0x0393,
           0x03C0, 0x03A3, 0x03C3, 0x00B5, 0x03C4, 0x03A6, 0x0398, 0x03A9, 0x03B4, 0x221E, 0x03C6,
           0x03B5, 0x2229, 0x2261, 0x00B1, 0x2265, 0x2264, 0x2320, 0x2321, 0x00F7, 0x2248, 0x00B0,
           0x2219, 0x00B7, 0x221A, 0x207F, 0x00B2, 0x25A0, 0x00A0};

QString decodeCp437(const char *p, int n)
{
    QString out;
    out.reserve(n);
    for (int i = 0; i < n; ++i) {
        const auto c = static_cast<unsigned char>(p[i]);
        out.append(c < 0x80 ? QChar(char16_t(c)) : QChar(kCp437High[c - 0x80]));
    }
    return out;
}

QDateTime dosDateTime(quint16 time, quint16 date)
{
    const QDate d((date >> 9) + 1980, (date >> 5) & 15, date & 31);
    const QTime t(time >> 11, (time >> 5) & 63, (time & 31) * 2);
    if (!d.isValid() || !t.isValid())
        return {};
    return QDateTime(d, t);
}

/// A random-access view of a stored member: a plain sub-range of the archive.
class SubRangeSource final : public ByteSource
{
public:
    SubRangeSource(ByteSource &source, qint64 offset, qint64 size, QString name)
        : m_source(source)
        , m_offset(offset)
        , m_size(size)
        , m_name(std::move(name))
    {}
    qint64 size() const override { return m_size; }
    Result<QByteArray> read(qint64 offset, qint64 length) override
    {
        if (offset < 0 || length < 0)
            return Error::make(Error::Kind::Io, QStringLiteral("negative read range"), m_name);
        if (offset >= m_size)
            return QByteArray();
        auto r = m_source.read(m_offset + offset, std::min(length, m_size - offset));
        if (r.ok() && r->size() < std::min(length, m_size - offset))
            return Error::make(Error::Kind::Parse, QStringLiteral("zip member is truncated"),
                               m_name);
        return r;
    }
    QString name() const override { return m_name; }

private:
    ByteSource &m_source;
    qint64 m_offset;
    qint64 m_size;
    QString m_name;
};

/// A random-access view of a deflated member: streams forward, re-inflates on backward reads.
class InflatingSource final : public ByteSource
{
public:
    InflatingSource(ZipReader &reader,
                    int index,
                    std::unique_ptr<ZipMemberStream> stream,
                    QString name)
        : m_reader(reader)
        , m_index(index)
        , m_stream(std::move(stream))
        , m_name(std::move(name))
    {}
    qint64 size() const override { return m_stream->size(); }
    Result<QByteArray> read(qint64 offset, qint64 length) override
    {
        QMutexLocker lock(&m_mutex);
        if (offset < 0 || length < 0)
            return Error::make(Error::Kind::Io, QStringLiteral("negative read range"), m_name);
        if (offset < m_stream->position()) {
            auto reopened = m_reader.openMember(m_index);
            if (!reopened)
                return reopened.error();
            m_stream = std::move(reopened.value());
        }
        if (auto s = m_stream->skip(offset - m_stream->position()); !s)
            return s.error();
        QByteArray out;
        while (out.size() < length && !m_stream->atEnd()) {
            auto chunk = m_stream->read(length - out.size());
            if (!chunk)
                return chunk.error();
            if (chunk->isEmpty())
                break;
            out += *chunk;
        }
        return out;
    }
    QString name() const override { return m_name; }

private:
    QMutex m_mutex;
    ZipReader &m_reader;
    int m_index;
    std::unique_ptr<ZipMemberStream> m_stream;
    QString m_name;
};

} // namespace

QString ZipEntry::methodName() const
{
    switch (method) {
    case 0:
        return QStringLiteral("stored");
    case 8:
        return QStringLiteral("deflated");
    case 9:
        return QStringLiteral("deflate64");
    case 12:
        return QStringLiteral("bzip2");
    case 14:
        return QStringLiteral("lzma");
    case 93:
        return QStringLiteral("zstd");
    case 95:
        return QStringLiteral("xz");
    default:
        return QStringLiteral("method %1").arg(method);
    }
}

ZipReader::ZipReader(ByteSource &source, const PreviewOptions &options)
    : m_source(source)
    , m_options(options)
    , m_budget(std::make_shared<std::atomic<qint64>>(options.maxDecompressedBytes))
{}

ZipReader::~ZipReader() = default;

Error ZipReader::parseError(const QString &message) const
{
    return Error::make(Error::Kind::Parse, message, m_source.name());
}

bool ZipReader::isUnsafeName(const QString &name)
{
    if (name.isEmpty())
        return false;
    if (name.startsWith(QLatin1Char('/')) || name.contains(QLatin1Char('\\'))
        || name.contains(QChar(0)))
        return true;
    if (name.size() >= 2 && name.at(1) == QLatin1Char(':') && name.at(0).isLetter())
        return true;
    const auto parts = name.split(QLatin1Char('/'));
    return std::any_of(parts.begin(), parts.end(),
                       [](const QString &p) { return p == QLatin1String(".."); });
}

bool ZipReader::looksLikeZip(const QByteArray &head)
{
    return head.size() >= 4
           && (u32(head, 0) == kLocalSig || u32(head, 0) == kEndSig
               || u32(head, 0) == 0x08074b50 /* spanned marker */);
}

int ZipReader::findEntry(const QString &name) const
{
    for (int i = 0; i < m_entries.size(); ++i) {
        if (m_entries.at(i).name == name)
            return i;
    }
    return -1;
}

Status ZipReader::open()
{
    if (m_opened)
        return {};
    m_opened = true;
    QByteArray tail;
    qint64 tailOffset = 0;
    if (auto s = readEndRecords(tail, tailOffset); !s)
        return s;
    if (auto s = readCentralDirectory(tail, tailOffset); !s)
        return s;
    checkRanges();
    return {};
}

Status ZipReader::readEndRecords(QByteArray &tail, qint64 &tailOffset)
{
    const qint64 size = m_source.size();
    if (size < 0)
        return Error::make(Error::Kind::Unsupported,
                           QStringLiteral("cannot list a zip of unknown size"), m_source.name());
    if (size < kEndSize)
        return parseError(QStringLiteral("not a zip archive: %1 bytes is too small").arg(size));
    // The end record is the last 22 bytes plus a comment of up to 65535 bytes. One read of
    // that tail usually also holds the zip64 locator and, for small archives, the whole
    // central directory.
    const qint64 want = std::min<qint64>(size, kEndSize + 0xFFFF + kEnd64LocatorSize + kEnd64Size);
    tailOffset = size - want;
    auto r = m_source.read(tailOffset, want);
    if (!r)
        return r.error();
    tail = std::move(r.value());
    if (tail.size() != want)
        return parseError(QStringLiteral("short read at the end of the archive"));

    qint64 endPos = -1;
    for (qint64 i = tail.size() - kEndSize; i >= 0; --i) {
        if (u32(tail, i) == kEndSig && i + kEndSize + u16(tail, i + 20) <= tail.size()) {
            endPos = i;
            break;
        }
    }
    if (endPos < 0)
        return parseError(QStringLiteral(
                "not a zip archive, or truncated: no end of central directory record"));

    const quint16 disk = u16(tail, endPos + 4);
    const quint16 cdDisk = u16(tail, endPos + 6);
    quint64 count = u16(tail, endPos + 10);
    quint64 cdSize = u32(tail, endPos + 12);
    quint64 cdOffset = u32(tail, endPos + 16);
    m_comment = QString::fromUtf8(tail.mid(endPos + kEndSize, u16(tail, endPos + 20)));
    qint64 endRecordAbs = tailOffset + endPos; // where the (zip64) end records start

    if (endPos >= kEnd64LocatorSize && u32(tail, endPos - kEnd64LocatorSize) == kEnd64LocatorSig) {
        const qint64 loc = endPos - kEnd64LocatorSize;
        // The record normally sits right before the locator (as Python's zipfile assumes);
        // otherwise trust the locator's offset.
        quint64 rec = u64(tail, loc + 8);
        if (loc >= kEnd64Size && u32(tail, loc - kEnd64Size) == kEnd64Sig)
            rec = quint64(tailOffset + loc - kEnd64Size);
        if (u32(tail, loc + 16) > 1)
            return Error::make(
                    Error::Kind::Unsupported,
                    QStringLiteral("multi-disk (spanned) zip archives are not supported"),
                    m_source.name());
        if (rec > quint64(tailOffset + loc) || quint64(tailOffset + loc) - rec < kEnd64Size)
            return parseError(QStringLiteral("zip64 end record offset is out of range"));
        QByteArray rec64;
        if (qint64(rec) >= tailOffset) {
            rec64 = tail.mid(qint64(rec) - tailOffset, kEnd64Size);
        } else {
            auto r64 = m_source.read(qint64(rec), kEnd64Size);
            if (!r64)
                return r64.error();
            rec64 = std::move(r64.value());
        }
        if (rec64.size() != kEnd64Size || u32(rec64, 0) != kEnd64Sig)
            return parseError(QStringLiteral("zip64 end of central directory record is missing"));
        if (u32(rec64, 16) != 0 || u32(rec64, 20) != 0)
            return Error::make(
                    Error::Kind::Unsupported,
                    QStringLiteral("multi-disk (spanned) zip archives are not supported"),
                    m_source.name());
        count = u64(rec64, 32);
        cdSize = u64(rec64, 40);
        cdOffset = u64(rec64, 48);
        endRecordAbs = qint64(rec);
        m_zip64 = true;
    } else {
        if (disk != 0 || cdDisk != 0)
            return Error::make(
                    Error::Kind::Unsupported,
                    QStringLiteral("multi-disk (spanned) zip archives are not supported"),
                    m_source.name());
        if (cdSize == 0xFFFFFFFF || cdOffset == 0xFFFFFFFF)
            return parseError(QStringLiteral("zip64 archive without its zip64 end record"));
    }

    // Archives with a prefix (self-extracting stubs) have offsets relative to the zip start.
    if (cdSize > quint64(endRecordAbs) || cdOffset > quint64(endRecordAbs) - cdSize)
        return parseError(QStringLiteral(
                "central directory offset or size is out of range (truncated file?)"));
    m_prefix = quint64(endRecordAbs) - cdSize - cdOffset;
    m_cdOffset = cdOffset + m_prefix;
    m_cdSize = cdSize;
    m_declaredCount = count;
    if (m_prefix)
        m_warnings << QStringLiteral("%1 bytes of data precede the archive").arg(m_prefix);
    return {};
}

Status ZipReader::readCentralDirectory(const QByteArray &tail, qint64 tailOffset)
{
    // Stream the central directory in chunks so that a huge one is never held whole.
    QByteArray buf;
    qint64 bufPos = 0; // parse position inside buf
    quint64 next = m_cdOffset;
    const quint64 end = m_cdOffset + m_cdSize;
    const bool inTail = qint64(m_cdOffset) >= tailOffset;
    if (inTail) {
        buf = tail.mid(qint64(m_cdOffset) - tailOffset, qint64(m_cdSize));
        next = end;
    }
    m_entries.reserve(int(std::min<quint64>(m_declaredCount, quint64(m_maxEntries))));
    quint64 parsed = 0;
    while (true) {
        const qint64 avail = buf.size() - bufPos;
        if (avail > 0) {
            if (int(m_entries.size()) >= m_maxEntries) {
                m_truncated = true;
                m_warnings
                        << QStringLiteral("listing stopped at %1 entries (cap)").arg(m_maxEntries);
                break;
            }
            qint64 consumed = 0;
            auto s = parseEntry(buf.constData() + bufPos, avail, consumed);
            if (!s)
                return s;
            if (consumed > 0) {
                bufPos += consumed;
                parsed += quint64(consumed);
                continue;
            }
        }
        if (next >= end) {
            if (avail > 0)
                return parseError(QStringLiteral("central directory entry is truncated"));
            break;
        }
        if (m_options.cancelled())
            return Error::make(Error::Kind::Cancelled, QString(), m_source.name());
        const qint64 want = qint64(std::min<quint64>(end - next, kCdChunk));
        auto r = m_source.read(qint64(next), want);
        if (!r)
            return r.error();
        if (r->size() != want)
            return parseError(QStringLiteral("archive is truncated inside the central directory"));
        buf = buf.mid(bufPos) + *r;
        bufPos = 0;
        next += quint64(want);
    }
    if (!m_truncated && quint64(m_entries.size()) != m_declaredCount)
        m_warnings << QStringLiteral("end record declares %1 entries, central directory has %2")
                              .arg(m_declaredCount)
                              .arg(m_entries.size());
    Q_UNUSED(parsed);
    return {};
}

/// Parses one central directory record at `p`. Sets `consumed` to 0 if more bytes are needed.
Status ZipReader::parseEntry(const char *p, qint64 available, qint64 &consumed)
{
    consumed = 0;
    if (available < 4)
        return {};
    if (u32(p) != kCentralSig)
        return parseError(QStringLiteral("bad central directory entry signature at entry %1")
                                  .arg(m_entries.size()));
    if (available < kCentralSize)
        return {};
    const quint16 nameLen = u16(p + 28);
    const quint16 extraLen = u16(p + 30);
    const quint16 commentLen = u16(p + 32);
    const qint64 total = kCentralSize + nameLen + extraLen + commentLen;
    if (available < total)
        return {};
    consumed = total;

    ZipEntry e;
    e.flags = u16(p + 8);
    e.method = u16(p + 10);
    e.modified = dosDateTime(u16(p + 12), u16(p + 14));
    e.crc32 = u32(p + 16);
    e.compressedSize = u32(p + 20);
    e.uncompressedSize = u32(p + 24);
    e.localHeaderOffset = u32(p + 42);
    e.encrypted = e.flags & 1;
    e.rawNameLength = nameLen;
    const char *name = p + kCentralSize;
    e.name = (e.flags & 0x800) ? QString::fromUtf8(name, nameLen) : decodeCp437(name, nameLen);
    m_nameBytes += nameLen;
    if (m_nameBytes > m_options.maxBytesInMemory)
        return parseError(QStringLiteral("central directory names exceed the memory cap"));

    // Extra fields: zip64 sizes/offsets and the extended (UTC) timestamp.
    const char *x = name + nameLen;
    const char *xEnd = x + extraLen;
    while (xEnd - x >= 4) {
        const quint16 id = u16(x);
        const quint16 len = u16(x + 2);
        const char *d = x + 4;
        if (xEnd - d < len)
            break;
        if (id == 0x0001) {
            const char *q = d;
            auto take = [&](quint64 &field) -> bool {
                if (d + len - q < 8)
                    return false;
                field = u64(q);
                q += 8;
                return true;
            };
            bool ok = true;
            if (e.uncompressedSize == 0xFFFFFFFF)
                ok = ok && take(e.uncompressedSize);
            if (e.compressedSize == 0xFFFFFFFF)
                ok = ok && take(e.compressedSize);
            if (e.localHeaderOffset == 0xFFFFFFFF)
                ok = ok && take(e.localHeaderOffset);
            if (!ok)
                return parseError(
                        QStringLiteral("zip64 extra field too short for \"%1\"").arg(e.name));
        } else if (id == 0x5455 && len >= 5 && (static_cast<unsigned char>(d[0]) & 1)) {
            const auto t = qint32(u32(d + 1));
            e.modified = QDateTime::fromSecsSinceEpoch(t, QTimeZone::utc());
        }
        x = d + len;
    }
    if (e.uncompressedSize == 0xFFFFFFFF || e.compressedSize == 0xFFFFFFFF
        || e.localHeaderOffset == 0xFFFFFFFF)
        return parseError(
                QStringLiteral("\"%1\" needs a zip64 extra field it does not have").arg(e.name));
    if (e.localHeaderOffset > quint64(std::numeric_limits<qint64>::max()) - m_prefix
        || e.compressedSize > quint64(std::numeric_limits<qint64>::max() / 2)
        || e.uncompressedSize > quint64(std::numeric_limits<qint64>::max() / 2))
        return parseError(QStringLiteral("\"%1\" has sizes or offsets out of range").arg(e.name));
    e.localHeaderOffset += m_prefix;
    e.isDirectory = e.name.endsWith(QLatin1Char('/'));
    e.unsafeName = isUnsafeName(e.name);
    if (e.unsafeName)
        m_warnings << QStringLiteral("unsafe member name (path traversal): \"%1\"").arg(e.name);
    m_entries.append(std::move(e));
    return {};
}

/// Flags members whose data would overlap another member or spill out of the data area (the
/// "overlapping files" zip bomb and lying offsets). A lower bound of each member's span is
/// used: the local header with the central name, plus the compressed data.
void ZipReader::checkRanges()
{
    std::vector<int> order(m_entries.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [this](int a, int b) {
        return m_entries.at(a).localHeaderOffset < m_entries.at(b).localHeaderOffset;
    });
    int bad = 0;
    for (size_t k = 0; k < order.size(); ++k) {
        ZipEntry &e = m_entries[order[k]];
        const quint64 spanEnd
                = e.localHeaderOffset + kLocalSize + e.rawNameLength + e.compressedSize;
        bool isBad = e.localHeaderOffset < m_prefix || spanEnd > m_cdOffset;
        if (k + 1 < order.size()) {
            ZipEntry &n = m_entries[order[k + 1]];
            if (spanEnd > n.localHeaderOffset) {
                isBad = true;
                n.badRange = true;
            }
        }
        if (isBad)
            e.badRange = true;
    }
    for (const ZipEntry &e : std::as_const(m_entries))
        bad += e.badRange ? 1 : 0;
    if (bad)
        m_warnings << QStringLiteral("%1 member(s) overlap others or lie outside the data area")
                              .arg(bad);
}

Result<std::unique_ptr<ZipMemberStream>> ZipReader::openMember(int index)
{
    if (index < 0 || index >= m_entries.size())
        return Error::make(Error::Kind::Parse, QStringLiteral("no such zip member"),
                           m_source.name());
    const ZipEntry &e = m_entries.at(index);
    const QString where = m_source.name() + QStringLiteral(" : ") + e.name;
    if (e.encrypted)
        return Error::make(Error::Kind::Unsupported,
                           QStringLiteral("\"%1\" is encrypted").arg(e.name), where);
    if (e.method != 0 && e.method != 8)
        return Error::make(Error::Kind::Unsupported,
                           QStringLiteral("\"%1\" uses unsupported compression (%2)")
                                   .arg(e.name, e.methodName()),
                           where);
    if (e.badRange)
        return Error::make(Error::Kind::Parse,
                           QStringLiteral("\"%1\" overlaps another member or lies outside the "
                                          "archive (zip bomb or corrupt archive)")
                                   .arg(e.name),
                           where);
    if (qint64(e.uncompressedSize) > m_options.maxDecompressedBytes)
        return Error::make(Error::Kind::Parse,
                           QStringLiteral("\"%1\" declares %2 bytes, above the %3-byte cap")
                                   .arg(e.name)
                                   .arg(e.uncompressedSize)
                                   .arg(m_options.maxDecompressedBytes),
                           where);
    if (e.method == 8 && e.uncompressedSize > 1024 + e.compressedSize * kMaxDeflateRatio)
        return Error::make(Error::Kind::Parse,
                           QStringLiteral("\"%1\" declares an impossible compression ratio "
                                          "(zip bomb?)")
                                   .arg(e.name),
                           where);
    if (e.method == 0 && e.uncompressedSize != e.compressedSize)
        return Error::make(Error::Kind::Parse,
                           QStringLiteral("stored member \"%1\" has different sizes").arg(e.name),
                           where);

    auto local = m_source.read(qint64(e.localHeaderOffset), kLocalSize);
    if (!local)
        return local.error();
    if (local->size() != kLocalSize || u32(*local, 0) != kLocalSig)
        return Error::make(Error::Kind::Parse,
                           QStringLiteral("local header of \"%1\" is missing").arg(e.name), where);
    const quint64 dataOffset = e.localHeaderOffset + kLocalSize + u16(*local, 26) + u16(*local, 28);
    if (dataOffset + e.compressedSize > m_cdOffset)
        return Error::make(
                Error::Kind::Parse,
                QStringLiteral("data of \"%1\" runs into the central directory").arg(e.name),
                where);
    std::unique_ptr<ZipMemberStream> stream(
            new ZipMemberStream(m_source, e, dataOffset, m_options, m_budget));
    if (auto s = stream->init(); !s)
        return s.error();
    return stream;
}

Result<QByteArray> ZipReader::readMember(int index, qint64 maxBytes)
{
    auto stream = openMember(index);
    if (!stream)
        return stream.error();
    QByteArray out;
    while (out.size() < maxBytes) {
        auto chunk = (*stream)->read(std::min<qint64>(maxBytes - out.size(), 1 << 20));
        if (!chunk)
            return chunk.error();
        if (chunk->isEmpty())
            break;
        out += *chunk;
    }
    return out;
}

Result<std::unique_ptr<ByteSource>> ZipReader::memberSource(int index)
{
    auto stream = openMember(index);
    if (!stream)
        return stream.error();
    const ZipEntry &e = m_entries.at(index);
    const QString name = m_source.name() + QStringLiteral(" : ") + e.name;
    if (e.method == 0) {
        return std::unique_ptr<ByteSource>(new SubRangeSource(
                m_source, qint64((*stream)->m_dataOffset), qint64(e.uncompressedSize), name));
    }
    return std::unique_ptr<ByteSource>(
            new InflatingSource(*this, index, std::move(stream.value()), name));
}

} // namespace Trove

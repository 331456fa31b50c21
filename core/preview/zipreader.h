#pragma once

#include "common/bytesource.h"
#include "common/result.h"
#include "preview/previewtypes.h"

#include <QDateTime>
#include <QList>
#include <QStringList>

#include <atomic>
#include <memory>

namespace Trove {

class ZipMemberStream;

/// One member of a zip archive, as the central directory describes it.
struct ZipEntry
{
    QString name; ///< UTF-8 when flagged, else decoded as CP437
    quint64 compressedSize = 0;
    quint64 uncompressedSize = 0;  ///< declared; extraction never produces more than this
    quint64 localHeaderOffset = 0; ///< absolute offset in the source (prefix data included)
    quint32 crc32 = 0;
    quint16 method = 0; ///< 0 stored, 8 deflated; anything else cannot be extracted
    quint16 flags = 0;
    QDateTime modified; ///< extended timestamp (UTC) when present, else the DOS local time
    bool isDirectory = false;
    bool encrypted = false;
    bool unsafeName = false; ///< zip-slip: `..` segment, absolute path, backslash, drive, NUL
    bool badRange = false;   ///< data overlaps another member or lies outside the data area
    quint16 rawNameLength = 0;

    QString methodName() const;
};

/// Reads zip archives from a ByteSource without reading them whole.
///
/// open() reads the end of the source (end of central directory record, zip64 locator and
/// record) and then the central directory, so a remote zip is listed with two or three range
/// reads however large its members are. Members are then extracted one at a time, stored or
/// deflated (zlib), streamed in bounded memory with their CRC-32 checked.
///
/// Hostile archives give a clear Error, never a crash or a hang: truncated files, lying or
/// overlapping offsets, zip64 fields out of range, too many entries (capped: the listing is
/// then marked truncated), names that would escape an extraction folder (flagged), and zip
/// bombs (declared sizes above PreviewOptions::maxDecompressedBytes, impossible compression
/// ratios, members inflating past their declared size, and a total budget of decompressed
/// bytes shared by every member read through one reader).
///
/// Blocking: call from a worker thread. Honours PreviewOptions::cancel between chunks. The
/// ByteSource must outlive the reader and every stream or member source it returns.
class ZipReader final
{
public:
    explicit ZipReader(ByteSource &source, const PreviewOptions &options = {});
    ~ZipReader();
    ZipReader(const ZipReader &) = delete;
    ZipReader &operator=(const ZipReader &) = delete;

    /// Caps the number of entries listed (default 200,000); more are reported as truncated.
    void setMaxEntries(int maxEntries) { m_maxEntries = maxEntries; }

    /// Reads the end records and the central directory. Call once before anything else.
    Status open();

    const QList<ZipEntry> &entries() const { return m_entries; }
    /// Index of the entry named exactly `name`, or -1.
    int findEntry(const QString &name) const;

    bool isZip64() const { return m_zip64; }
    /// True when the archive has more entries than the cap and the listing stops early.
    bool isTruncated() const { return m_truncated; }
    /// Entry count declared by the end record (may differ from entries().size()).
    quint64 declaredEntryCount() const { return m_declaredCount; }
    QString comment() const { return m_comment; }
    /// Bytes before the first member (self-extracting stubs), 0 for normal archives.
    quint64 prefixBytes() const { return m_prefix; }
    quint64 centralDirectoryOffset() const { return m_cdOffset; }
    quint64 centralDirectorySize() const { return m_cdSize; }
    /// Notes about oddities that do not prevent listing (unsafe names, overlaps, ...).
    QStringList warnings() const { return m_warnings; }

    /// A sequential stream of the member's uncompressed bytes.
    Result<std::unique_ptr<ZipMemberStream>> openMember(int index);
    /// The member's first `maxBytes` bytes (all of it if smaller); CRC checked when whole.
    Result<QByteArray> readMember(int index, qint64 maxBytes);
    /// The member as a random-access ByteSource: a plain sub-range for stored members, a
    /// re-inflating stream (cheap forward reads, restart on backward seeks) for deflated ones.
    Result<std::unique_ptr<ByteSource>> memberSource(int index);

    /// True for names that could escape an extraction folder.
    static bool isUnsafeName(const QString &name);
    /// True if `head` starts like a zip (local header or empty archive end record).
    static bool looksLikeZip(const QByteArray &head);

private:
    Status readEndRecords(QByteArray &tail, qint64 &tailOffset);
    Status readCentralDirectory(const QByteArray &tail, qint64 tailOffset);
    Status parseEntry(const char *p, qint64 available, qint64 &consumed);
    void checkRanges();
    Error parseError(const QString &message) const;

    ByteSource &m_source;
    PreviewOptions m_options;
    QList<ZipEntry> m_entries;
    QStringList m_warnings;
    QString m_comment;
    int m_maxEntries = 200000;
    qint64 m_nameBytes = 0;
    quint64 m_declaredCount = 0;
    quint64 m_cdOffset = 0; ///< absolute (prefix included)
    quint64 m_cdSize = 0;
    quint64 m_prefix = 0;
    bool m_zip64 = false;
    bool m_truncated = false;
    bool m_opened = false;
    /// Decompressed bytes still allowed for all members read through this reader.
    std::shared_ptr<std::atomic<qint64>> m_budget;
};

} // namespace Trove

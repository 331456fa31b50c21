#pragma once

#include "common/bytesource.h"
#include "common/result.h"
#include "preview/previewtypes.h"

#include <QDateTime>
#include <QList>
#include <QStringList>

#include <nlohmann/json.hpp>

namespace Trove {

/// One member of an archive listing.
struct ArchiveMember
{
    QString name;
    QString type = QStringLiteral("file"); ///< file, dir, symlink, hardlink, other
    qint64 size = 0;
    qint64 compressedSize = -1; ///< zip only
    QDateTime modified;
    QString linkTarget;
    QString method;          ///< zip compression method
    bool unsafeName = false; ///< path traversal (name or link target)
    bool badRange = false;   ///< zip: data overlaps another member or lies outside the data area
};

struct ArchiveListing
{
    QString format; ///< "zip", "tar", "tar.gz", ...
    QList<ArchiveMember> members;
    bool truncated = false; ///< entry cap or decompression cap reached
    qint64 totalSize = 0;   ///< sum of member sizes listed
    QStringList warnings;

    nlohmann::json toJson(int maxMembers = 100000) const;
};

/// Archive previews: zip through ZipReader (central directory only: a few range reads), tar,
/// tar.gz/tgz, tar.bz2, tar.xz, tar.zst through libarchive, streamed (uncompressed tar headers
/// are read and member data skipped; compressed tars are decompressed on the fly, stopping at
/// PreviewOptions::maxDecompressedBytes). A member preview extracts that member alone, into
/// memory under a cap or to a file. Names that would escape an extraction folder are flagged.
/// Blocking; call from a worker thread.
class ArchiveDecoder final
{
public:
    static Result<ArchiveListing>
    list(ByteSource &source, const PreviewOptions &options, int maxMembers = 100000);
    /// The first `maxBytes` of member `name` (exact name match).
    static Result<QByteArray> extract(ByteSource &source,
                                      const QString &name,
                                      qint64 maxBytes,
                                      const PreviewOptions &options);
    /// Writes member `name` to `path` (whole member, at most maxDecompressedBytes).
    static Status extractToFile(ByteSource &source,
                                const QString &name,
                                const QString &path,
                                const PreviewOptions &options);
};

} // namespace Trove

#pragma once

#include "common/result.h"

#include <QString>

#include <atomic>
#include <functional>

namespace Trove {

/// Extracts zip / tar / tar.gz archives (libarchive) the way the SDK's cache lays them out:
/// into `<target>_<ms>_<random digits>` first, then renamed to `<target>`; an existing target
/// is reused (and touched). Hostile archives are refused, never half-written:
///  - zip-slip: absolute names, ".." components, symlinks and hard links → Parse error;
///  - bombs: total unpacked bytes, entry count and (for large archives) ratio limits.
///
/// Blocking and disk-heavy: call from a worker thread. `cancel` is polled between blocks.
class ArchiveExtractor final
{
public:
    struct Limits
    {
        qint64 maxTotalBytes = qint64(64) << 30; ///< 64 GiB unpacked
        qint64 maxEntries = 1'000'000;
        double maxRatio = 1000.0; ///< unpacked / archive bytes, checked past 64 MiB unpacked
    };

    /// Extracts `archivePath` into `targetFolder`. Returns the folder.
    static Result<QString> extract(const QString &archivePath,
                                   const QString &targetFolder,
                                   const Limits &limits,
                                   const std::atomic_bool *cancel = nullptr);
    static Result<QString> extract(const QString &archivePath, const QString &targetFolder)
    {
        return extract(archivePath, targetFolder, Limits{});
    }

    /// Validates a member name: relative, no "..", no empty result. Returns the cleaned name
    /// or an empty string when unsafe.
    static QString safeMemberPath(const QString &name);
};

} // namespace Trove

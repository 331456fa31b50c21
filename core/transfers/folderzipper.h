#pragma once

#include "common/result.h"

#include <QString>

#include <atomic>
#include <functional>

namespace Trove {

/// Zips a folder the way the SDK's upload_artifact(folder) does: every regular file below it,
/// recursively, deflated, member names relative to the folder ("sub/b.txt"), no folder
/// entries; and builds the SDK's archive preview ("Archive content <folder>/*:\n<rel> - <size>\n").
///
/// Streams file by file through libarchive into `zipPath` (constant memory). Blocking: call
/// from a worker thread; `cancel` is polled between blocks.
class FolderZipper final
{
public:
    struct Output
    {
        QString zipPath;
        qint64 fileCount = 0;
        qint64 inputBytes = 0;
        QString preview;
    };
    using Progress = std::function<void(qint64 doneBytes, qint64 totalBytes)>;

    static Result<Output> zip(const QString &folder,
                              const QString &zipPath,
                              const std::atomic_bool *cancel = nullptr,
                              const Progress &progress = {});
};

} // namespace Trove

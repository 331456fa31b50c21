#pragma once

#include <QString>

#include <atomic>

namespace Trove {

/// A local path offered for upload (a drop, `trove-cli put`), and what Trove found out about
/// it: file or folder, size, and — when it cannot be uploaded — why, in words for the user.
///
/// inspect() walks a folder and opens files: it blocks, so call it from a worker thread.
/// The name functions are pure.
struct DroppedPath
{
    enum class Kind { Missing, File, Folder, Other };

    QString path; ///< absolute, cleaned
    Kind kind = Kind::Missing;
    qint64 size = 0;      ///< the file's size, or the total of the folder's files
    qint64 fileCount = 0; ///< regular files (1 for a file)
    QString problem;      ///< why it cannot be uploaded; empty when it can

    bool isUsable() const { return problem.isEmpty(); }
    bool isFolder() const { return kind == Kind::Folder; }

    /// Refuses, with a reason: a missing path; anything but a regular file or a folder
    /// (device, socket, pipe); a file that cannot be opened for reading; an empty file (the
    /// SDK's cache refuses 0-byte downloads, so nobody could fetch it back); a folder without
    /// any regular file (it would become an empty zip) or with files that cannot be read.
    static DroppedPath inspect(const QString &path, const std::atomic_bool *cancel = nullptr);

    /// The artifact name trove-cli put uses by default: a file's name without its last
    /// suffix ("model.tar.gz" → "model.tar"), a folder's name; the whole file name when that
    /// leaves nothing (".env"). Never empty for a non-empty path.
    static QString defaultArtifactName(const QString &path, bool isFolder);
};

} // namespace Trove

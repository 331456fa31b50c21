#pragma once

#include <QString>

#include <memory>

namespace Trove {

/// An SDK-compatible cache lock: `.lock.NNN.<entry name>.clearml` beside the entry, held with
/// flock(LOCK_EX | LOCK_NB) for as long as this object lives. The SDK's eviction (and ours)
/// skips an entry while any of its lock files is held. Trove takes one while a preview holds a
/// cached file open, so neither the SDK nor another Trove deletes it under the reader.
class CacheLock final
{
public:
    ~CacheLock();
    CacheLock(const CacheLock &) = delete;
    CacheLock &operator=(const CacheLock &) = delete;

    /// Locks `entryPath` (a cached file or extracted folder) with the first free NNN.
    /// Returns nullptr if no lock file can be created (read-only folder).
    static std::unique_ptr<CacheLock> acquire(const QString &entryPath);

    /// True when another open file description holds `lockFilePath` (this process included).
    static bool isHeld(const QString &lockFilePath);

    /// Lock file name prefix/suffix used by the SDK.
    static bool isLockFileName(const QString &fileName);
    /// The entry name a lock file protects ("" for a non-lock name).
    static QString entryNameOf(const QString &lockFileName);

    QString lockFilePath() const { return m_path; }

private:
    CacheLock(QString path, int fd);

    QString m_path;
    int m_fd = -1;
};

} // namespace Trove

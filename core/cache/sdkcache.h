#pragma once

#include "common/result.h"

#include <QDateTime>
#include <QList>
#include <QProcessEnvironment>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>

namespace Trove {

/// The ClearML SDK's StorageManager cache, shared file for file with the SDK (contract §7):
///
///   <base>/storage_manager/<context>/<md5(uri)>.<last uri segment>
///   <base>/storage_manager/<context>/<md5(uri)>.<name w/o archive suffix>_artifacts_archive_<key>
///
/// A file Trove downloads is a hit for `StorageManager.get_local_copy()` and the reverse.
/// Downloads go to `<final>_<time>.partially` and are renamed atomically; every hit touches
/// the entry's mtime; eviction keeps the newest N entries (folders count by their newest
/// child), never deletes an entry whose SDK lock file is held, and may add a byte cap.
///
/// All methods touch the disk and may block: call them from a worker thread, except the
/// pure name functions (static, no I/O).
class SdkCache final
{
public:
    /// CLEARML_CACHE_DIR, then TRAINS_CACHE_DIR, then `configuredDefaultBaseDir`
    /// (sdk.storage.cache.default_base_dir, "~/.clearml/cache" in the SDK's sdk.conf), then
    /// <system temp>/clearml_cache. "~" and $VARS are expanded.
    static QString resolveBaseDir(const QString &configuredDefaultBaseDir,
                                  const QProcessEnvironment &env
                                  = QProcessEnvironment::systemEnvironment());

    explicit SdkCache(QString baseDir, QString context = QStringLiteral("global"));

    QString baseDir() const { return m_baseDir; }
    /// <base>/storage_manager/<context>
    QString contextDir() const;

    /// md5(uri as stored) + "." + last '/'-segment, cut to the file-name limit keeping the
    /// last two suffixes.
    static QString entryName(const QString &uri);
    /// The extracted-archive folder name for a cached archive file name and artifact key
    /// ("None" for an empty key, the key percent-quoted with space kept).
    static QString archiveFolderName(const QString &cachedFileName, const QString &artifactKey);
    /// True for the archive suffixes the SDK extracts: .zip, .tar.gz, .tgz (and .tar).
    static bool isArchiveName(const QString &fileName);

    QString entryPath(const QString &uri) const;
    QString archiveFolderPath(const QString &uri, const QString &artifactKey) const;

    /// The cached path for `uri` if present (file or folder), touching it; else empty.
    QString lookup(const QString &uri) const;
    /// The extracted folder for `uri`/`artifactKey` if present, touching it; else empty.
    QString lookupArchiveFolder(const QString &uri, const QString &artifactKey) const;

    /// A fresh temp name beside `finalPath`: `<final>_<seconds.micro>.partially`.
    static QString partialPathFor(const QString &finalPath);

    /// Moves a finished download into place atomically. A 0-byte file is refused (Integrity
    /// error, file removed). An existing final entry is replaced.
    static Status commit(const QString &partialPath, const QString &finalPath);

    static void touch(const QString &path);

    struct EvictionPolicy
    {
        int maxEntries = 100; ///< sdk.storage.cache.default_cache_manager_size
        qint64 maxBytes = 0;  ///< 0 = no byte cap (the SDK has none)
    };
    struct EvictionReport
    {
        QStringList removed;
        QStringList keptLocked;
        qint64 bytesAfter = 0;
    };
    /// Evicts old entries of this context. `protectedNames` (file names) are never removed:
    /// downloads in flight. Entries whose lock file is held are skipped; stale lock files of
    /// removed entries are deleted.
    EvictionReport evict(const EvictionPolicy &policy,
                         const QSet<QString> &protectedNames = {}) const;

    /// Returns true to stop a long listing or removal early (checked between files).
    using CancelCheck = std::function<bool()>;

    /// One entry of the context folder: a cached file or an extracted archive folder.
    struct Entry
    {
        QString name; ///< the file or folder name in contextDir()
        QString path;
        bool folder = false; ///< an extracted archive
        qint64 bytes = 0;    ///< folders: the sum of their files
        QDateTime lastUsed;  ///< mtime (every hit touches it); folders: their newest child
        bool locked = false; ///< one of its SDK lock files is held (in use right now)
    };
    /// The entries, most recently used first. Lock files and downloads in progress
    /// (`….partially`) are not entries. Sizes every folder: call it from a worker thread.
    QList<Entry> entries(const CancelCheck &cancelled = {}) const;

    struct RemoveReport
    {
        QStringList removed;
        QStringList keptLocked; ///< in use: an SDK lock file is held
        QStringList failed;     ///< missing, not an entry name, or not deletable
    };
    /// Removes the named entries of this context with their lock files, never one whose
    /// lock is held (what `StorageManager` relies on while it reads a file).
    RemoveReport remove(const QStringList &names, const CancelCheck &cancelled = {}) const;

    /// Forgets the cached copies of `uri` — the file and the folder it was extracted to for
    /// `artifactKey` — after the object at `uri` was replaced (same name, new bytes), so that
    /// the next download does not serve the old bytes. An entry whose lock is held (a reader
    /// uses it) is kept; its name is returned.
    QStringList invalidate(const QString &uri, const QString &artifactKey) const;

private:
    QString m_baseDir;
    QString m_context;
};

} // namespace Trove

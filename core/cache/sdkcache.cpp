#include "sdkcache.h"

#include "cache/cachelock.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sys/stat.h>
#include <sys/time.h>

namespace Trove {
namespace {

constexpr int kNameMax = 255;
constexpr int kNameReserve = 32; // room for "_<time>.partially" and the lock prefix

QString expandVars(QString path, const QProcessEnvironment &env)
{
    if (path == QLatin1String("~") || path.startsWith(QLatin1String("~/")))
        path = QDir::homePath() + path.mid(1);
    static const QRegularExpression var(
            QStringLiteral("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)\\}|([A-Za-z_][A-Za-z0-9_]*))"));
    QString out;
    qsizetype last = 0;
    auto it = var.globalMatch(path);
    while (it.hasNext()) {
        const auto m = it.next();
        const QString name = m.captured(1).isEmpty() ? m.captured(2) : m.captured(1);
        out += path.mid(last, m.capturedStart() - last);
        // Like os.path.expandvars: unknown variables stay as written.
        out += env.contains(name) ? env.value(name) : m.captured(0);
        last = m.capturedEnd();
    }
    out += path.mid(last);
    return out;
}

qint64 newestTime(const QFileInfo &info)
{
    qint64 t = info.lastModified().toMSecsSinceEpoch();
    if (info.isDir() && !info.isSymLink()) {
        QDir dir(info.absoluteFilePath());
        const auto children = dir.entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::System
                                                | QDir::NoDotAndDotDot);
        for (const QFileInfo &child : children)
            t = std::max(t, child.lastModified().toMSecsSinceEpoch());
    }
    return t;
}

qint64 sizeOf(const QFileInfo &info, const SdkCache::CancelCheck &cancelled = {})
{
    if (!info.isDir() || info.isSymLink())
        return info.size();
    qint64 total = 0;
    QDirIterator it(info.absoluteFilePath(), QDir::Files | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        if (cancelled && cancelled())
            break;
        it.next();
        total += it.fileInfo().size();
    }
    return total;
}

bool removeEntry(const QFileInfo &info)
{
    if (info.isDir() && !info.isSymLink())
        return QDir(info.absoluteFilePath()).removeRecursively();
    return QFile::remove(info.absoluteFilePath());
}

QFileInfoList listContext(const QDir &dir)
{
    return dir.entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
}

/// Entry name → the SDK lock files beside it.
QHash<QString, QStringList> lockFilesByEntry(const QFileInfoList &infos)
{
    QHash<QString, QStringList> locks;
    for (const QFileInfo &info : infos)
        if (CacheLock::isLockFileName(info.fileName()))
            locks[CacheLock::entryNameOf(info.fileName())] << info.absoluteFilePath();
    return locks;
}

bool anyHeld(const QStringList &lockFiles)
{
    return std::any_of(lockFiles.cbegin(), lockFiles.cend(),
                       [](const QString &f) { return CacheLock::isHeld(f); });
}

/// Python's urllib.parse.quote(text, safe=" "): UTF-8, unreserved and ' ' kept.
QString quoteKeepSpace(const QString &text)
{
    return QString::fromLatin1(text.toUtf8().toPercentEncoding(" ", "~"));
}

} // namespace

QString SdkCache::resolveBaseDir(const QString &configuredDefaultBaseDir,
                                 const QProcessEnvironment &env)
{
    QString base = env.value(QStringLiteral("CLEARML_CACHE_DIR"));
    if (base.isEmpty())
        base = env.value(QStringLiteral("TRAINS_CACHE_DIR"));
    if (base.isEmpty())
        base = configuredDefaultBaseDir;
    if (base.isEmpty())
        base = QDir::tempPath() + QStringLiteral("/clearml_cache");
    return QDir::cleanPath(expandVars(base, env));
}

SdkCache::SdkCache(QString baseDir, QString context)
    : m_baseDir(std::move(baseDir))
    , m_context(std::move(context))
{}

QString SdkCache::contextDir() const
{
    return m_baseDir + QStringLiteral("/storage_manager/") + m_context;
}

QString SdkCache::entryName(const QString &uri)
{
    const QByteArray md5 = QCryptographicHash::hash(uri.toUtf8(), QCryptographicHash::Md5).toHex();
    QString last = uri.section(QLatin1Char('/'), -1);
    QString name = QString::fromLatin1(md5) + QLatin1Char('.') + last;
    const int limit = kNameMax - kNameReserve;
    if (name.toUtf8().size() <= limit)
        return name;
    // Keep the last two suffixes, cut the stem.
    QString suffixes;
    {
        const QStringList parts = last.split(QLatin1Char('.'));
        if (parts.size() >= 3)
            suffixes = QLatin1Char('.') + parts.at(parts.size() - 2) + QLatin1Char('.')
                       + parts.last();
        else if (parts.size() == 2)
            suffixes = QLatin1Char('.') + parts.last();
        if (suffixes.toUtf8().size() > limit / 2)
            suffixes.clear();
    }
    QString stem = name.left(name.size() - suffixes.size());
    while (!stem.isEmpty() && (stem + suffixes).toUtf8().size() > limit)
        stem.chop(1);
    return stem + suffixes;
}

bool SdkCache::isArchiveName(const QString &fileName)
{
    const QString lower = fileName.toLower();
    return lower.endsWith(QLatin1String(".zip")) || lower.endsWith(QLatin1String(".tar.gz"))
           || lower.endsWith(QLatin1String(".tgz")) || lower.endsWith(QLatin1String(".tar"));
}

QString SdkCache::archiveFolderName(const QString &cachedFileName, const QString &artifactKey)
{
    QString stem = cachedFileName;
    for (const char *suffix : {".tar.gz", ".tgz", ".zip", ".tar"}) {
        const QLatin1String s(suffix);
        if (stem.endsWith(s, Qt::CaseInsensitive)) {
            stem.chop(s.size());
            break;
        }
    }
    const QString key
            = artifactKey.isEmpty() ? QStringLiteral("None") : quoteKeepSpace(artifactKey);
    return stem + QStringLiteral("_artifacts_archive_") + key;
}

QString SdkCache::entryPath(const QString &uri) const
{
    return contextDir() + QLatin1Char('/') + entryName(uri);
}

QString SdkCache::archiveFolderPath(const QString &uri, const QString &artifactKey) const
{
    return contextDir() + QLatin1Char('/') + archiveFolderName(entryName(uri), artifactKey);
}

QString SdkCache::lookup(const QString &uri) const
{
    const QString path = entryPath(uri);
    if (!QFileInfo::exists(path))
        return QString();
    touch(path);
    return path;
}

QString SdkCache::lookupArchiveFolder(const QString &uri, const QString &artifactKey) const
{
    const QString path = archiveFolderPath(uri, artifactKey);
    if (!QFileInfo(path).isDir())
        return QString();
    touch(path);
    return path;
}

QString SdkCache::partialPathFor(const QString &finalPath)
{
    const qint64 us = QDateTime::currentMSecsSinceEpoch() * 1000 + (std::rand() % 1000);
    return finalPath
           + QStringLiteral("_%1.%2.partially")
                     .arg(us / 1000000)
                     .arg(us % 1000000, 6, 10, QLatin1Char('0'));
}

Status SdkCache::commit(const QString &partialPath, const QString &finalPath)
{
    const QFileInfo info(partialPath);
    if (!info.exists())
        return Error::make(Error::Kind::Io, QStringLiteral("the downloaded file is missing"),
                           partialPath);
    if (info.size() == 0) {
        QFile::remove(partialPath);
        return Error::make(Error::Kind::Integrity, QStringLiteral("the download is empty"),
                           finalPath);
    }
    if (std::rename(QFile::encodeName(partialPath).constData(),
                    QFile::encodeName(finalPath).constData())
        != 0) {
        const QString why = QString::fromLocal8Bit(std::strerror(errno));
        QFile::remove(partialPath);
        return Error::make(Error::Kind::Io, QStringLiteral("cannot rename into place: ") + why,
                           finalPath);
    }
    return {};
}

void SdkCache::touch(const QString &path)
{
    ::utimes(QFile::encodeName(path).constData(), nullptr);
}

SdkCache::EvictionReport SdkCache::evict(const EvictionPolicy &policy,
                                         const QSet<QString> &protectedNames) const
{
    EvictionReport report;
    QDir dir(contextDir());
    if (!dir.exists())
        return report;
    const auto infos = listContext(dir);
    QHash<QString, QStringList> locks = lockFilesByEntry(infos);
    struct Entry
    {
        QFileInfo info;
        qint64 time;
    };
    std::vector<Entry> entries;
    for (const QFileInfo &info : infos) {
        if (!CacheLock::isLockFileName(info.fileName()))
            entries.push_back({info, newestTime(info)});
    }
    std::stable_sort(entries.begin(), entries.end(),
                     [](const Entry &a, const Entry &b) { return a.time > b.time; });

    auto isLocked = [&locks](const QString &name) {
        return anyHeld(locks.value(name));
    };
    auto tryRemove = [&](const Entry &e) {
        const QString name = e.info.fileName();
        if (protectedNames.contains(name))
            return false;
        if (isLocked(name)) {
            report.keptLocked << name;
            return false;
        }
        if (!removeEntry(e.info))
            return false;
        for (const QString &lock : locks.value(name))
            QFile::remove(lock);
        locks.remove(name);
        report.removed << name;
        return true;
    };

    std::vector<Entry> kept;
    const int limit = std::max(0, policy.maxEntries);
    for (size_t i = 0; i < entries.size(); ++i) {
        if (static_cast<int>(i) < limit || !tryRemove(entries[i]))
            kept.push_back(entries[i]);
    }

    std::vector<qint64> sizes;
    qint64 total = 0;
    for (const Entry &e : kept) {
        sizes.push_back(sizeOf(e.info));
        total += sizes.back();
    }
    if (policy.maxBytes > 0) {
        for (size_t i = kept.size(); i-- > 0 && total > policy.maxBytes;) {
            if (tryRemove(kept[i]))
                total -= sizes[i];
        }
    }
    report.bytesAfter = total;

    // Stale lock files whose entry is gone and that nobody holds (the SDK cleans them too).
    for (auto it = locks.cbegin(); it != locks.cend(); ++it) {
        if (QFileInfo::exists(dir.absoluteFilePath(it.key())))
            continue;
        for (const QString &lock : it.value())
            if (!CacheLock::isHeld(lock))
                QFile::remove(lock);
    }
    return report;
}

QList<SdkCache::Entry> SdkCache::entries(const CancelCheck &cancelled) const
{
    QList<Entry> out;
    const QDir dir(contextDir());
    const QFileInfoList infos = listContext(dir);
    const QHash<QString, QStringList> locks = lockFilesByEntry(infos);
    for (const QFileInfo &info : infos) {
        if (cancelled && cancelled())
            return {};
        const QString name = info.fileName();
        if (CacheLock::isLockFileName(name) || name.endsWith(QLatin1String(".partially")))
            continue;
        Entry e;
        e.name = name;
        e.path = info.absoluteFilePath();
        e.folder = info.isDir() && !info.isSymLink();
        e.bytes = sizeOf(info, cancelled);
        e.lastUsed = QDateTime::fromMSecsSinceEpoch(newestTime(info));
        e.locked = anyHeld(locks.value(name));
        out << e;
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Entry &a, const Entry &b) { return a.lastUsed > b.lastUsed; });
    return out;
}

SdkCache::RemoveReport SdkCache::remove(const QStringList &names,
                                        const CancelCheck &cancelled) const
{
    RemoveReport report;
    const QDir dir(contextDir());
    const QHash<QString, QStringList> locks = lockFilesByEntry(listContext(dir));
    for (const QString &name : names) {
        if (cancelled && cancelled())
            break;
        const QFileInfo info(dir.absoluteFilePath(name));
        const bool entryName = !name.isEmpty() && !name.contains(QLatin1Char('/'))
                               && name != QLatin1String(".") && name != QLatin1String("..")
                               && !CacheLock::isLockFileName(name);
        if (!entryName || (!info.exists() && !info.isSymLink())) {
            report.failed << name;
            continue;
        }
        const QStringList lockFiles = locks.value(name);
        if (anyHeld(lockFiles)) {
            report.keptLocked << name;
            continue;
        }
        if (!removeEntry(info)) {
            report.failed << name;
            continue;
        }
        for (const QString &lock : lockFiles)
            if (!CacheLock::isHeld(lock))
                QFile::remove(lock);
        report.removed << name;
    }
    return report;
}

QStringList SdkCache::invalidate(const QString &uri, const QString &artifactKey) const
{
    const QString file = entryName(uri);
    const QDir dir(contextDir());
    QStringList present;
    for (const QString &name : {file, archiveFolderName(file, artifactKey)}) {
        const QFileInfo info(dir.absoluteFilePath(name));
        if (info.exists() || info.isSymLink())
            present << name;
    }
    return remove(present).keptLocked;
}

} // namespace Trove

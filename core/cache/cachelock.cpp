#include "cachelock.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace Trove {
namespace {
const QLatin1String kPrefix(".lock.");
const QLatin1String kSuffix(".clearml");
} // namespace

CacheLock::CacheLock(QString path, int fd)
    : m_path(std::move(path))
    , m_fd(fd)
{}

CacheLock::~CacheLock()
{
    if (m_fd >= 0) {
        // Delete first, then unlock: nobody can take the lock on a name we still remove.
        QFile::remove(m_path);
        ::flock(m_fd, LOCK_UN);
        ::close(m_fd);
    }
}

std::unique_ptr<CacheLock> CacheLock::acquire(const QString &entryPath)
{
    const QFileInfo entry(entryPath);
    const QString dir = entry.absolutePath();
    for (int i = 0; i < 1000; ++i) {
        const QString name = kPrefix + QStringLiteral("%1.").arg(i, 3, 10, QLatin1Char('0'))
                             + entry.fileName() + kSuffix;
        const QString path = dir + QLatin1Char('/') + name;
        const QByteArray native = QFile::encodeName(path);
        const int fd = ::open(native.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0)
            return nullptr;
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0)
            return std::unique_ptr<CacheLock>(new CacheLock(path, fd));
        ::close(fd);
    }
    return nullptr;
}

bool CacheLock::isHeld(const QString &lockFilePath)
{
    const QByteArray native = QFile::encodeName(lockFilePath);
    const int fd = ::open(native.constData(), O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool held = ::flock(fd, LOCK_EX | LOCK_NB) != 0;
    if (!held)
        ::flock(fd, LOCK_UN);
    ::close(fd);
    return held;
}

bool CacheLock::isLockFileName(const QString &fileName)
{
    return fileName.startsWith(kPrefix) && fileName.endsWith(kSuffix);
}

QString CacheLock::entryNameOf(const QString &lockFileName)
{
    if (!isLockFileName(lockFileName))
        return QString();
    const QString inner = lockFileName.mid(kPrefix.size(),
                                           lockFileName.size() - kPrefix.size() - kSuffix.size());
    const int dot = inner.indexOf(QLatin1Char('.'));
    return dot < 0 ? QString() : inner.mid(dot + 1);
}

} // namespace Trove

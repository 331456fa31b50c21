#include "filerevealer.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QUrl>

#ifdef TROVE_HAVE_DBUS
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#endif

namespace Trove {

FileRevealer::FileRevealer(QObject *parent)
    : QObject(parent)
    , m_useService(hasDBusSupport())
{}

FileRevealer::~FileRevealer() = default;

bool FileRevealer::hasDBusSupport()
{
#ifdef TROVE_HAVE_DBUS
    return true;
#else
    return false;
#endif
}

void FileRevealer::setUseFileManagerService(bool use)
{
    m_useService = use && hasDBusSupport();
}

void FileRevealer::reveal(const QString &path)
{
    if (path.isEmpty()) {
        Q_EMIT failed(tr("There is no local file to show."));
        return;
    }
#ifdef TROVE_HAVE_DBUS
    if (m_useService) {
        QDBusConnection bus = QDBusConnection::sessionBus();
        if (bus.isConnected()) {
            QDBusMessage call = QDBusMessage::createMethodCall(
                    QStringLiteral("org.freedesktop.FileManager1"),
                    QStringLiteral("/org/freedesktop/FileManager1"),
                    QStringLiteral("org.freedesktop.FileManager1"), QStringLiteral("ShowItems"));
            call << QStringList{QUrl::fromLocalFile(path).toString()} << QString();
            auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(call, 5000), this);
            connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, path] {
                watcher->deleteLater();
                if (watcher->isError())
                    openFolder(path);
                else
                    Q_EMIT revealed(path, true);
            });
            return;
        }
    }
#endif
    openFolder(path);
}

void FileRevealer::openFolder(const QString &path)
{
    const QString folder = QFileInfo(path).absolutePath();
    if (QDesktopServices::openUrl(QUrl::fromLocalFile(folder)))
        Q_EMIT revealed(path, false);
    else
        Q_EMIT failed(tr("Could not open %1.").arg(QDir::toNativeSeparators(folder)));
}

} // namespace Trove

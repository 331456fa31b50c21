#include "droppedpath.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

namespace Trove {

QString DroppedPath::defaultArtifactName(const QString &path, bool isFolder)
{
    const QFileInfo info(QDir::cleanPath(path));
    QString name = isFolder ? info.fileName() : info.completeBaseName();
    if (name.isEmpty())
        name = info.fileName();
    if (name.isEmpty()) // "/" or a drive root
        name = QDir::cleanPath(path);
    return name;
}

DroppedPath DroppedPath::inspect(const QString &path, const std::atomic_bool *cancel)
{
    DroppedPath out;
    const QFileInfo info(path);
    out.path = QDir::cleanPath(info.absoluteFilePath());
    if (!info.exists()) {
        out.kind = Kind::Missing;
        out.problem = QStringLiteral("no such file or folder");
        return out;
    }
    if (info.isFile()) {
        out.kind = Kind::File;
        out.size = info.size();
        out.fileCount = 1;
        QFile file(out.path);
        if (!file.open(QIODevice::ReadOnly))
            out.problem = QStringLiteral("cannot be read (%1)").arg(file.errorString());
        else if (out.size == 0)
            out.problem = QStringLiteral("the file is empty (ClearML's cache cannot fetch an "
                                         "empty file back)");
        return out;
    }
    if (!info.isDir()) {
        out.kind = Kind::Other;
        out.problem = QStringLiteral("not a regular file or folder");
        return out;
    }
    out.kind = Kind::Folder;
    if (!info.isReadable() || !info.isExecutable()) {
        out.problem = QStringLiteral("the folder cannot be read");
        return out;
    }
    qint64 unreadable = 0;
    QString firstUnreadable;
    QDirIterator it(out.path, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        if (cancel && cancel->load())
            break;
        it.next();
        const QFileInfo f = it.fileInfo();
        if (!f.isFile())
            continue;
        ++out.fileCount;
        out.size += f.size();
        if (!f.isReadable()) {
            if (unreadable++ == 0)
                firstUnreadable = QDir(out.path).relativeFilePath(f.filePath());
        }
    }
    if (unreadable > 0)
        out.problem = unreadable == 1 ? QStringLiteral("%1 cannot be read").arg(firstUnreadable)
                                      : QStringLiteral("%1 files cannot be read (%2, …)")
                                                .arg(unreadable)
                                                .arg(firstUnreadable);
    else if (out.fileCount == 0)
        out.problem = QStringLiteral("the folder has no files");
    return out;
}

} // namespace Trove

#include "folderzipper.h"

#include "transfers/artifactspec.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <memory>
#include <vector>

namespace Trove {
namespace {

struct WriterDeleter
{
    void operator()(archive *a) const { archive_write_free(a); }
};
struct EntryDeleter
{
    void operator()(archive_entry *e) const { archive_entry_free(e); }
};

} // namespace

Result<FolderZipper::Output> FolderZipper::zip(const QString &folder,
                                               const QString &zipPath,
                                               const std::atomic_bool *cancel,
                                               const Progress &progress)
{
    const QFileInfo root(folder);
    if (!root.isDir())
        return Error::make(Error::Kind::Io, QStringLiteral("not a folder"), folder);
    const QDir base(root.absoluteFilePath());

    struct Item
    {
        QString relative;
        QFileInfo info;
    };
    std::vector<Item> items;
    qint64 totalBytes = 0;
    QDirIterator it(base.absolutePath(), QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QFileInfo info = it.fileInfo();
        if (!info.isFile())
            continue;
        items.push_back({base.relativeFilePath(info.absoluteFilePath()), info});
        totalBytes += info.size();
    }
    std::sort(items.begin(), items.end(),
              [](const Item &a, const Item &b) { return a.relative < b.relative; });

    std::unique_ptr<archive, WriterDeleter> a(archive_write_new());
    archive_write_set_format_zip(a.get());
    archive_write_set_options(a.get(), "zip:compression=deflate");
    if (archive_write_open_filename(a.get(), QFile::encodeName(zipPath).constData()) != ARCHIVE_OK)
        return Error::make(Error::Kind::Io, QString::fromUtf8(archive_error_string(a.get())),
                           zipPath);
    auto fail = [&](Error e) -> Result<Output> {
        a.reset();
        QFile::remove(zipPath);
        return e;
    };

    Output out;
    out.zipPath = zipPath;
    out.preview = QStringLiteral("Archive content %1/*:\n").arg(base.absolutePath());
    QByteArray buffer(1 << 16, Qt::Uninitialized);
    qint64 done = 0;
    for (const Item &item : items) {
        QFile file(item.info.absoluteFilePath());
        if (!file.open(QIODevice::ReadOnly))
            return fail(Error::make(Error::Kind::Io, file.errorString(), file.fileName()));
        std::unique_ptr<archive_entry, EntryDeleter> entry(archive_entry_new());
        const QByteArray name = item.relative.toUtf8();
        archive_entry_set_pathname_utf8(entry.get(), name.constData());
        archive_entry_set_filetype(entry.get(), AE_IFREG);
        archive_entry_set_perm(entry.get(), 0644);
        archive_entry_set_size(entry.get(), file.size());
        archive_entry_set_mtime(entry.get(), item.info.lastModified().toSecsSinceEpoch(), 0);
        if (archive_write_header(a.get(), entry.get()) != ARCHIVE_OK)
            return fail(Error::make(Error::Kind::Io,
                                    QString::fromUtf8(archive_error_string(a.get())), zipPath));
        for (;;) {
            if (cancel && cancel->load())
                return fail(Error::make(Error::Kind::Cancelled, QString(), folder));
            const qint64 n = file.read(buffer.data(), buffer.size());
            if (n < 0)
                return fail(Error::make(Error::Kind::Io, file.errorString(), file.fileName()));
            if (n == 0)
                break;
            if (archive_write_data(a.get(), buffer.constData(), static_cast<size_t>(n)) != n)
                return fail(Error::make(Error::Kind::Io,
                                        QString::fromUtf8(archive_error_string(a.get())), zipPath));
            done += n;
            if (progress)
                progress(done, totalBytes);
        }
        out.preview += item.relative + QStringLiteral(" - ")
                       + ArtifactSpec::formatSize(item.info.size()) + QLatin1Char('\n');
        ++out.fileCount;
        out.inputBytes += item.info.size();
    }
    if (archive_write_close(a.get()) != ARCHIVE_OK)
        return fail(Error::make(Error::Kind::Io, QString::fromUtf8(archive_error_string(a.get())),
                                zipPath));
    out.preview = ArtifactSpec::limitPreview(out.preview);
    return out;
}

} // namespace Trove

#include "archiveextractor.h"

#include "cache/sdkcache.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <archive.h>
#include <archive_entry.h>

#include <cstdio>
#include <memory>

namespace Trove {
namespace {

struct ArchiveDeleter
{
    void operator()(archive *a) const { archive_read_free(a); }
};

Error parseError(const QString &message, const QString &path)
{
    return Error::make(Error::Kind::Parse, message, path);
}

} // namespace

QString ArchiveExtractor::safeMemberPath(const QString &name)
{
    QString n = name;
    n.replace(QLatin1Char('\\'), QLatin1Char('/'));
    if (n.startsWith(QLatin1Char('/')) || (n.size() > 1 && n.at(1) == QLatin1Char(':')))
        return QString();
    QStringList kept;
    for (const QString &part : n.split(QLatin1Char('/'))) {
        if (part.isEmpty() || part == QLatin1String("."))
            continue;
        if (part == QLatin1String(".."))
            return QString();
        kept << part;
    }
    return kept.join(QLatin1Char('/'));
}

Result<QString> ArchiveExtractor::extract(const QString &archivePath,
                                          const QString &targetFolder,
                                          const Limits &limits,
                                          const std::atomic_bool *cancel)
{
    if (QFileInfo(targetFolder).isDir()) {
        SdkCache::touch(targetFolder);
        return targetFolder;
    }
    const qint64 archiveSize = QFileInfo(archivePath).size();
    const QString temp = targetFolder
                         + QStringLiteral("_%1_%2")
                                   .arg(QDateTime::currentMSecsSinceEpoch())
                                   .arg(QRandomGenerator::global()->bounded(100000000));
    if (!QDir().mkpath(temp))
        return Error::make(Error::Kind::Io, QStringLiteral("cannot create folder"), temp);
    auto fail = [&temp](Error e) -> Result<QString> {
        QDir(temp).removeRecursively();
        return e;
    };

    std::unique_ptr<archive, ArchiveDeleter> a(archive_read_new());
    archive_read_support_format_zip(a.get());
    archive_read_support_format_tar(a.get());
    archive_read_support_format_gnutar(a.get());
    archive_read_support_filter_gzip(a.get());
    archive_read_support_filter_none(a.get());
    if (archive_read_open_filename(a.get(), QFile::encodeName(archivePath).constData(), 1 << 16)
        != ARCHIVE_OK)
        return fail(parseError(QString::fromUtf8(archive_error_string(a.get())), archivePath));

    qint64 total = 0;
    qint64 entries = 0;
    QByteArray buffer;
    archive_entry *entry = nullptr;
    for (;;) {
        const int r = archive_read_next_header(a.get(), &entry);
        if (r == ARCHIVE_EOF)
            break;
        if (r < ARCHIVE_WARN)
            return fail(parseError(QString::fromUtf8(archive_error_string(a.get())), archivePath));
        if (++entries > limits.maxEntries)
            return fail(parseError(QStringLiteral("too many entries"), archivePath));
        const char *rawName = archive_entry_pathname_utf8(entry);
        if (!rawName)
            rawName = archive_entry_pathname(entry);
        const QString name = safeMemberPath(QString::fromUtf8(rawName ? rawName : ""));
        if (name.isEmpty())
            return fail(parseError(QStringLiteral("unsafe member name \"%1\"")
                                           .arg(QString::fromUtf8(rawName ? rawName : "")),
                                   archivePath));
        const auto type = archive_entry_filetype(entry);
        if (archive_entry_hardlink(entry) || type == AE_IFLNK)
            return fail(parseError(QStringLiteral("links are not extracted (\"%1\")").arg(name),
                                   archivePath));
        const QString out = temp + QLatin1Char('/') + name;
        if (type == AE_IFDIR) {
            if (!QDir().mkpath(out))
                return fail(
                        Error::make(Error::Kind::Io, QStringLiteral("cannot create folder"), out));
            continue;
        }
        if (type != AE_IFREG)
            continue; // devices, fifos: skipped
        QDir().mkpath(QFileInfo(out).absolutePath());
        QFile file(out);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return fail(Error::make(Error::Kind::Io, file.errorString(), out));
        for (;;) {
            if (cancel && cancel->load())
                return fail(Error::make(Error::Kind::Cancelled, QString(), archivePath));
            const void *block = nullptr;
            size_t size = 0;
            la_int64_t offset = 0;
            const int rb = archive_read_data_block(a.get(), &block, &size, &offset);
            if (rb == ARCHIVE_EOF)
                break;
            if (rb < ARCHIVE_WARN)
                return fail(
                        parseError(QString::fromUtf8(archive_error_string(a.get())), archivePath));
            total += static_cast<qint64>(size);
            if (total > limits.maxTotalBytes
                || (total > (qint64(64) << 20) && archiveSize > 0
                    && double(total) / double(archiveSize) > limits.maxRatio))
                return fail(parseError(QStringLiteral("archive expands too much (bomb?)"),
                                       archivePath));
            if (file.pos() != offset && !file.seek(offset))
                return fail(Error::make(Error::Kind::Io, file.errorString(), out));
            if (file.write(static_cast<const char *>(block), static_cast<qint64>(size))
                != static_cast<qint64>(size))
                return fail(Error::make(Error::Kind::Io, file.errorString(), out));
        }
        if (!file.flush())
            return fail(Error::make(Error::Kind::Io, file.errorString(), out));
        file.close();
    }

    if (std::rename(QFile::encodeName(temp).constData(),
                    QFile::encodeName(targetFolder).constData())
        != 0) {
        // Someone (the SDK, another Trove) finished first: use theirs.
        QDir(temp).removeRecursively();
        if (QFileInfo(targetFolder).isDir())
            return targetFolder;
        return Error::make(Error::Kind::Io, QStringLiteral("cannot rename the extracted folder"),
                           targetFolder);
    }
    return targetFolder;
}

} // namespace Trove

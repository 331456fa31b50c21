#include "archivedecoder.h"

#include "preview/zipmemberstream.h"
#include "preview/zipreader.h"

#include <QFile>
#include <QSaveFile>

#include <archive.h>
#include <archive_entry.h>

#include <functional>
#include <memory>

namespace Trove {
namespace {

using json = nlohmann::json;

/// libarchive client reading a ByteSource sequentially; skips without reading.
struct Client
{
    ByteSource *source;
    const PreviewOptions *options;
    QByteArray buf;
    qint64 pos = 0;
    Error error;
};

la_ssize_t readCb(struct archive *a, void *data, const void **out)
{
    auto *c = static_cast<Client *>(data);
    if (c->options->cancelled()) {
        c->error = Error::make(Error::Kind::Cancelled, QString(), c->source->name());
        archive_set_error(a, ECANCELED, "cancelled");
        return -1;
    }
    auto r = c->source->read(c->pos, 1 << 20);
    if (!r) {
        c->error = r.error();
        archive_set_error(a, EIO, "read error");
        return -1;
    }
    c->buf = std::move(r.value());
    c->pos += c->buf.size();
    *out = c->buf.constData();
    return c->buf.size();
}

la_int64_t skipCb(struct archive *, void *data, la_int64_t request)
{
    auto *c = static_cast<Client *>(data);
    const qint64 size = c->source->size();
    qint64 n = request;
    if (size >= 0)
        n = std::max<qint64>(0, std::min<qint64>(request, size - c->pos));
    c->pos += n;
    return n;
}

struct ArchiveDeleter
{
    void operator()(struct archive *a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<struct archive, ArchiveDeleter>;

Result<ArchivePtr> openTar(Client &client)
{
    ArchivePtr a(archive_read_new());
    archive_read_support_filter_gzip(a.get());
    archive_read_support_filter_bzip2(a.get());
    archive_read_support_filter_xz(a.get());
    archive_read_support_filter_zstd(a.get());
    archive_read_support_format_tar(a.get());
    archive_read_set_read_callback(a.get(), readCb);
    archive_read_set_skip_callback(a.get(), skipCb);
    archive_read_set_callback_data(a.get(), &client);
    if (archive_read_open1(a.get()) != ARCHIVE_OK) {
        if (client.error.kind != Error::Kind::None)
            return client.error;
        return Error::make(Error::Kind::Parse,
                           QStringLiteral("not a supported archive: %1")
                                   .arg(QString::fromUtf8(archive_error_string(a.get()))),
                           client.source->name());
    }
    return a;
}

QString entryType(struct archive_entry *e)
{
    switch (archive_entry_filetype(e)) {
    case AE_IFREG:
        return archive_entry_hardlink(e) ? QStringLiteral("hardlink") : QStringLiteral("file");
    case AE_IFDIR:
        return QStringLiteral("dir");
    case AE_IFLNK:
        return QStringLiteral("symlink");
    default:
        return QStringLiteral("other");
    }
}

QString entryName(struct archive_entry *e)
{
    const char *utf8 = archive_entry_pathname_utf8(e);
    if (utf8)
        return QString::fromUtf8(utf8);
    const char *raw = archive_entry_pathname(e);
    return raw ? QString::fromLocal8Bit(raw) : QString();
}

/// Iterates tar headers; `visit` returns false to stop. Returns the format name.
Result<QString>
walkTar(ByteSource &source,
        const PreviewOptions &options,
        const std::function<Result<bool>(struct archive *, struct archive_entry *)> &visit,
        bool *capped)
{
    Client client{&source, &options, {}, 0, {}};
    auto a = openTar(client);
    if (!a)
        return a.error();
    struct archive_entry *e = nullptr;
    QString format;
    while (true) {
        const int rc = archive_read_next_header(a->get(), &e);
        if (rc == ARCHIVE_EOF)
            break;
        if (rc == ARCHIVE_FATAL || rc == ARCHIVE_RETRY) {
            if (client.error.kind != Error::Kind::None)
                return client.error;
            return Error::make(Error::Kind::Parse,
                               QStringLiteral("corrupt or truncated archive: %1")
                                       .arg(QString::fromUtf8(archive_error_string(a->get()))),
                               source.name());
        }
        if (format.isEmpty()) {
            const int filter = archive_filter_code(a->get(), 0);
            format = filter == ARCHIVE_FILTER_GZIP    ? QStringLiteral("tar.gz")
                     : filter == ARCHIVE_FILTER_BZIP2 ? QStringLiteral("tar.bz2")
                     : filter == ARCHIVE_FILTER_XZ    ? QStringLiteral("tar.xz")
                     : filter == ARCHIVE_FILTER_ZSTD  ? QStringLiteral("tar.zst")
                                                      : QStringLiteral("tar");
        }
        auto more = visit(a->get(), e);
        if (!more)
            return more.error();
        if (!*more)
            break;
        // Compressed tars must decompress a member to skip it: stop before a member that
        // would take the decompressed total past the cap (a single-member bomb included).
        const bool compressed = archive_filter_count(a->get()) > 1;
        const qint64 next = compressed && archive_entry_size_is_set(e) ? archive_entry_size(e) : 0;
        if (archive_filter_bytes(a->get(), 0) + next > options.maxDecompressedBytes) {
            if (capped)
                *capped = true;
            break;
        }
    }
    return format.isEmpty() ? QStringLiteral("tar") : format;
}

Status readData(struct archive *a,
                const PreviewOptions &options,
                qint64 limit,
                const std::function<Status(const char *, qint64)> &sink,
                const QString &where)
{
    char buf[64 * 1024];
    qint64 total = 0;
    while (true) {
        if (options.cancelled())
            return Error::make(Error::Kind::Cancelled, QString(), where);
        const la_ssize_t n = archive_read_data(a, buf, sizeof buf);
        if (n < 0)
            return Error::make(Error::Kind::Parse,
                               QStringLiteral("corrupt member data: %1")
                                       .arg(QString::fromUtf8(archive_error_string(a))),
                               where);
        if (n == 0)
            return {};
        const qint64 take = std::min<qint64>(n, limit - total);
        if (take > 0) {
            if (auto s = sink(buf, take); !s)
                return s;
        }
        total += n;
        if (total >= limit)
            return {};
    }
}

} // namespace

json ArchiveListing::toJson(int maxMembers) const
{
    json members_ = json::array();
    for (int i = 0; i < members.size() && i < maxMembers; ++i) {
        const ArchiveMember &m = members.at(i);
        json j = {{"name", m.name.toStdString()}, {"type", m.type.toStdString()}, {"size", m.size}};
        if (m.compressedSize >= 0)
            j["compressed_size"] = m.compressedSize;
        if (m.modified.isValid())
            j["modified"] = m.modified.toString(Qt::ISODate).toStdString();
        if (!m.linkTarget.isEmpty())
            j["link_target"] = m.linkTarget.toStdString();
        if (!m.method.isEmpty())
            j["method"] = m.method.toStdString();
        if (m.unsafeName)
            j["unsafe_name"] = true;
        if (m.badRange)
            j["bad_range"] = true;
        members_.push_back(std::move(j));
    }
    json w = json::array();
    for (const QString &s : warnings)
        w.push_back(s.toStdString());
    return {{"format", format.toStdString()},
            {"member_count", members.size()},
            {"total_size", totalSize},
            {"truncated", truncated || members.size() > maxMembers},
            {"members", members_},
            {"warnings", w}};
}

Result<ArchiveListing>
ArchiveDecoder::list(ByteSource &source, const PreviewOptions &options, int maxMembers)
{
    ArchiveListing out;
    auto head = source.read(0, 4);
    if (!head)
        return head.error();
    if (ZipReader::looksLikeZip(*head)) {
        ZipReader zip(source, options);
        zip.setMaxEntries(maxMembers);
        if (auto s = zip.open(); !s)
            return s.error();
        out.format = QStringLiteral("zip");
        for (const ZipEntry &e : zip.entries()) {
            ArchiveMember m;
            m.name = e.name;
            m.type = e.isDirectory ? QStringLiteral("dir") : QStringLiteral("file");
            m.size = qint64(e.uncompressedSize);
            m.compressedSize = qint64(e.compressedSize);
            m.modified = e.modified();
            m.method = e.methodName();
            m.unsafeName = e.unsafeName;
            m.badRange = e.badRange;
            out.totalSize += m.size;
            out.members.append(std::move(m));
        }
        out.truncated = zip.isTruncated();
        out.warnings = zip.warnings();
        return out;
    }
    bool capped = false;
    auto format = walkTar(
            source, options,
            [&](struct archive *, struct archive_entry *e) -> Result<bool> {
                if (out.members.size() >= maxMembers) {
                    out.truncated = true;
                    return false;
                }
                ArchiveMember m;
                m.name = entryName(e);
                m.type = entryType(e);
                m.size = archive_entry_size_is_set(e) ? archive_entry_size(e) : 0;
                if (archive_entry_mtime_is_set(e))
                    m.modified = QDateTime::fromSecsSinceEpoch(archive_entry_mtime(e));
                const char *link = archive_entry_symlink_utf8(e);
                if (!link)
                    link = archive_entry_hardlink_utf8(e);
                if (link)
                    m.linkTarget = QString::fromUtf8(link);
                m.unsafeName = ZipReader::isUnsafeName(m.name)
                               || (m.type == QLatin1String("symlink")
                                   && ZipReader::isUnsafeName(m.linkTarget));
                if (m.unsafeName && out.warnings.size() < 100)
                    out.warnings << QStringLiteral("unsafe member name (path traversal): \"%1\"")
                                            .arg(m.name);
                out.totalSize += m.size;
                out.members.append(std::move(m));
                return true;
            },
            &capped);
    if (!format)
        return format.error();
    out.format = *format;
    if (capped) {
        out.truncated = true;
        out.warnings << QStringLiteral("listing stopped after %1 decompressed bytes (cap)")
                                .arg(options.maxDecompressedBytes);
    }
    return out;
}

Result<QByteArray> ArchiveDecoder::extract(ByteSource &source,
                                           const QString &name,
                                           qint64 maxBytes,
                                           const PreviewOptions &options)
{
    maxBytes = std::min(maxBytes, qint64(options.maxBytesInMemory));
    auto head = source.read(0, 4);
    if (!head)
        return head.error();
    if (ZipReader::looksLikeZip(*head)) {
        ZipReader zip(source, options);
        if (auto s = zip.open(); !s)
            return s.error();
        const int i = zip.findEntry(name);
        if (i < 0)
            return Error::make(Error::Kind::Parse, QStringLiteral("no member \"%1\"").arg(name),
                               source.name());
        return zip.readMember(i, maxBytes);
    }
    QByteArray out;
    bool found = false;
    auto walked = walkTar(
            source, options,
            [&](struct archive *a, struct archive_entry *e) -> Result<bool> {
                if (entryName(e) != name)
                    return true;
                found = true;
                auto s = readData(
                        a, options, maxBytes,
                        [&](const char *p, qint64 n) {
                            out.append(p, n);
                            return Status();
                        },
                        name);
                if (!s)
                    return s.error();
                return false;
            },
            nullptr);
    if (!walked)
        return walked.error();
    if (!found)
        return Error::make(Error::Kind::Parse, QStringLiteral("no member \"%1\"").arg(name),
                           source.name());
    return out;
}

Status ArchiveDecoder::extractToFile(ByteSource &source,
                                     const QString &name,
                                     const QString &path,
                                     const PreviewOptions &options)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error::make(Error::Kind::Io, file.errorString(), path);
    auto head = source.read(0, 4);
    if (!head)
        return head.error();
    if (ZipReader::looksLikeZip(*head)) {
        ZipReader zip(source, options);
        if (auto s = zip.open(); !s)
            return s.error();
        const int i = zip.findEntry(name);
        if (i < 0)
            return Error::make(Error::Kind::Parse, QStringLiteral("no member \"%1\"").arg(name),
                               source.name());
        auto stream = zip.openMember(i);
        if (!stream)
            return stream.error();
        while (!(*stream)->atEnd()) {
            auto chunk = (*stream)->read(1 << 20);
            if (!chunk)
                return chunk.error();
            if (chunk->isEmpty())
                break;
            if (file.write(*chunk) != chunk->size())
                return Error::make(Error::Kind::Io, file.errorString(), path);
        }
    } else {
        bool found = false;
        auto walked = walkTar(
                source, options,
                [&](struct archive *a, struct archive_entry *e) -> Result<bool> {
                    if (entryName(e) != name)
                        return true;
                    found = true;
                    if (archive_entry_size_is_set(e)
                        && archive_entry_size(e) > options.maxDecompressedBytes)
                        return Error::make(Error::Kind::Parse,
                                           QStringLiteral("\"%1\" is larger than the %2-byte cap")
                                                   .arg(name)
                                                   .arg(options.maxDecompressedBytes),
                                           source.name());
                    auto s = readData(
                            a, options, options.maxDecompressedBytes,
                            [&](const char *p, qint64 n) -> Status {
                                if (file.write(p, n) != n)
                                    return Error::make(Error::Kind::Io, file.errorString(), path);
                                return {};
                            },
                            name);
                    if (!s)
                        return s.error();
                    return false;
                },
                nullptr);
        if (!walked)
            return walked.error();
        if (!found)
            return Error::make(Error::Kind::Parse, QStringLiteral("no member \"%1\"").arg(name),
                               source.name());
    }
    if (!file.commit())
        return Error::make(Error::Kind::Io, file.errorString(), path);
    return {};
}

} // namespace Trove

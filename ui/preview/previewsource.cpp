#include "previewsource.h"

#include "previewthreadpool.h"

#include "preview/archivedecoder.h"
#include "preview/zipreader.h"
#include "storage/remotebytesource.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QTemporaryDir>

namespace Trove {

namespace {

/// Largest tar member extracted for a preview (zip members are read in place, not copied).
constexpr qint64 kMaxExtractedMember = qint64(2) << 30;

QString tr(const char *text)
{
    return QCoreApplication::translate("Trove::PreviewSource", text);
}

Error cancelled(const QString &name)
{
    return Error::make(Error::Kind::Cancelled, QString(), name);
}

/// What a zip member source needs alive: the archive bytes and the reader.
struct ZipMemberOwner
{
    PreviewSourcePtr archive;
    std::unique_ptr<ZipReader> zip;
};

struct TempDirOwner
{
    PreviewSourcePtr archive;
    QTemporaryDir dir;
};

} // namespace

PreviewSource::PreviewSource(std::unique_ptr<ByteSource> inner,
                             Origin origin,
                             CancelFlag cancel,
                             std::shared_ptr<void> keepAlive)
    : m_cancel(std::move(cancel))
    , m_keepAlive(std::move(keepAlive))
    , m_inner(std::move(inner))
    , m_origin(origin)
{
    if (!m_cancel)
        m_cancel = newPreviewCancelFlag();
}

PreviewSource::~PreviewSource() = default;

Result<QByteArray> PreviewSource::read(qint64 offset, qint64 length)
{
    if (m_cancel->load(std::memory_order_relaxed))
        return cancelled(name());
    auto r = m_inner->read(offset, length);
    if (r)
        m_read.fetch_add(r->size(), std::memory_order_relaxed);
    return r;
}

PreviewOptions PreviewSource::options() const
{
    PreviewOptions o;
    o.cancel = m_cancel.get();
    return o;
}

QString PreviewSource::originText(Origin origin)
{
    switch (origin) {
    case Origin::Local:
        return tr("local file");
    case Origin::Cache:
        return tr("from the cache");
    case Origin::Remote:
        return tr("read remotely");
    case Origin::Member:
        return tr("archive member");
    case Origin::Stored:
        return tr("stored with the task");
    }
    return {};
}

QString PreviewTarget::displayName() const
{
    if (!hints.fileName.isEmpty())
        return hints.fileName;
    if (!localPath.isEmpty())
        return QFileInfo(localPath).fileName();
    return uri.section(QLatin1Char('/'), -1);
}

Result<PreviewSourcePtr> openPreviewSource(const PreviewTarget &target, const CancelFlag &cancel)
{
    if (target.opener)
        return target.opener(cancel);
    auto local
            = [&](const QString &path, PreviewSource::Origin origin) -> Result<PreviewSourcePtr> {
        Error error;
        auto file = openFileSource(path, &error);
        if (!file)
            return error;
        return std::make_shared<PreviewSource>(std::move(file), origin, cancel);
    };
    if (!target.localPath.isEmpty())
        return local(target.localPath, PreviewSource::Origin::Local);

    const QUrl url = StorageAccess::parse(target.uri);
    switch (target.access.classify(url)) {
    case StorageAccess::Kind::Local:
        return local(StorageAccess::localPath(url), PreviewSource::Origin::Local);
    case StorageAccess::Kind::Invalid:
    case StorageAccess::Kind::Unsupported:
        return target.access.unsupportedError(url);
    case StorageAccess::Kind::FilesServer:
    case StorageAccess::Kind::Http:
    case StorageAccess::Kind::S3:
        break;
    }
    if (target.cache) {
        // A cached copy (the SDK's or ours) is read locally; folders (extracted archives) are
        // not byte sources, their zip beside them is.
        const QString hit = target.cache->lookup(target.uri);
        if (!hit.isEmpty() && QFileInfo(hit).isFile())
            return local(hit, PreviewSource::Origin::Cache);
    }
    if (cancel->load())
        return cancelled(target.uri);
    Error error;
    auto remote = openRemoteSource(target.uri, target.access, cancel.get(), &error);
    if (!remote)
        return error;
    return std::make_shared<PreviewSource>(std::move(remote), PreviewSource::Origin::Remote,
                                           cancel);
}

Result<PreviewSourcePtr> openArchiveMember(const PreviewSourcePtr &archive,
                                           const QString &memberPath,
                                           const CancelFlag &cancel)
{
    PreviewOptions options = archive->options();
    options.cancel = cancel.get();
    auto head = archive->read(0, 4);
    if (!head)
        return head.error();
    if (ZipReader::looksLikeZip(*head)) {
        auto owner = std::make_shared<ZipMemberOwner>();
        owner->archive = archive;
        owner->zip = std::make_unique<ZipReader>(*archive, options);
        if (auto s = owner->zip->open(); !s)
            return s.error();
        const int index = owner->zip->findEntry(memberPath);
        if (index < 0)
            return Error::make(Error::Kind::Parse,
                               tr("the archive has no member \"%1\"").arg(memberPath),
                               archive->name());
        const ZipEntry &entry = owner->zip->entries().at(index);
        if (entry.encrypted)
            return Error::make(Error::Kind::Unsupported, tr("\"%1\" is encrypted").arg(memberPath),
                               archive->name());
        if (entry.badRange)
            return Error::make(Error::Kind::Parse,
                               tr("\"%1\" overlaps another member or lies outside the archive")
                                       .arg(memberPath),
                               archive->name());
        auto member = owner->zip->memberSource(index);
        if (!member)
            return member.error();
        return std::make_shared<PreviewSource>(std::move(member.value()),
                                               PreviewSource::Origin::Member, cancel, owner);
    }
    // tar, tar.gz, ...: no random access; extract this member alone into a temporary folder.
    auto owner = std::make_shared<TempDirOwner>();
    owner->archive = archive;
    if (!owner->dir.isValid())
        return Error::make(Error::Kind::Io, owner->dir.errorString(), owner->dir.path());
    const QString path = owner->dir.filePath(QStringLiteral("member"));
    options.maxDecompressedBytes
            = std::min<std::int64_t>(options.maxDecompressedBytes, kMaxExtractedMember);
    if (auto s = ArchiveDecoder::extractToFile(*archive, memberPath, path, options); !s)
        return s.error();
    Error error;
    auto file = openFileSource(path, &error);
    if (!file)
        return error;
    return std::make_shared<PreviewSource>(std::move(file), PreviewSource::Origin::Member, cancel,
                                           owner);
}

} // namespace Trove

#include "uploadjob.h"

#include "common/sha256.h"
#include "transfers/folderzipper.h"
#include "transfers/s3multipartupload.h"
#include "transfers/storagekeys.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QHttpMultiPart>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QtConcurrent/QtConcurrentRun>

namespace Trove {
namespace {

Result<QString> sha256OfFile(const QString &path, const std::atomic_bool *cancel)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(Error::Kind::Io, file.errorString(), path);
    Sha256 hash;
    QByteArray buffer(1 << 16, Qt::Uninitialized);
    for (;;) {
        if (cancel && cancel->load())
            return Error::make(Error::Kind::Cancelled, QString(), path);
        const qint64 n = file.read(buffer.data(), buffer.size());
        if (n < 0)
            return Error::make(Error::Kind::Io, file.errorString(), path);
        if (n == 0)
            break;
        hash.addData(QByteArrayView(buffer.constData(), n));
    }
    return QString::fromLatin1(hash.result().toHex());
}

QString uploadFileName(const QString &localPath)
{
    const QFileInfo info(localPath);
    QString name = info.fileName();
    if (name.isEmpty())
        name = QDir(localPath).dirName();
    return info.isDir() ? name + QStringLiteral(".zip") : name;
}

} // namespace

UploadRequest UploadRequest::forArtifact(const QString &localPath,
                                         const QString &destination,
                                         const QString &projectName,
                                         const QString &projectId,
                                         const QString &taskName,
                                         const QString &taskId,
                                         const QString &artifactName)
{
    UploadRequest r;
    r.localPath = localPath;
    r.destination = destination;
    r.artifactName = artifactName;
    r.key = StorageKeys::artifactKey(projectName, projectId, taskName, taskId, artifactName,
                                     uploadFileName(localPath));
    return r;
}

UploadRequest UploadRequest::forModel(const QString &localPath,
                                      const QString &destination,
                                      const QString &projectName,
                                      const QString &projectId,
                                      const QString &taskName,
                                      const QString &taskId)
{
    UploadRequest r;
    r.localPath = localPath;
    r.destination = destination;
    r.artifactName = QFileInfo(localPath).completeBaseName();
    r.key = StorageKeys::modelKey(projectName, projectId, taskName, taskId,
                                  QFileInfo(localPath).fileName());
    return r;
}

UploadJob::UploadJob(StorageAccess access,
                     QNetworkAccessManager *network,
                     UploadRequest request,
                     QObject *parent)
    : TransferJob(QFileInfo(request.localPath).fileName(), parent)
    , m_access(std::move(access))
    , m_network(network)
    , m_request(std::move(request))
{
    connect(&m_stageWatcher, &QFutureWatcher<Staged>::finished, this, &UploadJob::onStaged);
}

UploadJob::~UploadJob()
{
    m_cancelFlag->store(true);
    if (m_reply)
        m_reply->abort();
    m_stageWatcher.waitForFinished();
}

void UploadJob::start()
{
    if (isDone())
        return;
    setRunning();
    const QFileInfo info(m_request.localPath);
    if (!info.exists())
        return finishWithError(Error::make(Error::Kind::Io, QStringLiteral("file not found"),
                                           m_request.localPath));
    if (info.isDir()) {
        m_tempDir = std::make_unique<QTemporaryDir>();
        if (!m_tempDir->isValid())
            return finishWithError(
                    Error::make(Error::Kind::Io, m_tempDir->errorString(), QDir::tempPath()));
    }
    const QString localPath = m_request.localPath;
    const QString zipPath = m_tempDir ? m_tempDir->filePath(uploadFileName(localPath)) : QString();
    auto flag = m_cancelFlag;
    QPointer<UploadJob> self(this);
    m_stageWatcher.setFuture(QtConcurrent::run([localPath, zipPath, flag]() {
        Staged s;
        if (!zipPath.isEmpty()) {
            auto zipped = FolderZipper::zip(localPath, zipPath, flag.get());
            if (!zipped) {
                s.error = zipped.error();
                return s;
            }
            s.uploadPath = zipPath;
            s.preview = zipped->preview;
            s.archive = true;
        } else {
            s.uploadPath = localPath;
        }
        s.size = QFileInfo(s.uploadPath).size();
        if (!s.archive)
            s.preview = ArtifactSpec::filePreview(QFileInfo(localPath).fileName(), s.size);
        auto hash = sha256OfFile(s.uploadPath, flag.get());
        if (!hash)
            s.error = hash.error();
        else
            s.sha256 = hash.value();
        return s;
    }));
}

void UploadJob::onStaged()
{
    const Staged staged = m_stageWatcher.result();
    if (m_cancelled)
        return finishCancelled();
    if (staged.error.kind != Error::Kind::None)
        return finishWithError(staged.error);
    send(staged);
}

void UploadJob::send(const Staged &staged)
{
    if (!m_network)
        return finishWithError(Error::make(Error::Kind::Network, QStringLiteral("no network"),
                                           m_request.destination));
    const QString fileName = QFileInfo(staged.uploadPath).fileName();
    const QString contentType = staged.archive ? QStringLiteral("application/zip")
                                               : ArtifactSpec::uploadContentType(fileName);

    m_spec.key = m_request.artifactName;
    m_spec.type = staged.archive ? QStringLiteral("archive") : QStringLiteral("custom");
    m_spec.uri = StorageKeys::registeredUri(m_request.destination, m_request.key);
    m_spec.contentSize = staged.size;
    m_spec.hash = staged.sha256;
    m_spec.timestamp = QDateTime::currentSecsSinceEpoch();
    m_spec.preview = staged.preview;
    m_spec.contentType = staged.archive ? QStringLiteral("application/zip")
                                        : ArtifactSpec::guessContentType(fileName);

    auto *file = new QFile(staged.uploadPath);
    if (!file->open(QIODevice::ReadOnly)) {
        const QString why = file->errorString();
        delete file;
        return finishWithError(Error::make(Error::Kind::Io, why, staged.uploadPath));
    }

    const QUrl destination = StorageAccess::parse(m_request.destination);
    const auto kind = m_access.classify(destination);
    if (kind == StorageAccess::Kind::S3 && staged.size > m_request.s3MultipartThreshold) {
        delete file;
        m_multipart = new S3MultipartUpload(m_access, m_network, QUrl(m_spec.uri),
                                            staged.uploadPath, staged.size, m_request.s3PartSize,
                                            contentType.toLatin1(), this);
        connect(m_multipart, &S3MultipartUpload::progress, this,
                [this](qint64 sent, qint64 total) { reportProgress(sent, total); });
        connect(m_multipart, &S3MultipartUpload::finished, this, [this](const Error &error) {
            m_multipart->deleteLater();
            if (m_cancelled || error.isCancelled())
                return finishCancelled();
            if (error.kind != Error::Kind::None)
                return finishWithError(error);
            m_tempDir.reset();
            reportProgress(m_spec.contentSize, m_spec.contentSize);
            finishOk();
        });
        m_multipart->start();
        return;
    }
    if (kind == StorageAccess::Kind::S3) {
        StorageAccess::RequestOptions options;
        options.payloadSha256Hex = staged.sha256.toLatin1();
        options.contentType = contentType.toLatin1();
        const QUrl target(m_spec.uri);
        auto request = m_access.prepare(target, "PUT", options);
        if (!request) {
            delete file;
            return finishWithError(request.error());
        }
        request->setHeader(QNetworkRequest::ContentLengthHeader, staged.size);
        m_reply = m_network->put(*request, file);
        file->setParent(m_reply);
    } else if (kind == StorageAccess::Kind::FilesServer || kind == StorageAccess::Kind::Http) {
        auto request = m_access.prepare(destination, "POST", {});
        if (!request) {
            delete file;
            return finishWithError(request.error());
        }
        auto *multiPart = new QHttpMultiPart(QHttpMultiPart::FormDataType);
        QHttpPart part;
        const QString name = StorageKeys::multipartName(m_request.key);
        QString escaped = name;
        escaped.replace(QLatin1Char('"'), QStringLiteral("%22"));
        part.setHeader(QNetworkRequest::ContentDispositionHeader,
                       QStringLiteral("form-data; name=\"%1\"; filename=\"%1\"").arg(escaped));
        part.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        part.setBodyDevice(file);
        file->setParent(multiPart);
        multiPart->append(part);
        m_reply = m_network->post(*request, multiPart);
        multiPart->setParent(m_reply);
    } else {
        delete file;
        return finishWithError(kind == StorageAccess::Kind::Local
                                       ? Error::make(Error::Kind::Unsupported,
                                                     QStringLiteral("file:// destinations are not "
                                                                    "supported yet"),
                                                     m_request.destination)
                                       : m_access.unsupportedError(destination));
    }
    connect(m_reply, &QNetworkReply::uploadProgress, this,
            [this](qint64 sent, qint64 total) { reportProgress(sent, total > 0 ? total : -1); });
    connect(m_reply, &QNetworkReply::finished, this, &UploadJob::onReplyFinished);
}

void UploadJob::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    m_reply = nullptr;
    reply->deleteLater();
    if (m_cancelled)
        return;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QUrl destination = StorageAccess::parse(m_request.destination);
    if (status == 401 && !m_tokenRefreshed && m_access.canRefreshTokenFor(destination)) {
        // The session's token expired meanwhile: refresh it and send once more.
        m_tokenRefreshed = true;
        return m_access.refreshToken(this, [this] {
            if (!m_cancelled)
                send(m_stageWatcher.result());
        });
    }
    if (status != 0 && (status < 200 || status >= 300)) {
        return finishWithError(
                StorageAccess::httpError(m_spec.uri, status, reply->readAll().left(64 * 1024)));
    }
    if (reply->error() != QNetworkReply::NoError) {
        Error e = Error::make(Error::Kind::Network, reply->errorString(), m_spec.uri);
        e.networkError = reply->error();
        return finishWithError(e);
    }
    m_tempDir.reset();
    reportProgress(m_spec.contentSize, m_spec.contentSize);
    finishOk();
}

void UploadJob::cancel()
{
    if (isDone())
        return;
    m_cancelled = true;
    m_cancelFlag->store(true);
    if (m_reply) {
        QNetworkReply *reply = m_reply;
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    if (m_stageWatcher.isRunning())
        return;
    if (m_multipart) {
        m_multipart->disconnect(this);
        m_multipart->cancel(); // aborts the part in flight and the upload on the server
        m_multipart->deleteLater();
    }
    m_tempDir.reset();
    finishCancelled();
}

} // namespace Trove

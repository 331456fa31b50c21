#include "downloadjob.h"

#include "cache/archiveextractor.h"
#include "storage/s3error.h"

#include <QDir>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <cerrno>
#include <cstring>

namespace Trove {
namespace {

constexpr qint64 kReadBuffer = 1 << 20; // bounded socket buffer per reply
constexpr qint64 kChunk = 256 * 1024;

bool retryableStatus(int status)
{
    return status == 408 || status == 429 || status == 500 || status == 502 || status == 503
           || status == 504 || status == 509;
}

} // namespace

DownloadJob::DownloadJob(StorageAccess access,
                         QNetworkAccessManager *network,
                         DownloadRequest request,
                         QObject *parent)
    : TransferJob(request.uri.section(QLatin1Char('/'), -1), parent)
    , m_access(std::move(access))
    , m_network(network)
    , m_request(std::move(request))
{
    connect(&m_prepareWatcher, &QFutureWatcher<Prepared>::finished, this,
            [this] { onPrepared(m_prepareWatcher.result()); });
    connect(&m_extractWatcher, &QFutureWatcher<Result<QString>>::finished, this,
            &DownloadJob::onExtracted);
}

DownloadJob::~DownloadJob()
{
    m_cancelFlag->store(true);
    if (m_reply)
        m_reply->abort();
    m_prepareWatcher.waitForFinished();
    m_extractWatcher.waitForFinished();
    if (!isDone())
        discardPartial();
}

QString DownloadJob::localResult(const DownloadRequest &request)
{
    if (request.uri.isEmpty())
        return QString();
    const QUrl url = StorageAccess::parse(request.uri);
    if (url.isLocalFile()) {
        const QString path = StorageAccess::localPath(url);
        return QFileInfo::exists(path) ? path : QString();
    }
    if (!request.cache)
        return QString();
    if (request.extractArchive) {
        const QString folder = request.cache->archiveFolderPath(request.uri, request.artifactKey);
        return QFileInfo(folder).isDir() ? folder : QString();
    }
    const QString file = request.destination.isEmpty() ? request.cache->entryPath(request.uri)
                                                       : request.destination;
    return QFileInfo(file).isFile() ? file : QString();
}

void DownloadJob::start()
{
    if (isDone())
        return;
    setRunning();
    m_url = StorageAccess::parse(m_request.uri);
    const auto kind = m_access.classify(m_url);
    if (kind == StorageAccess::Kind::Local) {
        // Used in place, as the SDK does (no copy).
        const QString path = StorageAccess::localPath(m_url);
        if (!QFileInfo::exists(path))
            return fail(Error::make(Error::Kind::Io, QStringLiteral("file not found"), path));
        m_resultPath = m_filePath = path;
        return finishOk();
    }
    if (kind == StorageAccess::Kind::Invalid || kind == StorageAccess::Kind::Unsupported)
        return fail(m_access.unsupportedError(m_url));

    // Cache lookup and eviction touch the disk: off the GUI thread.
    const DownloadRequest request = m_request;
    m_prepareWatcher.setFuture(QtConcurrent::run([request]() {
        Prepared p;
        p.destination = request.destination;
        p.extractTo = request.extractTo;
        if (request.cache) {
            const SdkCache &cache = *request.cache;
            if (p.destination.isEmpty())
                p.destination = cache.entryPath(request.uri);
            if (request.extractArchive) {
                p.extractTo = cache.archiveFolderPath(request.uri, request.artifactKey);
                p.hit = cache.lookupArchiveFolder(request.uri, request.artifactKey);
            } else {
                p.hit = cache.lookup(request.uri);
            }
            if (p.hit.isEmpty()) {
                if (!QDir().mkpath(cache.contextDir()))
                    p.error = Error::make(Error::Kind::Io,
                                          QStringLiteral("cannot create the cache folder"),
                                          cache.contextDir());
                else
                    cache.evict(request.eviction);
            }
        } else if (!p.destination.isEmpty()) {
            QDir().mkpath(QFileInfo(p.destination).absolutePath());
        }
        if (p.destination.isEmpty() && p.error.kind == Error::Kind::None)
            p.error = Error::make(Error::Kind::Io, QStringLiteral("no destination given"),
                                  request.uri);
        return p;
    }));
}

void DownloadJob::onPrepared(const Prepared &prepared)
{
    if (m_cancelled)
        return finishCancelled();
    if (prepared.error.kind != Error::Kind::None)
        return fail(prepared.error);
    m_destination = prepared.destination;
    m_extractTo = prepared.extractTo;
    if (!prepared.hit.isEmpty()) {
        m_fromCache = true;
        m_resultPath = prepared.hit;
        m_filePath = m_request.extractArchive ? m_destination : prepared.hit;
        return finishOk();
    }
    if (m_request.extractArchive && QFileInfo::exists(m_destination) && !m_extractTo.isEmpty()) {
        // The archive is cached but not extracted yet.
        m_fromCache = true;
        m_filePath = m_destination;
        auto flag = m_cancelFlag;
        const QString archive = m_destination, target = m_extractTo;
        m_extractWatcher.setFuture(QtConcurrent::run([archive, target, flag]() {
            return ArchiveExtractor::extract(archive, target, ArchiveExtractor::Limits{},
                                             flag.get());
        }));
        return;
    }
    m_partialPath = SdkCache::partialPathFor(m_destination);
    m_file.setFileName(m_partialPath);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered))
        return fail(Error::make(Error::Kind::Io, m_file.errorString(), m_partialPath));
    sendRequest();
}

void DownloadJob::sendRequest()
{
    if (m_cancelled)
        return;
    if (!m_network)
        return fail(Error::make(Error::Kind::Network, QStringLiteral("no network"), m_request.uri));
    StorageAccess::RequestOptions options;
    if (m_written > 0) {
        options.rangeStart = m_written;
        options.ifRange = m_validator;
        ++m_resumes;
    }
    auto request = m_access.prepare(m_url, "GET", options);
    if (!request)
        return fail(request.error());
    ++m_attempts;
    ++m_attemptsTotal;
    m_bytesAtAttemptStart = m_written;
    m_headersChecked = false;
    m_replyUsable = false;
    m_reply = m_network->get(*request);
    m_reply->setReadBufferSize(kReadBuffer);
    connect(m_reply, &QNetworkReply::readyRead, this, &DownloadJob::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &DownloadJob::onReplyFinished);
}

bool DownloadJob::handleHeaders()
{
    if (m_headersChecked)
        return m_replyUsable;
    m_headersChecked = true;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200 && status != 206)
        return false; // judged in onReplyFinished
    const qint64 length
            = m_reply->header(QNetworkRequest::ContentLengthHeader).isValid()
                      ? m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong()
                      : -1;
    if (status == 206) {
        const ContentRange range = ContentRange::parse(m_reply->rawHeader("Content-Range"));
        if (!range.valid || range.start != m_written) {
            // Not the range we asked for: start over.
            resetPartial();
            m_reply->abort();
            return false;
        }
        if (range.total >= 0)
            m_total = range.total;
    } else {
        if (m_written > 0)
            resetPartial(); // the server ignored Range or the object changed (If-Range)
        m_total = length;
    }
    const QByteArray etag = m_reply->rawHeader("ETag");
    if (!etag.isEmpty() && !etag.startsWith("W/"))
        m_validator = etag;
    else if (!m_reply->rawHeader("Last-Modified").isEmpty())
        m_validator = m_reply->rawHeader("Last-Modified");
    m_replyUsable = true;
    return true;
}

void DownloadJob::onReadyRead()
{
    if (!m_reply || m_cancelled || !handleHeaders())
        return;
    QByteArray chunk;
    while (m_reply && m_reply->bytesAvailable() > 0) {
        chunk = m_reply->read(kChunk);
        if (chunk.isEmpty())
            break;
        errno = 0;
        if (m_file.write(chunk) != chunk.size()) {
            const int code = errno;
            QString why = m_file.errorString();
            if (code == ENOSPC || code == EDQUOT || code == EFBIG)
                why = QString::fromLocal8Bit(std::strerror(code));
            QNetworkReply *reply = m_reply;
            m_reply = nullptr;
            reply->disconnect(this);
            reply->abort();
            reply->deleteLater();
            return fail(Error::make(Error::Kind::Io,
                                    QStringLiteral("cannot write the download (%1)").arg(why),
                                    m_partialPath));
        }
        m_hash.addData(chunk);
        m_written += chunk.size();
        if (m_written > m_bytesAtAttemptStart)
            m_attempts = 0; // progress made: the retry budget starts again
    }
    reportProgress(m_written, m_total);
}

void DownloadJob::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    if (!m_cancelled)
        onReadyRead();
    m_reply = nullptr;
    reply->deleteLater();
    if (m_cancelled || isDone())
        return;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const auto netError = reply->error();
    if (status != 0 && status != 200 && status != 206) {
        Error e = StorageAccess::httpError(m_request.uri, status, reply->readAll().left(64 * 1024));
        if (status == 401 && !m_tokenRefreshed && m_access.canRefreshTokenFor(m_url)) {
            // The session's token expired meanwhile: refresh it and try once more.
            m_tokenRefreshed = true;
            --m_attempts;
            return m_access.refreshToken(this, [this] { sendRequest(); });
        }
        if (status == 416 && m_written > 0) {
            resetPartial();
            return retryOrFail(e);
        }
        if (retryableStatus(status))
            return retryOrFail(e);
        return fail(e);
    }
    if (netError != QNetworkReply::NoError) {
        Error e = Error::make(Error::Kind::Network, reply->errorString(), m_request.uri);
        e.networkError = netError;
        e.httpStatus = status;
        return retryOrFail(e);
    }
    if (!m_replyUsable)
        return retryOrFail(
                Error::make(Error::Kind::Network, QStringLiteral("unusable reply"), m_request.uri));
    if (m_total >= 0 && m_written < m_total)
        return retryOrFail(Error::make(Error::Kind::Network,
                                       QStringLiteral("connection closed early"), m_request.uri));
    complete();
}

void DownloadJob::retryOrFail(Error error)
{
    if (m_attempts >= m_request.maxAttempts)
        return fail(error);
    const int delay = std::min(3000, 100 << std::min(m_attempts, 5));
    QTimer::singleShot(delay, this, &DownloadJob::sendRequest);
}

void DownloadJob::complete()
{
    if (!m_file.flush()) {
        return fail(Error::make(Error::Kind::Io, m_file.errorString(), m_partialPath));
    }
    m_file.close();
    m_sha256 = QString::fromLatin1(m_hash.result().toHex());
    if (m_request.expectedSize >= 0 && m_written != m_request.expectedSize)
        return fail(Error::make(Error::Kind::Integrity,
                                QStringLiteral("size %1 bytes, expected %2")
                                        .arg(m_written)
                                        .arg(m_request.expectedSize),
                                m_request.uri));
    if (!m_request.expectedSha256.isEmpty()
        && m_sha256.compare(m_request.expectedSha256, Qt::CaseInsensitive) != 0)
        return fail(Error::make(
                Error::Kind::Integrity,
                QStringLiteral("sha256 %1, expected %2").arg(m_sha256, m_request.expectedSha256),
                m_request.uri));
    Status committed;
    if (m_request.cache) {
        committed = SdkCache::commit(m_partialPath, m_destination);
    } else {
        QFile::remove(m_destination);
        if (!QFile::rename(m_partialPath, m_destination))
            committed = Error::make(Error::Kind::Io, QStringLiteral("cannot rename into place"),
                                    m_destination);
    }
    if (!committed) {
        discardPartial();
        return fail(committed.error());
    }
    m_partialPath.clear();
    m_filePath = m_destination;
    reportProgress(m_written, m_written);
    if (m_request.extractArchive && !m_extractTo.isEmpty()) {
        auto flag = m_cancelFlag;
        const QString archive = m_destination, target = m_extractTo;
        m_extractWatcher.setFuture(QtConcurrent::run([archive, target, flag]() {
            return ArchiveExtractor::extract(archive, target, ArchiveExtractor::Limits{},
                                             flag.get());
        }));
        return;
    }
    m_resultPath = m_destination;
    finishOk();
}

void DownloadJob::onExtracted()
{
    const Result<QString> result = m_extractWatcher.result();
    if (m_cancelled)
        return finishCancelled();
    if (!result)
        return fail(result.error());
    m_resultPath = result.value();
    finishOk();
}

void DownloadJob::cancel()
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
    if (m_prepareWatcher.isRunning() || m_extractWatcher.isRunning())
        return; // their finished handlers report the cancel
    discardPartial();
    finishCancelled();
}

void DownloadJob::fail(Error error)
{
    discardPartial();
    finishWithError(std::move(error));
}

void DownloadJob::discardPartial()
{
    if (m_file.isOpen())
        m_file.close();
    if (!m_partialPath.isEmpty()) {
        QFile::remove(m_partialPath);
        m_partialPath.clear();
    }
}

void DownloadJob::resetPartial()
{
    m_file.resize(0);
    m_file.seek(0);
    m_written = 0;
    m_total = -1;
    m_hash.reset();
    m_validator.clear();
}

} // namespace Trove

#include "s3multipartupload.h"

#include "common/sha256.h"
#include "storage/s3error.h"
#include "storage/sigv4signer.h"
#include "transfers/fileslicedevice.h"

#include <QBuffer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QtConcurrent/QtConcurrentRun>

namespace Trove {
namespace {

QByteArray hashSlice(const QString &path, qint64 offset, qint64 length)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || !file.seek(offset))
        return QByteArray();
    Sha256 hash;
    QByteArray buffer(1 << 16, Qt::Uninitialized);
    qint64 left = length;
    while (left > 0) {
        const qint64 n = file.read(buffer.data(), std::min<qint64>(buffer.size(), left));
        if (n <= 0)
            return QByteArray();
        hash.addData(QByteArrayView(buffer.constData(), n));
        left -= n;
    }
    return hash.result().toHex();
}

} // namespace

S3MultipartUpload::S3MultipartUpload(StorageAccess access,
                                     QNetworkAccessManager *network,
                                     QUrl target,
                                     QString filePath,
                                     qint64 size,
                                     qint64 partSize,
                                     QByteArray contentType,
                                     QObject *parent)
    : QObject(parent)
    , m_access(std::move(access))
    , m_network(network)
    , m_target(std::move(target))
    , m_filePath(std::move(filePath))
    , m_size(size)
    , m_partSize(std::max<qint64>(partSize, 1))
    , m_contentType(std::move(contentType))
{
    connect(&m_hashWatcher, &QFutureWatcher<QByteArray>::finished, this,
            &S3MultipartUpload::onPartHashed);
}

S3MultipartUpload::~S3MultipartUpload()
{
    if (m_reply)
        m_reply->abort();
    m_hashWatcher.waitForFinished();
}

int S3MultipartUpload::partCount() const
{
    return static_cast<int>((m_size + m_partSize - 1) / m_partSize);
}

void S3MultipartUpload::send(const QByteArray &method,
                             const QByteArray &query,
                             QIODevice *body,
                             const QByteArray &payloadHash,
                             qint64 length)
{
    StorageAccess::RequestOptions options;
    options.query = query;
    options.payloadSha256Hex = payloadHash;
    if (method == "POST" && query == "uploads")
        options.contentType = m_contentType;
    auto request = m_access.prepare(m_target, method, options);
    if (!request) {
        delete body;
        return fail(request.error());
    }
    request->setHeader(QNetworkRequest::ContentLengthHeader, length);
    m_reply = m_network->sendCustomRequest(*request, method, body);
    if (body)
        body->setParent(m_reply);
    connect(m_reply, &QNetworkReply::uploadProgress, this, [this](qint64 sent, qint64) {
        if (m_part > 0)
            Q_EMIT progress(m_sentBefore + sent, m_size);
    });
}

bool S3MultipartUpload::checkReply(QNetworkReply *reply, QByteArray *body)
{
    *body = reply->readAll().left(1024 * 1024);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status >= 300 || (status == 0 && reply->error() != QNetworkReply::NoError)) {
        if (status == 0) {
            Error e = Error::make(Error::Kind::Network, reply->errorString(), m_target.toString());
            e.networkError = reply->error();
            fail(e);
        } else {
            fail(StorageAccess::httpError(m_target.toString(), status, *body));
        }
        return false;
    }
    // S3 may answer 200 with an <Error> document (CompleteMultipartUpload).
    const S3Error embedded = S3Error::parse(*body);
    if (!embedded.isEmpty()) {
        fail(StorageAccess::httpError(m_target.toString(), status, *body));
        return false;
    }
    return true;
}

void S3MultipartUpload::start()
{
    auto *empty = new QBuffer;
    empty->open(QIODevice::ReadOnly);
    send("POST", "uploads", empty, SigV4Signer::emptyPayloadHash(), 0);
    if (m_reply)
        connect(m_reply, &QNetworkReply::finished, this, &S3MultipartUpload::onCreated);
}

void S3MultipartUpload::onCreated()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->deleteLater();
    QByteArray body;
    if (m_done || !checkReply(reply, &body))
        return;
    m_uploadId = s3XmlValue(body, QStringLiteral("UploadId"));
    if (m_uploadId.isEmpty())
        return fail(Error::make(Error::Kind::Parse, QStringLiteral("no UploadId in the answer"),
                                m_target.toString()));
    nextPart();
}

void S3MultipartUpload::nextPart()
{
    if (m_done)
        return;
    if (m_part >= partCount())
        return complete();
    const qint64 offset = qint64(m_part) * m_partSize;
    const qint64 length = std::min(m_partSize, m_size - offset);
    const QString path = m_filePath;
    m_hashWatcher.setFuture(
            QtConcurrent::run([path, offset, length] { return hashSlice(path, offset, length); }));
}

void S3MultipartUpload::onPartHashed()
{
    if (m_done)
        return;
    const QByteArray hash = m_hashWatcher.result();
    if (hash.isEmpty())
        return fail(
                Error::make(Error::Kind::Io, QStringLiteral("cannot read the file"), m_filePath));
    const qint64 offset = qint64(m_part) * m_partSize;
    const qint64 length = std::min(m_partSize, m_size - offset);
    auto *slice = new FileSliceDevice(m_filePath, offset, length);
    if (!slice->open(QIODevice::ReadOnly)) {
        delete slice;
        return fail(
                Error::make(Error::Kind::Io, QStringLiteral("cannot open the file"), m_filePath));
    }
    m_sentBefore = offset;
    ++m_part;
    const QByteArray query = "partNumber=" + QByteArray::number(m_part)
                             + "&uploadId=" + SigV4Signer::uriEncode(m_uploadId.toUtf8(), true);
    send("PUT", query, slice, hash, length);
    if (m_reply)
        connect(m_reply, &QNetworkReply::finished, this, &S3MultipartUpload::onPartSent);
}

void S3MultipartUpload::onPartSent()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->deleteLater();
    QByteArray body;
    if (m_done || !checkReply(reply, &body))
        return;
    const QByteArray etag = reply->rawHeader("ETag");
    if (etag.isEmpty())
        return fail(Error::make(Error::Kind::Parse, QStringLiteral("a part without ETag"),
                                m_target.toString()));
    m_etags << QString::fromLatin1(etag);
    Q_EMIT progress(m_sentBefore + std::min(m_partSize, m_size - m_sentBefore), m_size);
    nextPart();
}

void S3MultipartUpload::complete()
{
    QByteArray xml = "<CompleteMultipartUpload>";
    for (int i = 0; i < m_etags.size(); ++i)
        xml += "<Part><PartNumber>" + QByteArray::number(i + 1) + "</PartNumber><ETag>"
               + m_etags.at(i).toHtmlEscaped().toUtf8() + "</ETag></Part>";
    xml += "</CompleteMultipartUpload>";
    auto *buffer = new QBuffer;
    buffer->setData(xml);
    buffer->open(QIODevice::ReadOnly);
    send("POST", "uploadId=" + SigV4Signer::uriEncode(m_uploadId.toUtf8(), true), buffer,
         SigV4Signer::sha256Hex(xml), xml.size());
    if (m_reply)
        connect(m_reply, &QNetworkReply::finished, this, &S3MultipartUpload::onCompleted);
}

void S3MultipartUpload::onCompleted()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->deleteLater();
    QByteArray body;
    if (m_done || !checkReply(reply, &body))
        return;
    m_done = true;
    Q_EMIT finished(Error());
}

void S3MultipartUpload::cancel()
{
    fail(Error::make(Error::Kind::Cancelled, QString(), m_target.toString()));
}

void S3MultipartUpload::fail(Error error)
{
    if (m_done)
        return;
    m_done = true;
    if (m_reply) {
        QNetworkReply *reply = m_reply;
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    if (!m_uploadId.isEmpty() && m_network) {
        // Best effort: free the parts on the server.
        StorageAccess::RequestOptions options;
        options.query = "uploadId=" + SigV4Signer::uriEncode(m_uploadId.toUtf8(), true);
        if (auto request = m_access.prepare(m_target, "DELETE", options)) {
            QNetworkReply *abort = m_network->deleteResource(*request);
            connect(abort, &QNetworkReply::finished, abort, &QObject::deleteLater);
        }
    }
    Q_EMIT finished(error);
}

} // namespace Trove

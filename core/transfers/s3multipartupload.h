#pragma once

#include "common/result.h"
#include "storage/storageaccess.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace Trove {

/// An S3 multipart upload of one file: CreateMultipartUpload, then UploadPart for each
/// `partSize` slice (streamed from disk, each part signed with its own sha256, hashed on a
/// worker thread), then CompleteMultipartUpload; AbortMultipartUpload on failure or cancel.
/// Used by UploadJob for files above its multipart threshold.
class S3MultipartUpload final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(S3MultipartUpload)

public:
    S3MultipartUpload(StorageAccess access,
                      QNetworkAccessManager *network,
                      QUrl target,
                      QString filePath,
                      qint64 size,
                      qint64 partSize,
                      QByteArray contentType,
                      QObject *parent = nullptr);
    ~S3MultipartUpload() override;

    void start();
    void cancel();
    int partCount() const;

Q_SIGNALS:
    void progress(qint64 sent, qint64 total);
    /// Emitted once. error.kind == None on success.
    void finished(const Trove::Error &error);

private:
    void send(const QByteArray &method,
              const QByteArray &query,
              QIODevice *body,
              const QByteArray &payloadHash,
              qint64 length);
    void onCreated();
    void nextPart();
    void onPartHashed();
    void onPartSent();
    void complete();
    void onCompleted();
    void fail(Error error);
    bool checkReply(QNetworkReply *reply, QByteArray *body);

    StorageAccess m_access;
    QPointer<QNetworkAccessManager> m_network;
    QUrl m_target;
    QString m_filePath;
    qint64 m_size;
    qint64 m_partSize;
    QByteArray m_contentType;
    QString m_uploadId;
    QStringList m_etags;
    int m_part = 0;
    qint64 m_sentBefore = 0;
    bool m_done = false;
    QPointer<QNetworkReply> m_reply;
    QFutureWatcher<QByteArray> m_hashWatcher;
};

} // namespace Trove

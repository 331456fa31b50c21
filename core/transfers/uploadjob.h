#pragma once

#include "storage/storageaccess.h"
#include "transfers/artifactspec.h"
#include "transfers/transferjob.h"

#include <QFutureWatcher>
#include <QPointer>
#include <QTemporaryDir>

#include <atomic>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace Trove {

class S3MultipartUpload;

/// What to upload and where.
struct UploadRequest
{
    QString localPath;    ///< a file, or a folder (zipped first, as the SDK does)
    QString destination;  ///< the files server base URL as configured, or an s3:// prefix
    QString key;          ///< storage key (StorageKeys::artifactKey / modelKey)
    QString artifactName; ///< ArtifactSpec::key
    qint64 s3MultipartThreshold = qint64(64) << 20; ///< S3: bigger files go in parts
    qint64 s3PartSize = qint64(16) << 20;           ///< S3: part size (>= 5 MiB on AWS)

    /// An artifact upload laid out as the SDK does: a file keeps its name, a folder becomes
    /// `<folder name>.zip`; key = StorageKeys::artifactKey(...).
    static UploadRequest forArtifact(const QString &localPath,
                                     const QString &destination,
                                     const QString &projectName,
                                     const QString &projectId,
                                     const QString &taskName,
                                     const QString &taskId,
                                     const QString &artifactName);
    /// A model weights file: key = StorageKeys::modelKey(...).
    static UploadRequest forModel(const QString &localPath,
                                  const QString &destination,
                                  const QString &projectName,
                                  const QString &projectId,
                                  const QString &taskName,
                                  const QString &taskId);
};

/// Uploads one file or folder. A folder is zipped with libarchive into a temporary file
/// (streaming, deflated, members relative to the folder); the sha256 of the bytes that go out
/// is computed in a worker thread; then either
///  - a multipart POST to the files server, streamed from disk (QHttpMultiPart over a QFile),
///    one part whose name and filename are "/" + key (raw, spaces kept), Bearer token; or
///  - an S3 PUT of the file, SigV4-signed with the payload's sha256, streamed from disk; a
///    multipart upload (S3MultipartUpload) above UploadRequest::s3MultipartThreshold.
/// spec() then holds everything `tasks.add_or_update_artifacts` needs.
class UploadJob final : public TransferJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UploadJob)

public:
    UploadJob(StorageAccess access,
              QNetworkAccessManager *network,
              UploadRequest request,
              QObject *parent = nullptr);
    ~UploadJob() override;

    const UploadRequest &request() const { return m_request; }
    /// Valid once finished: key, type, uri, content_size, hash, timestamp, type_data.
    const ArtifactSpec &spec() const { return m_spec; }

    void cancel() override;

protected:
    void start() override;

private:
    struct Staged
    {
        QString uploadPath;
        qint64 size = 0;
        QString sha256;
        QString preview;
        bool archive = false;
        Error error;
    };
    void onStaged();
    void send(const Staged &staged);
    void onReplyFinished();

    StorageAccess m_access;
    QPointer<QNetworkAccessManager> m_network;
    UploadRequest m_request;
    ArtifactSpec m_spec;
    std::unique_ptr<QTemporaryDir> m_tempDir;
    QPointer<QNetworkReply> m_reply;
    QPointer<S3MultipartUpload> m_multipart;
    bool m_cancelled = false;
    bool m_tokenRefreshed = false; ///< one resend after a 401 from the files server
    std::shared_ptr<std::atomic_bool> m_cancelFlag = std::make_shared<std::atomic_bool>(false);
    QFutureWatcher<Staged> m_stageWatcher;
};

} // namespace Trove

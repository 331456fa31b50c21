#pragma once

#include "cache/sdkcache.h"
#include "common/sha256.h"
#include "storage/storageaccess.h"
#include "transfers/transferjob.h"

#include <QFile>
#include <QFutureWatcher>
#include <QPointer>
#include <QUrl>

#include <atomic>
#include <memory>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace Trove {

/// What to download and how to check it.
struct DownloadRequest
{
    QString uri; ///< as stored (artifact/model uri); bare paths and file:// are used in place
    QString destination;      ///< final file path; empty with `cache` set = the SDK cache entry
    QString expectedSha256;   ///< artifact `hash`; mismatch → Integrity error, file not kept
    qint64 expectedSize = -1; ///< artifact `content_size`
    /// Download into the SDK-shared cache: hits are served without a request, the download
    /// goes to the entry's name, eviction runs first (as the SDK does before each download).
    std::optional<SdkCache> cache;
    SdkCache::EvictionPolicy eviction;
    /// Extract the archive after download (artifact type "archive"): into the SDK's
    /// `_artifacts_archive_<key>` folder when `cache` is set, else into `extractTo`.
    bool extractArchive = false;
    QString artifactKey;
    QString extractTo;
    int maxAttempts = 12; ///< per stretch without progress; backoff 100 ms doubling to 3 s
};

/// Streams one object to disk in constant memory: bounded QNetworkReply read buffer, chunks
/// written to `<final>_<time>.partially`, sha256 computed on the way. A broken connection, a
/// 5xx/429 or a refused connection is retried with backoff and the transfer resumes with
/// `Range` + `If-Range` (ETag, else Last-Modified); a server that answers 200 instead of 206
/// restarts from zero. Success renames the partial file atomically into place; any failure
/// (write error such as a full disk, hash or size mismatch, cancel) removes it, so the cache
/// never holds a partial final file.
class DownloadJob final : public TransferJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DownloadJob)

public:
    DownloadJob(StorageAccess access,
                QNetworkAccessManager *network,
                DownloadRequest request,
                QObject *parent = nullptr);
    ~DownloadJob() override;

    const DownloadRequest &request() const { return m_request; }
    /// The local file (or extracted folder) once finished.
    QString resultPath() const { return m_resultPath; }
    /// The downloaded file itself (equal to resultPath() unless extracted).
    QString filePath() const { return m_filePath; }
    /// sha256 hex of the downloaded bytes (empty for cache hits and local files).
    QString sha256() const { return m_sha256; }
    bool servedFromCache() const { return m_fromCache; }
    /// How many times the transfer was resumed with a Range request.
    int resumeCount() const { return m_resumes; }
    int attemptCount() const { return m_attemptsTotal; }

    void cancel() override;

    /// Where `request` is already on disk, so that no transfer is needed: the local file of
    /// a file:// or bare-path uri, the cached file, or (archives) the extracted folder; else
    /// empty. Unlike a download it touches nothing (no mtime bump, no eviction). Blocking:
    /// call from a worker thread.
    static QString localResult(const DownloadRequest &request);

protected:
    void start() override;

private:
    struct Prepared
    {
        QString hit; ///< cached result (file or extracted folder), or empty
        QString destination;
        QString extractTo;
        Error error;
    };
    void onPrepared(const Prepared &prepared);
    void sendRequest();
    bool handleHeaders();
    void onReadyRead();
    void onReplyFinished();
    void retryOrFail(Error error);
    void complete();
    void onExtracted();
    void fail(Error error);
    void discardPartial();
    void resetPartial();

    StorageAccess m_access;
    QPointer<QNetworkAccessManager> m_network;
    DownloadRequest m_request;
    QUrl m_url;
    QString m_destination;
    QString m_extractTo;
    QString m_partialPath;
    QFile m_file;
    Sha256 m_hash;
    QPointer<QNetworkReply> m_reply;
    bool m_headersChecked = false;
    bool m_replyUsable = false;
    qint64 m_written = 0;
    qint64 m_total = -1;
    QByteArray m_validator;
    int m_attempts = 0;
    int m_attemptsTotal = 0;
    int m_resumes = 0;
    qint64 m_bytesAtAttemptStart = 0;
    bool m_cancelled = false;
    bool m_tokenRefreshed = false; ///< one retry after a 401 from the files server
    bool m_fromCache = false;
    QString m_resultPath;
    QString m_filePath;
    QString m_sha256;
    std::shared_ptr<std::atomic_bool> m_cancelFlag = std::make_shared<std::atomic_bool>(false);
    QFutureWatcher<Prepared> m_prepareWatcher;
    QFutureWatcher<Result<QString>> m_extractWatcher;
};

} // namespace Trove

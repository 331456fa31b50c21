#pragma once

#include "storage/storageaccess.h"
#include "transfers/copyjob.h"
#include "transfers/downloadjob.h"
#include "transfers/uploadjob.h"

#include <QList>
#include <QObject>
#include <QPointer>

class QNetworkAccessManager;

namespace Trove {

/// Runs uploads and downloads, at most maxParallel() at a time, in the order they were
/// added. Jobs are children of the manager; each emits progressChanged() and finished(). The
/// manager owns one QNetworkAccessManager for storage traffic (file server, http, S3), which
/// is separate from the API client's.
///
/// Plugging it in: construct with a StorageAccess holding the files-server URL, a
/// TokenProvider (the API session's current token) and the S3Config from clearml.conf.
class TransferManager final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransferManager)

public:
    explicit TransferManager(StorageAccess access, QObject *parent = nullptr);
    ~TransferManager() override;

    void setStorageAccess(StorageAccess access) { m_access = std::move(access); }
    const StorageAccess &storageAccess() const { return m_access; }

    void setMaxParallel(int count);
    int maxParallel() const { return m_maxParallel; }
    int runningCount() const;
    int queuedCount() const;

    /// Queues a download; it starts when a slot is free.
    DownloadJob *download(DownloadRequest request);
    /// Queues an upload.
    UploadJob *upload(UploadRequest request);
    /// Queues a local copy (e.g. "Save as…" out of the cache).
    CopyJob *copy(CopyRequest request);
    /// Queues the same request again as a new job, for a job that failed or was cancelled
    /// (nullptr otherwise). Emits jobRetried(job, newJob) before jobAdded(newJob), so that a
    /// list can put the new job in the old one's row and an owner (ArtifactPublisher) can
    /// follow it. The old job is left as it is.
    TransferJob *retry(TransferJob *job);

    QList<TransferJob *> jobs() const;
    void cancelAll();

    QNetworkAccessManager *network() const { return m_network; }

Q_SIGNALS:
    void jobAdded(Trove::TransferJob *job);
    void jobRetried(Trove::TransferJob *oldJob, Trove::TransferJob *newJob);
    void jobStarted(Trove::TransferJob *job);
    void jobFinished(Trove::TransferJob *job);

private:
    void enqueue(TransferJob *job);
    void pump();

    StorageAccess m_access;
    QNetworkAccessManager *m_network = nullptr;
    int m_maxParallel = 3;
    QList<QPointer<TransferJob>> m_queue;
    QList<QPointer<TransferJob>> m_running;
};

} // namespace Trove

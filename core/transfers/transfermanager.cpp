#include "transfermanager.h"

#include <QNetworkAccessManager>
#include <QTimer>

namespace Trove {

TransferManager::TransferManager(StorageAccess access, QObject *parent)
    : QObject(parent)
    , m_access(std::move(access))
    , m_network(new QNetworkAccessManager(this))
{}

TransferManager::~TransferManager()
{
    for (const auto &job : std::as_const(m_running))
        if (job)
            job->disconnect(this);
}

void TransferManager::setMaxParallel(int count)
{
    m_maxParallel = std::max(1, count);
    pump();
}

int TransferManager::runningCount() const
{
    return static_cast<int>(m_running.size());
}

int TransferManager::queuedCount() const
{
    return static_cast<int>(m_queue.size());
}

DownloadJob *TransferManager::download(DownloadRequest request)
{
    auto *job = new DownloadJob(m_access, m_network, std::move(request), this);
    enqueue(job);
    return job;
}

UploadJob *TransferManager::upload(UploadRequest request)
{
    auto *job = new UploadJob(m_access, m_network, std::move(request), this);
    enqueue(job);
    return job;
}

CopyJob *TransferManager::copy(CopyRequest request)
{
    auto *job = new CopyJob(std::move(request), this);
    enqueue(job);
    return job;
}

TransferJob *TransferManager::retry(TransferJob *job)
{
    if (!job
        || (job->state() != TransferJob::State::Failed
            && job->state() != TransferJob::State::Cancelled))
        return nullptr;
    TransferJob *next = nullptr;
    if (auto *download = qobject_cast<DownloadJob *>(job))
        next = new DownloadJob(m_access, m_network, download->request(), this);
    else if (auto *upload = qobject_cast<UploadJob *>(job))
        next = new UploadJob(m_access, m_network, upload->request(), this);
    else if (auto *copyJob = qobject_cast<CopyJob *>(job))
        next = new CopyJob(copyJob->request(), this);
    if (!next)
        return nullptr;
    Q_EMIT jobRetried(job, next);
    enqueue(next);
    return next;
}

QList<TransferJob *> TransferManager::jobs() const
{
    return findChildren<TransferJob *>(QString(), Qt::FindDirectChildrenOnly);
}

void TransferManager::cancelAll()
{
    const auto all = jobs();
    for (TransferJob *job : all)
        job->cancel();
}

void TransferManager::enqueue(TransferJob *job)
{
    connect(job, &TransferJob::finished, this, [this, job] {
        m_running.removeAll(job);
        m_queue.removeAll(job);
        Q_EMIT jobFinished(job);
        // Start the next one from the event loop, not inside the job's own signal.
        QTimer::singleShot(0, this, &TransferManager::pump);
    });
    m_queue.append(job);
    Q_EMIT jobAdded(job);
    QTimer::singleShot(0, this, &TransferManager::pump);
}

void TransferManager::pump()
{
    m_queue.removeAll(nullptr);
    m_running.removeAll(nullptr);
    while (!m_queue.isEmpty() && m_running.size() < m_maxParallel) {
        QPointer<TransferJob> job = m_queue.takeFirst();
        if (!job || job->isDone())
            continue;
        m_running.append(job);
        Q_EMIT jobStarted(job);
        job->start();
    }
}

} // namespace Trove

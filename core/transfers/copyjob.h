#pragma once

#include "common/result.h"
#include "transfers/transferjob.h"

#include <QFutureWatcher>
#include <QTimer>

#include <atomic>
#include <memory>

namespace Trove {

/// A local copy (e.g. "Save as…" out of the SDK cache).
struct CopyRequest
{
    QString source;      ///< a file or a folder (copied recursively)
    QString destination; ///< the new file or folder; a folder destination must not exist yet
};

/// Copies a file or a folder in a worker thread, in 1 MiB blocks, so that a big artifact
/// never stalls the GUI thread; progress is polled from the worker's counters, cancel is
/// checked between blocks. Nothing half-written is left behind: a file goes through
/// QSaveFile (the destination appears only when complete, an existing one is replaced), a
/// folder is built in a hidden temporary folder beside the destination and renamed into
/// place at the end. Symbolic links to folders are skipped (no loops).
class CopyJob final : public TransferJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CopyJob)

public:
    explicit CopyJob(CopyRequest request, QObject *parent = nullptr);
    ~CopyJob() override;

    const CopyRequest &request() const { return m_request; }
    /// The destination once finished.
    QString resultPath() const { return m_resultPath; }

    void cancel() override;

    /// Blocking: the copy itself (worker threads and tests). `done`/`total` are updated as
    /// bytes are written; `cancel` is polled between blocks.
    static Status copy(const CopyRequest &request,
                       const std::atomic_bool *cancel,
                       std::atomic<qint64> *done,
                       std::atomic<qint64> *total);

protected:
    void start() override;

private:
    struct Shared
    {
        std::atomic_bool cancel{false};
        std::atomic<qint64> done{0};
        std::atomic<qint64> total{-1};
    };
    void poll();
    void onCopied();

    CopyRequest m_request;
    QString m_resultPath;
    bool m_cancelled = false;
    std::shared_ptr<Shared> m_shared = std::make_shared<Shared>();
    QTimer m_poll;
    QFutureWatcher<Status> m_watcher;
};

} // namespace Trove

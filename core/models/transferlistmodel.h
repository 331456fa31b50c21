#pragma once

#include "models/transferroles.h"
#include "transfers/transfermanager.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QSet>
#include <QTimer>

namespace Trove {

/// The transfers of one TransferManager as a list, one row per job, newest last, with the
/// roles of transferroles.h (so TransfersDock shows it directly, no proxy needed).
///
/// Rows follow the manager: jobAdded inserts a row, a job's state change updates its row at
/// once, progress updates are coalesced (at most one dataChanged per row every 100 ms, so a
/// fast download does not repaint the dock thousands of times a second). Only incremental
/// row signals are used, never a reset (except setManager()).
///
/// Actions the dock asks for: cancel(row); retry(row) re-queues the same request (download,
/// upload or copy) and the new job takes the old one's row (the old job is deleted);
/// clearFinished() removes the rows of done jobs (finished, failed, cancelled) and deletes
/// those jobs — the manager keeps every job as its child until then, so use one
/// TransferListModel per manager. resultPath(row) is what "Open" opens. Holders of a job
/// keep a QPointer (a finished job may be cleared at any time).
class TransferListModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransferListModel)

public:
    explicit TransferListModel(QObject *parent = nullptr);
    ~TransferListModel() override;

    /// Lists the manager's current jobs and follows new ones. nullptr empties the model.
    void setManager(TransferManager *manager);
    TransferManager *manager() const { return m_manager; }

    TransferJob *job(int row) const;
    int rowOf(const TransferJob *job) const;
    static TransferDirection directionOf(const TransferJob *job);

    bool canCancel(int row) const;
    bool canRetry(int row) const;
    /// True for a finished row with a result path.
    bool canOpen(int row) const;
    /// Cancels the row's job (no-op when done).
    void cancel(int row);
    /// Re-queues a failed or cancelled row's request; the new job takes the row. Returns the
    /// new job, or nullptr when the row cannot be retried.
    TransferJob *retry(int row);
    /// Removes every done row and deletes its job. Returns the number of rows removed.
    int clearFinished();
    /// Finished: the downloaded/copied file or folder, or the uploaded source; else empty.
    QString resultPath(int row) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    struct Row
    {
        TransferJob *raw = nullptr; ///< identity only (valid while `job` is)
        QPointer<TransferJob> job;
    };
    void addJob(TransferJob *job);
    void watch(TransferJob *job);
    void onRetried(TransferJob *oldJob, TransferJob *newJob);
    void onStateChanged(TransferJob *job);
    void onDestroyed(QObject *object);
    void flushProgress();
    void rowChanged(int row);

    QPointer<TransferManager> m_manager;
    QList<Row> m_rows;
    QSet<TransferJob *> m_dirty;
    QTimer m_flush;
};

} // namespace Trove

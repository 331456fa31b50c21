#include "transferlistmodel.h"

#include "transfers/transfermanager.h"

#include <QUrl>

namespace Trove {
namespace {

TransferState toState(TransferJob::State state)
{
    switch (state) {
    case TransferJob::State::Queued:
        return TransferState::Queued;
    case TransferJob::State::Running:
        return TransferState::Running;
    case TransferJob::State::Finished:
        return TransferState::Finished;
    case TransferJob::State::Failed:
        return TransferState::Failed;
    case TransferJob::State::Cancelled:
        return TransferState::Cancelled;
    }
    return TransferState::Failed;
}

QString displayName(const TransferJob *job)
{
    if (qobject_cast<const DownloadJob *>(job)) // the uri's last segment, percent-quoted
        return QUrl::fromPercentEncoding(job->name().toUtf8());
    return job->name();
}

QString sourceOf(const TransferJob *job)
{
    if (auto *d = qobject_cast<const DownloadJob *>(job))
        return d->request().uri;
    if (auto *u = qobject_cast<const UploadJob *>(job))
        return u->request().localPath;
    if (auto *c = qobject_cast<const CopyJob *>(job))
        return c->request().source;
    return QString();
}

} // namespace

TransferListModel::TransferListModel(QObject *parent)
    : QAbstractListModel(parent)
{
    m_flush.setSingleShot(true);
    m_flush.setInterval(100);
    connect(&m_flush, &QTimer::timeout, this, &TransferListModel::flushProgress);
}

TransferListModel::~TransferListModel() = default;

void TransferListModel::setManager(TransferManager *manager)
{
    beginResetModel();
    if (m_manager)
        m_manager->disconnect(this);
    for (const Row &row : std::as_const(m_rows))
        if (row.job)
            row.job->disconnect(this);
    m_rows.clear();
    m_dirty.clear();
    m_manager = manager;
    if (manager) {
        const QList<TransferJob *> jobs = manager->jobs();
        for (TransferJob *job : jobs) {
            m_rows.append(Row{job, job});
            watch(job);
        }
        connect(manager, &TransferManager::jobAdded, this, &TransferListModel::addJob);
        connect(manager, &TransferManager::jobRetried, this, &TransferListModel::onRetried);
    }
    endResetModel();
}

TransferDirection TransferListModel::directionOf(const TransferJob *job)
{
    if (qobject_cast<const UploadJob *>(job))
        return TransferDirection::Upload;
    if (qobject_cast<const CopyJob *>(job))
        return TransferDirection::Copy;
    return TransferDirection::Download;
}

void TransferListModel::addJob(TransferJob *job)
{
    if (!job || rowOf(job) >= 0)
        return; // a retried job already took its row
    const int at = int(m_rows.size());
    beginInsertRows(QModelIndex(), at, at);
    m_rows.append(Row{job, job});
    watch(job);
    endInsertRows();
}

void TransferListModel::watch(TransferJob *job)
{
    connect(job, &TransferJob::stateChanged, this, [this, job] { onStateChanged(job); });
    connect(job, &TransferJob::progressChanged, this, [this, job] {
        m_dirty.insert(job);
        if (!m_flush.isActive())
            m_flush.start();
    });
    connect(job, &QObject::destroyed, this, &TransferListModel::onDestroyed);
}

void TransferListModel::onRetried(TransferJob *oldJob, TransferJob *newJob)
{
    const int row = rowOf(oldJob);
    if (row < 0)
        return; // not listed (cleared): jobAdded appends the new job
    oldJob->disconnect(this);
    oldJob->deleteLater(); // replaced: nobody can see it any more
    m_dirty.remove(oldJob);
    m_rows[row] = Row{newJob, newJob};
    watch(newJob);
    rowChanged(row);
}

void TransferListModel::onStateChanged(TransferJob *job)
{
    m_dirty.remove(job);
    const int row = rowOf(job);
    if (row >= 0)
        rowChanged(row);
}

void TransferListModel::onDestroyed(QObject *object)
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (static_cast<QObject *>(m_rows.at(row).raw) != object)
            continue;
        beginRemoveRows(QModelIndex(), row, row);
        m_dirty.remove(m_rows.at(row).raw);
        m_rows.removeAt(row);
        endRemoveRows();
        return;
    }
}

void TransferListModel::flushProgress()
{
    const QSet<TransferJob *> dirty = std::exchange(m_dirty, {});
    for (TransferJob *job : dirty) {
        const int row = rowOf(job);
        if (row >= 0)
            Q_EMIT dataChanged(index(row), index(row),
                               {TransferRoles::BytesDoneRole, TransferRoles::BytesTotalRole,
                                TransferRoles::RateRole, TransferRoles::EtaRole});
    }
}

void TransferListModel::rowChanged(int row)
{
    Q_EMIT dataChanged(index(row), index(row));
}

TransferJob *TransferListModel::job(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).job.data() : nullptr;
}

int TransferListModel::rowOf(const TransferJob *job) const
{
    for (int row = 0; row < m_rows.size(); ++row)
        if (m_rows.at(row).raw == job)
            return row;
    return -1;
}

bool TransferListModel::canCancel(int row) const
{
    const TransferJob *j = job(row);
    return j && !j->isDone();
}

bool TransferListModel::canRetry(int row) const
{
    const TransferJob *j = job(row);
    return m_manager && j
           && (j->state() == TransferJob::State::Failed
               || j->state() == TransferJob::State::Cancelled);
}

bool TransferListModel::canOpen(int row) const
{
    const TransferJob *j = job(row);
    return j && j->state() == TransferJob::State::Finished && !resultPath(row).isEmpty();
}

void TransferListModel::cancel(int row)
{
    if (TransferJob *j = job(row))
        j->cancel();
}

TransferJob *TransferListModel::retry(int row)
{
    if (!canRetry(row))
        return nullptr;
    return m_manager->retry(job(row)); // jobRetried puts the new job in this row
}

int TransferListModel::clearFinished()
{
    int removed = 0;
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        TransferJob *j = m_rows.at(row).job;
        if (j && !j->isDone())
            continue;
        beginRemoveRows(QModelIndex(), row, row);
        m_dirty.remove(m_rows.at(row).raw);
        m_rows.removeAt(row);
        endRemoveRows();
        ++removed;
        if (j) {
            j->disconnect(this);
            j->deleteLater();
        }
    }
    return removed;
}

QString TransferListModel::resultPath(int row) const
{
    const TransferJob *j = job(row);
    if (!j || j->state() != TransferJob::State::Finished)
        return QString();
    if (auto *d = qobject_cast<const DownloadJob *>(j))
        return d->resultPath();
    if (auto *u = qobject_cast<const UploadJob *>(j))
        return u->request().localPath;
    if (auto *c = qobject_cast<const CopyJob *>(j))
        return c->resultPath();
    return QString();
}

int TransferListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant TransferListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TransferJob *j = m_rows.at(index.row()).job;
    if (!j)
        return {};
    const TransferProgress progress = j->progress();
    switch (role) {
    case Qt::DisplayRole:
    case TransferRoles::NameRole:
        return displayName(j);
    case Qt::ToolTipRole: {
        QString tip = sourceOf(j);
        if (j->state() == TransferJob::State::Failed)
            tip += QLatin1Char('\n') + j->error().userMessage();
        return tip;
    }
    case TransferRoles::DirectionRole:
        return int(directionOf(j));
    case TransferRoles::BytesDoneRole:
        return progress.bytes;
    case TransferRoles::BytesTotalRole:
        return progress.total;
    case TransferRoles::RateRole:
        return j->state() == TransferJob::State::Running ? progress.bytesPerSecond : 0.0;
    case TransferRoles::EtaRole:
        return j->state() == TransferJob::State::Running ? progress.etaSeconds : qint64(-1);
    case TransferRoles::StateRole:
        return int(toState(j->state()));
    case TransferRoles::ErrorRole:
        return j->state() == TransferJob::State::Failed ? j->error().userMessage() : QString();
    case TransferRoles::ResultPathRole:
        return resultPath(index.row());
    case TransferRoles::SourceRole:
        return sourceOf(j);
    default:
        return {};
    }
}

QHash<int, QByteArray> TransferListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({{TransferRoles::NameRole, "name"},
                  {TransferRoles::DirectionRole, "direction"},
                  {TransferRoles::BytesDoneRole, "bytesDone"},
                  {TransferRoles::BytesTotalRole, "bytesTotal"},
                  {TransferRoles::RateRole, "rate"},
                  {TransferRoles::EtaRole, "eta"},
                  {TransferRoles::StateRole, "state"},
                  {TransferRoles::ErrorRole, "error"},
                  {TransferRoles::ResultPathRole, "resultPath"},
                  {TransferRoles::SourceRole, "source"}});
    return names;
}

} // namespace Trove

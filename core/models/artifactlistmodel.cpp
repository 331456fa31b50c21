#include "artifactlistmodel.h"

#include <QDateTime>
#include <QVariantMap>

namespace Trove {

ArtifactListModel::ArtifactListModel(QObject *parent)
    : QAbstractListModel(parent)
{}

void ArtifactListModel::clear()
{
    beginResetModel();
    m_taskId.clear();
    m_artifacts.clear();
    m_pending.clear();
    endResetModel();
}

void ArtifactListModel::setTask(const Task &task)
{
    if (task.id != m_taskId) {
        beginResetModel();
        m_taskId = task.id;
        m_artifacts = task.artifacts;
        m_pending.clear();
        endResetModel();
        return;
    }
    // Same task: remove rows that disappeared, update the others, append the new ones.
    QSet<QString> incoming;
    for (const Artifact &a : task.artifacts)
        incoming.insert(idOf(a));
    for (int row = int(m_artifacts.size()) - 1; row >= 0; --row) {
        if (!incoming.contains(idOf(m_artifacts.at(row)))) {
            beginRemoveRows(QModelIndex(), row, row);
            m_pending.remove(idOf(m_artifacts.at(row)));
            m_artifacts.removeAt(row);
            endRemoveRows();
        }
    }
    for (const Artifact &a : task.artifacts) {
        const int row = rowOf(a.key, a.mode);
        if (row >= 0) {
            m_artifacts[row] = a;
            emit dataChanged(index(row), index(row));
        } else {
            const int at = int(m_artifacts.size());
            beginInsertRows(QModelIndex(), at, at);
            m_artifacts.append(a);
            endInsertRows();
        }
    }
}

int ArtifactListModel::rowOf(const QString &key, const QString &mode) const
{
    for (int i = 0; i < m_artifacts.size(); ++i)
        if (m_artifacts.at(i).key == key && m_artifacts.at(i).mode == mode)
            return i;
    return -1;
}

void ArtifactListModel::setPending(const QString &key, const QString &mode, bool pending)
{
    const int row = rowOf(key, mode);
    if (row < 0)
        return;
    const QString id = idOf(m_artifacts.at(row));
    if (pending == m_pending.contains(id))
        return;
    if (pending)
        m_pending.insert(id);
    else
        m_pending.remove(id);
    emit dataChanged(index(row), index(row), {PendingRole});
}

int ArtifactListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_artifacts.size());
}

QVariant ArtifactListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Artifact &a = m_artifacts.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case KeyRole:
        return a.key;
    case Qt::ToolTipRole:
        return a.uri;
    case TypeRole:
        return a.type;
    case SizeRole:
        return a.contentSize;
    case HashRole:
        return a.hash;
    case UriRole:
        return a.uri;
    case TimestampRole:
        return a.timestamp > 0 ? QDateTime::fromSecsSinceEpoch(a.timestamp, Qt::UTC) : QDateTime();
    case ModeRole:
        return a.mode;
    case MetadataRole: {
        QVariantMap map;
        for (const auto &[k, v] : a.displayData)
            map.insert(k, v);
        return map;
    }
    case PendingRole:
        return m_pending.contains(idOf(a));
    case ContentTypeRole:
        return a.contentType;
    case PreviewRole:
        return a.preview;
    default:
        return QVariant();
    }
}

QHash<int, QByteArray> ArtifactListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({{KeyRole, "key"},
                  {TypeRole, "type"},
                  {SizeRole, "size"},
                  {HashRole, "hash"},
                  {UriRole, "uri"},
                  {TimestampRole, "timestamp"},
                  {ModeRole, "mode"},
                  {MetadataRole, "metadata"},
                  {PendingRole, "pending"},
                  {ContentTypeRole, "contentType"},
                  {PreviewRole, "preview"}});
    return names;
}

} // namespace Trove

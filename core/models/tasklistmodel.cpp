#include "tasklistmodel.h"

#include <QSet>

namespace Trove {

TaskListModel::TaskListModel(ClearmlApi *api, QObject *parent)
    : QAbstractTableModel(parent)
    , m_api(api)
{}

TaskListModel::~TaskListModel()
{
    if (m_inFlight)
        m_inFlight->cancel();
}

void TaskListModel::setQuery(const TaskQuery &query)
{
    beginResetModel();
    ++m_generation;
    if (m_inFlight) {
        m_inFlight->cancel();
        m_inFlight = nullptr;
        emit loadingChanged(false);
    }
    m_query = query;
    m_query.scrollId.clear();
    if (m_query.size <= 0)
        m_query.size = 100;
    m_tasks.clear();
    m_rowOfId.clear();
    m_scrollId.clear();
    m_atEnd = false;
    m_lastError = Error();
    endResetModel();
}

int TaskListModel::indexOfId(const QString &taskId) const
{
    return m_rowOfId.value(taskId, -1);
}

int TaskListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_tasks.size());
}

int TaskListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TaskListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Task &t = m_tasks.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case NameColumn:
            return t.name;
        case StatusColumn:
            return t.statusText;
        case TypeColumn:
            return t.typeText;
        case UserColumn:
            return t.user.name.isEmpty() ? t.user.id : t.user.name;
        case LastUpdateColumn:
            return t.lastUpdate.isValid() ? t.lastUpdate.toLocalTime() : QVariant();
        case IdColumn:
            return t.id;
        default:
            return QVariant();
        }
    case IdRole:
        return t.id;
    case NameRole:
        return t.name;
    case StatusRole:
        return int(t.status);
    case StatusTextRole:
        return t.statusText;
    case TypeRole:
        return int(t.type);
    case TypeTextRole:
        return t.typeText;
    case ProjectIdRole:
        return t.project.id;
    case ProjectNameRole:
        return t.project.name;
    case UserIdRole:
        return t.user.id;
    case UserNameRole:
        return t.user.name;
    case CreatedRole:
        return t.created;
    case LastUpdateRole:
        return t.lastUpdate;
    case TagsRole:
        return t.tags;
    case SystemTagsRole:
        return t.systemTags;
    case ArchivedRole:
        return t.isArchived();
    default:
        return QVariant();
    }
}

QVariant TaskListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case StatusColumn:
        return tr("Status");
    case TypeColumn:
        return tr("Type");
    case UserColumn:
        return tr("User");
    case LastUpdateColumn:
        return tr("Updated");
    case IdColumn:
        return tr("ID");
    default:
        return QVariant();
    }
}

QHash<int, QByteArray> TaskListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert({{IdRole, "id"},
                  {NameRole, "name"},
                  {StatusRole, "status"},
                  {StatusTextRole, "statusText"},
                  {TypeRole, "type"},
                  {TypeTextRole, "typeText"},
                  {ProjectIdRole, "projectId"},
                  {ProjectNameRole, "projectName"},
                  {UserIdRole, "userId"},
                  {UserNameRole, "userName"},
                  {CreatedRole, "created"},
                  {LastUpdateRole, "lastUpdate"},
                  {TagsRole, "tags"},
                  {SystemTagsRole, "systemTags"},
                  {ArchivedRole, "archived"}});
    return names;
}

bool TaskListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_api && !m_inFlight && !m_atEnd;
}

void TaskListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    TaskQuery q = m_query;
    q.scrollId = m_scrollId;
    m_lastError = Error();
    m_inFlight = m_api->getTasks(q);
    const quint64 generation = m_generation;
    m_inFlight->onFinished(this, [this, generation](ApiReply &r) { onPage(r, generation); });
    emit loadingChanged(true);
}

void TaskListModel::onPage(ApiReply &reply, quint64 generation)
{
    if (generation != m_generation)
        return; // an older query
    if (m_inFlight == &reply)
        m_inFlight = nullptr;
    emit loadingChanged(false);
    auto page = reply.value<Page<Task>>();
    if (!page) {
        if (!page.error().isCancelled()) {
            m_lastError = page.error();
            emit errorOccurred(m_lastError);
        }
        return;
    }
    QList<Task> &items = page->items;
    // Scrolling servers may repeat a row at a page boundary while data changes: skip it.
    QList<Task> fresh;
    fresh.reserve(items.size());
    QSet<QString> seen;
    for (Task &t : items)
        if (indexOfId(t.id) < 0 && !seen.contains(t.id)) {
            seen.insert(t.id);
            fresh << std::move(t);
        }
    if (!fresh.isEmpty()) {
        const int first = int(m_tasks.size());
        beginInsertRows(QModelIndex(), first, first + int(fresh.size()) - 1);
        for (int i = 0; i < fresh.size(); ++i)
            m_rowOfId.insert(fresh.at(i).id, first + i);
        m_tasks.append(std::move(fresh));
        endInsertRows();
    }
    m_scrollId = page->scrollId;
    if (items.size() < m_query.size || m_scrollId.isEmpty()) {
        m_atEnd = true;
        emit fullyLoaded();
    }
}

} // namespace Trove

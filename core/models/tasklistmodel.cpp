#include "tasklistmodel.h"

#include <QSet>

#include <algorithm>

namespace Trove {

namespace {

constexpr int kMaxRefreshRows = 500; // the server's largest page

/// Whether a refreshed task differs from the row shown (the fields the list can show).
bool sameRow(const Task &a, const Task &b)
{
    return a.name == b.name && a.statusText == b.statusText && a.typeText == b.typeText
           && a.lastUpdate == b.lastUpdate && a.user == b.user && a.project == b.project
           && a.tags == b.tags && a.systemTags == b.systemTags && a.comment == b.comment;
}

} // namespace

TaskListModel::TaskListModel(ClearmlApi *api, QObject *parent)
    : QAbstractTableModel(parent)
    , m_api(api)
{}

TaskListModel::~TaskListModel()
{
    if (m_inFlight)
        m_inFlight->cancel();
    if (m_refreshing)
        m_refreshing->cancel();
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
    if (m_refreshing) {
        m_refreshing->cancel();
        m_refreshing = nullptr;
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
        case ProjectColumn:
            return t.project.name.isEmpty() ? t.project.id : t.project.name;
        case TagsColumn:
            return t.tags.join(QStringLiteral(", "));
        case CreatedColumn:
            return t.created.isValid() ? t.created.toLocalTime() : QVariant();
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
    case ProjectColumn:
        return tr("Project");
    case TagsColumn:
        return tr("Tags");
    case CreatedColumn:
        return tr("Created");
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
    return !parent.isValid() && m_api && !m_inFlight && !m_refreshing && !m_atEnd;
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

std::optional<Page<Task>> TaskListModel::pageOf(ApiReply &reply)
{
    auto page = reply.value<Page<Task>>();
    if (page)
        return std::move(page.value());
    if (!page.error().isCancelled()) {
        m_lastError = page.error();
        emit errorOccurred(m_lastError);
    }
    return std::nullopt;
}

void TaskListModel::onPage(ApiReply &reply, quint64 generation)
{
    if (generation != m_generation)
        return; // an older query
    if (m_inFlight == &reply)
        m_inFlight = nullptr;
    emit loadingChanged(false);
    auto page = pageOf(reply);
    if (!page)
        return;
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
    // Update the paging state before the row signals: views (and the model tester) may call
    // canFetchMore()/fetchMore() from inside rowsInserted.
    m_scrollId = page->scrollId;
    const bool last = items.size() < m_query.size || m_scrollId.isEmpty();
    m_atEnd = last;
    if (!fresh.isEmpty()) {
        const int first = int(m_tasks.size());
        beginInsertRows(QModelIndex(), first, first + int(fresh.size()) - 1);
        for (int i = 0; i < fresh.size(); ++i)
            m_rowOfId.insert(fresh.at(i).id, first + i);
        m_tasks.append(std::move(fresh));
        endInsertRows();
    }
    if (last)
        emit fullyLoaded();
}

bool TaskListModel::refresh()
{
    if (!m_api || m_inFlight || m_refreshing)
        return false;
    TaskQuery q = m_query;
    q.scrollId.clear();
    // The loaded rows plus a page: new tasks do not push loaded ones out of the window.
    const int requested = std::min(int(m_tasks.size()) + m_query.size, kMaxRefreshRows);
    q.size = requested;
    m_refreshing = m_api->getTasks(q);
    const quint64 generation = m_generation;
    m_refreshing->onFinished(this, [this, generation, requested](ApiReply &r) {
        onRefresh(r, generation, requested);
    });
    return true;
}

void TaskListModel::rebuildRowIndex()
{
    m_rowOfId.clear();
    for (int i = 0; i < m_tasks.size(); ++i)
        m_rowOfId.insert(m_tasks.at(i).id, i);
}

void TaskListModel::onRefresh(ApiReply &reply, quint64 generation, int requested)
{
    if (generation != m_generation)
        return;
    if (m_refreshing == &reply)
        m_refreshing = nullptr;
    auto page = pageOf(reply);
    if (!page)
        return;
    QList<Task> items;
    QSet<QString> incoming;
    for (Task &t : page->items)
        if (!incoming.contains(t.id)) {
            incoming.insert(t.id);
            items << std::move(t);
        }
    const bool complete = page->items.size() < requested;
    const bool coversLoaded = requested >= m_tasks.size();
    bool changed = false;

    // Rows that no longer match: only a complete answer proves they are gone.
    if (complete) {
        for (int row = int(m_tasks.size()) - 1; row >= 0; --row) {
            if (incoming.contains(m_tasks.at(row).id))
                continue;
            beginRemoveRows(QModelIndex(), row, row);
            m_tasks.removeAt(row);
            rebuildRowIndex();
            endRemoveRows();
            changed = true;
        }
    }
    // Known rows change in place; new ones go right after the known row the server lists
    // before them (or first), so the order stays close to the server's without moving rows.
    int insertAt = 0;
    for (Task &t : items) {
        const int row = indexOfId(t.id);
        if (row >= 0) {
            if (!sameRow(m_tasks.at(row), t)) {
                m_tasks[row] = std::move(t);
                emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
                changed = true;
            }
            insertAt = row + 1;
            continue;
        }
        beginInsertRows(QModelIndex(), insertAt, insertAt);
        m_tasks.insert(insertAt, std::move(t));
        rebuildRowIndex();
        endInsertRows();
        ++insertAt;
        changed = true;
    }
    // The fresh scroll continues right after the rows just read.
    if (coversLoaded) {
        m_scrollId = page->scrollId;
        const bool wasAtEnd = m_atEnd;
        m_atEnd = complete || m_scrollId.isEmpty();
        if (m_atEnd && !wasAtEnd)
            emit fullyLoaded();
    }
    emit refreshed(changed);
}

} // namespace Trove

#include "projecttreemodel.h"

#include <QSet>
#include <QVariantMap>

namespace Trove {

namespace {
constexpr int kPageSize = 500;

bool sameProject(const Project &a, const Project &b)
{
    auto sameStats = [](const ProjectStats &x, const ProjectStats &y) {
        return x.totalTasks == y.totalTasks && x.statusCount == y.statusCount;
    };
    return a.name == b.name && a.basename == b.basename && a.description == b.description
           && a.systemTags == b.systemTags && a.tags == b.tags && a.hasStats == b.hasStats
           && sameStats(a.activeStats, b.activeStats) && a.lastUpdate == b.lastUpdate
           && a.subProjects == b.subProjects;
}
} // namespace

ProjectTreeModel::ProjectTreeModel(ClearmlApi *api, QObject *parent)
    : QAbstractItemModel(parent)
    , m_api(api)
    , m_root(std::make_unique<Node>())
{}

ProjectTreeModel::~ProjectTreeModel()
{
    cancelAll(m_root.get());
}

void ProjectTreeModel::cancelAll(Node *node)
{
    if (node->fetching)
        node->fetching->cancel();
    if (node->refreshing)
        node->refreshing->cancel();
    for (auto &child : node->children)
        cancelAll(child.get());
}

void ProjectTreeModel::setShowArchived(bool show)
{
    if (show == m_showArchived)
        return;
    m_showArchived = show;
    reload();
}

void ProjectTreeModel::reload()
{
    beginResetModel();
    ++m_generation;
    cancelAll(m_root.get());
    m_pending = 0;
    m_refreshPending = 0;
    m_root = std::make_unique<Node>();
    m_lastError = Error();
    endResetModel();
}

ProjectTreeModel::Node *ProjectTreeModel::nodeFor(const QModelIndex &index) const
{
    if (!index.isValid())
        return m_root.get();
    return static_cast<Node *>(index.internalPointer());
}

int ProjectTreeModel::rowOf(const Node *node) const
{
    if (!node->parent)
        return 0;
    const auto &siblings = node->parent->children;
    for (size_t i = 0; i < siblings.size(); ++i)
        if (siblings[i].get() == node)
            return int(i);
    return -1;
}

QModelIndex ProjectTreeModel::indexFor(Node *node) const
{
    if (!node || node == m_root.get())
        return QModelIndex();
    return createIndex(rowOf(node), 0, node);
}

const Project *ProjectTreeModel::project(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return nullptr;
    return &nodeFor(index)->project;
}

ProjectTreeModel::Node *ProjectTreeModel::findNode(Node *from, const QString &id) const
{
    for (auto &child : from->children) {
        if (child->project.id == id)
            return child.get();
        if (Node *n = findNode(child.get(), id))
            return n;
    }
    return nullptr;
}

QModelIndex ProjectTreeModel::indexOfId(const QString &projectId) const
{
    return indexFor(findNode(m_root.get(), projectId));
}

QModelIndex ProjectTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return QModelIndex();
    Node *p = nodeFor(parent);
    return createIndex(row, column, p->children[size_t(row)].get());
}

QModelIndex ProjectTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return QModelIndex();
    return indexFor(nodeFor(child)->parent);
}

int ProjectTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeFor(parent)->children.size());
}

int ProjectTreeModel::columnCount(const QModelIndex &) const
{
    return 1;
}

bool ProjectTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    const Node *n = nodeFor(parent);
    if (!n->children.empty())
        return true;
    if (n == m_root.get())
        return !n->fetched;
    // Not fetched yet: trust sub_projects from get_all_ex.
    return !n->fetched && !n->project.subProjects.isEmpty();
}

QVariant ProjectTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return QVariant();
    const Node *n = nodeFor(index);
    const Project &p = n->project;
    switch (role) {
    case Qt::DisplayRole:
        return p.displayName();
    case Qt::ToolTipRole:
        return p.name;
    case IdRole:
        return p.id;
    case NameRole:
        return p.name;
    case BasenameRole:
        return p.displayName();
    case TaskCountRole:
        return p.hasStats ? QVariant(p.activeStats.totalTasks) : QVariant();
    case StatusCountsRole: {
        QVariantMap counts;
        for (auto it = p.activeStats.statusCount.cbegin(); it != p.activeStats.statusCount.cend();
             ++it)
            counts.insert(it.key(), it.value());
        return counts;
    }
    case ArchivedRole:
        return p.isArchived();
    case LoadingRole:
        return !n->fetching.isNull();
    case DescriptionRole:
        return p.description;
    case LastUpdateRole:
        return p.lastUpdate;
    default:
        return QVariant();
    }
}

QHash<int, QByteArray> ProjectTreeModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert({{IdRole, "id"},
                  {NameRole, "name"},
                  {BasenameRole, "basename"},
                  {TaskCountRole, "taskCount"},
                  {StatusCountsRole, "statusCounts"},
                  {ArchivedRole, "archived"},
                  {LoadingRole, "loading"},
                  {DescriptionRole, "description"},
                  {LastUpdateRole, "lastUpdate"}});
    return names;
}

bool ProjectTreeModel::canFetchMore(const QModelIndex &parent) const
{
    if (!m_api || parent.column() > 0)
        return false;
    const Node *n = nodeFor(parent);
    return !n->fetched && !n->fetching && !n->refreshing;
}

void ProjectTreeModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    Node *n = nodeFor(parent);
    ProjectQuery q;
    q.parentId = n->project.id; // empty for the root: top level
    q.includeArchived = m_showArchived;
    q.scrollId = n->scrollId;
    q.size = kPageSize;
    n->fetching = m_api->getProjects(q);
    ++m_pending;
    const quint64 generation = m_generation;
    // By id, not by pointer: a refresh may remove the node while its fetch is in flight.
    const QString nodeId = n->project.id;
    n->fetching->onFinished(
            this, [this, nodeId, generation](ApiReply &r) { onChildren(r, nodeId, generation); });
    if (n != m_root.get()) {
        const QModelIndex idx = indexFor(n);
        emit dataChanged(idx, idx, {LoadingRole});
    }
}

void ProjectTreeModel::onChildren(ApiReply &reply, const QString &nodeId, quint64 generation)
{
    if (generation != m_generation)
        return; // the tree was reloaded: the node is gone
    --m_pending;
    Node *node = nodeId.isEmpty() ? m_root.get() : findNode(m_root.get(), nodeId);
    if (!node)
        return; // removed by a refresh
    node->fetching = nullptr;
    const QModelIndex parentIndex = indexFor(node);
    if (node != m_root.get())
        emit dataChanged(parentIndex, parentIndex, {LoadingRole});
    auto page = reply.value<Page<Project>>();
    if (!page) {
        if (!page.error().isCancelled()) {
            m_lastError = page.error();
            emit errorOccurred(m_lastError);
        }
        return;
    }
    std::vector<std::unique_ptr<Node>> fresh;
    for (Project &p : page->items) {
        if (p.id == node->project.id || (!m_showArchived && p.isArchived()))
            continue;
        bool known = false;
        for (const auto &c : node->children)
            known = known || c->project.id == p.id;
        if (known)
            continue;
        auto child = std::make_unique<Node>();
        child->project = std::move(p);
        child->parent = node;
        fresh.push_back(std::move(child));
    }
    // Paging state first: a view may call canFetchMore()/fetchMore() from rowsInserted.
    node->scrollId = page->scrollId;
    node->fetched = page->items.size() < kPageSize || node->scrollId.isEmpty();
    if (!fresh.empty()) {
        const int first = int(node->children.size());
        beginInsertRows(parentIndex, first, first + int(fresh.size()) - 1);
        for (auto &c : fresh)
            node->children.push_back(std::move(c));
        endInsertRows();
    }
    if (node->fetched && node->children.empty() && node != m_root.get()) {
        // hasChildren() flips to false: tell the view.
        emit dataChanged(parentIndex, parentIndex);
    }
    emit childrenLoaded(parentIndex);
}

void ProjectTreeModel::collectFetched(Node *node, QList<Node *> *out) const
{
    if (node->fetched)
        *out << node;
    for (auto &child : node->children)
        collectFetched(child.get(), out);
}

bool ProjectTreeModel::refresh()
{
    if (!m_api || m_pending > 0 || m_refreshPending > 0)
        return false;
    QList<Node *> nodes;
    collectFetched(m_root.get(), &nodes);
    if (nodes.isEmpty())
        return false;
    m_refreshChanged = false;
    m_refreshPending = int(nodes.size());
    const quint64 generation = m_generation;
    for (Node *n : std::as_const(nodes)) {
        ProjectQuery q;
        q.parentId = n->project.id;
        q.includeArchived = m_showArchived;
        q.size = kPageSize;
        n->refreshing = m_api->getProjects(q);
        // By id, not by pointer: an earlier answer may remove this node meanwhile.
        const QString parentId = n->project.id;
        n->refreshing->onFinished(this, [this, parentId, generation](ApiReply &r) {
            onRefreshed(r, parentId, generation);
        });
    }
    return true;
}

void ProjectTreeModel::refreshStep(bool changed)
{
    m_refreshChanged = m_refreshChanged || changed;
    if (--m_refreshPending == 0)
        emit refreshed(m_refreshChanged);
}

void ProjectTreeModel::onRefreshed(ApiReply &reply, const QString &parentId, quint64 generation)
{
    if (generation != m_generation)
        return;
    Node *node = parentId.isEmpty() ? m_root.get() : findNode(m_root.get(), parentId);
    if (!node) { // removed by another level's answer
        refreshStep(true);
        return;
    }
    node->refreshing = nullptr;
    auto page = reply.value<Page<Project>>();
    if (!page) {
        if (!page.error().isCancelled()) {
            m_lastError = page.error();
            emit errorOccurred(m_lastError);
        }
        refreshStep(false);
        return;
    }
    const QModelIndex parentIndex = indexFor(node);
    bool changed = false;
    QSet<QString> incoming;
    for (const Project &p : page->items)
        if (p.id != node->project.id && (m_showArchived || !p.isArchived()))
            incoming.insert(p.id);
    // Only a complete answer proves that a project is gone.
    if (page->items.size() < kPageSize) {
        for (int row = int(node->children.size()) - 1; row >= 0; --row) {
            Node *child = node->children[size_t(row)].get();
            if (incoming.contains(child->project.id))
                continue;
            cancelAll(child);
            beginRemoveRows(parentIndex, row, row);
            node->children.erase(node->children.begin() + row);
            endRemoveRows();
            changed = true;
        }
    }
    for (Project &p : page->items) {
        if (!incoming.contains(p.id))
            continue;
        Node *known = nullptr;
        for (const auto &c : node->children)
            if (c->project.id == p.id)
                known = c.get();
        if (known) {
            if (!sameProject(known->project, p)) {
                known->project = std::move(p);
                const QModelIndex idx = indexFor(known);
                emit dataChanged(idx, idx);
                changed = true;
            }
            continue;
        }
        auto child = std::make_unique<Node>();
        child->project = std::move(p);
        child->parent = node;
        const int at = int(node->children.size());
        beginInsertRows(parentIndex, at, at);
        node->children.push_back(std::move(child));
        endInsertRows();
        changed = true;
    }
    refreshStep(changed);
}

} // namespace Trove

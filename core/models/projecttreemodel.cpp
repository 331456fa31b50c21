#include "projecttreemodel.h"

#include <QVariantMap>

namespace Trove {

namespace {
constexpr int kPageSize = 500;
}

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
    return !n->fetched && !n->fetching;
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
    n->fetching->onFinished(this,
                            [this, n, generation](ApiReply &r) { onChildren(r, n, generation); });
    if (n != m_root.get()) {
        const QModelIndex idx = indexFor(n);
        emit dataChanged(idx, idx, {LoadingRole});
    }
}

void ProjectTreeModel::onChildren(ApiReply &reply, Node *node, quint64 generation)
{
    if (generation != m_generation)
        return; // the tree was reloaded: `node` is gone
    --m_pending;
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
    if (!fresh.empty()) {
        const int first = int(node->children.size());
        beginInsertRows(parentIndex, first, first + int(fresh.size()) - 1);
        for (auto &c : fresh)
            node->children.push_back(std::move(c));
        endInsertRows();
    }
    node->scrollId = page->scrollId;
    if (page->items.size() < kPageSize || node->scrollId.isEmpty()) {
        node->fetched = true;
        if (node->children.empty() && node != m_root.get()) {
            // hasChildren() flips to false: tell the view.
            emit dataChanged(parentIndex, parentIndex);
        }
    }
    emit childrenLoaded(parentIndex);
}

} // namespace Trove

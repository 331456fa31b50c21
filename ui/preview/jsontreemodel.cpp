#include "jsontreemodel.h"

#include "widgets/palettehelpers.h"

namespace Trove {

JsonTreeModel::JsonTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
{}

JsonTreeModel::~JsonTreeModel() = default;

void JsonTreeModel::setRoot(JsonTreeNode root)
{
    beginResetModel();
    m_root = std::move(root);
    m_links.clear();
    indexNodes(m_root);
    endResetModel();
}

void JsonTreeModel::indexNodes(const JsonTreeNode &node)
{
    for (size_t i = 0; i < node.children.size(); ++i) {
        m_links.insert(&node.children[i], Link{&node, int(i)});
        indexNodes(node.children[i]);
    }
}

const JsonTreeNode *JsonTreeModel::node(const QModelIndex &index) const
{
    if (!index.isValid())
        return &m_root;
    return static_cast<const JsonTreeNode *>(index.internalPointer());
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    if (parent.isValid() && parent.column() != 0)
        return {};
    const JsonTreeNode *p = node(parent);
    if (size_t(row) >= p->children.size())
        return {};
    return createIndex(row, column, const_cast<JsonTreeNode *>(&p->children[size_t(row)]));
}

QModelIndex JsonTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const auto it = m_links.constFind(node(child));
    if (it == m_links.cend() || it->parent == &m_root)
        return {};
    const auto pit = m_links.constFind(it->parent);
    if (pit == m_links.cend())
        return {};
    return createIndex(pit->row, 0, const_cast<JsonTreeNode *>(it->parent));
}

int JsonTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(node(parent)->children.size());
}

int JsonTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QString JsonTreeModel::path(const QModelIndex &index) const
{
    QStringList parts;
    for (QModelIndex i = index.siblingAtColumn(0); i.isValid(); i = i.parent()) {
        const JsonTreeNode *n = node(i);
        const JsonTreeNode *p = node(i.parent());
        if (p->type == JsonTreeNode::Type::Array)
            parts.prepend(QStringLiteral("[%1]").arg(n->key));
        else
            parts.prepend(QStringLiteral(".") + n->key);
    }
    return QStringLiteral("$") + parts.join(QString());
}

QVariant JsonTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const JsonTreeNode *n = node(index);
    const bool container
            = n->type == JsonTreeNode::Type::Object || n->type == JsonTreeNode::Type::Array;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case KeyColumn:
            return n->key;
        case ValueColumn: {
            QString text;
            if (n->type == JsonTreeNode::Type::Object)
                text = QStringLiteral("{%1}").arg(PaletteHelpers::countText(
                        qint64(n->children.size()), tr("key"), tr("keys")));
            else if (n->type == JsonTreeNode::Type::Array)
                text = QStringLiteral("[%1]").arg(PaletteHelpers::countText(
                        qint64(n->children.size()), tr("item"), tr("items")));
            else if (n->type == JsonTreeNode::Type::String)
                text = QStringLiteral("\"%1\"").arg(
                        n->valueText.left(500).replace(QLatin1Char('\n'), QStringLiteral("↵")));
            else
                text = n->valueText;
            if (n->truncated)
                text += container ? tr("  … more not loaded") : tr(" …");
            return text;
        }
        case TypeColumn:
            return JsonTreeNode::typeName(n->type);
        }
        return {};
    case Qt::ToolTipRole:
        if (n->truncated)
            return tr("Truncated by the preview limit: the full value is longer.");
        if (index.column() == ValueColumn && !container)
            return n->valueText.left(4000);
        return path(index);
    case NodeTypeRole:
        return int(n->type);
    case RawValueRole:
        return n->valueText;
    case TruncatedRole:
        return n->truncated;
    case PathRole:
        return path(index);
    default:
        return {};
    }
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case ValueColumn:
        return tr("Value");
    case TypeColumn:
        return tr("Type");
    }
    return {};
}

} // namespace Trove

#include "archivetreemodel.h"

#include <QHash>
#include <QLocale>

namespace Trove {

struct ArchiveTreeModel::Node
{
    QString name;
    QString path;
    ArchiveMember member; ///< for folders only type/size/compressed are meaningful
    bool folder = false;
    Node *parent = nullptr;
    int row = 0;
    std::vector<std::unique_ptr<Node>> children;
    QHash<QString, Node *> byName;

    Node *child(const QString &childName, bool isFolder)
    {
        if (Node *n = byName.value(childName))
            return n;
        auto n = std::make_unique<Node>();
        n->name = childName;
        n->path = path.isEmpty() ? childName : path + QLatin1Char('/') + childName;
        n->folder = isFolder;
        n->parent = this;
        n->row = int(children.size());
        if (isFolder) {
            n->member.type = QStringLiteral("dir");
            n->member.compressedSize = 0;
        }
        Node *raw = n.get();
        byName.insert(childName, raw);
        children.push_back(std::move(n));
        return raw;
    }
};

ArchiveTreeModel::ArchiveTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{}

ArchiveTreeModel::~ArchiveTreeModel() = default;

void ArchiveTreeModel::setListing(const ArchiveListing &listing)
{
    beginResetModel();
    m_root = std::make_unique<Node>();
    m_root->folder = true;
    for (const ArchiveMember &m : listing.members) {
        const QStringList parts = m.name.split(QLatin1Char('/'), Qt::SkipEmptyParts);
        if (parts.isEmpty())
            continue;
        Node *n = m_root.get();
        for (int i = 0; i < parts.size(); ++i) {
            const bool last = i == parts.size() - 1;
            n = n->child(parts.at(i), !last || m.type == QLatin1String("dir"));
        }
        if (m.type == QLatin1String("dir")) {
            n->member.modified = m.modified;
            n->member.unsafeName = m.unsafeName;
            continue;
        }
        n->folder = false;
        n->member = m;
        for (Node *p = n->parent; p && p != m_root.get(); p = p->parent) {
            p->member.size += m.size;
            if (p->member.compressedSize >= 0)
                p->member.compressedSize
                        = m.compressedSize >= 0 ? p->member.compressedSize + m.compressedSize : -1;
        }
    }
    endResetModel();
}

ArchiveTreeModel::Node *ArchiveTreeModel::nodeFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex ArchiveTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    Node *p = nodeFor(parent);
    return createIndex(row, column, p->children[size_t(row)].get());
}

QModelIndex ArchiveTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    Node *p = nodeFor(child)->parent;
    if (!p || p == m_root.get())
        return {};
    return createIndex(p->row, 0, p);
}

int ArchiveTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeFor(parent)->children.size());
}

int ArchiveTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant ArchiveTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node *n = nodeFor(index);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return n->name;
        case SizeColumn:
            return QLocale().formattedDataSize(n->member.size);
        case CompressedColumn:
            return n->member.compressedSize >= 0
                           ? QVariant(QLocale().formattedDataSize(n->member.compressedSize))
                           : QVariant();
        case ModifiedColumn:
            return n->member.modified.isValid()
                           ? QVariant(QLocale().toString(n->member.modified, QLocale::ShortFormat))
                           : QVariant();
        }
        return {};
    case Qt::ToolTipRole:
        return n->member.unsafeName ? QStringLiteral("%1\nUnsafe name: it would escape an "
                                                     "extraction folder")
                                              .arg(n->path)
                                    : n->path;
    case PathRole:
        return n->path;
    case SizeRole:
        return n->member.size;
    case CompressedSizeRole:
        return n->member.compressedSize;
    case ModifiedRole:
        return n->member.modified;
    case IsFolderRole:
        return n->folder;
    case UnsafeNameRole:
        return n->member.unsafeName;
    case TypeRole:
        return n->member.type;
    default:
        return {};
    }
}

QVariant ArchiveTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case SizeColumn:
        return tr("Size");
    case CompressedColumn:
        return tr("Compressed");
    case ModifiedColumn:
        return tr("Modified");
    }
    return {};
}

QHash<int, QByteArray> ArchiveTreeModel::roleNames() const
{
    auto roles = QAbstractItemModel::roleNames();
    roles.insert(PathRole, "path");
    roles.insert(SizeRole, "size");
    roles.insert(CompressedSizeRole, "compressedSize");
    roles.insert(ModifiedRole, "modified");
    roles.insert(IsFolderRole, "isFolder");
    roles.insert(UnsafeNameRole, "unsafeName");
    roles.insert(TypeRole, "type");
    return roles;
}

} // namespace Trove

#include "groupedtablemodel.h"

#include <QCollator>
#include <QFont>

#include <algorithm>

namespace Trove {

namespace {

constexpr quintptr kGroupId = 0; ///< internalId of group rows; children use group + 1

int compareVariants(const QVariant &a, const QVariant &b)
{
    if (!a.isValid() || !b.isValid())
        return int(a.isValid()) - int(b.isValid());
    if (a.userType() == QMetaType::QString || b.userType() == QMetaType::QString) {
        static const QCollator collator = [] {
            QCollator c;
            c.setCaseSensitivity(Qt::CaseInsensitive);
            c.setNumericMode(true);
            return c;
        }();
        return collator.compare(a.toString(), b.toString());
    }
    const QPartialOrdering order = QVariant::compare(a, b);
    if (order == QPartialOrdering::Less)
        return -1;
    if (order == QPartialOrdering::Greater)
        return 1;
    return 0;
}

} // namespace

GroupedTableModel::GroupedTableModel(QObject *parent)
    : QAbstractItemModel(parent)
{}

GroupedTableModel::~GroupedTableModel() = default;

void GroupedTableModel::setGroups(int groupRole, const QList<Group> &groups)
{
    beginResetModel();
    m_groupRole = groupRole;
    m_groups = groups;
    if (m_groups.isEmpty())
        m_groups << Group{QString(), QString()};
    rebuild();
    endResetModel();
}

void GroupedTableModel::setColumns(const QList<Column> &columns)
{
    beginResetModel();
    m_columns = columns;
    if (m_sortColumn >= m_columns.size())
        m_sortColumn = -1;
    endResetModel();
}

void GroupedTableModel::setSourceModel(QAbstractItemModel *source)
{
    beginResetModel();
    for (const auto &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_source = source;
    if (source) {
        m_connections << connect(source, &QAbstractItemModel::modelAboutToBeReset, this,
                                 [this] { beginResetModel(); });
        m_connections << connect(source, &QAbstractItemModel::modelReset, this, [this] {
            rebuild();
            endResetModel();
        });
        m_connections << connect(source, &QAbstractItemModel::rowsInserted, this,
                                 &GroupedTableModel::onRowsInserted);
        m_connections << connect(source, &QAbstractItemModel::rowsAboutToBeRemoved, this,
                                 &GroupedTableModel::onRowsAboutToBeRemoved);
        m_connections << connect(source, &QAbstractItemModel::rowsRemoved, this,
                                 &GroupedTableModel::onRowsRemoved);
        m_connections << connect(source, &QAbstractItemModel::dataChanged, this,
                                 &GroupedTableModel::onDataChanged);
        // Moves and layout changes are rare for these lists: start over.
        auto reset = [this] {
            beginResetModel();
            rebuild();
            endResetModel();
        };
        m_connections << connect(source, &QAbstractItemModel::rowsMoved, this, reset);
        m_connections << connect(source, &QAbstractItemModel::layoutChanged, this, reset);
        m_connections << connect(source, &QObject::destroyed, this, [this] {
            beginResetModel();
            m_source = nullptr;
            rebuild();
            endResetModel();
        });
    }
    rebuild();
    endResetModel();
}

int GroupedTableModel::groupOf(int sourceRow) const
{
    if (!m_source || m_groupRole < 0)
        return int(m_groups.size()) - 1;
    const QString key = m_source->index(sourceRow, 0).data(m_groupRole).toString();
    for (int g = 0; g < m_groups.size(); ++g)
        if (m_groups.at(g).key == key)
            return g;
    return int(m_groups.size()) - 1;
}

int GroupedTableModel::visibleRow(int group) const
{
    int row = 0;
    for (int g = 0; g < group; ++g)
        row += m_members.at(g).isEmpty() ? 0 : 1;
    return row;
}

int GroupedTableModel::groupAtRow(int row) const
{
    for (int g = 0; g < m_members.size(); ++g) {
        if (m_members.at(g).isEmpty())
            continue;
        if (row == 0)
            return g;
        --row;
    }
    return -1;
}

bool GroupedTableModel::lessThan(int a, int b) const
{
    if (m_sortColumn >= 0 && m_source) {
        const CellFunction &cell = m_columns.at(m_sortColumn).data;
        const QModelIndex ia = m_source->index(a, 0);
        const QModelIndex ib = m_source->index(b, 0);
        QVariant va = cell(ia, SortRole);
        QVariant vb = cell(ib, SortRole);
        if (!va.isValid() && !vb.isValid()) {
            va = cell(ia, Qt::DisplayRole);
            vb = cell(ib, Qt::DisplayRole);
        }
        const int c = compareVariants(va, vb);
        if (c != 0)
            return m_sortOrder == Qt::AscendingOrder ? c < 0 : c > 0;
    }
    return a < b;
}

int GroupedTableModel::insertPosition(int group, int sourceRow) const
{
    const QList<int> &members = m_members.at(group);
    const auto it = std::upper_bound(members.cbegin(), members.cend(), sourceRow,
                                     [this](int x, int y) { return lessThan(x, y); });
    return int(it - members.cbegin());
}

void GroupedTableModel::rebuild()
{
    m_members = QList<QList<int>>(m_groups.size());
    if (!m_source)
        return;
    const int n = m_source->rowCount();
    for (int r = 0; r < n; ++r)
        m_members[groupOf(r)] << r;
    for (QList<int> &members : m_members)
        std::stable_sort(members.begin(), members.end(),
                         [this](int x, int y) { return lessThan(x, y); });
}

void GroupedTableModel::emitGroupChanged(int group)
{
    if (m_members.at(group).isEmpty())
        return;
    const QModelIndex g = index(visibleRow(group), 0);
    emit dataChanged(g, g, {Qt::DisplayRole, Qt::AccessibleTextRole});
}

void GroupedTableModel::onRowsInserted(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid())
        return;
    const int n = last - first + 1;
    for (QList<int> &members : m_members)
        for (int &r : members)
            if (r >= first)
                r += n;
    for (int r = first; r <= last; ++r) {
        const int g = groupOf(r);
        if (m_members.at(g).isEmpty()) {
            const int top = visibleRow(g);
            beginInsertRows(QModelIndex(), top, top);
            m_members[g] << r;
            endInsertRows();
            continue;
        }
        const int pos = insertPosition(g, r);
        beginInsertRows(index(visibleRow(g), 0), pos, pos);
        m_members[g].insert(pos, r);
        endInsertRows();
        emitGroupChanged(g);
    }
}

void GroupedTableModel::onRowsAboutToBeRemoved(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid())
        return;
    for (int r = last; r >= first; --r) {
        for (int g = 0; g < m_members.size(); ++g) {
            const int pos = int(m_members.at(g).indexOf(r));
            if (pos < 0)
                continue;
            if (m_members.at(g).size() == 1) {
                const int top = visibleRow(g);
                beginRemoveRows(QModelIndex(), top, top);
                m_members[g].clear();
                endRemoveRows();
            } else {
                beginRemoveRows(index(visibleRow(g), 0), pos, pos);
                m_members[g].removeAt(pos);
                endRemoveRows();
                emitGroupChanged(g);
            }
            break;
        }
    }
}

void GroupedTableModel::onRowsRemoved(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid())
        return;
    const int n = last - first + 1;
    for (QList<int> &members : m_members)
        for (int &r : members)
            if (r > last)
                r -= n;
}

void GroupedTableModel::onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight)
{
    if (topLeft.parent().isValid() || m_columns.isEmpty())
        return;
    for (int r = topLeft.row(); r <= bottomRight.row(); ++r) {
        const int g = groupOf(r);
        const int pos = int(m_members.at(g).indexOf(r));
        if (pos < 0) { // the row changed group: rare, start over
            beginResetModel();
            rebuild();
            endResetModel();
            return;
        }
        const QModelIndex parentIndex = index(visibleRow(g), 0);
        emit dataChanged(index(pos, 0, parentIndex),
                         index(pos, int(m_columns.size()) - 1, parentIndex));
    }
}

QModelIndex GroupedTableModel::mapToSource(const QModelIndex &index) const
{
    if (!m_source || !index.isValid() || index.model() != this || index.internalId() == kGroupId)
        return QModelIndex();
    const int g = int(index.internalId()) - 1;
    if (g < 0 || g >= m_members.size() || index.row() >= m_members.at(g).size())
        return QModelIndex();
    return m_source->index(m_members.at(g).at(index.row()), 0);
}

QModelIndex GroupedTableModel::mapFromSource(const QModelIndex &source, int column) const
{
    if (!source.isValid() || source.model() != m_source)
        return QModelIndex();
    for (int g = 0; g < m_members.size(); ++g) {
        const int pos = int(m_members.at(g).indexOf(source.row()));
        if (pos >= 0)
            return index(pos, column, index(visibleRow(g), 0));
    }
    return QModelIndex();
}

QModelIndex GroupedTableModel::groupIndex(const QString &key) const
{
    for (int g = 0; g < m_groups.size(); ++g)
        if (m_groups.at(g).key == key && !m_members.at(g).isEmpty())
            return index(visibleRow(g), 0);
    return QModelIndex();
}

bool GroupedTableModel::isGroup(const QModelIndex &index) const
{
    return index.isValid() && index.model() == this && index.internalId() == kGroupId;
}

QModelIndex GroupedTableModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return QModelIndex();
    if (!parent.isValid())
        return createIndex(row, column, kGroupId);
    const int g = groupAtRow(parent.row());
    return createIndex(row, column, quintptr(g + 1));
}

QModelIndex GroupedTableModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kGroupId)
        return QModelIndex();
    const int g = int(child.internalId()) - 1;
    return createIndex(visibleRow(g), 0, kGroupId);
}

int GroupedTableModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid()) {
        int n = 0;
        for (const QList<int> &members : m_members)
            n += members.isEmpty() ? 0 : 1;
        return n;
    }
    if (parent.internalId() != kGroupId || parent.column() != 0)
        return 0;
    const int g = groupAtRow(parent.row());
    return g < 0 ? 0 : int(m_members.at(g).size());
}

int GroupedTableModel::columnCount(const QModelIndex &) const
{
    return int(m_columns.size());
}

QVariant GroupedTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return QVariant();
    if (index.internalId() == kGroupId) {
        const int g = groupAtRow(index.row());
        if (g < 0)
            return QVariant();
        switch (role) {
        case IsGroupRole:
            return true;
        case GroupKeyRole:
            return m_groups.at(g).key;
        case Qt::DisplayRole:
        case Qt::AccessibleTextRole:
            if (index.column() != 0)
                return QVariant();
            return QStringLiteral("%1 (%2)").arg(m_groups.at(g).title).arg(m_members.at(g).size());
        case Qt::FontRole: {
            QFont f;
            f.setBold(true);
            return f;
        }
        default:
            return QVariant();
        }
    }
    if (role == IsGroupRole)
        return false;
    const QModelIndex source = mapToSource(index);
    if (!source.isValid())
        return QVariant();
    if (role == GroupKeyRole)
        return m_groups.at(int(index.internalId()) - 1).key;
    if (role >= Qt::UserRole && (role < IsGroupRole || role > GroupKeyRole))
        return source.data(role);
    const QVariant v = m_columns.at(index.column()).data(source, role);
    if (!v.isValid() && role == CopyRole)
        return m_columns.at(index.column()).data(source, Qt::DisplayRole);
    return v;
}

QVariant GroupedTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0
        && section < m_columns.size())
        return m_columns.at(section).header;
    return QAbstractItemModel::headerData(section, orientation, role);
}

Qt::ItemFlags GroupedTableModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    if (index.internalId() == kGroupId)
        return Qt::ItemIsEnabled;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

void GroupedTableModel::sort(int column, Qt::SortOrder order)
{
    if (column >= m_columns.size())
        return;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    // Remember which source row each persistent child index points at.
    const QModelIndexList before = persistentIndexList();
    QList<int> sourceRows;
    sourceRows.reserve(before.size());
    for (const QModelIndex &i : before)
        sourceRows << (isGroup(i) ? -1 : mapToSource(i).row());
    m_sortColumn = column;
    m_sortOrder = order;
    for (QList<int> &members : m_members)
        std::stable_sort(members.begin(), members.end(),
                         [this](int x, int y) { return lessThan(x, y); });
    QModelIndexList after;
    after.reserve(before.size());
    for (int i = 0; i < before.size(); ++i) {
        if (sourceRows.at(i) < 0)
            after << before.at(i);
        else
            after << mapFromSource(m_source->index(sourceRows.at(i), 0), before.at(i).column());
    }
    changePersistentIndexList(before, after);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

} // namespace Trove

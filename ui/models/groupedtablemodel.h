#pragma once

#include <QAbstractItemModel>
#include <QList>
#include <QPointer>

#include <functional>

namespace Trove {

/// Shows a flat list model (ArtifactListModel, ModelListModel) as a table whose rows are
/// grouped under one header row per group ("Input artifacts (2)", "Output artifacts (9)"),
/// with columns defined by functions of the source row. Empty groups are not shown.
///
/// It follows the source incrementally (inserted, removed and changed rows map to inserted,
/// removed and changed child rows), so views keep their selection across a live refresh.
/// sort() orders the rows inside each group by a column's SortRole (the groups keep their
/// order); rows arriving later are inserted in sorted position.
///
/// The source's own roles (Qt::UserRole and up, except the roles below) read through on
/// every column of a child row, so a proxy on top (LocalCopyProxyModel) sees the source's
/// artifact or model roles.
class GroupedTableModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GroupedTableModel)

public:
    enum Role {
        IsGroupRole = Qt::UserRole + 700, ///< bool: a group header row
        SortRole,                         ///< the value to sort a column by
        CopyRole,                         ///< the full text to copy (a whole hash, a URI)
        GroupKeyRole,                     ///< the group's key, on group and child rows
    };

    struct Group
    {
        QString key;   ///< the source's groupRole value ("input", "output")
        QString title; ///< shown with the count: "Output artifacts (9)"
    };
    /// The data of one cell: `source` is column 0 of the source row.
    using CellFunction = std::function<QVariant(const QModelIndex &source, int role)>;
    struct Column
    {
        QString header;
        CellFunction data;
    };

    explicit GroupedTableModel(QObject *parent = nullptr);
    ~GroupedTableModel() override;

    /// Rows whose `groupRole` value matches no group go to the last group.
    void setGroups(int groupRole, const QList<Group> &groups);
    void setColumns(const QList<Column> &columns);
    void setSourceModel(QAbstractItemModel *source);
    QAbstractItemModel *sourceModel() const { return m_source; }

    /// Column 0 of the source row; invalid for group rows.
    QModelIndex mapToSource(const QModelIndex &index) const;
    QModelIndex mapFromSource(const QModelIndex &source, int column = 0) const;
    QModelIndex groupIndex(const QString &key) const;
    bool isGroup(const QModelIndex &index) const;
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    QModelIndex
    index(int row, int column, const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant
    headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    int groupOf(int sourceRow) const;
    int visibleRow(int group) const;
    int groupAtRow(int row) const;
    bool lessThan(int sourceA, int sourceB) const;
    int insertPosition(int group, int sourceRow) const;
    void rebuild();
    void onRowsInserted(const QModelIndex &parent, int first, int last);
    void onRowsAboutToBeRemoved(const QModelIndex &parent, int first, int last);
    void onRowsRemoved(const QModelIndex &parent, int first, int last);
    void onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight);
    void emitGroupChanged(int group);

    QPointer<QAbstractItemModel> m_source;
    QList<QMetaObject::Connection> m_connections;
    int m_groupRole = -1;
    QList<Group> m_groups;
    QList<Column> m_columns;
    QList<QList<int>> m_members; ///< per group: source rows in display order
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};

} // namespace Trove

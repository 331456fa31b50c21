#pragma once

#include "jsontreenode.h"

#include <QAbstractItemModel>
#include <QHash>

namespace Trove {

/// Read-only item model over a JsonTreeNode tree. Columns: Key, Value, Type. Container values
/// read "{3 keys}" / "[12 items]"; truncated nodes say so in the value and the tooltip.
/// Internal pointers are the nodes themselves; a parent table built in setRoot() answers
/// parent() in O(1).
class JsonTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonTreeModel)

public:
    enum Column { KeyColumn, ValueColumn, TypeColumn, ColumnCount };
    enum Role { NodeTypeRole = Qt::UserRole + 1, RawValueRole, TruncatedRole, PathRole };

    explicit JsonTreeModel(QObject *parent = nullptr);
    ~JsonTreeModel() override;

    void setRoot(JsonTreeNode root);
    const JsonTreeNode &root() const { return m_root; }
    const JsonTreeNode *node(const QModelIndex &index) const;
    /// "$.layers[2].name"-style path of `index`.
    QString path(const QModelIndex &index) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant
    headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Link
    {
        const JsonTreeNode *parent = nullptr;
        int row = 0;
    };
    void indexNodes(const JsonTreeNode &node);

    JsonTreeNode m_root;
    QHash<const JsonTreeNode *, Link> m_links;
};

} // namespace Trove

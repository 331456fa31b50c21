#pragma once

#include "models/localcopyproxymodel.h"
#include "widgets/artifactdragsource.h"
#include <QMenu>

#include <QAbstractProxyModel>
#include <QPointer>
#include <QTreeView>

namespace Trove {

class GroupedTableModel;

/// A tree view for GroupedTableModel: group rows span the whole width and stay expanded,
/// header clicks sort inside the groups, Ctrl+C copies the current cell's full value
/// (GroupedTableModel::CopyRole: the whole hash, the whole URI), and the context menu offers
/// "Copy <column>" plus whatever the integrator adds in contextMenuRequested().
///
/// An identity-like proxy may sit between the grouped model and the view (setTopModel(),
/// e.g. LocalCopyProxyModel for drag-out); the view maps through it.
class GroupedTableView final : public QTreeView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GroupedTableView)

public:
    explicit GroupedTableView(QWidget *parent = nullptr);
    ~GroupedTableView() override;

    void setGroupedModel(GroupedTableModel *model);
    GroupedTableModel *groupedModel() const { return m_model; }
    /// Shows `top` (a proxy whose source is the grouped model) instead; nullptr shows the
    /// grouped model itself.
    void setTopModel(QAbstractProxyModel *top);
    QAbstractProxyModel *topModel() const { return m_top; }
    /// Shows the rows through a LocalCopyProxyModel of `tracker` (the local copy of each
    /// artifact or model) and lets them be dragged out to a file manager (ArtifactDragSource:
    /// downloads first when needed). nullptr removes it (no session).
    void setLocalCopies(LocalCopyTracker *tracker, LocalCopyProxyModel::RequestBuilder builder);
    LocalCopyProxyModel *localCopies() const { return m_localCopies; }
    ArtifactDragSource *dragSource() const { return m_dragSource; }
    /// A view index as an index of the grouped model, and back.
    QModelIndex toGrouped(const QModelIndex &viewIndex) const;
    QModelIndex fromGrouped(const QModelIndex &groupedIndex) const;
    /// The source index (column 0) of the current row; invalid on a group row.
    QModelIndex currentSourceIndex() const;
    /// The source index (column 0) of a view index; invalid for a group row.
    QModelIndex sourceIndexOf(const QModelIndex &viewIndex) const;
    /// Selects the row of `source` (a source index), making it current.
    bool selectSource(const QModelIndex &source);

public slots:
    /// Copies the current cell's full value to the clipboard.
    void copyCurrent();

signals:
    /// The current row changed; `source` is invalid for none or a group row.
    void currentSourceChanged(const QModelIndex &source);
    /// Enter or double-click on a row.
    void sourceActivated(const QModelIndex &source);
    /// Add actions to `menu` for the row of `source` (invalid: no row under the cursor).
    void contextMenuRequested(QMenu *menu, const QModelIndex &source);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    void spanGroups();
    void install(QAbstractItemModel *shown);

    GroupedTableModel *m_model = nullptr;
    QAbstractProxyModel *m_top = nullptr;
    QPointer<LocalCopyProxyModel> m_localCopies;
    QPointer<ArtifactDragSource> m_dragSource;
    QList<QMetaObject::Connection> m_connections;
};

} // namespace Trove

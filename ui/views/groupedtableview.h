#pragma once

#include <QMenu>
#include <QTreeView>

namespace Trove {

class GroupedTableModel;

/// A tree view for GroupedTableModel: group rows span the whole width and stay expanded,
/// header clicks sort inside the groups, Ctrl+C copies the current cell's full value
/// (GroupedTableModel::CopyRole: the whole hash, the whole URI), and the context menu offers
/// "Copy <column>" plus whatever the integrator adds in contextMenuRequested().
class GroupedTableView final : public QTreeView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GroupedTableView)

public:
    explicit GroupedTableView(QWidget *parent = nullptr);
    ~GroupedTableView() override;

    void setGroupedModel(GroupedTableModel *model);
    GroupedTableModel *groupedModel() const { return m_model; }
    /// The source index (column 0) of the current row; invalid on a group row.
    QModelIndex currentSourceIndex() const;
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

    GroupedTableModel *m_model = nullptr;
};

} // namespace Trove

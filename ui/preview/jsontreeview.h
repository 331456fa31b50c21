#pragma once

#include "jsontreenode.h"

#include <QWidget>

class QLabel;
class QTreeView;

namespace Trove {

class JsonTreeModel;

/// Collapsible tree of a JSON-like document with Expand all / Collapse all, Copy value
/// (Ctrl+C) and Copy path. Values are coloured by type through a small delegate.
class JsonTreeView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonTreeView)

public:
    explicit JsonTreeView(QWidget *parent = nullptr);
    ~JsonTreeView() override;

    void setRoot(JsonTreeNode root);
    JsonTreeModel *model() const { return m_model; }
    QTreeView *treeView() const { return m_tree; }

public slots:
    void expandAll();
    void collapseAll();
    /// Copies the current node's value (scalars) or path (containers) to the clipboard.
    void copyValue();
    void copyPath();

private:
    JsonTreeModel *m_model = nullptr;
    QTreeView *m_tree = nullptr;
    QLabel *m_summary = nullptr;
};

} // namespace Trove

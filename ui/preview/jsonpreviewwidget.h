#pragma once

#include "jsontreenode.h"
#include "previewsource.h"

#include <QFutureWatcher>
#include <QTabWidget>

#include <optional>

class QLabel;

namespace Trove {

class JsonTreeView;
class TextViewer;

/// The JSON preview: a collapsible tree (JsonPreview's bounded outline, streamed over the
/// whole file) and the pretty-printed text of the first megabytes, as two tabs. When the file
/// is too large for the outline to be part of the first screen, the tree is built by a second
/// pass in the background while the text is already shown.
class JsonPreviewWidget final : public QTabWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonPreviewWidget)

public:
    /// `tree` absent: build it in the background; `treeError`: the outline failed (the text
    /// tab is shown with the reason on the tree tab).
    JsonPreviewWidget(PreviewSourcePtr source,
                      const QString &pretty,
                      bool prettyComplete,
                      std::optional<JsonTreeNode> tree,
                      const QString &treeError,
                      QWidget *parent = nullptr);
    ~JsonPreviewWidget() override;

    JsonTreeView *treeView() const { return m_tree; }
    TextViewer *textViewer() const { return m_text; }
    bool hasTree() const { return m_hasTree; }

signals:
    void treeReady();

private:
    void setTree(JsonTreeNode root);
    void setTreeError(const QString &error);

    PreviewSourcePtr m_source;
    JsonTreeView *m_tree = nullptr;
    TextViewer *m_text = nullptr;
    QLabel *m_treeNote = nullptr;
    QWidget *m_treePage = nullptr;
    bool m_hasTree = false;
    QFutureWatcher<Result<JsonTreeNode>> m_watcher;
};

} // namespace Trove

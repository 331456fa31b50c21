#include "jsonpreviewwidget.h"

#include "jsontreeview.h"
#include "previewloader.h"
#include "previewthreadpool.h"
#include "textviewer.h"

#include <QLabel>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace Trove {

JsonPreviewWidget::JsonPreviewWidget(PreviewSourcePtr source,
                                     const QString &pretty,
                                     bool prettyComplete,
                                     std::optional<JsonTreeNode> tree,
                                     const QString &treeError,
                                     QWidget *parent)
    : QTabWidget(parent)
    , m_source(std::move(source))
    , m_tree(new JsonTreeView)
    , m_text(new TextViewer)
    , m_treeNote(new QLabel)
    , m_treePage(new QWidget)
{
    setAccessibleName(tr("JSON preview"));
    setDocumentMode(true);
    m_treeNote->setWordWrap(true);
    m_treeNote->setAlignment(Qt::AlignCenter);
    m_treeNote->setAccessibleName(tr("Outline status"));
    auto *treeLayout = new QVBoxLayout(m_treePage);
    treeLayout->setContentsMargins(0, 0, 0, 0);
    treeLayout->addWidget(m_treeNote);
    treeLayout->addWidget(m_tree, 1);
    addTab(m_treePage, tr("&Tree"));
    addTab(m_text, tr("Te&xt"));

    m_text->setLanguage(TextViewer::Language::Json);
    const QString shown = prettyComplete
                                  ? pretty
                                  : pretty
                                            + tr("\n… (pretty text of the first part of the file; "
                                                 "the tree covers all of it)\n");
    m_text->setText(shown);

    connect(&m_watcher, &QFutureWatcherBase::finished, this, [this] {
        auto r = m_watcher.result();
        if (r)
            setTree(std::move(r.value()));
        else if (!r.error().isCancelled())
            setTreeError(r.error().message);
    });
    if (tree) {
        setTree(std::move(*tree));
    } else if (!treeError.isEmpty()) {
        setTreeError(treeError);
    } else {
        m_tree->hide();
        m_treeNote->setText(tr("Building the outline of the whole file…"));
        m_watcher.setFuture(QtConcurrent::run(
                previewThreadPool(), [source = m_source] { return loadJsonTree(source); }));
    }
}

JsonPreviewWidget::~JsonPreviewWidget()
{
    m_watcher.disconnect(this);
}

void JsonPreviewWidget::setTree(JsonTreeNode root)
{
    m_hasTree = true;
    m_treeNote->hide();
    m_tree->show();
    m_tree->setRoot(std::move(root));
    emit treeReady();
}

void JsonPreviewWidget::setTreeError(const QString &error)
{
    m_tree->hide();
    m_treeNote->setText(
            tr("No tree: this is not valid JSON (%1). The text tab shows it as it is.").arg(error));
    m_treeNote->show();
    setCurrentWidget(m_text);
}

} // namespace Trove

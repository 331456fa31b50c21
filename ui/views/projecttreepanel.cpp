#include "projecttreepanel.h"

#include "delegates/projectitemdelegate.h"
#include "models/projecttreemodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QStackedLayout>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace Trove {

ProjectTreePanel::ProjectTreePanel(QWidget *parent)
    : QWidget(parent)
    , m_view(new QTreeView)
    , m_placeholder(new QLabel)
{
    setAccessibleName(tr("Projects panel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);

    auto *header = new QHBoxLayout;
    header->setContentsMargins(6, 2, 2, 0);
    auto *title = new QLabel(tr("<b>Projects</b>"));
    title->setBuddy(m_view);
    m_all = new QToolButton;
    m_all->setText(tr("All"));
    m_all->setToolTip(tr("Show the tasks of every project"));
    m_all->setAccessibleName(tr("All projects"));
    m_all->setAutoRaise(true);
    connect(m_all, &QToolButton::clicked, this, &ProjectTreePanel::clearSelection);
    m_archived = new QToolButton;
    m_archived->setText(tr("Archived"));
    m_archived->setToolTip(tr("Show archived projects too"));
    m_archived->setAccessibleName(tr("Show archived projects"));
    m_archived->setCheckable(true);
    m_archived->setAutoRaise(true);
    connect(m_archived, &QToolButton::toggled, this, &ProjectTreePanel::setShowArchived);
    header->addWidget(title, 1);
    header->addWidget(m_all);
    header->addWidget(m_archived);
    layout->addLayout(header);

    m_view->setAccessibleName(tr("Project tree"));
    m_view->setHeaderHidden(true);
    m_view->setUniformRowHeights(true);
    m_view->setItemDelegate(new ProjectItemDelegate(m_view));
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setExpandsOnDoubleClick(true);
    m_view->header()->setStretchLastSection(true);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setEnabled(false);
    m_placeholder->setAccessibleName(tr("Project tree status"));
    m_stack = new QStackedLayout;
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_placeholder);
    layout->addLayout(m_stack, 1);
    m_stack->setCurrentWidget(m_placeholder);
}

ProjectTreePanel::~ProjectTreePanel() = default;

void ProjectTreePanel::setPlaceholder(const QString &text)
{
    m_placeholder->setText(text);
    if (!m_model)
        m_stack->setCurrentWidget(m_placeholder);
}

void ProjectTreePanel::setModel(ProjectTreeModel *model)
{
    for (const auto &c : std::as_const(m_modelConnections))
        disconnect(c);
    m_modelConnections.clear();
    m_model = model;
    m_view->setModel(model);
    m_lastEmitted.clear();
    m_stack->setCurrentWidget(model ? static_cast<QWidget *>(m_view) : m_placeholder);
    if (!model)
        return;
    model->setShowArchived(m_archived->isChecked());
    m_modelConnections << connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged,
                                  this, &ProjectTreePanel::onCurrentChanged);
    m_modelConnections << connect(model, &ProjectTreeModel::childrenLoaded, this,
                                  [this](const QModelIndex &parent) {
                                      // A few top-level projects: show their subprojects.
                                      if (!parent.isValid() && m_model->rowCount() <= 3)
                                          for (int r = 0; r < m_model->rowCount(); ++r)
                                              m_view->expand(m_model->index(r, 0));
                                      if (isRevealing())
                                          stepReveal();
                                  });
    m_modelConnections << connect(model, &QAbstractItemModel::modelReset, this, [this] {
        if (isRevealing())
            stepReveal();
    });
    if (model->canFetchMore(QModelIndex()))
        model->fetchMore(QModelIndex());
}

QString ProjectTreePanel::currentProjectId() const
{
    const QModelIndex i = m_view->currentIndex();
    return i.isValid() ? i.data(ProjectTreeModel::IdRole).toString() : QString();
}

QString ProjectTreePanel::currentProjectName() const
{
    const QModelIndex i = m_view->currentIndex();
    return i.isValid() ? i.data(ProjectTreeModel::NameRole).toString() : QString();
}

bool ProjectTreePanel::isLoaded() const
{
    return m_model && m_model->pendingFetches() == 0 && !m_model->canFetchMore(QModelIndex());
}

void ProjectTreePanel::clearSelection()
{
    m_revealId.clear();
    if (m_view->selectionModel())
        m_view->selectionModel()->clear(); // also clears the current index
    onCurrentChanged();
}

void ProjectTreePanel::setShowArchived(bool show)
{
    if (m_archived->isChecked() != show)
        m_archived->setChecked(show); // re-enters through toggled()
    else if (m_model && m_model->showArchived() != show) {
        m_model->setShowArchived(show);
        if (m_model->canFetchMore(QModelIndex()))
            m_model->fetchMore(QModelIndex());
        emit showArchivedChanged(show);
        onCurrentChanged();
    }
}

void ProjectTreePanel::onCurrentChanged()
{
    const QString id = currentProjectId();
    if (id == m_lastEmitted)
        return;
    m_lastEmitted = id;
    emit projectSelected(id);
}

void ProjectTreePanel::revealProject(const QString &projectId, const QString &projectPath)
{
    m_revealId = projectId;
    m_revealPath = projectPath;
    stepReveal();
}

void ProjectTreePanel::stepReveal()
{
    if (!m_model || m_revealId.isEmpty())
        return;
    const QModelIndex target = m_model->indexOfId(m_revealId);
    if (target.isValid()) {
        m_revealId.clear();
        for (QModelIndex p = target.parent(); p.isValid(); p = p.parent())
            m_view->expand(p);
        m_view->setCurrentIndex(target);
        m_view->scrollTo(target);
        return;
    }
    // Walk down the loaded levels along the path, fetching the next one when needed.
    QModelIndex parent;
    for (int depth = 0; depth < 64; ++depth) {
        if (m_model->canFetchMore(parent)) {
            m_model->fetchMore(parent);
            return; // childrenLoaded() continues
        }
        if (m_model->pendingFetches() > 0)
            return;
        QModelIndex next;
        for (int row = 0; row < m_model->rowCount(parent) && !next.isValid(); ++row) {
            const QModelIndex child = m_model->index(row, 0, parent);
            const QString name = child.data(ProjectTreeModel::NameRole).toString();
            if (m_revealPath.startsWith(name + QLatin1Char('/')))
                next = child;
        }
        if (!next.isValid())
            break;
        m_view->expand(next);
        parent = next;
    }
    m_revealId.clear(); // not in the tree (archived, or the path changed): give up quietly
}

ProjectTreeModel *ProjectTreePanel::model() const
{
    return m_model;
}

} // namespace Trove

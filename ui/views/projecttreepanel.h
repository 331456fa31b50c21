#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QStackedLayout;
class QToolButton;
class QTreeView;

namespace Trove {

class ProjectTreeModel;

/// The project tree of the current server: nested subprojects loaded as they are expanded,
/// task counts at the right, archived projects hidden unless "Archived" is on. Selecting a
/// project emits projectSelected(); "All" clears the selection (tasks of every project).
/// revealProject() selects a project that may not be loaded yet, expanding its ancestors
/// level by level as their children arrive (deep links).
class ProjectTreePanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProjectTreePanel)

public:
    explicit ProjectTreePanel(QWidget *parent = nullptr);
    ~ProjectTreePanel() override;

    /// The panel does not own the model; nullptr shows the placeholder text.
    void setModel(ProjectTreeModel *model);
    ProjectTreeModel *model() const;
    QTreeView *view() const { return m_view; }
    QToolButton *archivedButton() const { return m_archived; }
    QToolButton *allButton() const { return m_all; }

    /// Shown instead of the tree while there is no model ("Starting the embedded…").
    void setPlaceholder(const QString &text);
    QString currentProjectId() const;
    /// The full path of the selected project, empty for all projects.
    QString currentProjectName() const;
    void revealProject(const QString &projectId, const QString &projectPath);
    bool isRevealing() const { return !m_revealId.isEmpty(); }
    /// The top level is loaded and no fetch is in flight.
    bool isLoaded() const;

public slots:
    void clearSelection();
    void setShowArchived(bool show);

signals:
    void projectSelected(const QString &projectId);
    void showArchivedChanged(bool show);

private:
    void stepReveal();
    void onCurrentChanged();

    QPointer<ProjectTreeModel> m_model;
    QTreeView *m_view = nullptr;
    QLabel *m_placeholder = nullptr;
    QStackedLayout *m_stack = nullptr;
    QToolButton *m_all = nullptr;
    QToolButton *m_archived = nullptr;
    QString m_revealId;
    QString m_revealPath;
    QString m_lastEmitted;
    QList<QMetaObject::Connection> m_modelConnections;
};

} // namespace Trove

#pragma once

#include <QObject>
#include <QPointer>

namespace Trove {

class ProjectTreeModel;
class RefreshScheduler;
class TaskDetailsView;
class TaskListModel;

/// One live refresh of the main window at a time: when the scheduler says so, the project
/// tree, the task list and the shown task re-read what they show (each in place), and once
/// all have answered the outcome goes back to the scheduler (changed → short delay; nothing
/// new or an error → longer) and out through finished().
class RefreshCycle final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RefreshCycle)

public:
    RefreshCycle(RefreshScheduler *scheduler, TaskDetailsView *details, QObject *parent = nullptr);
    ~RefreshCycle() override;

    /// The models of the current session (nullptr: none; a cycle under way is dropped).
    void setModels(ProjectTreeModel *tree, TaskListModel *tasks);
    bool isRunning() const { return m_waiting != 0; }

public slots:
    /// Starts a cycle unless one runs or there is nothing to refresh.
    void run();

signals:
    void finished(bool changed, bool failed);

private:
    enum Part { Tree = 1, Tasks = 2, Details = 4 };
    void step(int part, bool changed, bool failed);

    RefreshScheduler *m_scheduler = nullptr;
    TaskDetailsView *m_details = nullptr;
    QPointer<ProjectTreeModel> m_tree;
    QPointer<TaskListModel> m_tasks;
    QList<QMetaObject::Connection> m_connections;
    int m_waiting = 0; ///< Part bits still out
    bool m_changed = false;
    bool m_failed = false;
};

} // namespace Trove

#pragma once

#include "api/weblinks.h"
#include "common/error.h"

#include <QObject>
#include <QPointer>

namespace Trove {

class ApiReply;
class ProjectTreePanel;
class Session;
class TaskDetailsView;
class TaskListPanel;

/// Takes the main window to a task, an artifact or a model, whatever is loaded yet: the
/// details show the task at once (read by id), its project is revealed in the tree once its
/// path is known, and the task is selected in the table when its row arrives. A model link
/// reads the model first, then goes to the task that produced it and selects the model in
/// the Models tab. Used by deep links (Ctrl+L, `trove URL`) and `--select`.
class Navigator final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Navigator)

public:
    Navigator(ProjectTreePanel *projects,
              TaskListPanel *tasks,
              TaskDetailsView *details,
              QObject *parent = nullptr);
    ~Navigator() override;

    void setSession(Session *session);

    /// Goes where `link` points; a model link reads the model first.
    void open(const WebLink &link);
    void selectTask(const QString &taskId, const QString &artifactKey = QString());
    void selectModel(const QString &modelId);
    /// The user chose something else: forget where we were going.
    void cancel();
    /// A model lookup is in flight, or the task is not selected in the table yet.
    bool isBusy() const;
    QString targetTaskId() const { return m_taskId; }

signals:
    void errorOccurred(const Trove::Error &error);

private:
    void onProjectResolved(const QString &projectId, const QString &projectPath);
    void onProjectSelected(const QString &projectId);
    void onTaskSelected(const QString &taskId);

    ProjectTreePanel *m_projects = nullptr;
    TaskListPanel *m_tasks = nullptr;
    TaskDetailsView *m_details = nullptr;
    QPointer<Session> m_session;
    QPointer<ApiReply> m_modelReply;
    void checkArrived();

    QString m_taskId;           ///< the task being navigated to
    QString m_projectId;        ///< its project, once known
    bool m_tableDone = false;   ///< the task is selected in the table
    bool m_projectDone = false; ///< its project is selected in the tree
};

} // namespace Trove

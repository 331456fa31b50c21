#include "navigator.h"

#include "api/clearmlapi.h"
#include "session/session.h"
#include "views/projecttreepanel.h"
#include "views/taskdetailsview.h"
#include "views/tasklistpanel.h"

namespace Trove {

Navigator::Navigator(ProjectTreePanel *projects,
                     TaskListPanel *tasks,
                     TaskDetailsView *details,
                     QObject *parent)
    : QObject(parent)
    , m_projects(projects)
    , m_tasks(tasks)
    , m_details(details)
{
    connect(m_details, &TaskDetailsView::projectResolved, this, &Navigator::onProjectResolved);
    connect(m_projects, &ProjectTreePanel::projectSelected, this, &Navigator::onProjectSelected);
    connect(m_tasks, &TaskListPanel::taskSelected, this, &Navigator::onTaskSelected);
}

Navigator::~Navigator()
{
    if (m_modelReply)
        m_modelReply->cancel();
}

void Navigator::setSession(Session *session)
{
    cancel();
    m_session = session;
}

void Navigator::cancel()
{
    if (m_modelReply)
        m_modelReply->cancel();
    m_modelReply = nullptr;
    m_taskId.clear();
    m_projectId.clear();
    m_tableDone = false;
    m_projectDone = false;
}

void Navigator::checkArrived()
{
    if (m_tableDone && m_projectDone)
        cancel(); // there: nothing left to do
}

bool Navigator::isBusy() const
{
    if (m_modelReply || m_projects->isRevealing() || m_tasks->isSelecting())
        return true;
    // On the way: the details still read the task (and its project's path).
    return !m_taskId.isEmpty() && m_details->taskId() == m_taskId && m_details->isLoading();
}

void Navigator::open(const WebLink &link)
{
    if (link.kind == WebLink::Kind::Task)
        selectTask(link.id);
    else if (link.kind == WebLink::Kind::Model)
        selectModel(link.id);
}

void Navigator::selectTask(const QString &taskId, const QString &artifactKey)
{
    cancel();
    m_taskId = taskId;
    m_details->showTask(taskId);
    if (!artifactKey.isEmpty())
        m_details->selectArtifact(artifactKey);
    m_tasks->selectTask(taskId);
    // Shown already: its project is known, no projectResolved() will come.
    if (m_details->hasTask() && m_details->task().id == taskId
        && !m_details->projectPath().isEmpty())
        onProjectResolved(m_details->task().project.id, m_details->projectPath());
}

void Navigator::selectModel(const QString &modelId)
{
    cancel();
    if (!m_session)
        return;
    m_modelReply = m_session->api()->getModel(modelId);
    m_modelReply->onResult<Model>(this, [this, modelId](Result<Model> model) {
        m_modelReply = nullptr;
        if (!model) {
            if (!model.error().isCancelled())
                emit errorOccurred(model.error());
            return;
        }
        if (model->task.id.isEmpty()) {
            emit errorOccurred(Error::make(Error::Kind::Server,
                                           tr("the model has no task that produced it"), modelId));
            return;
        }
        selectTask(model->task.id);
        m_details->selectModel(modelId);
    });
}

void Navigator::onProjectResolved(const QString &projectId, const QString &projectPath)
{
    if (m_taskId.isEmpty() || m_details->taskId() != m_taskId)
        return;
    m_projectId = projectId;
    if (m_projects->currentProjectId() == projectId) {
        m_projectDone = true;
        checkArrived();
    } else {
        m_projects->revealProject(projectId, projectPath);
    }
}

void Navigator::onProjectSelected(const QString &projectId)
{
    if (m_taskId.isEmpty())
        return;
    if (projectId != m_projectId) {
        cancel(); // the user picked another project
        return;
    }
    // The tree got to the task's project: its list is reloading, select the task there.
    m_projectDone = true;
    m_tableDone = false;
    m_tasks->selectTask(m_taskId);
}

void Navigator::onTaskSelected(const QString &taskId)
{
    if (m_taskId.isEmpty())
        return;
    if (taskId != m_taskId) {
        cancel(); // the user went elsewhere
        return;
    }
    m_tableDone = true;
    checkArrived();
}

} // namespace Trove

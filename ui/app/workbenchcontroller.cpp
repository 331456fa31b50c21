#include "workbenchcontroller.h"

#include "app/uploadflow.h"
#include "models/localcopyproxymodel.h"
#include "session/session.h"
#include "transfers/localcopytracker.h"
#include "transfers/transfermanager.h"
#include "views/artifactsview.h"
#include "views/groupedtableview.h"
#include "views/modelsview.h"
#include "views/taskdetailsview.h"
#include "views/tasklistpanel.h"
#include "widgets/dropzone.h"
#include "widgets/transferscontroller.h"
#include "widgets/transfersdock.h"

#include <QCursor>
#include <QTableView>

namespace Trove {

WorkbenchController::WorkbenchController(QWidget *window,
                                         TaskListPanel *tasks,
                                         TaskDetailsView *details,
                                         TransfersDock *dock,
                                         QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_tasks(tasks)
    , m_details(details)
    , m_dock(dock)
    , m_transfers(new TransfersController(dock, nullptr, this))
    , m_uploads(new UploadFlow(window, this))
{
    connect(m_transfers, &TransfersController::openFailed, this,
            &WorkbenchController::errorOccurred);
    connect(m_uploads, &UploadFlow::failed, this, &WorkbenchController::uploadFailed);
    connect(m_uploads, &UploadFlow::errorOccurred, this, [this](const Error &e) {
        emit errorOccurred(
                tr("The task could not be read for the upload: %1").arg(e.userMessage()));
    });
    connect(m_uploads, &UploadFlow::published, this, [this](const QString &taskId) {
        emit statusMessage(tr("Uploaded and registered."));
        if (m_details->taskId() == taskId)
            m_details->refresh();
    });

    // Drops: on a task row, on the Artifacts tab, on the Models tab (one weights file).
    m_taskDrop = new DropZone(m_tasks->view(), this);
    m_taskDrop->setPrompt(tr("Drop on a task to upload the files as its artifacts"));
    connect(m_taskDrop, &DropZone::dropped, this, [this](const QStringList &paths) {
        QString taskId = m_tasks->taskIdAt(QCursor::pos());
        if (taskId.isEmpty())
            taskId = m_tasks->currentTaskId();
        m_uploads->uploadArtifacts(taskId, paths);
    });
    m_artifactDrop = new DropZone(m_details->artifacts()->view(), this);
    connect(m_artifactDrop, &DropZone::dropped, this, [this](const QStringList &paths) {
        m_uploads->uploadArtifacts(m_details->taskId(), paths);
    });
    m_modelDrop = new DropZone(m_details->models()->view(), this);
    m_modelDrop->setMaxItems(1);
    connect(m_modelDrop, &DropZone::dropped, this, [this](const QStringList &paths) {
        m_uploads->uploadModel(m_details->taskId(), paths.value(0));
    });
    connect(m_details, &TaskDetailsView::taskLoaded, this, &WorkbenchController::updateDropZones);

    // The actions follow the current row and fill the context menus.
    connect(m_details->artifacts(), &ArtifactsView::currentArtifactChanged, this,
            [this](const Artifact &a, bool valid) {
                if (!m_artifactActions)
                    return;
                const Task &t = m_details->task();
                if (valid)
                    m_artifactActions->setTarget(
                            ArtifactActions::Target::forArtifact(t.id, t.project.id, a));
                else
                    m_artifactActions->clearTarget();
            });
    connect(m_details->artifacts(), &ArtifactsView::contextMenuRequested, this,
            [this](QMenu *menu, const Artifact &a, bool valid) {
                if (!m_artifactActions || !valid)
                    return;
                const Task &t = m_details->task();
                m_artifactActions->setTarget(
                        ArtifactActions::Target::forArtifact(t.id, t.project.id, a));
                menu->addSeparator();
                m_artifactActions->populateMenu(menu);
            });
    connect(m_details->models(), &ModelsView::currentModelChanged, this,
            [this](const Model &m, bool valid) {
                if (!m_modelActions)
                    return;
                if (valid)
                    m_modelActions->setTarget(ArtifactActions::Target::forModel(m));
                else
                    m_modelActions->clearTarget();
            });
    connect(m_details->models(), &ModelsView::contextMenuRequested, this,
            [this](QMenu *menu, const Model &m, bool valid) {
                if (!m_modelActions || !valid)
                    return;
                m_modelActions->setTarget(ArtifactActions::Target::forModel(m));
                menu->addSeparator();
                m_modelActions->populateMenu(menu);
            });
    updateDropZones();
}

WorkbenchController::~WorkbenchController() = default;

ArtifactActions *WorkbenchController::makeActions(QWidget *attachTo)
{
    auto *actions = new ArtifactActions(m_tracker, m_window, this);
    actions->attachTo(attachTo);
    connect(actions, &ArtifactActions::previewRequested, this,
            &WorkbenchController::previewRequested);
    connect(actions, &ArtifactActions::errorOccurred, this, &WorkbenchController::errorOccurred);
    connect(actions, &ArtifactActions::statusMessage, this, &WorkbenchController::statusMessage);
    return actions;
}

void WorkbenchController::setSession(Session *session)
{
    m_session = session;
    disconnect(m_jobAdded);
    m_transfers->setManager(session ? session->transfers() : nullptr);
    m_uploads->setSession(session);
    delete m_artifactActions;
    delete m_modelActions;
    GroupedTableView *artifactView = m_details->artifacts()->view();
    GroupedTableView *modelView = m_details->models()->view();
    if (!session) {
        artifactView->setLocalCopies(nullptr, {});
        modelView->setLocalCopies(nullptr, {});
        m_tracker = nullptr;
        updateDropZones();
        return;
    }
    // One tracker per session, owned by it: the views and actions share its knowledge.
    m_tracker = new LocalCopyTracker(session, session);
    artifactView->setLocalCopies(m_tracker, LocalCopyProxyModel::forArtifacts(session));
    modelView->setLocalCopies(m_tracker, LocalCopyProxyModel::forModels(session));
    m_artifactActions = makeActions(artifactView);
    m_modelActions = makeActions(modelView);
    m_jobAdded = connect(session->transfers(), &TransferManager::jobAdded, this, [this] {
        if (m_dock->isHidden())
            m_dock->show();
    });
    updateDropZones();
}

void WorkbenchController::updateDropZones()
{
    const bool connected = m_session != nullptr;
    m_taskDrop->setEnabled(connected, tr("Not connected to a server"));
    const bool hasTask = connected && m_details->hasTask();
    const QString noTask = connected ? tr("Select a task first") : tr("Not connected to a server");
    m_artifactDrop->setEnabled(hasTask, noTask);
    m_modelDrop->setEnabled(hasTask, noTask);
    if (hasTask) {
        const QString name = m_details->task().name;
        m_artifactDrop->setPrompt(tr("Drop to upload to task “%1”").arg(name));
        m_modelDrop->setPrompt(tr("Drop a weights file to register it as an output model of "
                                  "“%1”")
                                       .arg(name));
    }
}

} // namespace Trove

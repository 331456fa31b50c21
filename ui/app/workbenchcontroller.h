#pragma once

#include "transfers/artifactpublisher.h"
#include "widgets/artifactactions.h"

#include <QObject>
#include <QPointer>

namespace Trove {

class DropZone;
class LocalCopyTracker;
class Session;
class TaskDetailsView;
class TaskListPanel;
class TransfersController;
class TransfersDock;
class UploadFlow;

/// Plugs the artifact tools into the main window's views, anew for every Session:
///  - the transfers dock follows the session's TransferManager (and shows itself when a
///    transfer starts);
///  - the artifact and model tables show where each file is on disk and can be dragged out
///    (LocalCopyTracker, LocalCopyProxyModel, ArtifactDragSource);
///  - their context menus and shortcuts offer ArtifactActions (preview, download, open,
///    reveal, save as, copy path/URI/snippet, web UI) for the row;
///  - local files dropped on a task row, the Artifacts tab or the Models tab go through the
///    UploadFlow (confirm names, upload, register).
class WorkbenchController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkbenchController)

public:
    WorkbenchController(QWidget *window,
                        TaskListPanel *tasks,
                        TaskDetailsView *details,
                        TransfersDock *dock,
                        QObject *parent = nullptr);
    ~WorkbenchController() override;

    void setSession(Session *session);

    TransfersController *transfers() const { return m_transfers; }
    UploadFlow *uploads() const { return m_uploads; }
    ArtifactActions *artifactActions() const { return m_artifactActions; }
    ArtifactActions *modelActions() const { return m_modelActions; }
    LocalCopyTracker *tracker() const { return m_tracker; }
    DropZone *taskDropZone() const { return m_taskDrop; }
    DropZone *artifactDropZone() const { return m_artifactDrop; }
    DropZone *modelDropZone() const { return m_modelDrop; }

signals:
    /// "Preview" on a row (Space).
    void previewRequested(const Trove::ArtifactActions::Target &target);
    /// A failure to show in the message bar.
    void errorOccurred(const QString &message);
    /// A short confirmation for the status bar.
    void statusMessage(const QString &message);
    /// An upload failed; publisher->retry() tries again.
    void uploadFailed(const QString &message, Trove::ArtifactPublisher *publisher);

private:
    void updateDropZones();
    ArtifactActions *makeActions(QWidget *attachTo);

    QPointer<QWidget> m_window;
    TaskListPanel *m_tasks = nullptr;
    TaskDetailsView *m_details = nullptr;
    TransfersDock *m_dock = nullptr;
    TransfersController *m_transfers = nullptr;
    UploadFlow *m_uploads = nullptr;
    QPointer<Session> m_session;
    QPointer<LocalCopyTracker> m_tracker;
    QPointer<ArtifactActions> m_artifactActions;
    QPointer<ArtifactActions> m_modelActions;
    DropZone *m_taskDrop = nullptr;
    DropZone *m_artifactDrop = nullptr;
    DropZone *m_modelDrop = nullptr;
    QMetaObject::Connection m_jobAdded;
};

} // namespace Trove

#pragma once

#include "api/wiretypes.h"
#include "common/error.h"
#include "models/projecttreemodel.h"
#include "models/tasklistmodel.h"

#include <QMainWindow>
#include <QPointer>
#include <QUrl>

#include <functional>

class QAction;
class QLabel;
class QProgressBar;
class QSplitter;

namespace Trove {

class CacheDialog;
class ConnectionController;
class LineagePanel;
class MainWindowActions;
class MessageBar;
class Navigator;
class PreviewController;
class PreviewPane;
class ProjectTreePanel;
class RefreshCycle;
class RefreshScheduler;
class ServerSwitcher;
class Session;
class TaskDetailsView;
class TaskListPanel;
class TransfersDock;
class WorkbenchController;

/// The Trove main window: server switcher and actions in the toolbar, a message bar for
/// errors (with Retry), the project tree, the task table over the selected task's details
/// (Info, Artifacts, Models, Lineage), the preview pane, the transfers dock, and the
/// connection status in the status bar.
///
/// It builds fresh core models for every connected Session (ConnectionController), polls
/// for news with RefreshScheduler (in place: selections and scroll positions stay), and
/// goes to deep links through Navigator. Window geometry, docks and splitters are
/// remembered unless setPersistState(false) (screenshots).
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(ConnectionController *connection, QWidget *parent = nullptr);
    ~MainWindow() override;

    ConnectionController *connection() const { return m_connection; }
    Session *session() const;
    ProjectTreePanel *projectPanel() const { return m_projects; }
    TaskListPanel *taskPanel() const { return m_tasks; }
    TaskDetailsView *details() const { return m_details; }
    PreviewPane *previewPane() const { return m_preview; }
    PreviewController *previewController() const { return m_previewController; }
    TransfersDock *transfersDock() const { return m_transfersDock; }
    MessageBar *messageBar() const { return m_messageBar; }
    ServerSwitcher *serverSwitcher() const { return m_switcher; }
    RefreshScheduler *refreshScheduler() const { return m_scheduler; }
    Navigator *navigator() const { return m_navigator; }
    WorkbenchController *workbench() const { return m_workbench; }
    LineagePanel *lineagePanel() const { return m_lineage; }
    ProjectTreeModel *projectModel() const { return m_projectModel; }
    TaskListModel *taskModel() const { return m_taskModel; }
    QLabel *statusLabel() const { return m_statusLabel; }
    QAction *action(const QString &name) const;

    /// A ClearML web link (or a task ID): goes there once connected. False (and a message)
    /// when the text is neither.
    bool openLink(const QString &text);
    /// Selects a task (and one of its artifacts) once connected.
    void selectTask(const QString &taskId, const QString &artifactKey = QString());
    /// What the window still waits for ("" when everything asked for is on screen); the
    /// --screenshot mode and tests poll it.
    QString pendingWork() const;
    /// Why the window cannot show anything (the connection failed), else empty.
    QString failure() const;

    void setPersistState(bool persist) { m_persistState = persist; }
    void restoreWindowState();
    void saveWindowState() const;

public slots:
    void refreshNow();
    void showOpenLinkDialog();
    void showSettings();
    void showAddServerDialog();
    void showCache();

signals:
    /// The artifact selected in the Artifacts tab (`valid` false: none); it is previewed.
    void artifactSelected(const Trove::Artifact &artifact, bool valid);
    /// The model selected in the Models tab; its weights are previewed.
    void modelSelected(const Trove::Model &model, bool valid);

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    enum class Source { None, Connection, Projects, Tasks, Details, Navigation, Tools };

    void createLayout();
    void onSessionChanged(Session *session);
    void onConnected(Session *session);
    void onConnectionFailed(const Error &error);
    void updateStatus();
    void updateServers();
    void showError(Source source, const QString &text, std::function<void()> retry);
    void dismissError(Source source);
    void onArtifactSelected(const Artifact &artifact, bool valid);
    void onModelSelected(const Model &model, bool valid);
    void wireTools();
    void updateLineage();
    void updatePreviewVisibility();

    ConnectionController *m_connection = nullptr;
    ServerSwitcher *m_switcher = nullptr;
    MessageBar *m_messageBar = nullptr;
    ProjectTreePanel *m_projects = nullptr;
    TaskListPanel *m_tasks = nullptr;
    TaskDetailsView *m_details = nullptr;
    PreviewPane *m_preview = nullptr;
    PreviewController *m_previewController = nullptr;
    TransfersDock *m_transfersDock = nullptr;
    QSplitter *m_mainSplitter = nullptr;
    QSplitter *m_centerSplitter = nullptr;
    QSplitter *m_bottomSplitter = nullptr;
    QByteArray m_bottomSplitterState; ///< its sizes while the Lineage tab hides the preview
    QLabel *m_statusLabel = nullptr;
    QLabel *m_refreshLabel = nullptr;
    QProgressBar *m_busy = nullptr;
    RefreshScheduler *m_scheduler = nullptr;
    RefreshCycle *m_refresh = nullptr;
    Navigator *m_navigator = nullptr;
    WorkbenchController *m_workbench = nullptr;
    LineagePanel *m_lineage = nullptr;
    QPointer<CacheDialog> m_cacheDialog;
    QPointer<ProjectTreeModel> m_projectModel;
    QPointer<TaskListModel> m_taskModel;
    MainWindowActions *m_actions = nullptr;

    Source m_errorSource = Source::None;
    std::function<void()> m_retry;
    QString m_pendingLink;
    QString m_pendingTask;
    QString m_pendingArtifact;
    bool m_persistState = true;
};

} // namespace Trove

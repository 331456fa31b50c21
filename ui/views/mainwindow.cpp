#include "mainwindow.h"

#include "api/clearmlapi.h"
#include "app/connectioncontroller.h"
#include "app/navigator.h"
#include "app/refreshcycle.h"
#include "app/refreshscheduler.h"
#include "app/workbenchcontroller.h"
#include "dialogs/addserverdialog.h"
#include "dialogs/cachedialog.h"
#include "dialogs/deeplinkdialog.h"
#include "dialogs/settingsdialog.h"
#include "lineage/lineagepanel.h"
#include "models/artifactlistmodel.h"
#include "models/modellistmodel.h"
#include "models/projecttreemodel.h"
#include "models/tasklistmodel.h"
#include "preview/previewcontroller.h"
#include "preview/previewpane.h"
#include "session/configsource.h"
#include "session/session.h"
#include "views/artifactsview.h"
#include "views/mainwindowactions.h"
#include "views/modelsview.h"
#include "views/projecttreepanel.h"
#include "views/taskdetailsview.h"
#include "views/tasklistpanel.h"
#include "widgets/messagebar.h"
#include "widgets/serverswitcher.h"
#include "widgets/transfersdock.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QTime>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace Trove {

MainWindow::MainWindow(ConnectionController *connection, QWidget *parent)
    : QMainWindow(parent)
    , m_connection(connection)
    , m_switcher(new ServerSwitcher)
    , m_messageBar(new MessageBar)
    , m_projects(new ProjectTreePanel)
    , m_tasks(new TaskListPanel)
    , m_details(new TaskDetailsView)
    , m_preview(new PreviewPane)
    , m_transfersDock(new TransfersDock(this))
    , m_scheduler(new RefreshScheduler(this))
{
    setWindowTitle(tr("Trove"));
    setObjectName(QStringLiteral("MainWindow"));
    setAccessibleName(tr("Trove main window"));
    createLayout();
    m_actions = new MainWindowActions(this);

    connect(m_connection, &ConnectionController::sessionChanged, this,
            &MainWindow::onSessionChanged);
    connect(m_connection, &ConnectionController::connected, this, &MainWindow::onConnected);
    connect(m_connection, &ConnectionController::connectionFailed, this,
            &MainWindow::onConnectionFailed);
    connect(m_connection, &ConnectionController::stateChanged, this, &MainWindow::updateStatus);
    connect(m_connection, &ConnectionController::serversChanged, this, &MainWindow::updateServers);
    connect(m_switcher, &ServerSwitcher::serverChosen, m_connection,
            &ConnectionController::connectTo);
    connect(m_switcher, &ServerSwitcher::addRequested, this, &MainWindow::showAddServerDialog);
    connect(m_messageBar, &MessageBar::retryRequested, this, [this] {
        auto retry = m_retry;
        dismissError(m_errorSource);
        if (retry)
            retry();
    });
    connect(m_messageBar, &MessageBar::dismissed, this, [this] {
        m_errorSource = Source::None;
        m_retry = nullptr;
    });

    connect(m_projects, &ProjectTreePanel::projectSelected, this, [this](const QString &id) {
        m_scheduler->userActivity();
        m_tasks->setProject(id);
    });
    connect(m_tasks, &TaskListPanel::taskSelected, m_details, &TaskDetailsView::showTask);
    connect(m_tasks, &TaskListPanel::userActivity, m_scheduler, &RefreshScheduler::userActivity);
    connect(m_details->tabs(), &QTabWidget::currentChanged, m_scheduler,
            &RefreshScheduler::userActivity);
    connect(m_details, &TaskDetailsView::errorOccurred, this, [this](const Error &e) {
        showError(Source::Details, tr("The task could not be read: %1").arg(e.userMessage()),
                  [this] { m_details->reload(); });
    });
    connect(m_details->artifacts(), &ArtifactsView::currentArtifactChanged, this,
            &MainWindow::onArtifactSelected);
    connect(m_details->models(), &ModelsView::currentModelChanged, this,
            &MainWindow::onModelSelected);
    // A pending artifact whose file arrived: preview it again if its preview had failed.
    connect(m_details->artifactModel(), &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &from, const QModelIndex &to, const QList<int> &roles) {
                ArtifactsView *view = m_details->artifacts();
                if (!roles.contains(ArtifactListModel::PendingRole) || !view->hasCurrentArtifact()
                    || m_preview->state() != PreviewPane::State::Error)
                    return;
                const Artifact current = view->currentArtifact();
                const int row = m_details->artifactModel()->rowOf(current.key, current.mode);
                if (row >= from.row() && row <= to.row()
                    && !from.siblingAtRow(row).data(ArtifactListModel::PendingRole).toBool())
                    m_previewController->showArtifact(current);
            });
    connect(m_details->models(), &ModelsView::modelActivated, this, [this](const Model &m) {
        if (!m.task.id.isEmpty() && m.task.id != m_details->taskId())
            m_navigator->selectTask(m.task.id);
    });
    m_refresh = new RefreshCycle(m_scheduler, m_details, this);
    connect(m_refresh, &RefreshCycle::finished, this, [this](bool, bool failed) {
        m_refreshLabel->setText(tr("Updated %1").arg(QTime::currentTime().toString(u"HH:mm:ss")));
        // The server answers again: errors of earlier reads are over.
        if (!failed
            && (m_errorSource == Source::Projects || m_errorSource == Source::Tasks
                || m_errorSource == Source::Details))
            dismissError(m_errorSource);
    });
    // After the panels' own wiring: a project chosen on the way to a task has reset the
    // task list by the time the navigator asks for the task in it.
    m_navigator = new Navigator(m_projects, m_tasks, m_details, this);
    connect(m_navigator, &Navigator::errorOccurred, this, [this](const Error &e) {
        showError(Source::Navigation, tr("The link could not be opened: %1").arg(e.userMessage()),
                  nullptr);
    });
    wireTools();

    updateServers();
    updateStatus();
}

MainWindow::~MainWindow() = default;

Session *MainWindow::session() const
{
    return m_connection->session();
}

void MainWindow::createLayout()
{
    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 2, 4, 0);
    layout->setSpacing(4);
    m_messageBar->setAccessibleName(tr("Messages"));
    layout->addWidget(m_messageBar);

    // Projects | tasks over (details | preview): the task table gets the whole width.
    m_preview->setAccessibleName(tr("Preview"));
    m_bottomSplitter = new QSplitter(Qt::Horizontal);
    m_bottomSplitter->setObjectName(QStringLiteral("bottomSplitter"));
    m_bottomSplitter->addWidget(m_details);
    m_bottomSplitter->addWidget(m_preview);
    m_bottomSplitter->setStretchFactor(0, 5);
    m_bottomSplitter->setStretchFactor(1, 4);
    m_bottomSplitter->setSizes({660, 520});
    m_bottomSplitter->setChildrenCollapsible(false);

    m_centerSplitter = new QSplitter(Qt::Vertical);
    m_centerSplitter->setObjectName(QStringLiteral("centerSplitter"));
    m_centerSplitter->addWidget(m_tasks);
    m_centerSplitter->addWidget(m_bottomSplitter);
    m_centerSplitter->setStretchFactor(0, 2);
    m_centerSplitter->setStretchFactor(1, 3);
    m_centerSplitter->setSizes({320, 480});
    m_centerSplitter->setChildrenCollapsible(false);

    m_mainSplitter = new QSplitter(Qt::Horizontal);
    m_mainSplitter->setObjectName(QStringLiteral("mainSplitter"));
    m_mainSplitter->addWidget(m_projects);
    m_mainSplitter->addWidget(m_centerSplitter);
    m_mainSplitter->setStretchFactor(0, 0);
    m_mainSplitter->setStretchFactor(1, 1);
    m_mainSplitter->setSizes({240, 1200});
    m_mainSplitter->setChildrenCollapsible(false);
    layout->addWidget(m_mainSplitter, 1);
    setCentralWidget(central);

    m_previewController = new PreviewController(m_preview, this);
    addDockWidget(Qt::BottomDockWidgetArea, m_transfersDock);
    m_transfersDock->hide();
    m_preview->showEmpty(tr("Select an artifact or a model to preview it."));

    m_statusLabel = new QLabel;
    m_statusLabel->setAccessibleName(tr("Connection status"));
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_busy = new QProgressBar;
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(120);
    m_busy->setMaximumHeight(14);
    m_busy->setAccessibleName(tr("Working"));
    m_busy->setTextVisible(false);
    m_refreshLabel = new QLabel;
    m_refreshLabel->setAccessibleName(tr("Last refresh"));
    statusBar()->addWidget(m_busy);
    statusBar()->addWidget(m_statusLabel, 1);
    statusBar()->addPermanentWidget(m_refreshLabel);
}

QAction *MainWindow::action(const QString &name) const
{
    return m_actions->action(name);
}

void MainWindow::updateServers()
{
    QList<ServerSwitcher::Item> items;
    for (const ServerEntry &e : m_connection->servers())
        items << ServerSwitcher::Item{e.id, e.label, e.detail};
    m_switcher->setServers(items, m_connection->currentId());
}

void MainWindow::updateStatus()
{
    using State = ConnectionController::State;
    const State state = m_connection->state();
    m_statusLabel->setText(m_connection->statusText());
    m_busy->setVisible(state == State::Resolving || state == State::StartingEmbedded
                       || state == State::Connecting);
    m_switcher->setCurrentId(m_connection->currentId());
    if (!m_projectModel) {
        if (state == State::StartingEmbedded)
            m_projects->setPlaceholder(tr("Starting the embedded local server…\nThe first "
                                          "start fills a demo workspace and takes a few "
                                          "seconds."));
        else if (state == State::Failed)
            m_projects->setPlaceholder(tr("Not connected."));
        else
            m_projects->setPlaceholder(tr("Connecting…"));
    }
}

void MainWindow::onSessionChanged(Session *session)
{
    Q_UNUSED(session)
    m_scheduler->stop();
    m_refresh->setModels(nullptr, nullptr);
    m_navigator->setSession(nullptr);
    m_workbench->setSession(nullptr);
    m_lineage->setSession(nullptr);
    m_previewController->clear();
    m_previewController->setSession(nullptr);
    m_projects->setModel(nullptr);
    m_tasks->setModel(nullptr);
    m_details->setSession(nullptr);
    delete m_projectModel;
    delete m_taskModel;
    if (m_errorSource != Source::None && m_errorSource != Source::Navigation)
        dismissError(m_errorSource);
    updateStatus();
}

void MainWindow::onConnected(Session *session)
{
    ClearmlApi *api = session->api();
    m_projectModel = new ProjectTreeModel(api, this);
    connect(m_projectModel, &ProjectTreeModel::errorOccurred, this, [this](const Error &e) {
        showError(Source::Projects, tr("The projects could not be read: %1").arg(e.userMessage()),
                  [this] {
                      if (m_projectModel && !m_projectModel->refresh())
                          m_projectModel->reload();
                      if (m_projectModel && m_projectModel->canFetchMore(QModelIndex()))
                          m_projectModel->fetchMore(QModelIndex());
                  });
    });
    m_taskModel = new TaskListModel(api, this);
    connect(m_taskModel, &TaskListModel::errorOccurred, this, [this](const Error &e) {
        showError(Source::Tasks, tr("The tasks could not be read: %1").arg(e.userMessage()),
                  [this] {
                      if (m_taskModel)
                          m_taskModel->retry();
                  });
    });
    m_refresh->setModels(m_projectModel, m_taskModel);
    m_details->setSession(session);
    m_navigator->setSession(session);
    m_workbench->setSession(session);
    m_lineage->setSession(session);
    m_previewController->setSession(session);
    m_projects->setModel(m_projectModel);
    m_tasks->setModel(m_taskModel);
    if (m_errorSource == Source::Connection)
        dismissError(Source::Connection);
    updateStatus();
    m_scheduler->start();

    if (!m_pendingLink.isEmpty())
        openLink(std::exchange(m_pendingLink, QString()));
    if (!m_pendingTask.isEmpty())
        m_navigator->selectTask(std::exchange(m_pendingTask, QString()),
                                std::exchange(m_pendingArtifact, QString()));
}

void MainWindow::onConnectionFailed(const Error &error)
{
    const QString server = m_connection->currentEntry().label;
    showError(Source::Connection, tr("Cannot connect to %1: %2").arg(server, error.userMessage()),
              [this] { m_connection->retry(); });
    updateStatus();
}

void MainWindow::showError(Source source, const QString &text, std::function<void()> retry)
{
    m_errorSource = source;
    m_retry = std::move(retry);
    m_messageBar->showMessage(text, MessageBar::Type::Error,
                              m_retry ? MessageBar::Action::Retry : MessageBar::Action::None);
}

void MainWindow::dismissError(Source source)
{
    if (m_errorSource != source || source == Source::None)
        return;
    m_errorSource = Source::None;
    m_retry = nullptr;
    m_messageBar->dismiss();
}

bool MainWindow::openLink(const QString &text)
{
    const WebLink link = DeepLinkDialog::parseLinkText(text);
    if (!link.isValid()) {
        showError(Source::Navigation,
                  tr("\"%1\" is not a link to a ClearML task or model.").arg(text.trimmed()),
                  nullptr);
        return false;
    }
    // A link into another saved server's web UI: switch to that server first.
    const QUrl url = QUrl::fromUserInput(text.trimmed());
    const QString server = m_connection->serverIdForLink(url);
    const Session *current = session();
    const bool sameServer
            = current && ConnectionController::sameHost(current->config().webServer, url);
    if (!server.isEmpty() && !sameServer && server != m_connection->currentId()) {
        m_pendingLink = text;
        m_connection->connectTo(server);
        return true;
    }
    if (!m_projectModel) { // not connected yet
        m_pendingLink = text;
        return true;
    }
    m_navigator->open(link);
    return true;
}

void MainWindow::selectTask(const QString &taskId, const QString &artifactKey)
{
    if (!m_projectModel) {
        m_pendingTask = taskId;
        m_pendingArtifact = artifactKey;
        return;
    }
    m_navigator->selectTask(taskId, artifactKey);
}

// Dialogs open window-modal with open(), never exec(): the event loop keeps running.
void MainWindow::showOpenLinkDialog()
{
    auto *dialog = new DeepLinkDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { openLink(dialog->text()); });
    dialog->open();
}

void MainWindow::showSettings()
{
    auto *dialog = new SettingsDialog(m_connection, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showAddServerDialog()
{
    auto *dialog = new AddServerDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setExistingProfiles(m_connection->profiles());
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const ServerProfile profile = dialog->profile();
        if (Status saved = m_connection->saveProfile(profile); !saved) {
            showError(Source::None, saved.error().userMessage(), nullptr);
            return;
        }
        m_connection->connectTo(QStringLiteral("profile:") + profile.name);
    });
    dialog->open();
}

QString MainWindow::failure() const
{
    if (m_connection->state() == ConnectionController::State::Failed)
        return m_connection->statusText();
    return QString();
}

QString MainWindow::pendingWork() const
{
    if (m_connection->state() != ConnectionController::State::Connected || !m_projectModel)
        return m_connection->statusText();
    if (!m_projects->isLoaded())
        return tr("loading the projects");
    if (!m_pendingLink.isEmpty() || !m_pendingTask.isEmpty() || m_navigator->isBusy())
        return tr("going to the task");
    if (!m_tasks->isIdle())
        return tr("loading the tasks");
    if (m_details->isLoading())
        return tr("loading the task");
    if (m_previewController->isLoading() || m_preview->state() == PreviewPane::State::Loading)
        return tr("loading the preview");
    if (m_details->currentTab() == TaskDetailsView::Tab::Lineage && m_lineage->isLoading())
        return tr("building the lineage");
    return QString();
}

void MainWindow::refreshNow()
{
    m_scheduler->userActivity();
    if (!m_projectModel) {
        m_connection->retry();
        return;
    }
    m_refresh->run();
}

void MainWindow::onArtifactSelected(const Artifact &artifact, bool valid)
{
    m_scheduler->userActivity();
    if (valid)
        m_previewController->showArtifact(artifact);
    else if (m_details->currentTab() == TaskDetailsView::Tab::Artifacts)
        m_previewController->clear();
    emit artifactSelected(artifact, valid);
}

void MainWindow::onModelSelected(const Model &model, bool valid)
{
    m_scheduler->userActivity();
    if (valid)
        m_previewController->showModel(model);
    else if (m_details->currentTab() == TaskDetailsView::Tab::Models)
        m_previewController->clear();
    emit modelSelected(model, valid);
}

void MainWindow::restoreWindowState()
{
    auto settings = ConfigSource::openSettings();
    restoreGeometry(settings->value(QStringLiteral("gui/geometry")).toByteArray());
    restoreState(settings->value(QStringLiteral("gui/windowState")).toByteArray());
    m_mainSplitter->restoreState(settings->value(QStringLiteral("gui/mainSplitter")).toByteArray());
    m_centerSplitter->restoreState(
            settings->value(QStringLiteral("gui/centerSplitter")).toByteArray());
    const QByteArray bottom = settings->value(QStringLiteral("gui/bottomSplitter")).toByteArray();
    if (m_preview->isHidden())
        m_bottomSplitterState = bottom; // applied when the preview comes back
    else
        m_bottomSplitter->restoreState(bottom);
    m_tasks->restoreState(*settings);
}

void MainWindow::saveWindowState() const
{
    auto settings = ConfigSource::openSettings();
    settings->setValue(QStringLiteral("gui/geometry"), saveGeometry());
    settings->setValue(QStringLiteral("gui/windowState"), saveState());
    settings->setValue(QStringLiteral("gui/mainSplitter"), m_mainSplitter->saveState());
    settings->setValue(QStringLiteral("gui/centerSplitter"), m_centerSplitter->saveState());
    settings->setValue(QStringLiteral("gui/bottomSplitter"),
                       m_preview->isHidden() ? m_bottomSplitterState
                                             : m_bottomSplitter->saveState());
    m_tasks->saveState(*settings);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_persistState)
        saveWindowState();
    QMainWindow::closeEvent(event);
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::ActivationChange && isActiveWindow())
        m_scheduler->userActivity();
}

void MainWindow::wireTools()
{
    // Artifact tools: transfers, local copies and drag-out, actions, drops and uploads.
    m_workbench = new WorkbenchController(this, m_tasks, m_details, m_transfersDock, this);
    connect(m_workbench, &WorkbenchController::errorOccurred, this,
            [this](const QString &message) { showError(Source::Tools, message, nullptr); });
    connect(m_workbench, &WorkbenchController::statusMessage, this,
            [this](const QString &message) { statusBar()->showMessage(message, 5000); });
    connect(m_workbench, &WorkbenchController::uploadFailed, this,
            [this](const QString &message, ArtifactPublisher *publisher) {
                QPointer<ArtifactPublisher> p(publisher);
                showError(Source::Tools, message, [p] {
                    if (p)
                        p->retry();
                });
            });
    connect(m_workbench, &WorkbenchController::previewRequested, this,
            [this](const ArtifactActions::Target &target) {
                if (target.kind == ArtifactActions::Target::Kind::Model)
                    m_previewController->showModel(target.model);
                else if (target.kind == ArtifactActions::Target::Kind::Artifact)
                    m_previewController->showArtifact(target.artifact);
            });

    // The lineage of the shown task, built when its tab is looked at.
    m_lineage = new LineagePanel;
    m_lineage->setAccessibleName(tr("Lineage"));
    m_details->setLineageWidget(m_lineage);
    connect(m_details, &TaskDetailsView::taskLoaded, this, &MainWindow::updateLineage);
    connect(m_details->tabs(), &QTabWidget::currentChanged, this, &MainWindow::updateLineage);
    connect(m_details->tabs(), &QTabWidget::currentChanged, this,
            &MainWindow::updatePreviewVisibility);
    connect(m_lineage, &LineagePanel::taskActivated, this,
            [this](const QString &taskId) { m_navigator->selectTask(taskId); });
    connect(m_lineage, &LineagePanel::modelActivated, this,
            [this](const QString &modelId) { m_navigator->selectModel(modelId); });
    connect(m_details->models(), &ModelsView::contextMenuRequested, this,
            [this](QMenu *menu, const Model &model, bool valid) {
                if (!valid)
                    return;
                menu->addSeparator();
                const QString id = model.id;
                menu->addAction(tr("Show &Lineage"), this, [this, id] {
                    m_details->setCurrentTab(TaskDetailsView::Tab::Lineage);
                    m_lineage->showFor(LineageNode::Kind::Model, id);
                });
            });
}

void MainWindow::updatePreviewVisibility()
{
    // A graph needs the width more than the preview of an artifact the graph does not show:
    // the Lineage tab takes the preview's room, and gives it back as it was when left.
    const bool lineage = m_details->currentTab() == TaskDetailsView::Tab::Lineage;
    if (lineage && !m_preview->isHidden()) {
        m_bottomSplitterState = m_bottomSplitter->saveState();
        m_preview->hide();
    } else if (!lineage && m_preview->isHidden()) {
        m_preview->show();
        if (!m_bottomSplitterState.isEmpty())
            m_bottomSplitter->restoreState(m_bottomSplitterState);
    }
}

void MainWindow::updateLineage()
{
    if (m_details->currentTab() != TaskDetailsView::Tab::Lineage || !m_details->hasTask())
        return;
    // Keep a model's lineage asked for from the Models tab; follow the task otherwise.
    if (m_lineage->rootKind() == LineageNode::Kind::Model && !m_lineage->rootId().isEmpty()
        && m_details->modelModel()->rowOfId(m_lineage->rootId()) >= 0)
        return;
    if (m_lineage->rootKind() != LineageNode::Kind::Task
        || m_lineage->rootId() != m_details->taskId())
        m_lineage->showFor(LineageNode::Kind::Task, m_details->taskId());
}

void MainWindow::showCache()
{
    if (!m_cacheDialog) {
        m_cacheDialog = new CacheDialog(this);
        m_cacheDialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    if (Session *s = session())
        m_cacheDialog->setCache(s->cache(), s->config().cacheManagerSize);
    else
        m_cacheDialog->setCache(Session::cacheFor(ClearmlConfig::fromTree(
                nlohmann::json::object(), QProcessEnvironment::systemEnvironment())));
    m_cacheDialog->show();
    m_cacheDialog->raise();
    m_cacheDialog->activateWindow();
}

} // namespace Trove

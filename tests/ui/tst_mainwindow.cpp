// The real MainWindow against the real trove-server with the demo workspace: the nested
// project tree, a task's artifacts and models, search and filters, deep links, live refresh
// keeping the selection, remembered columns, and an unreachable server with Retry.
#include "api/syncapi.h"
#include "app/connectioncontroller.h"
#include "app/navigator.h"
#include "app/refreshscheduler.h"
#include "app/uploadflow.h"
#include "app/workbenchcontroller.h"
#include "dialogs/addserverdialog.h"
#include "dialogs/cachedialog.h"
#include "dialogs/modeluploaddialog.h"
#include "dialogs/settingsdialog.h"
#include "dialogs/uploaddialog.h"
#include "isolatedsettings.h"
#include "lineage/lineagepanel.h"
#include "lineage/lineageview.h"
#include "models/artifactlistmodel.h"
#include "models/groupedtablemodel.h"
#include "models/modellistmodel.h"
#include "models/projecttreemodel.h"
#include "models/tasklistmodel.h"
#include "preview/previewcontroller.h"
#include "preview/previewpane.h"
#include "session/configsource.h"
#include "session/session.h"
#include "testserver.h"
#include "transfers/downloadjob.h"
#include "transfers/transfermanager.h"
#include "views/artifactsview.h"
#include "views/groupedtableview.h"
#include "views/mainwindow.h"
#include "views/modelsview.h"
#include "views/projecttreepanel.h"
#include "views/taskdetailsview.h"
#include "views/taskinfowidget.h"
#include "views/tasklistpanel.h"
#include "widgets/dropzone.h"
#include "widgets/messagebar.h"
#include "widgets/serverswitcher.h"
#include "widgets/transfersdock.h"

#include "config/serverprofiles.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

#include <memory>

using namespace Trove;

namespace {

constexpr int kTimeout = 60000;

ApiClientOptions fastOptions()
{
    ApiClientOptions o;
    o.backoffBaseMs = 10;
    o.backoffMaxMs = 50;
    o.maxRetries = 2;
    o.timeoutMs = 15000;
    o.useSystemProxy = false;
    return o;
}

/// The environment the SDK would read: HOME without clearml.conf, the server's variables.
QProcessEnvironment serverEnvironment(const QString &home,
                                      const QUrl &api,
                                      const QUrl &files,
                                      const QString &key,
                                      const QString &secret)
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("CLEARML_API_HOST"), api.toString());
    env.insert(QStringLiteral("CLEARML_WEB_HOST"), api.toString());
    env.insert(QStringLiteral("CLEARML_FILES_HOST"), files.toString());
    env.insert(QStringLiteral("CLEARML_API_ACCESS_KEY"), key);
    env.insert(QStringLiteral("CLEARML_API_SECRET_KEY"), secret);
    return env;
}

QModelIndex findRow(const QAbstractItemModel *model, const QModelIndex &parent, const QString &text)
{
    for (int r = 0; r < model->rowCount(parent); ++r) {
        const QModelIndex i = model->index(r, 0, parent);
        if (i.data().toString() == text)
            return i;
    }
    return QModelIndex();
}

QStringList taskNames(const TaskListModel *model)
{
    QStringList names;
    for (int r = 0; r < model->rowCount(); ++r)
        names << model->task(r).name;
    return names;
}

QStringList groupChildren(const GroupedTableModel *m, const QString &group, int column = 0)
{
    QStringList out;
    const QModelIndex g = m->groupIndex(group);
    for (int r = 0; r < m->rowCount(g); ++r)
        out << m->index(r, column, g).data().toString();
    return out;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    TestServer m_server;
    std::unique_ptr<ApiClient> m_client;
    ClearmlApi *m_api = nullptr;
    std::unique_ptr<SyncApi> m_sync;
    std::unique_ptr<ConnectionController> m_connection;
    std::unique_ptr<MainWindow> m_window;
    QHash<QString, QString> m_taskIds; ///< demo task name → id

    bool settle()
    {
        return QTest::qWaitFor([this] { return m_window->pendingWork().isEmpty(); }, kTimeout);
    }

    QString demoTask(const QString &name) const { return m_taskIds.value(name); }

private slots:
    void initTestCase()
    {
        Trove::Test::isolateUserSettings();
        QVERIFY(m_home.isValid());
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
        qputenv("TROVE_DEMO_TABLE_MB", "1");
        TestServer::Options options;
        options.demo = true;
        QVERIFY2(m_server.start(options, 240000), qPrintable(m_server.errorString()));

        ClearmlConfig config;
        config.apiServer = m_server.apiUrl();
        config.filesServer = m_server.filesUrl();
        config.accessKey = m_server.accessKey();
        config.secretKey = m_server.secretKey();
        m_client = std::make_unique<ApiClient>(config, fastOptions());
        m_api = new ClearmlApi(m_client.get(), m_client.get());
        m_sync = std::make_unique<SyncApi>(m_api);
        TaskQuery all;
        all.size = 500;
        auto tasks = m_sync->tasks(all);
        QVERIFY(tasks.ok());
        for (const Task &t : tasks->items)
            m_taskIds.insert(t.name, t.id);
        QVERIFY(m_taskIds.contains(QStringLiteral("train classifier")));

        m_connection = std::make_unique<ConnectionController>(nullptr);
        m_connection->setEnvironment(serverEnvironment(m_home.path(), m_server.apiUrl(),
                                                       m_server.filesUrl(), m_server.accessKey(),
                                                       m_server.secretKey()));
        m_connection->setApiOptions(fastOptions());
        m_window = std::make_unique<MainWindow>(m_connection.get());
        m_window->setPersistState(false);
        m_window->resize(1400, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_connection->connectDefault();
        QVERIFY2(settle(), qPrintable(m_window->pendingWork()));
        QCOMPARE(m_connection->state(), ConnectionController::State::Connected);
        QCOMPARE(m_connection->currentId(), QStringLiteral("config"));
        QVERIFY(m_window->statusLabel()->text().contains(m_server.apiUrl().toString()));
        QVERIFY(m_window->messageBar()->isHidden());
    }

    void projectTreeShowsNestedDemoProjects()
    {
        ProjectTreeModel *tree = m_window->projectModel();
        QAbstractItemModelTester tester(tree,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QModelIndex demo = findRow(tree, QModelIndex(), QStringLiteral("Trove Demo"));
        QVERIFY(demo.isValid());
        QCOMPARE(demo.data(ProjectTreeModel::TaskCountRole).toLongLong(), 9);
        // The only top-level project is expanded: its subprojects load by themselves.
        QTRY_VERIFY_WITH_TIMEOUT(tree->rowCount(demo) == 2, kTimeout);
        const QModelIndex vision = findRow(tree, demo, QStringLiteral("Vision"));
        QVERIFY(vision.isValid());
        QVERIFY(findRow(tree, demo, QStringLiteral("Tabular")).isValid());
        m_window->projectPanel()->view()->expand(vision);
        QTRY_VERIFY_WITH_TIMEOUT(findRow(tree, vision, QStringLiteral("Experiments")).isValid(),
                                 kTimeout);
        QVERIFY(settle());
    }

    void selectingProjectAndTaskShowsArtifactsAndModels()
    {
        ProjectTreeModel *tree = m_window->projectModel();
        const QModelIndex demo = findRow(tree, QModelIndex(), QStringLiteral("Trove Demo"));
        const QModelIndex vision = findRow(tree, demo, QStringLiteral("Vision"));
        QVERIFY(vision.isValid());
        m_window->projectPanel()->view()->setCurrentIndex(vision);
        QVERIFY(settle());
        TaskListModel *tasks = m_window->taskModel();
        QAbstractItemModelTester tester(m_window->taskPanel()->view()->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(tasks->rowCount(), 6); // Vision with Experiments
        const int row = tasks->indexOfId(demoTask(QStringLiteral("train classifier")));
        QVERIFY(row >= 0);
        QTableView *table = m_window->taskPanel()->view();
        table->setFocus();
        table->setCurrentIndex(table->model()->index(row, 0));
        QVERIFY(settle());

        TaskDetailsView *details = m_window->details();
        QCOMPARE(details->taskId(), demoTask(QStringLiteral("train classifier")));
        QCOMPARE(details->info()->fieldText(QStringLiteral("name")),
                 QStringLiteral("train classifier"));
        QCOMPARE(details->info()->fieldText(QStringLiteral("project")),
                 QStringLiteral("Trove Demo/Vision"));
        QVERIFY(details->info()
                        ->fieldText(QStringLiteral("status"))
                        .startsWith(QStringLiteral("Completed")));
        QCOMPARE(details->info()->fieldText(QStringLiteral("type")), QStringLiteral("Training"));

        details->setCurrentTab(TaskDetailsView::Tab::Artifacts);
        GroupedTableModel *artifacts = details->artifacts()->tableModel();
        const QStringList names = groupChildren(artifacts, QStringLiteral("output"));
        QCOMPARE(names.size(), 3);
        for (const char *n : {"confusion matrix", "sample batch", "training log"})
            QVERIFY2(names.contains(QLatin1String(n)), n);
        const QStringList sizes
                = groupChildren(artifacts, QStringLiteral("output"), ArtifactsView::SizeColumn);
        for (const QString &s : sizes)
            QVERIFY2(s.contains(QLatin1String("byte")) || s.contains(QLatin1String("kB"))
                             || s.contains(QLatin1String("B")),
                     qPrintable(s));
        QVERIFY(!sizes.contains(QStringLiteral("pending")));

        details->setCurrentTab(TaskDetailsView::Tab::Models);
        GroupedTableModel *models = details->models()->tableModel();
        QCOMPARE(groupChildren(models, QStringLiteral("input")),
                 QStringList{QStringLiteral("feature scaler")});
        QCOMPARE(groupChildren(models, QStringLiteral("output")),
                 QStringList{QStringLiteral("base classifier")});
    }

    void searchAndFiltersNarrowTheTaskList()
    {
        m_window->projectPanel()->clearSelection();
        QVERIFY(settle());
        TaskListModel *tasks = m_window->taskModel();
        QCOMPARE(tasks->rowCount(), 9);
        QLineEdit *search = m_window->taskPanel()->searchField();
        search->setFocus();
        QTest::keyClicks(search, QStringLiteral("fine-tune"));
        QVERIFY(settle());              // the debounce is part of pendingWork()
        QCOMPARE(tasks->rowCount(), 3); // and "evaluate fine-tuned"
        for (const QString &n : taskNames(tasks))
            QVERIFY(n.contains(QStringLiteral("fine-tune")));
        m_window->taskPanel()->setStatusFilter({TaskStatus::Failed});
        QVERIFY(settle());
        QCOMPARE(taskNames(tasks), QStringList{QStringLiteral("fine-tune classifier lr=1e-2")});
        search->clear();
        m_window->taskPanel()->setStatusFilter({});
        m_window->taskPanel()->setTypeFilter({TaskType::Testing});
        QVERIFY(settle());
        QCOMPARE(tasks->rowCount(), 2); // evaluate fine-tuned, artifact gallery
        m_window->taskPanel()->setTypeFilter({});
        QTest::keyClicks(m_window->taskPanel()->tagsField(), QStringLiteral("nightly, eval"));
        QVERIFY(settle());
        QCOMPARE(tasks->rowCount(), 2);
        m_window->taskPanel()->tagsField()->clear();
        QVERIFY(settle());
        QCOMPARE(tasks->rowCount(), 9);

        // Sorting by clicking a header asks the server for that order.
        QHeaderView *header = m_window->taskPanel()->view()->horizontalHeader();
        header->setSortIndicator(TaskListModel::NameColumn, Qt::AscendingOrder);
        QVERIFY(settle());
        QCOMPARE(tasks->query().orderBy.value(0), QStringLiteral("name"));
        QCOMPARE(tasks->task(0).name, QStringLiteral("artifact gallery"));
        header->setSortIndicator(TaskListModel::LastUpdateColumn, Qt::DescendingOrder);
        QVERIFY(settle());
    }

    void deepLinksSelectTaskAndModel()
    {
        const QString eval = demoTask(QStringLiteral("evaluate fine-tuned"));
        QVERIFY(m_window->openLink(QStringLiteral("http://localhost:8080/projects/*/experiments/")
                                   + eval + QStringLiteral("/output/log")));
        QVERIFY(settle());
        QCOMPARE(m_window->details()->taskId(), eval);
        QCOMPARE(m_window->taskPanel()->currentTaskId(), eval);
        QCOMPARE(m_window->projectPanel()->currentProjectName(),
                 QStringLiteral("Trove Demo/Vision"));

        // A model link: the task that produced it, the model selected in the Models tab.
        ModelQuery q;
        q.size = 500;
        auto models = m_sync->wait<Page<Model>>(m_api->getModels(q), 30000);
        QVERIFY(models.ok());
        QString baseId;
        QString baseTask;
        for (const Model &m : models->items)
            if (m.name == QLatin1String("base classifier")) {
                baseId = m.id;
                baseTask = m.task.id;
            }
        QVERIFY(!baseId.isEmpty());
        QVERIFY(m_window->openLink(QStringLiteral("https://app.example.com/projects/*/models/")
                                   + baseId + QStringLiteral("/general")));
        QVERIFY(settle());
        QCOMPARE(m_window->details()->taskId(), baseTask);
        QCOMPARE(m_window->taskPanel()->currentTaskId(), baseTask);
        QCOMPARE(m_window->details()->currentTab(), TaskDetailsView::Tab::Models);
        QCOMPARE(m_window->details()->models()->currentModelId(), baseId);

        // An artifact of a task in another project.
        const QString gallery = demoTask(QStringLiteral("artifact gallery"));
        m_window->selectTask(gallery, QStringLiteral("sample batch"));
        QVERIFY(settle());
        QCOMPARE(m_window->details()->taskId(), gallery);
        QVERIFY(!m_window->details()->artifacts()->hasCurrentArtifact()); // not on that task
        m_window->selectTask(gallery, QStringLiteral("image"));
        QVERIFY(settle());
        QCOMPARE(m_window->details()->artifacts()->currentArtifact().key, QStringLiteral("image"));
        QCOMPARE(m_window->projectPanel()->currentProjectName(), QStringLiteral("Trove Demo"));

        // Not a link: a message, nothing moves.
        QVERIFY(!m_window->openLink(QStringLiteral("hello")));
        QVERIFY(!m_window->messageBar()->isHidden());
        QVERIFY(!m_window->messageBar()->retryButton());
        m_window->messageBar()->dismiss();
        QCOMPARE(m_window->details()->taskId(), gallery);
    }

    void liveRefreshKeepsTheSelection()
    {
        const QString infer = demoTask(QStringLiteral("batch inference"));
        m_window->selectTask(infer);
        QVERIFY(settle());
        TaskListModel *tasks = m_window->taskModel();
        const int before = tasks->rowCount();
        const QString project = m_window->projectPanel()->currentProjectId();
        QVERIFY(!project.isEmpty());
        auto created = m_sync->wait<QString>(
                m_api->createTask(QStringLiteral("fresh task"), project), 30000);
        QVERIFY(created.ok());
        // A new artifact on the selected task, registered but not uploaded: pending.
        Artifact late;
        late.key = QStringLiteral("late upload");
        late.type = QStringLiteral("custom");
        late.uri = m_server.filesUrl().toString() + QStringLiteral("/not/yet/there.bin");
        late.contentSize = 10;
        QVERIFY(m_sync->registerArtifact(infer, late).ok());

        RefreshScheduler *scheduler = m_window->refreshScheduler();
        scheduler->setIntervals(600000, 600000); // no timer refresh in between: ours only
        m_window->refreshNow();
        QTRY_COMPARE_WITH_TIMEOUT(tasks->rowCount(), before + 1, kTimeout);
        QVERIFY(settle());
        QVERIFY(!scheduler->isWaiting());
        QVERIFY(scheduler->isTimerRunning()); // the next one is scheduled again
        QCOMPARE(m_window->taskPanel()->currentTaskId(), infer);
        QCOMPARE(m_window->details()->taskId(), infer);
        ArtifactListModel *artifacts = m_window->details()->artifactModel();
        const int row = artifacts->rowOf(QStringLiteral("late upload"));
        QVERIFY(row >= 0);
        QTRY_VERIFY_WITH_TIMEOUT(
                artifacts->index(row).data(ArtifactListModel::PendingRole).toBool(), kTimeout);
        QVERIFY(m_window->refreshScheduler()->isActive());

        // Its preview says it is not there yet…
        QVERIFY(m_window->details()->artifacts()->selectArtifact(QStringLiteral("late upload")));
        QVERIFY(settle());
        QCOMPARE(m_window->previewPane()->state(), PreviewPane::State::Error);
        // …until the upload lands: the next refresh finds the file and previews it.
        const QString path = m_home.filePath(QStringLiteral("there.bin"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("late bytes\n");
        }
        UploadRequest upload;
        upload.localPath = path;
        upload.destination = m_server.filesUrl().toString();
        upload.key = QStringLiteral("not/yet/there.bin");
        UploadJob *job = m_window->session()->transfers()->upload(upload);
        QSignalSpy uploaded(job, &TransferJob::finished);
        QVERIFY(uploaded.wait(kTimeout));
        QCOMPARE(job->state(), TransferJob::State::Finished);
        QCOMPARE(job->spec().uri, late.uri);
        m_window->refreshNow();
        QTRY_VERIFY_WITH_TIMEOUT(
                !artifacts->index(row).data(ArtifactListModel::PendingRole).toBool(), kTimeout);
        QVERIFY(settle());
        QCOMPARE(m_window->previewPane()->state(), PreviewPane::State::Viewer);
        scheduler->setIntervals(5000, 60000);
    }

    void columnsAreRemembered()
    {
        QHeaderView *header = m_window->taskPanel()->view()->horizontalHeader();
        QVERIFY(header->isSectionHidden(TaskListModel::IdColumn));
        header->setSectionHidden(TaskListModel::IdColumn, false);
        header->setSectionHidden(TaskListModel::UserColumn, true);
        m_window->saveWindowState();

        ConnectionController other(nullptr);
        MainWindow second(&other);
        second.restoreWindowState();
        other.setEnvironment(serverEnvironment(m_home.path(), m_server.apiUrl(),
                                               m_server.filesUrl(), m_server.accessKey(),
                                               m_server.secretKey()));
        other.setApiOptions(fastOptions());
        other.connectDefault();
        QTRY_VERIFY_WITH_TIMEOUT(second.taskModel() != nullptr, kTimeout);
        QHeaderView *restored = second.taskPanel()->view()->horizontalHeader();
        QVERIFY(!restored->isSectionHidden(TaskListModel::IdColumn));
        QVERIFY(restored->isSectionHidden(TaskListModel::UserColumn));
        header->setSectionHidden(TaskListModel::IdColumn, true);
        header->setSectionHidden(TaskListModel::UserColumn, false);
    }

    void keyboardReachesEverything()
    {
        for (const char *name : {"openLink", "settings", "refresh", "focusSearch", "focusProjects",
                                 "focusTasks", "focusDetails", "focusPreview", "quit"})
            QVERIFY2(!m_window->action(QLatin1String(name))->shortcut().isEmpty(), name);
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        m_window->action(QStringLiteral("focusSearch"))->trigger();
        QTRY_VERIFY(m_window->taskPanel()->searchField()->hasFocus());
        m_window->action(QStringLiteral("focusTasks"))->trigger();
        QTRY_VERIFY(m_window->taskPanel()->view()->hasFocus());
        m_window->action(QStringLiteral("focusProjects"))->trigger();
        QTRY_VERIFY(m_window->projectPanel()->view()->hasFocus());
        m_window->action(QStringLiteral("tab2"))->trigger();
        QCOMPARE(m_window->details()->currentTab(), TaskDetailsView::Tab::Models);

        // The lineage panel has its own F5 and Ctrl+1: the window's step aside meanwhile.
        QAction *refresh = m_window->action(QStringLiteral("refresh"));
        QAction *projects = m_window->action(QStringLiteral("focusProjects"));
        QVERIFY(refresh->shortcuts().contains(QKeySequence(Qt::Key_F5)));
        m_window->details()->setCurrentTab(TaskDetailsView::Tab::Lineage);
        m_window->lineagePanel()->view()->setFocus();
        QTRY_VERIFY(!refresh->shortcuts().contains(QKeySequence(Qt::Key_F5)));
        QVERIFY(refresh->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_R)));
        QVERIFY(projects->shortcuts().isEmpty());
        m_window->taskPanel()->view()->setFocus();
        QTRY_VERIFY(refresh->shortcuts().contains(QKeySequence(Qt::Key_F5)));
        QCOMPARE(projects->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_1));
        QVERIFY(settle());
        m_window->details()->setCurrentTab(TaskDetailsView::Tab::Info);
        // Every view and field has an accessible name (headers belong to their view; combo
        // boxes name their own popups).
        QStringList unnamed;
        const QList<QWidget *> widgets = m_window->findChildren<QWidget *>();
        for (QWidget *w : widgets) {
            const bool interesting = qobject_cast<QAbstractItemView *>(w)
                                     || qobject_cast<QLineEdit *>(w)
                                     || qobject_cast<QAbstractButton *>(w);
            if (!interesting || qobject_cast<QHeaderView *>(w) || !w->accessibleName().isEmpty()
                || w->objectName().startsWith(QLatin1String("qt_")))
                continue;
            if (w->parentWidget()
                && (w->parentWidget()->inherits("QComboBox")
                    || w->parentWidget()->inherits("QComboBoxPrivateContainer")))
                continue;
            if (auto *b = qobject_cast<QAbstractButton *>(w); b && !b->text().isEmpty())
                continue; // the text is the name
            if (w->inherits("QLineEditIconButton") || w->inherits("QTableCornerButton"))
                continue; // Qt's own parts of a named widget
            unnamed << QString::fromLatin1(w->metaObject()->className()) + QLatin1Char(' ')
                               + w->objectName();
        }
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
    }

    void selectedArtifactsAndModelsArePreviewed()
    {
        // Every kind of artifact in the demo gallery, read from the file server.
        const QString gallery = demoTask(QStringLiteral("artifact gallery"));
        PreviewPane *pane = m_window->previewPane();
        const QList<std::pair<QString, PreviewKind>> kinds{
                {QStringLiteral("dataframe"), PreviewKind::Table},
                {QStringLiteral("features"), PreviewKind::NumpyZip},
                {QStringLiteral("image"), PreviewKind::Image},
                {QStringLiteral("photo"), PreviewKind::Image},
                {QStringLiteral("dict"), PreviewKind::Json},
                {QStringLiteral("yaml dict"), PreviewKind::Yaml},
                {QStringLiteral("string"), PreviewKind::Text},
                {QStringLiteral("folder"), PreviewKind::Archive},
                {QStringLiteral("object"), PreviewKind::Pickle},
                {QStringLiteral("array object"), PreviewKind::Pickle},
        };
        for (const auto &[name, kind] : kinds) {
            m_window->selectTask(gallery, name);
            QVERIFY2(settle(), qPrintable(name)); // includes the preview
            QVERIFY2(pane->state() == PreviewPane::State::Viewer, qPrintable(name));
            QVERIFY2(m_window->previewController()->currentKind() == kind, qPrintable(name));
        }
        // A link to a host that does not exist: an error in the pane, not a hang.
        m_window->selectTask(gallery, QStringLiteral("external"));
        QVERIFY(settle());
        QCOMPARE(pane->state(), PreviewPane::State::Error);

        // A model of another task: its weights file.
        const QString train = demoTask(QStringLiteral("train classifier"));
        m_window->selectTask(train);
        QVERIFY(settle());
        m_window->details()->setCurrentTab(TaskDetailsView::Tab::Models);
        ModelsView *models = m_window->details()->models();
        ModelListModel *list = m_window->details()->modelModel();
        int row = -1;
        for (int r = 0; r < list->rowCount() && row < 0; ++r)
            if (list->modelAt(r).name == QLatin1String("base classifier"))
                row = r;
        QVERIFY(row >= 0);
        QVERIFY(models->selectModel(list->modelAt(row).id));
        QVERIFY(settle());
        QCOMPARE(pane->state(), PreviewPane::State::Viewer);
        QCOMPARE(m_window->previewController()->currentKind(), PreviewKind::TorchZip);
        m_window->details()->setCurrentTab(TaskDetailsView::Tab::Info);
    }

    void artifactActionsDownloadIntoTheCacheAndTheDock()
    {
        const QString gallery = demoTask(QStringLiteral("artifact gallery"));
        m_window->selectTask(gallery, QStringLiteral("string"));
        QVERIFY(settle());
        ArtifactActions *actions = m_window->workbench()->artifactActions();
        QVERIFY(actions);
        QCOMPARE(actions->target().artifact.key, QStringLiteral("string"));
        QVERIFY(actions->action(ArtifactActions::Id::Download)->isEnabled());
        m_window->transfersDock()->hide(); // shown by an earlier upload
        actions->action(ArtifactActions::Id::Download)->trigger();
        // The transfer shows in the dock, which opens by itself.
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->transfersDock()->isHidden(), kTimeout);
        QVERIFY(m_window->transfersDock()->model()->rowCount() >= 1);
        // The grouped table learns where the file is (LocalCopyProxyModel over the groups).
        GroupedTableView *view = m_window->details()->artifacts()->view();
        QVERIFY(view->localCopies());
        const QModelIndex current = view->currentIndex();
        QTRY_VERIFY_WITH_TIMEOUT(
                !current.data(LocalCopyProxyModel::LocalPathRole).toString().isEmpty(), kTimeout);
        QFile cached(current.data(LocalCopyProxyModel::LocalPathRole).toString());
        QVERIFY(cached.open(QIODevice::ReadOnly));
        QCOMPARE(cached.readAll(), QByteArray("hello from trove"));

        // The context menu holds the row's actions after the copy entries.
        QMenu menu;
        emit view->contextMenuRequested(&menu, view->currentSourceIndex());
        QVERIFY(menu.actions().contains(actions->action(ArtifactActions::Id::Open)));
    }

    /// Drags `paths` over `target` and drops them there, as a file manager would.
    static bool dropFiles(QWidget *target, const QStringList &paths, QString *overlay = nullptr)
    {
        QMimeData mime;
        QList<QUrl> urls;
        for (const QString &p : paths)
            urls << QUrl::fromLocalFile(p);
        mime.setUrls(urls);
        const QPoint at = target->rect().center();
        QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(target, &enter);
        if (overlay)
            *overlay = enter.dropAction() == Qt::IgnoreAction ? QStringLiteral("refused")
                                                              : QString();
        QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(target, &drop);
        return drop.isAccepted();
    }

    /// Downloads through the window's session, as "Download" would, and returns the bytes.
    QByteArray readBack(const DownloadRequest &request)
    {
        DownloadJob *job = m_window->session()->transfers()->download(request);
        QPointer<DownloadJob> guard(job);
        const bool done = QTest::qWaitFor(
                [&] {
                    return !guard || guard->state() == TransferJob::State::Finished
                           || guard->state() == TransferJob::State::Failed;
                },
                kTimeout);
        if (!done || !guard || guard->state() != TransferJob::State::Finished)
            return QByteArray();
        QFile f(guard->resultPath());
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    void droppedFilesAreUploadedAndRegistered()
    {
        const QString infer = demoTask(QStringLiteral("batch inference")); // in progress
        m_window->selectTask(infer);
        QVERIFY(settle());
        WorkbenchController *workbench = m_window->workbench();
        QVERIFY(workbench->artifactDropZone()->isEnabled());
        QVERIFY(workbench->taskDropZone()->isEnabled());
        QCOMPARE(workbench->taskDropZone()->target(), m_window->taskPanel()->view()->viewport());
        const QString path = m_home.filePath(QStringLiteral("notes.txt"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("dropped notes\n");
        }
        // A file dropped from the file manager onto the artifacts table.
        m_window->details()->setCurrentTab(TaskDetailsView::Tab::Artifacts);
        QVERIFY(dropFiles(workbench->artifactDropZone()->target(), {path}));
        UploadDialog *dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = m_window->findChild<UploadDialog *>()) != nullptr,
                                 kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->uploadButton()->isEnabled(), kTimeout);
        QTest::mouseClick(dialog->uploadButton(), Qt::LeftButton);
        ArtifactListModel *artifacts = m_window->details()->artifactModel();
        QTRY_VERIFY_WITH_TIMEOUT(artifacts->rowOf(QStringLiteral("notes")) >= 0, kTimeout);
        QCOMPARE(workbench->uploads()->activeCount(), 0);

        // Registered on the server, and readable through core as the SDK would read it.
        auto task = m_sync->task(infer);
        QVERIFY(task.ok());
        Artifact notes;
        for (const Artifact &a : task->artifacts)
            if (a.key == QLatin1String("notes"))
                notes = a;
        QCOMPARE(notes.key, QStringLiteral("notes"));
        QCOMPARE(readBack(m_window->session()->artifactDownload(notes)),
                 QByteArray("dropped notes\n"));

        // One weights file on the Models tab becomes an output model; two are refused.
        m_window->details()->setCurrentTab(TaskDetailsView::Tab::Models);
        const QString weights = m_home.filePath(QStringLiteral("head.bin"));
        {
            QFile f(weights);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(4096, '\x2a'));
        }
        QWidget *models = workbench->modelDropZone()->target();
        QString refused;
        QVERIFY(!dropFiles(models, {weights, path}, &refused));
        QCOMPARE(refused, QStringLiteral("refused"));
        QVERIFY(dropFiles(models, {weights}));
        ModelUploadDialog *modelDialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
                (modelDialog = m_window->findChild<ModelUploadDialog *>()) != nullptr, kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(modelDialog->uploadButton()->isEnabled(), kTimeout);
        modelDialog->nameEdit()->setText(QStringLiteral("dropped head"));
        QTest::mouseClick(modelDialog->uploadButton(), Qt::LeftButton);
        ModelListModel *list = m_window->details()->modelModel();
        const auto modelRow = [list] {
            for (int r = 0; r < list->rowCount(); ++r)
                if (list->modelAt(r).name == QLatin1String("dropped head"))
                    return r;
            return -1;
        };
        QTRY_VERIFY_WITH_TIMEOUT(modelRow() >= 0, kTimeout);
        auto model = m_sync->model(list->modelAt(modelRow()).id);
        QVERIFY(model.ok());
        QCOMPARE(model->task.id, infer);
        QCOMPARE(readBack(m_window->session()->modelDownload(model.value())),
                 QByteArray(4096, '\x2a'));
        m_window->details()->setCurrentTab(TaskDetailsView::Tab::Info);
    }

    void lineageTabFollowsTheTask()
    {
        const QString train = demoTask(QStringLiteral("train classifier"));
        m_window->selectTask(train);
        QVERIFY(settle());
        PreviewPane *preview = m_window->previewPane();
        QVERIFY(preview->isVisible());
        const int previewWidth = preview->width();
        const int detailsWidth = m_window->details()->width();
        m_window->details()->setCurrentTab(TaskDetailsView::Tab::Lineage);
        QVERIFY(settle()); // waits for the graph
        // The graph takes the preview's room while its tab is shown.
        QVERIFY(preview->isHidden());
        QTRY_VERIFY(m_window->details()->width() > detailsWidth + previewWidth / 2);
        LineagePanel *lineage = m_window->lineagePanel();
        QCOMPARE(lineage->rootId(), train);
        QVERIFY(lineage->graph().nodes().size() >= 3); // the task, its input and output models
        // Activating a task in the graph goes there.
        const QString eval = demoTask(QStringLiteral("evaluate fine-tuned"));
        emit lineage->taskActivated(eval);
        QVERIFY(settle());
        QCOMPARE(m_window->details()->taskId(), eval);
        QCOMPARE(lineage->rootId(), eval);
        m_window->details()->setCurrentTab(TaskDetailsView::Tab::Info);
        // ... and gives it back as it was.
        QVERIFY(preview->isVisible());
        QTRY_COMPARE(preview->width(), previewWidth);
    }

    void cacheDialogOpens()
    {
        m_window->action(QStringLiteral("cache"))->trigger();
        auto *dialog = m_window->findChild<CacheDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QCOMPARE(dialog->cache().baseDir(), m_window->session()->cache().baseDir());
        dialog->close();
    }

    void serverAddedFromASnippetInSettingsConnects()
    {
        SettingsDialog settings(m_connection.get(), m_window.get());
        const int servers = settings.serverList()->count();
        QVERIFY(servers >= 1);

        // Hosts and keys typed in: missing keys and a taken name are refused, saying why.
        settings.addServer();
        auto *keys = settings.findChild<AddServerDialog *>();
        QVERIFY(keys);
        keys->tabs()->setCurrentIndex(1);
        keys->apiField()->setText(m_server.apiUrl().toString());
        keys->accessKeyField()->setText(m_server.accessKey());
        keys->accept();
        QVERIFY(keys->isVisible());
        QVERIFY(keys->buildProfile().error().userMessage().contains(QStringLiteral("secret")));
        keys->secretKeyField()->setText(m_server.secretKey());
        keys->nameField()->setText(QStringLiteral("typed"));
        QVERIFY(keys->buildProfile().ok());
        keys->accept();
        QTRY_COMPARE(settings.serverList()->count(), servers + 1);
        QVERIFY(m_window->serverSwitcher()->rowOf(QStringLiteral("profile:typed")) >= 0);

        settings.addServer();
        AddServerDialog *pasted = nullptr; // the first one is closed, perhaps not yet deleted
        for (AddServerDialog *d : settings.findChildren<AddServerDialog *>())
            if (d->isVisible())
                pasted = d;
        QVERIFY(pasted);
        pasted->nameField()->setText(QStringLiteral("typed"));
        pasted->snippetField()->setPlainText(QStringLiteral("not a configuration {"));
        pasted->accept();
        QVERIFY(pasted->isVisible()); // a parse error, not a crash
        // The block the ClearML web UI shows under "Create new credentials".
        pasted->snippetField()->setPlainText(
                QStringLiteral("api {\n  web_server: %1\n  api_server: %1\n  files_server: %2\n"
                               "  credentials {\n    \"access_key\" = \"%3\"\n"
                               "    \"secret_key\" = \"%4\"\n  }\n}\n")
                        .arg(m_server.apiUrl().toString(), m_server.filesUrl().toString(),
                             m_server.accessKey(), m_server.secretKey()));
        pasted->accept();
        QVERIFY(pasted->isVisible()); // "typed" is taken
        pasted->nameField()->setText(QStringLiteral("pasted"));
        const auto profile = pasted->buildProfile();
        QVERIFY(profile.ok());
        QCOMPARE(profile->apiServer, m_server.apiUrl());
        QCOMPARE(profile->filesServer, m_server.filesUrl());
        QCOMPARE(profile->secretKey, m_server.secretKey());
        pasted->accept();
        QTRY_COMPARE(settings.serverList()->count(), servers + 2);

        // The pasted server is in the switcher and works.
        QVERIFY(m_window->serverSwitcher()->rowOf(QStringLiteral("profile:pasted")) >= 0);
        m_connection->connectTo(QStringLiteral("profile:pasted"));
        QVERIFY(settle());
        QCOMPARE(m_connection->state(), ConnectionController::State::Connected);
        QVERIFY(m_window->projectPanel()->view()->model()->rowCount() > 0);

        // Removing both from Settings.
        for (const QString &name : {QStringLiteral("typed"), QStringLiteral("pasted")}) {
            for (int r = 0; r < settings.serverList()->count(); ++r)
                if (settings.serverList()->item(r)->data(Qt::UserRole).toString()
                    == QStringLiteral("profile:") + name)
                    settings.serverList()->setCurrentRow(r);
            settings.removeServer();
        }
        QTRY_COMPARE(settings.serverList()->count(), servers);
        m_connection->connectTo(QStringLiteral("config"));
        QVERIFY(settle());
        QCOMPARE(m_connection->state(), ConnectionController::State::Connected);

        // Cache limits and parallel transfers are saved for the next start.
        const AppSettings before = m_connection->appSettings();
        settings.cacheEntriesBox()->setValue(77);
        settings.cacheMegabytesBox()->setValue(512);
        settings.parallelBox()->setValue(5);
        settings.accept();
        QCOMPARE(m_connection->appSettings().cacheMaxEntries, 77);
        QCOMPARE(m_connection->appSettings().cacheMaxBytes, qint64(512) * 1024 * 1024);
        QCOMPARE(m_window->session()->transfers()->maxParallel(), 5);
        auto store = ConfigSource::openSettings();
        QCOMPARE(AppSettings::load(*store), m_connection->appSettings());
        m_connection->setAppSettings(before);
    }

    void linkIntoAnotherSavedServerSwitchesToIt()
    {
        // A saved profile for the same server under another web host name.
        ServerProfile lan;
        lan.name = QStringLiteral("lan");
        lan.apiServer = m_server.apiUrl();
        lan.webServer = QUrl(QStringLiteral("http://localhost:%1").arg(m_server.apiUrl().port()));
        lan.filesServer = m_server.filesUrl();
        lan.accessKey = m_server.accessKey();
        lan.secretKey = m_server.secretKey();
        QVERIFY(m_connection->saveProfile(lan).ok());
        QVERIFY(m_window->serverSwitcher()->rowOf(QStringLiteral("profile:lan")) >= 0);
        QVERIFY(!m_window->serverSwitcher()
                         ->itemData(
                                 m_window->serverSwitcher()->rowOf(QStringLiteral("profile:lan")),
                                 Qt::ToolTipRole)
                         .toString()
                         .contains(m_server.secretKey())); // never in full

        const QString eval = demoTask(QStringLiteral("evaluate fine-tuned"));
        QVERIFY(m_window->openLink(lan.webServer.toString() + QStringLiteral("/projects/*/tasks/")
                                   + eval + QStringLiteral("/output/log")));
        QCOMPARE(m_connection->currentId(), QStringLiteral("profile:lan"));
        QVERIFY(settle());
        QCOMPARE(m_connection->state(), ConnectionController::State::Connected);
        QCOMPARE(m_window->details()->taskId(), eval);
        QCOMPARE(m_window->serverSwitcher()->currentId(), QStringLiteral("profile:lan"));

        m_connection->connectTo(QStringLiteral("config"));
        QVERIFY(settle());
        QCOMPARE(m_connection->state(), ConnectionController::State::Connected);
        QVERIFY(m_connection->removeProfile(QStringLiteral("lan")));
    }

    void unreachableServerShowsRetry()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const int port = probe.serverPort();
        probe.close();
        const QUrl api(QStringLiteral("http://127.0.0.1:%1").arg(port));

        TestServer late;
        ConnectionController connection(nullptr);
        connection.setApiOptions(fastOptions());
        QProcessEnvironment env = serverEnvironment(m_home.path(), api, api, QStringLiteral("k"),
                                                    QStringLiteral("s"));
        connection.setEnvironment(env);
        MainWindow window(&connection);
        window.setPersistState(false);
        window.show();
        connection.connectDefault();
        QTRY_VERIFY_WITH_TIMEOUT(connection.state() == ConnectionController::State::Failed,
                                 kTimeout);
        QVERIFY(!window.failure().isEmpty());
        MessageBar *bar = window.messageBar();
        QVERIFY(!bar->isHidden());
        QCOMPARE(bar->type(), MessageBar::Type::Error);
        QVERIFY(bar->retryButton());
        QVERIFY(bar->text().contains(QStringLiteral("Cannot connect")));

        // The server comes up on that port; Retry connects.
        TestServer::Options o;
        o.apiPort = port;
        QVERIFY2(late.start(o), qPrintable(late.errorString()));
        env.insert(QStringLiteral("CLEARML_API_ACCESS_KEY"), late.accessKey());
        env.insert(QStringLiteral("CLEARML_API_SECRET_KEY"), late.secretKey());
        env.insert(QStringLiteral("CLEARML_FILES_HOST"), late.filesUrl().toString());
        connection.setEnvironment(env);
        QTest::mouseClick(bar->retryButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(connection.state() == ConnectionController::State::Connected,
                                 kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(window.pendingWork().isEmpty(), kTimeout);
        QVERIFY(bar->isHidden());
        QVERIFY(window.failure().isEmpty());
        QVERIFY(window.projectModel());

        // Bad keys: a clear message too.
        env.insert(QStringLiteral("CLEARML_API_SECRET_KEY"), QStringLiteral("wrong"));
        connection.setEnvironment(env);
        connection.retry();
        QTRY_VERIFY_WITH_TIMEOUT(connection.state() == ConnectionController::State::Failed,
                                 kTimeout);
        QVERIFY(!bar->isHidden());
        QVERIFY(bar->retryButton());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"

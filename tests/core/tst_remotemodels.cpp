// Typed reads/writes and the item models against the real trove-server: scroll paging over
// more than 500 tasks, filters, both reference forms, the project tree, the model list,
// registerArtifact and registerOutputModel.
#include "apitestenv.h"
#include "models/modellistmodel.h"
#include "models/projecttreemodel.h"
#include "models/tasklistmodel.h"

#include <QAbstractItemModelTester>
#include <QSet>
#include <QSignalSpy>
#include <QtTest>

using namespace Trove;
using nlohmann::json;

class tst_RemoteModels : public QObject
{
    Q_OBJECT
private:
    ApiTestEnv m_env;
    QString m_bulkProject;
    static constexpr int kBulkTasks = 520;

    Artifact artifact(const QString &key, qint64 size)
    {
        Artifact a;
        a.key = key;
        a.type = QStringLiteral("custom");
        a.uri = m_env.server.filesUrl().toString() + QStringLiteral("/p/") + key;
        a.contentSize = size;
        a.hash = QStringLiteral("00ff");
        a.contentType = QStringLiteral("text/plain");
        return a;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_env.start());
        m_bulkProject = m_env.createProject(QStringLiteral("bulk"));
        QVERIFY(!m_bulkProject.isEmpty());
        // Fire the creations concurrently (the client queues them), then wait for all.
        QList<QPointer<ApiReply>> replies;
        for (int i = 0; i < kBulkTasks; ++i) {
            json extra = json::object();
            if (i % 10 == 0)
                extra["tags"] = json::array({"tenth"});
            replies << m_env.api->createTask(
                    QStringLiteral("bulk task %1").arg(i, 3, 10, QLatin1Char('0')), m_bulkProject,
                    i % 4 == 0 ? QStringLiteral("testing") : QStringLiteral("training"), extra);
        }
        int failures = 0;
        for (const QPointer<ApiReply> &r : replies)
            if (!m_env.sync->wait<QString>(r, 60000).ok())
                ++failures;
        QCOMPARE(failures, 0);
    }

    void scrollPagingThroughTaskListModel()
    {
        TaskListModel model(m_env.api);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        TaskQuery q;
        q.projectIds = {m_bulkProject};
        q.size = 200;
        q.orderBy = {QStringLiteral("name")};
        q.onlyFields = {QStringLiteral("name"), QStringLiteral("status"), QStringLiteral("type")};
        model.setQuery(q);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy loaded(&model, &TaskListModel::fullyLoaded);
        while (model.canFetchMore(QModelIndex())) {
            model.fetchMore(QModelIndex());
            QVERIFY(!model.canFetchMore(QModelIndex())); // one request in flight
            QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 30000);
            QVERIFY2(model.lastError().kind == Error::Kind::None,
                     qPrintable(model.lastError().userMessage()));
        }
        QCOMPARE(loaded.count(), 1);
        QCOMPARE(model.rowCount(), kBulkTasks);
        QCOMPARE(inserted.count(), 3); // 200 + 200 + 120
        QSet<QString> ids;
        for (int row = 0; row < model.rowCount(); ++row)
            ids.insert(model.index(row, 0).data(TaskListModel::IdRole).toString());
        QCOMPARE(ids.size(), kBulkTasks);
        QCOMPARE(model.index(0, TaskListModel::NameColumn).data().toString(),
                 QStringLiteral("bulk task 000"));
        QCOMPARE(model.index(kBulkTasks - 1, 0).data(TaskListModel::NameRole).toString(),
                 QStringLiteral("bulk task 519"));
        QCOMPARE(model.index(0, 0).data(TaskListModel::StatusRole).toInt(),
                 int(TaskStatus::Created));

        // A single get_all never returns more than 500.
        TaskQuery big;
        big.projectIds = {m_bulkProject};
        big.size = 1000;
        auto page = m_env.sync->tasks(big);
        QVERIFY(page.ok());
        QVERIFY(page->items.size() <= 500);
    }

    void newQueryDropsStaleReplies()
    {
        TaskListModel model(m_env.api);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        TaskQuery q;
        q.projectIds = {m_bulkProject};
        q.size = 50;
        model.setQuery(q);
        model.fetchMore(QModelIndex());
        QVERIFY(model.isLoading());
        q.types = {QStringLiteral("testing")};
        model.setQuery(q); // the first page's reply must not land in this query
        QVERIFY(!model.isLoading());
        model.fetchMore(QModelIndex());
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 30000);
        QCOMPARE(model.rowCount(), 50);
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.index(row, 0).data(TaskListModel::TypeRole).toInt(),
                     int(TaskType::Testing));
    }

    void failedPageIsReportedAndRetryable()
    {
        TaskListModel model(m_env.api);
        TaskQuery q;
        q.projectIds = {m_bulkProject};
        q.size = 10;
        model.setQuery(q);
        QSignalSpy errors(&model, &TaskListModel::errorOccurred);
        m_env.call("debug.inject_faults",
                   json{{"endpoint", "tasks.get_all"}, {"status", 400}, {"count", 1}});
        model.fetchMore(QModelIndex());
        QVERIFY(errors.wait(30000));
        QVERIFY(!model.isLoading());
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(model.canFetchMore(QModelIndex()));
        model.retry();
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 10, 30000);
    }

    void filters()
    {
        TaskQuery q;
        q.projectIds = {m_bulkProject};
        q.size = 500;
        q.types = {QStringLiteral("testing")};
        auto testing = m_env.sync->tasks(q);
        QVERIFY(testing.ok());
        QCOMPARE(testing->items.size(), kBulkTasks / 4);

        q.types.clear();
        q.tags = {QStringLiteral("tenth")};
        auto tagged = m_env.sync->tasks(q);
        QVERIFY(tagged.ok());
        QCOMPARE(tagged->items.size(), kBulkTasks / 10);

        q.tags.clear();
        q.searchText = QStringLiteral("TASK 51"); // case-insensitive: 510..519
        auto found = m_env.sync->tasks(q);
        QVERIFY2(found.ok(), found.ok() ? "" : qPrintable(found.error().userMessage()));
        QCOMPARE(found->items.size(), 10);

        q.searchText.clear();
        q.statuses = {QStringLiteral("in_progress")};
        auto none = m_env.sync->tasks(q);
        QVERIFY(none.ok());
        QCOMPARE(none->items.size(), 0);
    }

    void bothReferenceForms()
    {
        const QString project = m_env.createProject(QStringLiteral("refs/sub"));
        const QString task = m_env.createTask(QStringLiteral("refs task"), project);
        auto byId = m_env.sync->task(task);
        QVERIFY(byId.ok());
        QCOMPARE(byId->project.id, project);
        QVERIFY(byId->project.name.isEmpty());

        TaskQuery ex;
        ex.ids = {task};
        ex.extended = true;
        ex.onlyFields = {QStringLiteral("name"), QStringLiteral("project.name"),
                         QStringLiteral("user.name")};
        auto page = m_env.sync->tasks(ex);
        QVERIFY2(page.ok(), page.ok() ? "" : qPrintable(page.error().userMessage()));
        QCOMPARE(page->items.size(), 1);
        QCOMPARE(page->items.at(0).project.id, project);
        QCOMPARE(page->items.at(0).project.name, QStringLiteral("refs/sub"));
    }

    void registerArtifactKeepsOthers()
    {
        const QString project = m_env.createProject(QStringLiteral("artifacts"));
        const QString task = m_env.createTask(QStringLiteral("artifact task"), project);
        auto first = m_env.sync->registerArtifact(task, artifact(QStringLiteral("a"), 1));
        QVERIFY2(first.ok(), first.ok() ? "" : qPrintable(first.error().userMessage()));
        QCOMPARE(first->artifacts.size(), 1);
        // Finish the task: add_or_update_artifacts is refused now, the edit path is used.
        QVERIFY(m_env.sync
                        ->wait<json>(m_env.api->setTaskStatus(task, QStringLiteral("started")),
                                     30000)
                        .ok());
        QVERIFY(m_env.sync->registerArtifact(task, artifact(QStringLiteral("b"), 2)).ok());
        QVERIFY(m_env.sync
                        ->wait<json>(
                                m_env.api->setTaskStatus(task, QStringLiteral("completed"), true),
                                30000)
                        .ok());
        auto third = m_env.sync->registerArtifact(task, artifact(QStringLiteral("c"), 3));
        QVERIFY2(third.ok(), third.ok() ? "" : qPrintable(third.error().userMessage()));
        QCOMPARE(third->status, TaskStatus::Completed);
        QStringList keys;
        for (const Artifact &a : third->artifacts)
            keys << a.key;
        keys.sort();
        QCOMPARE(keys,
                 (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
        // Upsert by key+mode on a completed task.
        auto again = m_env.sync->registerArtifact(task, artifact(QStringLiteral("a"), 42));
        QVERIFY(again.ok());
        QCOMPARE(again->artifacts.size(), 3);
        for (const Artifact &a : again->artifacts)
            if (a.key == QLatin1String("a"))
                QCOMPARE(a.contentSize, 42);
    }

    void registerOutputModelAndModelList()
    {
        const QString project = m_env.createProject(QStringLiteral("models"));
        const QString task = m_env.createTask(QStringLiteral("model task"), project);
        auto id = m_env.sync->registerOutputModel(
                task, QStringLiteral("great model"),
                QStringLiteral("http://files/x/model_weights.bin"), QStringLiteral("PyTorch"));
        QVERIFY2(id.ok(), id.ok() ? "" : qPrintable(id.error().userMessage()));
        auto model = m_env.sync->model(id.value());
        QVERIFY(model.ok());
        QCOMPARE(model->task.id, task);
        QCOMPARE(model->project.id, project);
        QCOMPARE(model->framework, QStringLiteral("PyTorch"));
        QVERIFY(!model->ready);
        auto t = m_env.sync->task(task);
        QVERIFY(t.ok());
        QCOMPARE(t->outputModels.size(), 1);
        QCOMPARE(t->outputModels.at(0).name, QStringLiteral("model_weights"));
        QCOMPARE(t->outputModels.at(0).model.id, id.value());

        ModelListModel list(m_env.api);
        QAbstractItemModelTester tester(&list,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&list, &ModelListModel::loaded);
        list.load(task);
        QVERIFY(loaded.wait(30000));
        QCOMPARE(list.rowCount(), 1);
        QCOMPARE(list.index(0).data(ModelListModel::NameRole).toString(),
                 QStringLiteral("great model"));
        QCOMPARE(list.index(0).data(ModelListModel::DirectionRole).toString(),
                 QStringLiteral("output"));
    }

    void projectTree()
    {
        for (const char *name : {"tree", "tree/a", "tree/b", "tree/a/deep"})
            QVERIFY(!m_env.createProject(QLatin1String(name)).isEmpty());
        auto a = m_env.sync->projects(ProjectQuery{});
        QVERIFY(a.ok());
        QString treeId;
        for (const Project &p : a->items)
            if (p.name == QLatin1String("tree"))
                treeId = p.id;
        QVERIFY(!treeId.isEmpty());
        ProjectQuery children;
        children.parentId = treeId;
        auto kids = m_env.sync->projects(children);
        QVERIFY(kids.ok());
        QString aId;
        for (const Project &p : kids->items)
            if (p.name == QLatin1String("tree/a"))
                aId = p.id;
        QVERIFY(!aId.isEmpty());
        for (int i = 0; i < 3; ++i)
            QVERIFY(!m_env.createTask(QStringLiteral("tree task %1").arg(i), aId).isEmpty());
        const QString archived = m_env.createProject(QStringLiteral("tree/old"));
        QVERIFY(m_env.sync
                        ->waitData(m_env.client->call(
                                           QStringLiteral("projects.update"),
                                           json{{"project", archived.toStdString()},
                                                {"system_tags", json::array({"archived"})}}),
                                   30000)
                        .ok());

        ProjectTreeModel model(m_env.api);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.fetchMore(QModelIndex());
        QTRY_VERIFY_WITH_TIMEOUT(model.pendingFetches() == 0 && model.rowCount() > 0, 30000);
        const QModelIndex tree = model.indexOfId(treeId);
        QVERIFY(tree.isValid());
        QVERIFY(model.hasChildren(tree));
        QVERIFY(model.canFetchMore(tree));
        QSignalSpy childrenLoaded(&model, &ProjectTreeModel::childrenLoaded);
        model.fetchMore(tree);
        QVERIFY(!model.canFetchMore(tree));
        QVERIFY(childrenLoaded.wait(30000));
        QCOMPARE(model.rowCount(tree), 2); // a, b; "old" is archived
        const QModelIndex aIndex = model.indexOfId(aId);
        QVERIFY(aIndex.isValid());
        QCOMPARE(aIndex.parent(), tree);
        QCOMPARE(aIndex.data(Qt::DisplayRole).toString(), QStringLiteral("a"));
        QCOMPARE(aIndex.data(ProjectTreeModel::TaskCountRole).toLongLong(), 3);
        QCOMPARE(aIndex.data(ProjectTreeModel::StatusCountsRole)
                         .toMap()
                         .value(QStringLiteral("created"))
                         .toInt(),
                 3);
        QVERIFY(model.hasChildren(aIndex)); // deep

        model.setShowArchived(true);
        model.fetchMore(QModelIndex());
        QTRY_VERIFY_WITH_TIMEOUT(model.pendingFetches() == 0 && model.indexOfId(treeId).isValid(),
                                 30000);
        model.fetchMore(model.indexOfId(treeId));
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(model.indexOfId(treeId)), 3, 30000);
    }
};

QTEST_GUILESS_MAIN(tst_RemoteModels)
#include "tst_remotemodels.moc"

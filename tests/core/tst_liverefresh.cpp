// Live refresh of the item models against the real trove-server: TaskListModel::refresh(),
// ProjectTreeModel::refresh() and ModelListModel::refresh() merge what changed in place
// (selections survive), and UriProbe tells a stored file from a registered-but-missing one.
#include "apitestenv.h"
#include "isolatedsettings.h"
#include "models/modellistmodel.h"
#include "models/projecttreemodel.h"
#include "models/tasklistmodel.h"
#include "session/session.h"
#include "storage/uriprobe.h"
#include "transfers/transfermanager.h"

#include <QAbstractItemModelTester>
#include <QPersistentModelIndex>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace Trove;
using nlohmann::json;

class tst_LiveRefresh : public QObject
{
    Q_OBJECT
private:
    ApiTestEnv m_env;

    bool edit(const QString &task, const json &fields)
    {
        auto r = m_env.sync->wait<json>(m_env.api->editTask(task, fields), 30000);
        if (!r)
            qWarning() << r.error().userMessage();
        return r.ok();
    }

    static QStringList names(const TaskListModel &model)
    {
        QStringList out;
        for (int r = 0; r < model.rowCount(); ++r)
            out << model.task(r).name;
        return out;
    }

private slots:
    void initTestCase()
    {
        Trove::Test::isolateUserSettings();
        QVERIFY(m_env.start());
    }

    void taskListRefreshMergesInPlace()
    {
        const QString project = m_env.createProject(QStringLiteral("refresh tasks"));
        for (const char *n : {"task a", "task c", "task d"})
            QVERIFY(!m_env.createTask(QLatin1String(n), project).isEmpty());
        TaskListModel model(m_env.api);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        TaskQuery q;
        q.projectIds = {project};
        q.orderBy = {QStringLiteral("name")};
        q.size = 2; // two pages
        model.setQuery(q);
        while (!model.atEnd()) {
            model.fetchMore(QModelIndex());
            QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 30000);
            QCOMPARE(model.lastError().kind, Error::Kind::None);
        }
        QCOMPARE(names(model), (QStringList{QStringLiteral("task a"), QStringLiteral("task c"),
                                            QStringLiteral("task d")}));
        const QPersistentModelIndex c = model.index(1, TaskListModel::NameColumn);

        const QString b = m_env.createTask(QStringLiteral("task b"), project);
        QVERIFY(!b.isEmpty());
        QVERIFY(edit(model.task(2).id, json{{"name", "task d renamed"}}));

        QSignalSpy refreshed(&model, &TaskListModel::refreshed);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(model.refresh());
        QVERIFY(!model.refresh()); // one at a time
        QVERIFY(!model.canFetchMore(QModelIndex()));
        QVERIFY(refreshed.wait(30000));
        QCOMPARE(refreshed.at(0).at(0).toBool(), true);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(names(model),
                 (QStringList{QStringLiteral("task a"), QStringLiteral("task b"),
                              QStringLiteral("task c"), QStringLiteral("task d renamed")}));
        QVERIFY(c.isValid());
        QCOMPARE(c.row(), 2); // the row moved with the insertion, it was not reset
        QCOMPARE(c.data().toString(), QStringLiteral("task c"));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.indexOfId(b), 1);

        // Nothing new: nothing changes.
        QVERIFY(model.refresh());
        QVERIFY(refreshed.wait(30000));
        QCOMPARE(refreshed.last().at(0).toBool(), false);
        QCOMPARE(model.rowCount(), 4);
    }

    void taskListRefreshDropsTasksThatNoLongerMatch()
    {
        const QString project = m_env.createProject(QStringLiteral("refresh filter"));
        const QString one = m_env.createTask(QStringLiteral("one"), project);
        const QString two = m_env.createTask(QStringLiteral("two"), project);
        TaskListModel model(m_env.api);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        TaskQuery q;
        q.projectIds = {project};
        q.statuses = {QStringLiteral("created")};
        model.setQuery(q);
        model.fetchMore(QModelIndex());
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 2, 30000);
        auto started = m_env.sync->wait<json>(
                m_env.api->setTaskStatus(one, QStringLiteral("started")), 30000);
        QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().userMessage()));
        QSignalSpy refreshed(&model, &TaskListModel::refreshed);
        QVERIFY(model.refresh());
        QVERIFY(refreshed.wait(30000));
        QVERIFY(refreshed.at(0).at(0).toBool());
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.task(0).id, two);
        QVERIFY(model.atEnd());
    }

    void projectTreeRefreshMergesInPlace()
    {
        const QString top = m_env.createProject(QStringLiteral("live"));
        QVERIFY(!m_env.createProject(QStringLiteral("live/first")).isEmpty());
        ProjectTreeModel model(m_env.api);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.fetchMore(QModelIndex());
        QTRY_VERIFY_WITH_TIMEOUT(model.indexOfId(top).isValid() && model.pendingFetches() == 0,
                                 30000);
        const QModelIndex topIndex = model.indexOfId(top);
        if (model.canFetchMore(topIndex))
            model.fetchMore(topIndex);
        QTRY_VERIFY_WITH_TIMEOUT(model.pendingFetches() == 0 && model.rowCount(topIndex) == 1,
                                 30000);
        const QPersistentModelIndex kept(topIndex);
        QCOMPARE(kept.data(ProjectTreeModel::TaskCountRole).toLongLong(), 0);

        const QString second = m_env.createProject(QStringLiteral("live/second"));
        QVERIFY(!m_env.createTask(QStringLiteral("counted"), top).isEmpty());
        QSignalSpy refreshed(&model, &ProjectTreeModel::refreshed);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QVERIFY(model.refresh());
        QVERIFY(model.isRefreshing());
        QVERIFY(refreshed.wait(30000));
        QVERIFY(refreshed.at(0).at(0).toBool());
        QCOMPARE(reset.count(), 0);
        QVERIFY(kept.isValid());
        QCOMPARE(kept.data(ProjectTreeModel::TaskCountRole).toLongLong(), 1);
        QCOMPARE(model.rowCount(kept), 2);
        QCOMPARE(model.indexOfId(second).parent(), QModelIndex(kept));

        QVERIFY(model.refresh());
        QVERIFY(refreshed.wait(30000));
        QCOMPARE(refreshed.last().at(0).toBool(), false);
    }

    void modelListRefreshUpdatesInPlace()
    {
        const QString project = m_env.createProject(QStringLiteral("refresh models"));
        const QString task = m_env.createTask(QStringLiteral("with model"), project);
        auto id = m_env.sync->registerOutputModel(task, QStringLiteral("weights"),
                                                  QStringLiteral("http://files/w/weights.pt"));
        QVERIFY(id.ok());
        ModelListModel list(m_env.api);
        QAbstractItemModelTester tester(&list,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&list, &ModelListModel::loaded);
        list.load(task);
        QVERIFY(loaded.wait(30000));
        QCOMPARE(list.rowOfId(id.value()), 0);
        QCOMPARE(list.modelAt(0).name, QStringLiteral("weights"));

        auto renamed = m_env.sync->wait<json>(
                m_env.api->editModel(id.value(), json{{"name", "better weights"}}), 30000);
        QVERIFY(renamed.ok());
        QSignalSpy reset(&list, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&list, &QAbstractItemModel::dataChanged);
        QVERIFY(list.refresh());
        QVERIFY(!list.refresh()); // in flight
        QVERIFY(loaded.wait(30000));
        QCOMPARE(reset.count(), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(list.index(0).data(ModelListModel::NameRole).toString(),
                 QStringLiteral("better weights"));
        QCOMPARE(list.rowOfId(QStringLiteral("nope")), -1);
    }

    void uriProbeTellsStoredFromMissing()
    {
        Session session(m_env.config(), SessionOptions{ApiTestEnv::fastOptions(), 2});
        // Log in once so that the files server gets the token.
        auto login = m_env.sync->waitData(session.client()->login(), 30000);
        QVERIFY(login.ok());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("stored.txt"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("stored bytes\n");
        }
        Task task;
        task.id = QStringLiteral("0123456789abcdef0123456789abcdef");
        task.name = QStringLiteral("probe");
        task.project.id = QStringLiteral("p");
        UploadJob *job = session.transfers()->upload(session.artifactUpload(
                task, QStringLiteral("probe project"), path, QStringLiteral("stored")));
        QSignalSpy done(job, &TransferJob::finished);
        QVERIFY(done.wait(30000));
        QCOMPARE(job->state(), TransferJob::State::Finished);
        const QString stored = job->spec().uri;

        UriProbe probe(session.transfers()->network(), session.storageAccess());
        QSignalSpy probed(&probe, &UriProbe::probed);
        const QString missing
                = m_env.server.filesUrl().toString() + QStringLiteral("/probe/not/there.bin");
        probe.probe(stored);
        probe.probe(missing);
        probe.probe(QStringLiteral("/tmp/local/file.bin"));
        QCOMPARE(probe.pending(), 2); // the local path answers without a request
        QTRY_COMPARE_WITH_TIMEOUT(probed.count(), 3, 30000);
        QHash<QString, UriProbe::Availability> answers;
        for (const auto &args : probed)
            answers.insert(args.at(0).toString(), args.at(1).value<UriProbe::Availability>());
        QCOMPARE(answers.value(stored), UriProbe::Availability::Available);
        QCOMPARE(answers.value(missing), UriProbe::Availability::Missing);
        QCOMPARE(answers.value(QStringLiteral("/tmp/local/file.bin")),
                 UriProbe::Availability::Unknown);
        QCOMPARE(probe.pending(), 0);
        QCOMPARE(UriProbe::availabilityFor(503), UriProbe::Availability::Unknown);
        QCOMPARE(UriProbe::availabilityFor(410), UriProbe::Availability::Missing);
    }
};

QTEST_GUILESS_MAIN(tst_LiveRefresh)
#include "tst_liverefresh.moc"

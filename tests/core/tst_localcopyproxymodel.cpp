// LocalCopyTracker + LocalCopyProxyModel against the real trove-server: the local state of
// artifact and model rows follows checks and downloads, and mimeData() carries the cached
// files' URLs (what a drag to a file manager hands over).
#include "isolatedsettings.h"
#include "models/artifactlistmodel.h"
#include "models/localcopyproxymodel.h"
#include "models/modellistmodel.h"
#include "sessiontestenv.h"
#include "transfers/artifactpublisher.h"

#include <QAbstractItemModelTester>
#include <QMimeData>

using namespace Trove;

class TestLocalCopyProxyModel final : public QObject
{
    Q_OBJECT

private:
    SessionTestEnv m_env;
    QString m_task;
    QByteArray m_data;
    QString m_folder;

    bool publish(ArtifactPublisher::Request r)
    {
        ArtifactPublisher p(m_env.session.get(), r);
        QSignalSpy done(&p, &ArtifactPublisher::finished);
        p.start();
        const bool ok = done.wait(60000) && p.state() == ArtifactPublisher::State::Finished;
        if (!ok)
            qWarning() << "publish failed:" << p.error().userMessage();
        return ok;
    }

    static LocalCopyTracker::State stateOf(const QModelIndex &i)
    {
        return LocalCopyTracker::State(i.data(LocalCopyProxyModel::LocalStateRole).toInt());
    }

private Q_SLOTS:
    void initTestCase()
    {
        Trove::Test::isolateUserSettings();
        QVERIFY(m_env.start());
        const QString project = m_env.createProject(QStringLiteral("local copies"));
        QVERIFY(!project.isEmpty());
        m_task = m_env.createTask(QStringLiteral("copies"), project, QStringLiteral("in_progress"));
        QVERIFY(!m_task.isEmpty());
        m_data = SessionTestEnv::pattern(70'000, 5);
        ArtifactPublisher::Request r;
        r.taskId = m_task;
        r.localPath = m_env.writeFile(QStringLiteral("table.csv"), m_data);
        QVERIFY(publish(r));
        m_folder = QFileInfo(m_env.writeFile(QStringLiteral("set/x.txt"), "x\n")).absolutePath();
        r.localPath = m_folder;
        QVERIFY(publish(r));
        r.kind = ArtifactPublisher::Kind::Model;
        r.localPath = m_env.writeFile(QStringLiteral("model.bin"), "weights");
        QVERIFY(publish(r));
    }

    void artifactRowsFollowTheCache()
    {
        ArtifactListModel artifacts;
        artifacts.setTask(m_env.task(m_task));
        QCOMPARE(artifacts.rowCount(), 2);
        LocalCopyTracker tracker(m_env.session.get());
        LocalCopyProxyModel proxy(&tracker, LocalCopyProxyModel::forArtifacts(m_env.session.get()));
        proxy.setSourceModel(&artifacts);
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QModelIndex table = proxy.index(artifacts.rowOf(QStringLiteral("table")), 0);
        const QModelIndex set = proxy.index(artifacts.rowOf(QStringLiteral("set")), 0);
        QVERIFY(proxy.flags(table) & Qt::ItemIsDragEnabled);
        QCOMPARE(proxy.mimeTypes().first(), QStringLiteral("text/uri-list"));

        // The first question schedules a check; the answer comes with dataChanged.
        QSignalSpy changed(&proxy, &QAbstractItemModel::dataChanged);
        QCOMPARE(stateOf(table), LocalCopyTracker::State::Checking);
        QTRY_COMPARE(stateOf(table), LocalCopyTracker::State::Missing);
        QVERIFY(changed.count() >= 1);
        QVERIFY(!proxy.mimeData({table, set}));

        DownloadJob *job = proxy.ensureLocal(table);
        QVERIFY(job);
        QCOMPARE(proxy.ensureLocal(table), job); // not twice
        QCOMPARE(stateOf(table), LocalCopyTracker::State::Downloading);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(table), LocalCopyTracker::State::Cached, 30000);
        const QString path = table.data(LocalCopyProxyModel::LocalPathRole).toString();
        QCOMPARE(SessionTestEnv::readAll(path), m_data);
        QVERIFY(!proxy.ensureLocal(table)); // cached: nothing to do

        std::unique_ptr<QMimeData> mime(proxy.mimeData({table, set}));
        QVERIFY(mime);
        QCOMPARE(mime->urls(), QList<QUrl>{QUrl::fromLocalFile(path)}); // only what is cached

        // A download started elsewhere (the actions, the dock) is seen by every view.
        QString error;
        const QString folder = m_env.download(
                m_env.session->artifactDownload(artifacts.artifact(set.row())), &error);
        QVERIFY2(!folder.isEmpty(), qPrintable(error));
        QTRY_COMPARE(stateOf(set), LocalCopyTracker::State::Cached);
        mime.reset(proxy.mimeData({set, table, set.siblingAtColumn(0)}));
        QCOMPARE(mime->urls(),
                 (QList<QUrl>{QUrl::fromLocalFile(folder), QUrl::fromLocalFile(path)}));
        QCOMPARE(mime->text(), folder + QLatin1Char('\n') + path);

        // A second tracker (a fresh start) finds the cached copies on disk.
        LocalCopyTracker fresh(m_env.session.get());
        LocalCopyProxyModel again(&fresh, LocalCopyProxyModel::forArtifacts(m_env.session.get()));
        again.setSourceModel(&artifacts);
        QCOMPARE(stateOf(again.index(table.row(), 0)), LocalCopyTracker::State::Checking);
        QTRY_COMPARE(stateOf(again.index(table.row(), 0)), LocalCopyTracker::State::Cached);
        QCOMPARE(again.localPath(again.index(table.row(), 0)), path);

        // Hints are transient row texts.
        proxy.setHint(table, QStringLiteral("Ready — drag again"));
        QCOMPARE(table.data(LocalCopyProxyModel::LocalHintRole).toString(),
                 QStringLiteral("Ready — drag again"));
        QVERIFY(table.data(Qt::ToolTipRole).toString().contains(QStringLiteral("drag again")));
        proxy.setHint(table, QString());
        QVERIFY(table.data(LocalCopyProxyModel::LocalHintRole).toString().isEmpty());
    }

    void failedDownloadAndModelRows()
    {
        Task task = m_env.task(m_task);
        Artifact broken = task.artifacts.first();
        broken.key = QStringLiteral("broken");
        broken.uri = m_env.server.filesUrl().toString() + QStringLiteral("/no/such/file.bin");
        broken.hash.clear();
        task.artifacts = {broken};
        ArtifactListModel artifacts;
        artifacts.setTask(task);
        LocalCopyTracker tracker(m_env.session.get());
        LocalCopyProxyModel proxy(&tracker, LocalCopyProxyModel::forArtifacts(m_env.session.get()));
        proxy.setSourceModel(&artifacts);
        const QModelIndex row = proxy.index(0, 0);
        QVERIFY(proxy.ensureLocal(row));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(row), LocalCopyTracker::State::Failed, 30000);
        QVERIFY(tracker.error(*proxy.request(row)).userMessage().contains(QStringLiteral("404")));

        auto models
                = m_env.sync->wait<TaskModels>(m_env.session->api()->getTaskModels(m_task), 30000);
        QVERIFY(models);
        ModelListModel list;
        list.setTaskModels(m_task, models.value());
        LocalCopyProxyModel modelProxy(&tracker,
                                       LocalCopyProxyModel::forModels(m_env.session.get()));
        modelProxy.setSourceModel(&list);
        QAbstractItemModelTester tester(&modelProxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QModelIndex model = modelProxy.index(0, 0);
        QTRY_COMPARE(stateOf(model), LocalCopyTracker::State::Missing);
        QVERIFY(modelProxy.ensureLocal(model));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(model), LocalCopyTracker::State::Cached, 30000);
        QCOMPARE(SessionTestEnv::readAll(modelProxy.localPath(model)), QByteArray("weights"));
    }
};

QTEST_GUILESS_MAIN(TestLocalCopyProxyModel)
#include "tst_localcopyproxymodel.moc"

// ArtifactActions and ArtifactDragSource against the real trove-server: clipboard texts
// (path, URI, SDK snippet), Save as… copying the right bytes (files and folders), Open /
// Reveal / web UI handing the right URLs to the desktop, downloads shown as transfers, and
// drag-out handing over the cached file — at once when cached, after the download when not.
#include "api/weblinks.h"
#include "isolatedsettings.h"
#include "models/artifactlistmodel.h"
#include "models/localcopyproxymodel.h"
#include "sessiontestenv.h"
#include "transfers/artifactpublisher.h"
#include "urlrecorder.h"
#include "widgets/artifactactions.h"
#include "widgets/artifactdragsource.h"
#include "widgets/filerevealer.h"

#include <QAction>
#include <QClipboard>
#include <QDesktopServices>
#include <QDrag>
#include <QGuiApplication>
#include <QMenu>
#include <QMimeData>
#include <QTableView>

using namespace Trove;

class TestArtifactActions final : public QObject
{
    Q_OBJECT

private:
    SessionTestEnv m_env;
    UrlRecorder m_opened;
    std::unique_ptr<LocalCopyTracker> m_tracker;
    QString m_project;
    QString m_task;
    QByteArray m_data;
    QString m_folder;
    Task m_loaded;
    Model m_model;

    ArtifactPublisher::Request request(const QString &path, const QString &name = QString())
    {
        ArtifactPublisher::Request r;
        r.taskId = m_task;
        r.localPath = path;
        r.name = name;
        return r;
    }

    bool publish(const ArtifactPublisher::Request &r, Model *model = nullptr)
    {
        ArtifactPublisher p(m_env.session.get(), r);
        QSignalSpy done(&p, &ArtifactPublisher::finished);
        p.start();
        const bool ok = done.wait(60000) && p.state() == ArtifactPublisher::State::Finished;
        if (!ok)
            qWarning() << p.error().userMessage();
        if (model)
            *model = p.model();
        return ok;
    }

    const Artifact &artifact(const QString &key) const
    {
        return *ArtifactPublisher::findArtifact(m_loaded, key);
    }

    ArtifactActions::Target target(const QString &key) const
    {
        return ArtifactActions::Target::forArtifact(m_task, m_project, artifact(key));
    }

private Q_SLOTS:
    void initTestCase()
    {
        Trove::Test::isolateUserSettings();
        for (const char *scheme : {"file", "http", "https"})
            QDesktopServices::setUrlHandler(QLatin1String(scheme), &m_opened, "open");
        QVERIFY(m_env.start({QStringLiteral("--throttle-files"), QStringLiteral("4000000")}));
        m_tracker = std::make_unique<LocalCopyTracker>(m_env.session.get());
        m_project = m_env.createProject(QStringLiteral("actions"));
        m_task = m_env.createTask(QStringLiteral("it's a task"), m_project,
                                  QStringLiteral("in_progress"));
        QVERIFY(!m_task.isEmpty());
        m_data = SessionTestEnv::pattern(900'000, 8);
        QVERIFY(publish(request(m_env.writeFile(QStringLiteral("scores.csv"), m_data),
                                QStringLiteral("it's \"scores\""))));
        QVERIFY(publish(request(m_env.writeFile(QStringLiteral("drag/one.bin"), m_data),
                                QStringLiteral("one"))));
        QVERIFY(publish(request(m_env.writeFile(QStringLiteral("drag/two.bin"), "two\n"),
                                QStringLiteral("two"))));
        QVERIFY(publish(request(m_env.writeFile(QStringLiteral("drag/three.bin"), "three\n"),
                                QStringLiteral("three"))));
        m_folder = QFileInfo(m_env.writeFile(QStringLiteral("tree/a/b.txt"), "b\n")).absolutePath();
        m_env.writeFile(QStringLiteral("tree/c.txt"), "c\n");
        m_folder = QFileInfo(m_folder).absolutePath();
        QVERIFY(publish(request(m_folder, QStringLiteral("tree"))));
        ArtifactPublisher::Request model = request(m_env.writeFile(QStringLiteral("w.pt"), "w"));
        model.kind = ArtifactPublisher::Kind::Model;
        QVERIFY(publish(model, &m_model));
        m_loaded = m_env.task(m_task);
        QCOMPARE(m_loaded.artifacts.size(), 5);
    }

    void cleanupTestCase()
    {
        for (const char *scheme : {"file", "http", "https"})
            QDesktopServices::unsetUrlHandler(QLatin1String(scheme));
    }

    void pythonLiterals()
    {
        QCOMPARE(ArtifactActions::pythonLiteral(QStringLiteral("abc")), QStringLiteral("'abc'"));
        QCOMPARE(ArtifactActions::pythonLiteral(QStringLiteral("it's")),
                 QStringLiteral("'it\\'s'"));
        QCOMPARE(ArtifactActions::pythonLiteral(QStringLiteral("a\\b\"c")),
                 QStringLiteral("'a\\\\b\"c'"));
        QCOMPARE(ArtifactActions::pythonLiteral(QStringLiteral("x\ny\tz\x01")),
                 QStringLiteral("'x\\ny\\tz\\u0001'"));
        QCOMPARE(ArtifactActions::pythonLiteral(QStringLiteral("ü ✓")), QStringLiteral("'ü ✓'"));
        QCOMPARE(ArtifactActions::pythonLiteral(QString(QChar(0x2028))),
                 QStringLiteral("'\\u2028'"));
    }

    void clipboardTexts()
    {
        QWidget parent;
        ArtifactActions actions(m_tracker.get(), &parent);
        QVERIFY(!actions.action(ArtifactActions::Id::CopyUri)->isEnabled());
        const ArtifactActions::Target t = target(QStringLiteral("it's \"scores\""));
        actions.setTarget(t);
        QVERIFY(actions.action(ArtifactActions::Id::CopyUri)->isEnabled());

        actions.action(ArtifactActions::Id::CopyUri)->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), t.artifact.uri);

        actions.action(ArtifactActions::Id::CopySnippet)->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(),
                 QStringLiteral("from clearml import Task\n\npath = Task.get_task(task_id='%1')"
                                ".artifacts['it\\'s \"scores\"'].get_local_copy()\n")
                         .arg(m_task));

        actions.setTarget(ArtifactActions::Target::forModel(m_model));
        actions.action(ArtifactActions::Id::CopySnippet)->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(),
                 QStringLiteral("from clearml import Model\n\npath = Model(model_id='%1')"
                                ".get_local_copy()\n")
                         .arg(m_model.id));
        actions.action(ArtifactActions::Id::CopyUri)->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), m_model.uri);

        // Copy local path: only once cached; the download shows as a transfer.
        actions.setTarget(t);
        QAction *copyPath = actions.action(ArtifactActions::Id::CopyPath);
        QTRY_COMPARE(m_tracker->state(*actions.request()), LocalCopyTracker::State::Missing);
        QVERIFY(!copyPath->isEnabled());
        QVERIFY(actions.action(ArtifactActions::Id::Download)->isEnabled());
        QSignalSpy added(m_env.session->transfers(), &TransferManager::jobAdded);
        actions.action(ArtifactActions::Id::Download)->trigger();
        QCOMPARE(added.count(), 1);
        QVERIFY(!actions.action(ArtifactActions::Id::Download)->isEnabled()); // downloading
        QTRY_VERIFY2_WITH_TIMEOUT(copyPath->isEnabled(),
                                  qPrintable(m_tracker->error(*actions.request()).userMessage()),
                                  30000);
        copyPath->trigger();
        const QString path = QGuiApplication::clipboard()->text();
        QCOMPARE(path, QDir::toNativeSeparators(actions.localPath()));
        QCOMPARE(SessionTestEnv::readAll(path), m_data);
        QVERIFY(!actions.action(ArtifactActions::Id::Download)->isEnabled()); // in the cache

        // Menu order with separators; shortcuts in the view's context.
        QMenu menu;
        actions.populateMenu(&menu);
        QCOMPARE(menu.actions().size(), 9 + 3);
        QCOMPARE(actions.action(ArtifactActions::Id::Preview)->shortcut(),
                 QKeySequence(Qt::Key_Space));
        QCOMPARE(actions.action(ArtifactActions::Id::Preview)->shortcutContext(),
                 Qt::WidgetWithChildrenShortcut);
        QSignalSpy preview(&actions, &ArtifactActions::previewRequested);
        actions.action(ArtifactActions::Id::Preview)->trigger();
        QCOMPARE(preview.count(), 1);
    }

    void openRevealWebAndSaveAs()
    {
        QWidget parent;
        ArtifactActions actions(m_tracker.get(), &parent);
        actions.revealer()->setUseFileManagerService(false);
        QSignalSpy errors(&actions, &ArtifactActions::errorOccurred);

        // Open downloads first when needed, then hands the file to the desktop.
        actions.setTarget(target(QStringLiteral("two")));
        m_opened.urls.clear();
        DownloadJob *job = actions.withLocalCopy([](const QString &) {});
        QVERIFY(job); // not cached yet
        actions.action(ArtifactActions::Id::Open)->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(m_opened.urls.size(), 1, 30000);
        const QString two = m_opened.urls.first().toLocalFile();
        QCOMPARE(SessionTestEnv::readAll(two), QByteArray("two\n"));

        // A cached copy that vanished behind our back (SDK eviction) is fetched again.
        m_env.session->cache().invalidate(artifact(QStringLiteral("two")).uri,
                                          QStringLiteral("two"));
        QVERIFY(!QFileInfo::exists(two));
        QCOMPARE(m_tracker->state(*actions.request()), LocalCopyTracker::State::Cached);
        actions.action(ArtifactActions::Id::Open)->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(m_opened.urls.size(), 2, 30000);
        QCOMPARE(m_opened.urls.last().toLocalFile(), two);
        QCOMPARE(SessionTestEnv::readAll(two), QByteArray("two\n"));
        m_opened.urls.removeLast();

        // Reveal: without the FileManager1 service, the containing folder opens.
        actions.action(ArtifactActions::Id::Reveal)->trigger();
        QTRY_COMPARE(m_opened.urls.size(), 2);
        QCOMPARE(m_opened.urls.last().toLocalFile(), QFileInfo(two).absolutePath());

        // The web UI page of the task / model.
        actions.action(ArtifactActions::Id::OpenWeb)->trigger();
        QCOMPARE(m_opened.urls.last(),
                 WebLink::taskUrl(QUrl(QStringLiteral("http://web.example")), m_task, m_project));
        actions.setTarget(ArtifactActions::Target::forModel(m_model));
        actions.action(ArtifactActions::Id::OpenWeb)->trigger();
        QCOMPARE(m_opened.urls.last(), WebLink::modelUrl(QUrl(QStringLiteral("http://web.example")),
                                                         m_model.id, m_model.project.id));

        // Save as: a file, copied off the GUI thread through a CopyJob.
        actions.setTarget(target(QStringLiteral("one")));
        QCOMPARE(ArtifactActions::suggestedFileName(actions.target()), QStringLiteral("one.bin"));
        QPointer<CopyJob> copy;
        const QString saved = m_env.dir.filePath(QStringLiteral("saved/one copy.bin"));
        actions.saveTo(saved, [&](CopyJob *j) { copy = j; });
        QTRY_VERIFY_WITH_TIMEOUT(copy, 30000); // after the download
        QVERIFY(SessionTestEnv::waitDone(copy));
        QCOMPARE(copy->state(), TransferJob::State::Finished);
        QCOMPARE(SessionTestEnv::readAll(saved), m_data);

        // Save as: an archive artifact is its extracted folder, copied recursively.
        actions.setTarget(target(QStringLiteral("tree")));
        QCOMPARE(ArtifactActions::suggestedFileName(actions.target()), QStringLiteral("tree"));
        const QString savedTree = m_env.dir.filePath(QStringLiteral("saved/tree"));
        QPointer<CopyJob> treeCopy;
        actions.saveTo(savedTree, [&](CopyJob *j) { treeCopy = j; });
        QTRY_VERIFY_WITH_TIMEOUT(treeCopy, 30000);
        QVERIFY(SessionTestEnv::waitDone(treeCopy));
        QCOMPARE(SessionTestEnv::tree(savedTree), SessionTestEnv::tree(m_folder));
        // Saving over an existing folder is refused (nothing is overwritten).
        treeCopy = nullptr;
        actions.saveTo(savedTree, [&](CopyJob *j) { treeCopy = j; });
        QTRY_VERIFY(treeCopy); // after confirming the cached copy still exists
        QVERIFY(SessionTestEnv::waitDone(treeCopy));
        QCOMPARE(treeCopy->state(), TransferJob::State::Failed);
        QVERIFY(treeCopy->error().userMessage().contains(QStringLiteral("already exists")));
        QCOMPARE(errors.count(), 0);

        // A failed download reaches errorOccurred.
        Artifact broken = artifact(QStringLiteral("two"));
        broken.uri = m_env.server.filesUrl().toString() + QStringLiteral("/no/such.bin");
        broken.hash.clear();
        actions.setTarget(ArtifactActions::Target::forArtifact(m_task, m_project, broken));
        actions.open();
        QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, 30000);
        QVERIFY(errors.at(0).at(0).toString().contains(QStringLiteral("404")));
    }

    void dragOutHandsOverCachedFiles()
    {
        ArtifactListModel artifacts;
        artifacts.setTask(m_loaded);
        LocalCopyProxyModel proxy(m_tracker.get(),
                                  LocalCopyProxyModel::forArtifacts(m_env.session.get()));
        proxy.setSourceModel(&artifacts);
        QTableView view;
        view.setModel(&proxy);
        view.setSelectionBehavior(QAbstractItemView::SelectRows);
        view.resize(640, 320);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        ArtifactDragSource source(&view, &proxy);
        QList<QList<QUrl>> drags;
        source.setDragExecutor([&](QDrag *drag) {
            drags << drag->mimeData()->urls();
            return Qt::CopyAction;
        });
        QWidget *vp = view.viewport();
        auto rowCenter = [&](const QString &key) {
            return view.visualRect(proxy.index(artifacts.rowOf(key), 0)).center();
        };
        auto pressAndMove = [&](const QString &key) {
            const QPoint at = rowCenter(key);
            QTest::mousePress(vp, Qt::LeftButton, {}, at);
            QMouseEvent move(QEvent::MouseMove, at + QPoint(30, 12),
                             vp->mapToGlobal(at + QPoint(30, 12)), Qt::NoButton, Qt::LeftButton,
                             Qt::NoModifier);
            QCoreApplication::sendEvent(vp, &move);
        };
        const QModelIndex one = proxy.index(artifacts.rowOf(QStringLiteral("one")), 0);
        const QModelIndex three = proxy.index(artifacts.rowOf(QStringLiteral("three")), 0);
        const QModelIndex scores
                = proxy.index(artifacts.rowOf(QStringLiteral("it's \"scores\"")), 0);

        // Cached (downloaded earlier): the drag starts at once with the local file.
        QTRY_COMPARE(proxy.localState(scores), LocalCopyTracker::State::Cached);
        pressAndMove(QStringLiteral("it's \"scores\""));
        QCOMPARE(drags.size(), 1);
        QCOMPARE(drags.last(), QList<QUrl>{QUrl::fromLocalFile(proxy.localPath(scores))});
        QTest::mouseRelease(vp, Qt::LeftButton, {}, rowCenter(QStringLiteral("it's \"scores\"")));

        // Not cached, button released before the download ends: "Ready — drag again".
        pressAndMove(QStringLiteral("three"));
        QCOMPARE(drags.size(), 1);
        QCOMPARE(source.pendingRows().size(), 1);
        QCOMPARE(three.data(LocalCopyProxyModel::LocalHintRole).toString(),
                 ArtifactDragSource::preparingHint());
        QTest::mouseRelease(vp, Qt::LeftButton, {}, rowCenter(QStringLiteral("three")));
        QVERIFY(!source.isButtonHeld());
        QTRY_COMPARE_WITH_TIMEOUT(three.data(LocalCopyProxyModel::LocalHintRole).toString(),
                                  ArtifactDragSource::readyHint(), 30000);
        QCOMPARE(drags.size(), 1); // nothing was dragged behind the user's back
        pressAndMove(QStringLiteral("three"));
        QCOMPARE(drags.size(), 2);
        QCOMPARE(drags.last(), QList<QUrl>{QUrl::fromLocalFile(proxy.localPath(three))});
        QVERIFY(three.data(LocalCopyProxyModel::LocalHintRole).toString().isEmpty());
        QTest::mouseRelease(vp, Qt::LeftButton, {}, rowCenter(QStringLiteral("three")));

        // Not cached, button still held when the download ends: the drag starts then.
        m_env.session->cache().invalidate(artifact(QStringLiteral("one")).uri,
                                          QStringLiteral("one"));
        m_tracker->recheck(*proxy.request(one));
        QTRY_COMPARE(proxy.localState(one), LocalCopyTracker::State::Missing);
        pressAndMove(QStringLiteral("one"));
        QCOMPARE(drags.size(), 2);
        QVERIFY(source.isButtonHeld());
        QTRY_COMPARE_WITH_TIMEOUT(drags.size(), 3, 30000);
        QCOMPARE(drags.last(), QList<QUrl>{QUrl::fromLocalFile(proxy.localPath(one))});
        QCOMPARE(SessionTestEnv::readAll(drags.last().first().toLocalFile()), m_data);
        QTest::mouseRelease(vp, Qt::LeftButton, {}, rowCenter(QStringLiteral("one")));

        // The view's own drag support carries the cached files too (mimeData).
        std::unique_ptr<QMimeData> mime(proxy.mimeData({one, three}));
        QCOMPARE(mime->urls().size(), 2);
    }
};

QTEST_MAIN(TestArtifactActions)
#include "tst_artifactactions.moc"

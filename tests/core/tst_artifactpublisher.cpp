// ArtifactPublisher against the real trove-server: files and folders on created,
// in_progress and completed tasks, read back through core (download + sha256); replace and
// rename on a clash keep every other artifact; the pre-checks refuse what a ClearML server
// would refuse; cancel and retry; output models.
#include "isolatedsettings.h"
#include "sessiontestenv.h"
#include "transfers/artifactpublisher.h"

using namespace Trove;

class TestArtifactPublisher final : public QObject
{
    Q_OBJECT

private:
    SessionTestEnv m_env;
    QString m_project;

    using Request = ArtifactPublisher::Request;

    /// Runs a publication to its end (test code may wait).
    std::unique_ptr<ArtifactPublisher> publish(const Request &request)
    {
        auto p = std::make_unique<ArtifactPublisher>(m_env.session.get(), request);
        QSignalSpy finished(p.get(), &ArtifactPublisher::finished);
        p->start();
        if (!finished.wait(60000))
            qWarning() << "publication did not finish";
        return p;
    }

    Request artifact(const QString &task,
                     const QString &path,
                     const QString &name = QString(),
                     ArtifactPublisher::IfExists ifExists = ArtifactPublisher::IfExists::Fail)
    {
        Request r;
        r.taskId = task;
        r.localPath = path;
        r.name = name;
        r.ifExists = ifExists;
        return r;
    }

    static QStringList keys(const Task &task)
    {
        QStringList out;
        for (const Artifact &a : task.artifacts)
            out << a.key;
        out.sort();
        return out;
    }

    /// The artifact's bytes as the SDK would fetch them (cache download through core).
    QString fetch(const Artifact &artifact)
    {
        QString error;
        const QString path = m_env.download(m_env.session->artifactDownload(artifact), &error);
        if (path.isEmpty())
            qWarning() << "download failed:" << error;
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        Trove::Test::isolateUserSettings();
        QVERIFY(m_env.start({QStringLiteral("--test-hooks")}));
        m_project = m_env.createProject(QStringLiteral("uploads/drop tests"));
        QVERIFY(!m_project.isEmpty());
    }

    void fileAndFolderOnEveryEditableStatus_data()
    {
        QTest::addColumn<QString>("status");
        QTest::newRow("created") << QStringLiteral("created");
        QTest::newRow("in_progress") << QStringLiteral("in_progress");
        QTest::newRow("completed") << QStringLiteral("completed");
    }

    void fileAndFolderOnEveryEditableStatus()
    {
        QFETCH(QString, status);
        const QString task = m_env.createTask(QStringLiteral("train ") + status, m_project, status);
        QVERIFY(!task.isEmpty());
        QCOMPARE(m_env.task(task).statusText, status);

        // A file: default name = file name without its last suffix.
        const QByteArray data = SessionTestEnv::pattern(300'000, status.size());
        const QString file = m_env.writeFile(status + QStringLiteral("/metrics.v1.csv"), data);
        auto p = publish(artifact(task, file));
        QCOMPARE(p->state(), ArtifactPublisher::State::Finished);
        QCOMPARE(p->name(), QStringLiteral("metrics.v1"));
        QCOMPARE(p->artifact().key, QStringLiteral("metrics.v1"));
        QCOMPARE(p->artifact().type, QStringLiteral("custom"));
        QCOMPARE(p->artifact().hash, SessionTestEnv::sha256(data));
        QVERIFY(p->job());
        QCOMPARE(p->job()->state(), TransferJob::State::Finished);
        const QString fetched = fetch(p->artifact());
        QCOMPARE(SessionTestEnv::sha256(SessionTestEnv::readAll(fetched)),
                 SessionTestEnv::sha256(data));

        // A folder: zipped, registered as an archive, extracted back identically.
        const QString folder = QFileInfo(m_env.writeFile(status + QStringLiteral("/images/a.bin"),
                                                         SessionTestEnv::pattern(5000, 1)))
                                       .absolutePath();
        m_env.writeFile(status + QStringLiteral("/images/sub/b.txt"), "second file\n");
        auto f = publish(artifact(task, folder));
        QCOMPARE(f->state(), ArtifactPublisher::State::Finished);
        QCOMPARE(f->artifact().key, QStringLiteral("images"));
        QCOMPARE(f->artifact().type, QStringLiteral("archive"));
        const QString extracted = fetch(f->artifact());
        QVERIFY(QFileInfo(extracted).isDir());
        QCOMPARE(SessionTestEnv::tree(extracted), SessionTestEnv::tree(folder));

        // Both are on the task, as the server says.
        const Task after = m_env.task(task);
        QCOMPARE(keys(after),
                 (QStringList{QStringLiteral("images"), QStringLiteral("metrics.v1")}));
        QCOMPARE(after.statusText, status);
    }

    void awkwardNamesRoundTrip()
    {
        // Quotes, percent signs, "#", "?", non-ASCII and a slash in the task, project and
        // artifact names: keyed as the SDK keys them, and fetched back byte for byte.
        const QString project
                = m_env.createProject(QStringLiteral("uploads/50% \"odd\" caf\u00e9"));
        QVERIFY(!project.isEmpty());
        const QString task
                = m_env.createTask(QStringLiteral("say \"hi\" #1 100% r\u00e9sum\u00e9?"), project,
                                   QStringLiteral("in_progress"));
        QVERIFY(!task.isEmpty());
        const QByteArray data = SessionTestEnv::pattern(70'000, 7);
        const QString file = m_env.writeFile(QStringLiteral("odd/weights 100%.bin"), data);
        auto request = artifact(task, file);
        request.name = QStringLiteral("a/b \"c\" 50%");
        auto p = publish(request);
        QCOMPARE(p->state(), ArtifactPublisher::State::Finished);
        QVERIFY2(p->artifact().uri.contains(QLatin1String("say%20%2522hi%2522")),
                 qPrintable(p->artifact().uri));
        QCOMPARE(SessionTestEnv::sha256(SessionTestEnv::readAll(fetch(p->artifact()))),
                 SessionTestEnv::sha256(data));
    }

    void replaceAndRenameKeepEveryOtherArtifact()
    {
        const QString task = m_env.createTask(QStringLiteral("clashes"), m_project,
                                              QStringLiteral("completed"));
        const QByteArray v1 = SessionTestEnv::pattern(40'000, 1);
        const QByteArray v2 = SessionTestEnv::pattern(50'000, 2);
        const QByteArray other = SessionTestEnv::pattern(1000, 3);
        QCOMPARE(publish(artifact(task, m_env.writeFile(QStringLiteral("v1/data.bin"), v1)))
                         ->state(),
                 ArtifactPublisher::State::Finished);
        auto o = publish(artifact(task, m_env.writeFile(QStringLiteral("other.bin"), other)));
        QCOMPARE(o->state(), ArtifactPublisher::State::Finished);
        const Artifact otherBefore = o->artifact();

        // Cache the old bytes, as a user who looked at them would have.
        const Artifact old
                = *ArtifactPublisher::findArtifact(m_env.task(task), QStringLiteral("data"));
        QCOMPARE(SessionTestEnv::readAll(fetch(old)), v1);

        const QString v2path = m_env.writeFile(QStringLiteral("v2/data.bin"), v2);
        // Fail (the default): nothing is overwritten by surprise.
        auto refused = publish(artifact(task, v2path));
        QCOMPARE(refused->state(), ArtifactPublisher::State::Failed);
        QVERIFY2(refused->error().userMessage().contains(QStringLiteral("already has an artifact")),
                 qPrintable(refused->error().userMessage()));
        QVERIFY(!refused->job()); // nothing uploaded

        // Rename: a free name, the original untouched.
        auto renamed
                = publish(artifact(task, v2path, QString(), ArtifactPublisher::IfExists::Rename));
        QCOMPARE(renamed->state(), ArtifactPublisher::State::Finished);
        QCOMPARE(renamed->name(), QStringLiteral("data_2"));
        QCOMPARE(keys(m_env.task(task)),
                 (QStringList{QStringLiteral("data"), QStringLiteral("data_2"),
                              QStringLiteral("other")}));

        // Replace: same key, new bytes; the cached old copy is not served any more.
        auto replaced
                = publish(artifact(task, v2path, QString(), ArtifactPublisher::IfExists::Replace));
        QCOMPARE(replaced->state(), ArtifactPublisher::State::Finished);
        QCOMPARE(replaced->name(), QStringLiteral("data"));
        const Task after = m_env.task(task);
        QCOMPARE(keys(after), (QStringList{QStringLiteral("data"), QStringLiteral("data_2"),
                                           QStringLiteral("other")}));
        const Artifact *data = ArtifactPublisher::findArtifact(after, QStringLiteral("data"));
        QCOMPARE(data->hash, SessionTestEnv::sha256(v2));
        QCOMPARE(data->uri, old.uri); // same storage key: the cache had to forget it
        QCOMPARE(SessionTestEnv::readAll(fetch(*data)), v2);
        const Artifact *otherAfter
                = ArtifactPublisher::findArtifact(after, QStringLiteral("other"));
        QCOMPARE(otherAfter->hash, otherBefore.hash);
        QCOMPARE(otherAfter->uri, otherBefore.uri);
        QCOMPARE(SessionTestEnv::readAll(fetch(*otherAfter)), other);
    }

    void preChecksRefuseWithAReason()
    {
        const QString published
                = m_env.createTask(QStringLiteral("final"), m_project, QStringLiteral("published"));
        QCOMPARE(m_env.task(published).status, TaskStatus::Published);
        const QString file = m_env.writeFile(QStringLiteral("late.txt"), "too late\n");
        auto p = publish(artifact(published, file));
        QCOMPARE(p->state(), ArtifactPublisher::State::Failed);
        QVERIFY2(p->error().userMessage().contains(QStringLiteral("is published")),
                 qPrintable(p->error().userMessage()));
        QVERIFY(!p->job());
        QVERIFY(m_env.task(published).artifacts.isEmpty());

        const QString task
                = m_env.createTask(QStringLiteral("paths"), m_project, QStringLiteral("created"));
        auto missing = publish(artifact(task, m_env.dir.filePath(QStringLiteral("nope.bin"))));
        QCOMPARE(missing->state(), ArtifactPublisher::State::Failed);
        QVERIFY(missing->error().userMessage().contains(QStringLiteral("no such file or folder")));
        QDir().mkpath(m_env.dir.filePath(QStringLiteral("files/empty folder/sub")));
        auto empty
                = publish(artifact(task, m_env.dir.filePath(QStringLiteral("files/empty folder"))));
        QCOMPARE(empty->state(), ArtifactPublisher::State::Failed);
        QVERIFY(empty->error().userMessage().contains(QStringLiteral("the folder has no files")));
        auto device = publish(artifact(task, QStringLiteral("/dev/null")));
        QCOMPARE(device->state(), ArtifactPublisher::State::Failed);
        QVERIFY(device->error().userMessage().contains(QStringLiteral("not a regular file")));
        QVERIFY(m_env.task(task).artifacts.isEmpty());

        // Models: only created / in_progress tasks (tasks.add_or_update_model).
        const QString completed
                = m_env.createTask(QStringLiteral("done"), m_project, QStringLiteral("completed"));
        Request model;
        model.kind = ArtifactPublisher::Kind::Model;
        model.taskId = completed;
        model.localPath = m_env.writeFile(QStringLiteral("w/model.pt"), "weights");
        auto refused = publish(model);
        QCOMPARE(refused->state(), ArtifactPublisher::State::Failed);
        QVERIFY2(refused->error().userMessage().contains(QStringLiteral("created or in progress")),
                 qPrintable(refused->error().userMessage()));
        QVERIFY(!refused->job());
        model.taskId = task;
        model.localPath = m_env.dir.filePath(QStringLiteral("files/v1"));
        auto folder = publish(model);
        QCOMPARE(folder->state(), ArtifactPublisher::State::Failed);
        QVERIFY(folder->error().userMessage().contains(QStringLiteral("must be a file")));
    }

    void outputModel()
    {
        const QString task = m_env.createTask(QStringLiteral("trainer"), m_project,
                                              QStringLiteral("in_progress"));
        const QByteArray weights = SessionTestEnv::pattern(120'000, 9);
        Request r;
        r.kind = ArtifactPublisher::Kind::Model;
        r.taskId = task;
        r.localPath = m_env.writeFile(QStringLiteral("weights/best.safetensors"), weights);
        r.framework = QStringLiteral("PyTorch");
        auto p = publish(r);
        QCOMPARE(p->state(), ArtifactPublisher::State::Finished);
        QCOMPARE(p->name(), QStringLiteral("trainer")); // the task's name by default
        QVERIFY(!p->model().id.isEmpty());
        QCOMPARE(p->model().name, QStringLiteral("trainer"));
        QCOMPARE(p->model().framework, QStringLiteral("PyTorch"));
        QVERIFY(p->model().uri.endsWith(QStringLiteral("/models/best.safetensors")));
        auto models
                = m_env.sync->wait<TaskModels>(m_env.session->api()->getTaskModels(task), 30000);
        QVERIFY(models);
        QCOMPARE(models->output.size(), 1);
        QCOMPARE(models->output.first().id, p->model().id);
        QCOMPARE(SessionTestEnv::readAll(m_env.download(m_env.session->modelDownload(p->model()))),
                 weights);

        r.name = QStringLiteral("  custom name ");
        auto named = publish(r);
        QCOMPARE(named->state(), ArtifactPublisher::State::Finished);
        QCOMPARE(named->model().name, QStringLiteral("custom name"));
    }

    void cancelThenRetry()
    {
        const QString task
                = m_env.createTask(QStringLiteral("retry"), m_project, QStringLiteral("created"));
        const QByteArray data = SessionTestEnv::pattern(200'000, 4);
        const QString file = m_env.writeFile(QStringLiteral("retry/payload.bin"), data);

        // Cancelled while checking.
        ArtifactPublisher early(m_env.session.get(), artifact(task, file));
        QSignalSpy earlyDone(&early, &ArtifactPublisher::finished);
        early.start();
        early.cancel();
        QCOMPARE(early.state(), ArtifactPublisher::State::Cancelled);
        QCOMPARE(earlyDone.count(), 1);
        QVERIFY(early.error().isCancelled());

        // Cancelled as soon as its upload is queued: the job is cancelled, nothing registered.
        ArtifactPublisher p(m_env.session.get(), artifact(task, file));
        QSignalSpy finished(&p, &ArtifactPublisher::finished);
        connect(&p, &ArtifactPublisher::stateChanged, this, [&](ArtifactPublisher::State s) {
            if (s == ArtifactPublisher::State::Uploading && finished.isEmpty())
                p.cancel();
        });
        p.start();
        QVERIFY(finished.wait(60000));
        QCOMPARE(p.state(), ArtifactPublisher::State::Cancelled);
        QVERIFY(p.job());
        QCOMPARE(p.job()->state(), TransferJob::State::Cancelled);
        QVERIFY(m_env.task(task).artifacts.isEmpty());

        // Retrying from the transfers dock (TransferManager::retry) continues the publication.
        TransferJob *again = m_env.session->transfers()->retry(p.job());
        QVERIFY(again);
        QCOMPARE(p.job(), again);
        QCOMPARE(p.state(), ArtifactPublisher::State::Uploading);
        QVERIFY(finished.wait(60000));
        QCOMPARE(p.state(), ArtifactPublisher::State::Finished);
        QCOMPARE(finished.count(), 2);
        QCOMPARE(keys(m_env.task(task)), QStringList{QStringLiteral("payload")});

        // A publisher's own retry re-runs the checks when they failed (the task was busy).
        ArtifactPublisher busy(m_env.session.get(),
                               artifact(task, file, QString(), ArtifactPublisher::IfExists::Fail));
        QSignalSpy busyDone(&busy, &ArtifactPublisher::finished);
        busy.start();
        QVERIFY(busyDone.wait(60000));
        QCOMPARE(busy.state(), ArtifactPublisher::State::Failed); // "payload" exists
        QVERIFY(busy.retry());
        QCOMPARE(busy.state(), ArtifactPublisher::State::Checking);
        QVERIFY(busyDone.wait(60000));
        QCOMPARE(busy.state(), ArtifactPublisher::State::Failed);
        QVERIFY(!p.retry()); // finished publications are not retried
    }

    void checkTaskRules()
    {
        Task t;
        t.name = QStringLiteral("t");
        for (TaskStatus s : {TaskStatus::Created, TaskStatus::InProgress}) {
            t.status = s;
            QCOMPARE(ArtifactPublisher::checkTask(t, ArtifactPublisher::Kind::Artifact).kind,
                     Error::Kind::None);
            QCOMPARE(ArtifactPublisher::checkTask(t, ArtifactPublisher::Kind::Model).kind,
                     Error::Kind::None);
        }
        for (TaskStatus s : {TaskStatus::Completed, TaskStatus::Stopped, TaskStatus::Failed,
                             TaskStatus::Closed, TaskStatus::Queued}) {
            t.status = s;
            QCOMPARE(ArtifactPublisher::checkTask(t, ArtifactPublisher::Kind::Artifact).kind,
                     Error::Kind::None);
            QCOMPARE(ArtifactPublisher::checkTask(t, ArtifactPublisher::Kind::Model).kind,
                     Error::Kind::Unsupported);
        }
        for (TaskStatus s : {TaskStatus::Published, TaskStatus::Publishing}) {
            t.status = s;
            QCOMPARE(ArtifactPublisher::checkTask(t, ArtifactPublisher::Kind::Artifact).kind,
                     Error::Kind::Unsupported);
        }
    }
};

QTEST_GUILESS_MAIN(TestArtifactPublisher)
#include "tst_artifactpublisher.moc"

// Session against the real trove-server: the file server gets the API session's token, and a
// token that expired while the session sat idle is refreshed before a transfer uses it.
#include "apitestenv.h"
#include "isolatedsettings.h"
#include "session/session.h"
#include "storage/remotebytesource.h"
#include "transfers/transfermanager.h"

#include <QFutureWatcher>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtConcurrent>
#include <QtTest>

using namespace Trove;

namespace {

bool waitDone(TransferJob *job, int ms = 60000)
{
    if (job->isDone())
        return true;
    QSignalSpy spy(job, &TransferJob::finished);
    return spy.wait(ms);
}

} // namespace

class TestSession final : public QObject
{
    Q_OBJECT

private:
    ApiTestEnv m_env;
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        Trove::Test::isolateUserSettings();
        QVERIFY(m_env.start());
    }

    void expiredTokenIsRefreshedForFileTransfers()
    {
        ClearmlConfig config = m_env.config();
        config.cacheBaseDir = m_dir.filePath(QStringLiteral("cache"));
        SessionOptions options;
        options.api = ApiTestEnv::fastOptions();
        options.api.loginExpirationSec = 1; // tokens that die almost at once
        Session session(config, options);
        SyncApi sync(session.api());

        const QString project = m_env.createProject(QStringLiteral("session"));
        auto task = sync.task(m_env.createTask(QStringLiteral("token task"), project));
        QVERIFY(task.ok());
        const QString file = m_dir.filePath(QStringLiteral("payload.txt"));
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("payload behind a token\n");
        }
        UploadJob *up = session.transfers()->upload(session.artifactUpload(
                task.value(), QStringLiteral("session"), file, QStringLiteral("payload")));
        QVERIFY(waitDone(up));
        QVERIFY2(up->state() == TransferJob::State::Finished,
                 qPrintable(up->error().userMessage()));
        const Artifact artifact = Session::artifactFromSpec(up->spec());

        // Let the session's token expire with no API call in between, then download.
        const qint64 expiresAt = session.client()->token().expiresAt;
        QVERIFY(expiresAt > 0);
        QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentSecsSinceEpoch() > expiresAt + 1, 10000);
        QSignalSpy loggedIn(session.client(), &ApiClient::loggedIn);
        DownloadJob *down = session.transfers()->download(session.artifactDownload(artifact));
        QVERIFY(waitDone(down));
        QVERIFY2(down->state() == TransferJob::State::Finished,
                 qPrintable(down->error().userMessage()));
        QFile back(down->resultPath());
        QVERIFY(back.open(QIODevice::ReadOnly));
        QCOMPARE(back.readAll(), QByteArray("payload behind a token\n"));
        QVERIFY(loggedIn.count() >= 1);

        // The same for an upload.
        const qint64 secondExpiry = session.client()->token().expiresAt;
        QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentSecsSinceEpoch() > secondExpiry + 1, 10000);
        const int logins = loggedIn.count();
        UploadJob *again = session.transfers()->upload(session.artifactUpload(
                task.value(), QStringLiteral("session"), file, QStringLiteral("again")));
        QVERIFY(waitDone(again));
        QVERIFY2(again->state() == TransferJob::State::Finished,
                 qPrintable(again->error().userMessage()));
        QVERIFY(loggedIn.count() > logins);
    }

    void expiredTokenIsRefreshedForRemoteReadsOnWorkerThreads()
    {
        // Previews read remote objects by Range from worker threads; the login they need
        // after an idle spell must run on the session's thread, which stays responsive.
        ClearmlConfig config = m_env.config();
        config.cacheBaseDir = m_dir.filePath(QStringLiteral("cache-remote"));
        SessionOptions options;
        options.api = ApiTestEnv::fastOptions();
        options.api.loginExpirationSec = 1;
        Session session(config, options);
        SyncApi sync(session.api());
        const QString project = m_env.createProject(QStringLiteral("remote reads"));
        auto task = sync.task(m_env.createTask(QStringLiteral("remote task"), project));
        QVERIFY(task.ok());
        const QString file = m_dir.filePath(QStringLiteral("remote.bin"));
        QByteArray payload;
        for (int i = 0; i < 300000; ++i)
            payload += char('a' + i % 26);
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(payload);
        }
        UploadJob *up = session.transfers()->upload(session.artifactUpload(
                task.value(), QStringLiteral("remote reads"), file, QStringLiteral("remote")));
        QVERIFY(waitDone(up));
        QVERIFY(up->state() == TransferJob::State::Finished);
        const QString uri = up->spec().uri;

        const qint64 expiresAt = session.client()->token().expiresAt;
        QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentSecsSinceEpoch() > expiresAt + 1, 10000);
        QSignalSpy loggedIn(session.client(), &ApiClient::loggedIn);
        const StorageAccess access = session.storageAccess();
        QFutureWatcher<QByteArray> watcher;
        watcher.setFuture(QtConcurrent::run([access, uri]() -> QByteArray {
            Error error;
            auto source = openRemoteSource(uri, access, nullptr, &error);
            if (!source)
                return "open failed: " + error.userMessage().toUtf8();
            auto bytes = source->read(280000, 10);
            return bytes ? bytes.value() : "read failed: " + bytes.error().userMessage().toUtf8();
        }));
        QSignalSpy done(&watcher, &QFutureWatcher<QByteArray>::finished);
        QVERIFY(done.wait(60000));
        QCOMPARE(watcher.result(), payload.mid(280000, 10));
        QVERIFY(loggedIn.count() >= 1);
    }
};

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"

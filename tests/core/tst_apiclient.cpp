// ApiClient against the real trove-server: login, token renewal, 401 → re-login, retries on
// 503 bursts, server errors with their codes, cancellation, context-bound callbacks.
#include "apitestenv.h"
#include "api/responsedecoder.h"

#include <QSignalSpy>
#include <QtTest>

using namespace Trove;
using nlohmann::json;

class tst_ApiClient : public QObject
{
    Q_OBJECT
private:
    ApiTestEnv m_env;

private slots:
    void initTestCase() { QVERIFY(m_env.start()); }

    void loginAndServerInfo()
    {
        ApiClient client(m_env.config(), ApiTestEnv::fastOptions());
        QSignalSpy loggedIn(&client, &ApiClient::loggedIn);
        ClearmlApi api(&client);
        SyncApi sync(&api);
        auto info = sync.wait<json>(api.serverInfo(), 30000);
        QVERIFY2(info.ok(), info.ok() ? "" : qPrintable(info.error().userMessage()));
        QVERIFY(info->contains("api_version"));
        auto projects = sync.projects(ProjectQuery{});
        QVERIFY2(projects.ok(), projects.ok() ? "" : qPrintable(projects.error().userMessage()));
        QCOMPARE(loggedIn.count(), 1);
        QVERIFY(client.token().isValid());
        QVERIFY(!client.token().apiVersion.isEmpty());
        QVERIFY(!client.apiVersion().isEmpty());
        QVERIFY(client.authorizationHeader().startsWith("Bearer "));
    }

    void badCredentialsAreReported()
    {
        ClearmlConfig c = m_env.config();
        c.secretKey = QStringLiteral("wrong-secret");
        ApiClient client(c, ApiTestEnv::fastOptions());
        QSignalSpy failed(&client, &ApiClient::loginFailed);
        ClearmlApi api(&client);
        SyncApi sync(&api);
        auto r = sync.task(QStringLiteral("whatever"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, Error::Kind::Server);
        QCOMPARE(r.error().resultCode, 401);
        QVERIFY(r.error().message.startsWith(QLatin1String("login failed")));
        QCOMPARE(failed.count(), 1);

        ClearmlConfig none = m_env.config();
        none.accessKey.clear();
        none.secretKey.clear();
        ApiClient unconfigured(none, ApiTestEnv::fastOptions());
        ClearmlApi api2(&unconfigured);
        SyncApi sync2(&api2);
        auto r2 = sync2.task(QStringLiteral("whatever"));
        QVERIFY(!r2.ok());
        QVERIFY(r2.error().userMessage().contains(QLatin1String("not configured")));
    }

    void expiredTokenIsRenewedBeforeUse()
    {
        ApiClientOptions o = ApiTestEnv::fastOptions();
        o.loginExpirationSec = 1;
        ApiClient client(m_env.config(), o);
        QSignalSpy loggedIn(&client, &ApiClient::loggedIn);
        ClearmlApi api(&client);
        SyncApi sync(&api);
        QVERIFY(sync.projects(ProjectQuery{}).ok());
        QCOMPARE(loggedIn.count(), 1);
        const TokenInfo first = client.token();
        QVERIFY(first.expiresAt > 0);
        QVERIFY(first.expiresAt - first.issuedAt <= 1);
        // Let the 1-second token expire (poll the clock, no fixed sleep).
        QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentSecsSinceEpoch() > first.expiresAt, 5000);
        auto r = sync.projects(ProjectQuery{});
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().userMessage()));
        QCOMPARE(loggedIn.count(), 2);
        QVERIFY(client.token().token != first.token);
    }

    void rejectedTokenTriggersOneRelogin()
    {
        ApiClient client(m_env.config(), ApiTestEnv::fastOptions());
        QSignalSpy loggedIn(&client, &ApiClient::loggedIn);
        ClearmlApi api(&client);
        SyncApi sync(&api);
        // A token the client cannot judge (no exp claim) but the server rejects: 401.
        client.setAuthToken(QStringLiteral("eyJhbGciOiJIUzI1NiJ9.e30.invalid-signature"));
        auto r = sync.projects(ProjectQuery{});
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().userMessage()));
        QCOMPARE(loggedIn.count(), 1);

        // With a bearer token only (CLEARML_AUTH_TOKEN style) and no keys, a rejected token
        // cannot be renewed: the 401 surfaces after one attempt, no loop.
        ClearmlConfig tokenOnly = m_env.config();
        tokenOnly.accessKey.clear();
        tokenOnly.secretKey.clear();
        tokenOnly.authToken = QStringLiteral("eyJhbGciOiJIUzI1NiJ9.e30.invalid-signature");
        ApiClient bearer(tokenOnly, ApiTestEnv::fastOptions());
        ClearmlApi api2(&bearer);
        SyncApi sync2(&api2);
        auto r2 = sync2.projects(ProjectQuery{});
        QVERIFY(!r2.ok());
        QVERIFY(isAuthError(r2.error()));

        // A valid pre-issued token works without keys.
        tokenOnly.authToken = client.token().token;
        ApiClient bearerOk(tokenOnly, ApiTestEnv::fastOptions());
        ClearmlApi api3(&bearerOk);
        SyncApi sync3(&api3);
        QVERIFY(sync3.projects(ProjectQuery{}).ok());
    }

    void burstOf503IsRetried()
    {
        m_env.call("debug.inject_faults",
                   json{{"endpoint", "tasks.get_all"}, {"status", 503}, {"count", 3}});
        ApiReply *reply = m_env.api->getTasks(TaskQuery{});
        QSignalSpy retrying(reply, &ApiReply::retrying);
        auto r = m_env.sync->wait<Page<Task>>(reply, 30000);
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().userMessage()));
        QCOMPARE(retrying.count(), 3);

        // More faults than retries: the 503 surfaces, after maxRetries retries.
        m_env.call("debug.inject_faults",
                   json{{"endpoint", "tasks.get_all"}, {"status", 503}, {"count", 20}});
        ApiReply *failing = m_env.api->getTasks(TaskQuery{});
        QSignalSpy retrying2(failing, &ApiReply::retrying);
        auto r2 = m_env.sync->wait<Page<Task>>(failing, 30000);
        QVERIFY(!r2.ok());
        QCOMPARE(r2.error().httpStatus, 503);
        QCOMPARE(retrying2.count(), ApiTestEnv::fastOptions().maxRetries);
        m_env.call("debug.inject_faults",
                   json{{"endpoint", "tasks.get_all"}, {"status", 503}, {"count", 0}});

        // A write is retried on 429 too (the server did not process it).
        m_env.call("debug.inject_faults",
                   json{{"endpoint", "projects.create"}, {"status", 429}, {"count", 2}});
        auto id = m_env.sync->wait<QString>(
                m_env.api->createProject(QStringLiteral("retried project")), 30000);
        QVERIFY2(id.ok(), id.ok() ? "" : qPrintable(id.error().userMessage()));
    }

    void serverErrorsKeepTheirCodes()
    {
        auto r = m_env.sync->task(QStringLiteral("00000000000000000000000000000000"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, Error::Kind::Server);
        QCOMPARE(r.error().resultCode, 400);
        QCOMPARE(r.error().resultSubcode, 101);
        QCOMPARE(r.error().endpoint, QStringLiteral("tasks.get_by_id"));
        QVERIFY(!r.error().userMessage().isEmpty());

        auto unknown
                = m_env.sync->waitData(m_env.client->call(QStringLiteral("nope.nothing")), 30000);
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().httpStatus, 404);

        auto missing = m_env.sync->waitData(m_env.client->call(QStringLiteral("tasks.get_by_id")),
                                            30000);
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().resultCode, 400);
    }

    void networkErrorsOfReadsAreRetriedThenReported()
    {
        ClearmlConfig c = m_env.config();
        QUrl dead = c.apiServer;
        dead.setPort(1); // nothing listens there
        c.apiServer = dead;
        ApiClient client(c, ApiTestEnv::fastOptions());
        client.setAuthToken(m_env.client->token().token);
        ClearmlApi api(&client);
        SyncApi sync(&api);
        ApiReply *reply = api.getTasks(TaskQuery{});
        QSignalSpy retrying(reply, &ApiReply::retrying);
        auto r = sync.wait<Page<Task>>(reply, 30000);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, Error::Kind::Network);
        QCOMPARE(retrying.count(), ApiTestEnv::fastOptions().maxRetries);
        // A write is not retried on a transport error (it may have been applied).
        ApiReply *write = api.createProject(QStringLiteral("never"));
        QSignalSpy retryingWrite(write, &ApiReply::retrying);
        QVERIFY(!sync.wait<QString>(write, 30000).ok());
        QCOMPARE(retryingWrite.count(), 0);
    }

    void cancellation()
    {
        ApiReply *reply = m_env.api->getTasks(TaskQuery{});
        QSignalSpy finished(reply, &ApiReply::finished);
        bool called = false;
        Error seen;
        reply->onFinished(this, [&](ApiReply &r) {
            called = true;
            seen = r.error();
        });
        reply->cancel();
        reply->cancel(); // idempotent
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.count(), 1);
        QVERIFY(called);
        QVERIFY(seen.isCancelled());

        // Cancelling a composed operation mid-way.
        const QString project = m_env.createProject(QStringLiteral("cancel project"));
        const QString task = m_env.createTask(QStringLiteral("cancel task"), project);
        ApiReply *composed = m_env.api->registerOutputModel(task, QStringLiteral("m"),
                                                            QStringLiteral("file:///tmp/w.bin"));
        QSignalSpy composedFinished(composed, &ApiReply::finished);
        QTimer::singleShot(0, composed, [composed] { composed->cancel(); });
        QVERIFY(composedFinished.wait(5000));
        QCOMPARE(composedFinished.count(), 1);
    }

    void contextGuardsCallbacks()
    {
        auto *context = new QObject;
        bool called = false;
        ApiReply *reply = m_env.client->call(QStringLiteral("server.info"), json::object(), context,
                                             [&](ApiReply &) { called = true; });
        QSignalSpy finished(reply, &ApiReply::finished);
        delete context;
        QVERIFY(finished.wait(10000));
        QVERIFY(!called);
    }
};

QTEST_GUILESS_MAIN(tst_ApiClient)
#include "tst_apiclient.moc"

#include "api/responsedecoder.h"
#include "api/tokeninfo.h"
#include "api/wiretypes.h"

#include <QFile>
#include <QNetworkReply>
#include <QtTest>

using namespace Trove;
using nlohmann::json;

namespace {

QByteArray recorded(const char *name)
{
    QFile f(qEnvironmentVariable("TROVE_TEST_DATA") + QStringLiteral("/api/")
            + QLatin1String(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", name);
    return f.readAll();
}

Result<json> decode(const char *name, int status = 200, const char *endpoint = "x.y")
{
    RawResponse r;
    r.endpoint = QLatin1String(endpoint);
    r.httpStatus = status;
    r.body = recorded(name);
    return decodeResponse(r);
}

template<typename T>
Result<T> convert(const Result<json> &data, std::function<T(const json &)> fn)
{
    if (!data)
        return data.error();
    return decodeData<T>(data.value(), QStringLiteral("x.y"), fn);
}

QByteArray jwtWith(const json &claims)
{
    const std::string c = claims.dump();
    return "eyJhbGciOiJIUzI1NiJ9."
           + QByteArray(c.data(), qsizetype(c.size()))
                     .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
           + ".sig";
}

} // namespace

class tst_WireTypes : public QObject
{
    Q_OBJECT
private slots:
    void taskFromGetById()
    {
        auto task = convert<Task>(decode("tasks_get_by_id.json"),
                                  [](const json &d) { return d.at("task").get<Task>(); });
        QVERIFY(task.ok());
        QCOMPARE(task->id, QStringLiteral("dd78a1b2c3d4e5f60718293a4b5c6d7e"));
        QCOMPARE(task->status, TaskStatus::Completed);
        QCOMPARE(task->type, TaskType::Training);
        QCOMPARE(task->project.id, QStringLiteral("p1"));
        QVERIFY(task->project.name.isEmpty());
        QVERIFY(task->parent.isEmpty());
        QCOMPARE(task->lastIteration, 7);
        QCOMPARE(task->outputDestination, QStringLiteral("http://host:8081"));
        QCOMPARE(task->statusChanged, QDateTime(QDate(2025, 1, 2), QTime(3, 4, 5, 123), Qt::UTC));
        QCOMPARE(task->artifacts.size(), 2);
        const Artifact &a = task->artifacts.at(0);
        QCOMPARE(a.key, QStringLiteral("data"));
        QCOMPARE(a.contentSize, 12);
        QCOMPARE(a.contentType, QStringLiteral("text/plain"));
        QCOMPARE(a.preview, QStringLiteral("data.txt - 12 bytes\n"));
        QCOMPARE(a.displayData.size(), 2);
        QCOMPARE(a.displayData.at(1).second, QStringLiteral("2"));
        const Artifact &b = task->artifacts.at(1);
        QCOMPARE(b.mode, QStringLiteral("output")); // defaulted
        QCOMPARE(b.contentSize, -1);                // null
        QVERIFY(b.hash.isEmpty());
        QCOMPARE(task->inputModels.size(), 1);
        QCOMPARE(task->inputModels.at(0).model.id, QStringLiteral("m_in"));
        QCOMPARE(task->outputModels.at(0).name, QStringLiteral("weights"));
        QVERIFY(task->outputModels.at(0).updated.isValid());
    }

    void tasksFromGetAllEx()
    {
        auto page = convert<Page<Task>>(decode("tasks_get_all_ex.json"), [](const json &d) {
            return pageFromJson<Task>(d, "tasks");
        });
        QVERIFY(page.ok());
        QCOMPARE(page->scrollId, QStringLiteral("scroll-abc"));
        QCOMPARE(page->items.size(), 2);
        const Task &t = page->items.at(0);
        QCOMPARE(t.status, TaskStatus::Unknown);
        QCOMPARE(t.statusText, QStringLiteral("weird_new_status"));
        QCOMPARE(t.type, TaskType::Unknown);
        QCOMPARE(t.typeText, QStringLiteral("report"));
        QCOMPARE(t.project, (EntityRef{QStringLiteral("p1"), QStringLiteral("demo/sub")}));
        QCOMPARE(t.user.name, QStringLiteral("Alice"));
        QVERIFY(t.parent.isEmpty()); // {}
        QCOMPARE(t.inputModels.at(0).model.id, QStringLiteral("m1"));
        QCOMPARE(t.inputModels.at(0).model.name, QStringLiteral("m1 name"));
        QCOMPARE(page->items.at(1).status, TaskStatus::InProgress);
    }

    void modelsBothMetadataForms()
    {
        auto m = convert<Model>(decode("models_get_by_id.json"),
                                [](const json &d) { return d.at("model").get<Model>(); });
        QVERIFY(m.ok());
        QCOMPARE(m->framework, QStringLiteral("PyTorch"));
        QCOMPARE(m->labels.value(QStringLiteral("cat")), 1);
        QCOMPARE(m->metadata.size(), 1);
        QCOMPARE(m->metadata.at(0).key, QStringLiteral("epochs"));
        QCOMPARE(m->metadata.at(0).value, QStringLiteral("10"));
        QCOMPARE(m->task.id, QStringLiteral("t2"));
        QVERIFY(m->lastUpdate.isValid()); // no zone: read as UTC
        QCOMPARE(m->lastUpdate.timeSpec(), Qt::UTC);

        auto page = convert<Page<Model>>(decode("models_get_all_legacy.json"), [](const json &d) {
            return pageFromJson<Model>(d, "models");
        });
        QVERIFY(page.ok());
        QCOMPARE(page->items.size(), 2);
        QCOMPARE(page->items.at(0).metadata.at(0).key, QStringLiteral("lr"));
        QCOMPARE(page->items.at(0).task.name, QStringLiteral("producer"));
        QCOMPARE(page->items.at(0).parent.id, QStringLiteral("m_root"));
        QVERIFY(page->scrollId.isEmpty());
    }

    void projectsWithStats()
    {
        auto page = convert<Page<Project>>(decode("projects_get_all_ex.json"), [](const json &d) {
            return pageFromJson<Project>(d, "projects");
        });
        QVERIFY(page.ok());
        const Project &p = page->items.at(0);
        QVERIFY(p.hasStats);
        QCOMPARE(p.activeStats.totalTasks, 4);
        QCOMPARE(p.activeStats.statusCount.value(QStringLiteral("completed")), 3);
        QCOMPARE(p.subProjects.size(), 1);
        QCOMPARE(p.subProjects.at(0).name, QStringLiteral("demo/sub"));
        QVERIFY(p.defaultOutputDestination.isEmpty());
        const Project &q = page->items.at(1);
        QCOMPARE(q.displayName(), QStringLiteral("deep"));
        QVERIFY(q.isArchived());
        QVERIFY(!q.hasStats);
    }

    void users()
    {
        auto users = convert<Page<User>>(decode("users_get_all.json"), [](const json &d) {
            return pageFromJson<User>(d, "users");
        });
        QVERIFY(users.ok());
        QCOMPARE(users->items.at(0).name, QStringLiteral("Alice"));
    }

    void serverErrorsKeepCodes()
    {
        auto r = decode("error_invalid_task.json", 400, "tasks.get_by_id");
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, Error::Kind::Server);
        QCOMPARE(r.error().resultCode, 400);
        QCOMPARE(r.error().resultSubcode, 101);
        QCOMPARE(r.error().httpStatus, 400);
        QCOMPARE(r.error().endpoint, QStringLiteral("tasks.get_by_id"));
        QVERIFY(r.error().userMessage().contains(QLatin1String("Invalid task id")));

        auto expired = decode("error_token_expired.json", 401);
        QVERIFY(isAuthError(expired.error()));
        QCOMPARE(expired.error().resultSubcode, 30);
        QVERIFY(!isRetryable(expired.error(), true));
    }

    void transportAndHttpErrors()
    {
        RawResponse refused;
        refused.endpoint = QStringLiteral("tasks.get_all");
        refused.networkError = QNetworkReply::ConnectionRefusedError;
        refused.networkErrorText = QStringLiteral("Connection refused");
        auto r = decodeResponse(refused);
        QCOMPARE(r.error().kind, Error::Kind::Network);
        QVERIFY(isRetryable(r.error(), true));
        QVERIFY(!isRetryable(r.error(), false));

        RawResponse cancelled;
        cancelled.networkError = QNetworkReply::OperationCanceledError;
        QVERIFY(decodeResponse(cancelled).error().isCancelled());

        auto html = decode("broken_html_502.html", 502);
        QCOMPARE(html.error().kind, Error::Kind::Http);
        QCOMPARE(html.error().httpStatus, 502);
        QVERIFY(html.error().message.contains(QLatin1String("Bad Gateway")));
        QVERIFY(isRetryable(html.error(), false)); // 502 is retried even for writes
    }

    void brokenResponses_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("truncated") << "broken_truncated.json";
        QTest::newRow("no meta") << "broken_no_meta.json";
        QTest::newRow("data not object") << "broken_data_not_object.json";
        QTest::newRow("html with 200") << "broken_html_502.html";
        QTest::newRow("meta not object") << "broken_meta_not_object.json";
    }

    void brokenResponses()
    {
        QFETCH(QString, file);
        auto r = decode(file.toLatin1().constData());
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, Error::Kind::Parse);
    }

    void wrongShapesBecomeParseErrors_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("numeric id") << "broken_task_id_number.json";
        QTest::newRow("artifact without key") << "broken_artifact_without_key.json";
    }

    void wrongShapesBecomeParseErrors()
    {
        QFETCH(QString, file);
        auto task = convert<Task>(decode(file.toLatin1().constData()),
                                  [](const json &d) { return d.at("task").get<Task>(); });
        QVERIFY(!task.ok());
        QCOMPARE(task.error().kind, Error::Kind::Parse);
        auto list = convert<Page<Task>>(decode("broken_tasks_not_list.json"), [](const json &d) {
            return pageFromJson<Task>(d, "tasks");
        });
        QCOMPARE(list.error().kind, Error::Kind::Parse);
    }

    void artifactRoundTrip()
    {
        Artifact a;
        a.key = QStringLiteral("weights");
        a.type = QStringLiteral("custom");
        a.uri = QStringLiteral("http://f/x.bin");
        a.contentSize = 10;
        a.hash = QStringLiteral("ff");
        a.timestamp = 5;
        a.contentType = QStringLiteral("application/octet-stream");
        a.displayData = {{QStringLiteral("k"), QStringLiteral("v")}};
        const Artifact b = a.toJson().get<Artifact>();
        QCOMPARE(b.key, a.key);
        QCOMPARE(b.mode, QStringLiteral("output"));
        QCOMPARE(b.contentSize, 10);
        QCOMPARE(b.contentType, a.contentType);
        QCOMPARE(b.displayData, a.displayData);
    }

    void enumsRoundTrip()
    {
        for (auto s : {TaskStatus::Created, TaskStatus::InProgress, TaskStatus::Completed,
                       TaskStatus::Published})
            QCOMPARE(taskStatusFromString(taskStatusToString(s)), s);
        QCOMPARE(taskTypeFromString(QStringLiteral("data_processing")), TaskType::DataProcessing);
        QCOMPARE(taskTypeToString(TaskType::Qc), QStringLiteral("qc"));
    }

    void tokenClaims()
    {
        const QByteArray jwt = jwtWith(json{{"iat", 1000},
                                            {"exp", 1000 + 30 * 86400},
                                            {"api_version", "2.31"},
                                            {"identity", {{"user", "u1"}}}});
        const TokenInfo t = TokenInfo::decode(QString::fromLatin1(jwt));
        QCOMPARE(t.apiVersion, QStringLiteral("2.31"));
        QCOMPARE(t.userId, QStringLiteral("u1"));
        QVERIFY(!t.needsRefresh(2000, 360));
        QVERIFY(t.needsRefresh(1000 + 30 * 86400 - 100, 360));
        // A 1-second token is renewed only once expired, not on every call.
        const TokenInfo shortLived = TokenInfo::decode(
                QString::fromLatin1(jwtWith(json{{"iat", 1000}, {"exp", 1001}})));
        QVERIFY(!shortLived.needsRefresh(1000, 360));
        QVERIFY(shortLived.needsRefresh(1001, 360));
        // No exp: never expires. Garbage: no claims, but kept as a token.
        QVERIFY(!TokenInfo::decode(QString::fromLatin1(jwtWith(json::object())))
                         .needsRefresh(5, 360));
        const TokenInfo garbage = TokenInfo::decode(QStringLiteral("not-a-jwt"));
        QVERIFY(garbage.isValid());
        QCOMPARE(garbage.expiresAt, 0);
        QCOMPARE(minApiVersion(QStringLiteral("2.31"), QStringLiteral("2.9")),
                 QStringLiteral("2.9"));
        QCOMPARE(minApiVersion(QStringLiteral("2.13"), QStringLiteral("2.20")),
                 QStringLiteral("2.13"));
        QCOMPARE(minApiVersion(QString(), QStringLiteral("2.20")), QStringLiteral("2.20"));
    }
};

QTEST_GUILESS_MAIN(tst_WireTypes)
#include "tst_wiretypes.moc"

// The whole status-transition table of contract §3.4, through the API: every reachable status
// (reached by allowed calls) against every status an endpoint can set, with and without force.
#include "apitestclient.h"
#include "testserver.h"

#include <QtTest>

#include <map>
#include <set>

namespace {

// Allowed transitions (contract §3.4).
const std::map<std::string, std::set<std::string>> &table()
{
    static const std::map<std::string, std::set<std::string>> t{
            {"created", {"queued", "in_progress"}},
            {"queued", {"created", "in_progress", "stopped"}},
            {"in_progress", {"stopped", "failed", "created", "completed"}},
            {"stopped",
             {"closed", "created", "failed", "queued", "in_progress", "published", "publishing",
              "completed"}},
            {"closed", {"created", "failed", "published", "publishing", "stopped"}},
            {"failed", {"created", "stopped", "published", "queued"}},
            {"completed", {"published", "in_progress", "created"}},
            {"published", {}},
    };
    return t;
}

// The endpoint that sets each status, and the allowed calls that reach it from "created".
const std::map<std::string, std::string> &endpointFor()
{
    static const std::map<std::string, std::string> e{
            {"created", "tasks.dequeue"},     {"queued", "tasks.enqueue"},
            {"in_progress", "tasks.started"}, {"stopped", "tasks.stopped"},
            {"failed", "tasks.failed"},       {"closed", "tasks.close"},
            {"completed", "tasks.completed"}, {"published", "tasks.publish"},
    };
    return e;
}

const std::map<std::string, std::vector<std::string>> &pathTo()
{
    static const std::map<std::string, std::vector<std::string>> p{
            {"created", {}},
            {"queued", {"queued"}},
            {"in_progress", {"in_progress"}},
            {"stopped", {"in_progress", "stopped"}},
            {"failed", {"in_progress", "failed"}},
            {"closed", {"in_progress", "stopped", "closed"}},
            {"completed", {"in_progress", "completed"}},
            {"published", {"in_progress", "completed", "published"}},
    };
    return p;
}

} // namespace

class TestServerStatus : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void transition_data();
    void transition();

private:
    TestServer m_server;
    std::unique_ptr<ApiTestClient> m_client;
    std::string m_project;
};

void TestServerStatus::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_client = std::make_unique<ApiTestClient>(m_server);
    QVERIFY(m_client->login());
    m_project = m_client->create("projects.create", Json{{"name", "status table"}});
    QVERIFY(!m_project.empty());
}

void TestServerStatus::transition_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<bool>("force");
    for (const auto &[from, path] : pathTo())
        for (const auto &[to, endpoint] : endpointFor())
            for (const bool force : {false, true})
                QTest::addRow("%s -> %s%s", from.c_str(), to.c_str(), force ? " (force)" : "")
                        << QString::fromStdString(from) << QString::fromStdString(to) << force;
}

void TestServerStatus::transition()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(bool, force);
    const std::string source = from.toStdString();
    const std::string target = to.toStdString();
    const std::string id
            = m_client->create("tasks.create", Json{{"name", "status " + source + " " + target},
                                                    {"type", "training"},
                                                    {"project", m_project}});
    QVERIFY(!id.empty());
    for (const std::string &step : pathTo().at(source)) {
        const auto r = m_client->call(endpointFor().at(step), Json{{"task", id}});
        QVERIFY2(r.status == 200, r.body.c_str());
    }
    auto status = [&] {
        return m_client->call("tasks.get_by_id", Json{{"task", id}})
                .data()["task"]
                .value("status", std::string());
    };
    QCOMPARE(status(), source);
    // force allows any change except out of "published" (clearml-server's rule).
    const bool allowed = table().at(source).count(target) > 0 || (force && source != "published");
    const auto r = m_client->call(endpointFor().at(target), Json{{"task", id}, {"force", force}});
    if (allowed) {
        QVERIFY2(r.status == 200, r.body.c_str());
        QCOMPARE(status(), target);
    } else {
        QCOMPARE(r.status, 400);
        QCOMPARE(r.subcode(), 110);
        QVERIFY2(r.message().find(source + " -> " + target) != std::string::npos,
                 r.message().c_str());
        QCOMPARE(status(), source);
    }
}

QTEST_GUILESS_MAIN(TestServerStatus)
#include "tst_serverstatus.moc"

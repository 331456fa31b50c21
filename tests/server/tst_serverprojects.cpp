// projects.*, users.*, events.*: hierarchy, regex lookups, hidden projects, *_ex stats.
#include "apitestclient.h"
#include "testserver.h"

#include <QtTest>

class TestServerProjects : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void createBuildsAncestors();
    void lookupBySdkRegex();
    void parentAndShallowSearch();
    void hiddenProjects();
    void getAllExStatsAndSubProjects();
    void updateRenamesSubtree();
    void deleteProject();
    void users();
    void eventsBatch();

private:
    std::vector<std::string> names(const ApiTestClient::Reply &r, const char *list = "projects");
    TestServer m_server;
    std::unique_ptr<ApiTestClient> m_client;
};

void TestServerProjects::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_client = std::make_unique<ApiTestClient>(m_server);
    QVERIFY(m_client->login());
}

std::vector<std::string> TestServerProjects::names(const ApiTestClient::Reply &r, const char *list)
{
    std::vector<std::string> out;
    for (const Json &p : r.data()[list])
        out.push_back(p.value("name", std::string()));
    std::sort(out.begin(), out.end());
    return out;
}

void TestServerProjects::createBuildsAncestors()
{
    const std::string leaf = m_client->create(
            "projects.create", Json{{"name", "alpha/beta/gamma"}, {"description", "d"}});
    QCOMPARE(leaf.size(), std::size_t(32));
    QVERIFY(std::all_of(leaf.begin(), leaf.end(),
                        [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }));
    const auto got = m_client->call("projects.get_by_id", Json{{"project", leaf}});
    QCOMPARE(got.status, 200);
    const Json &p = got.data()["project"];
    QCOMPARE(p["name"].get<std::string>(), std::string("alpha/beta/gamma"));
    QCOMPARE(p["basename"].get<std::string>(), std::string("gamma"));
    QCOMPARE(p["description"].get<std::string>(), std::string("d"));
    QVERIFY(p["company"].is_string());
    QVERIFY(p["created"].get<std::string>().find("+00:00") != std::string::npos);
    const auto parent = m_client->call("projects.get_by_id", Json{{"project", p["parent"]}});
    QCOMPARE(parent.data()["project"]["name"].get<std::string>(), std::string("alpha/beta"));
    QVERIFY(parent.data()["project"]["parent"].is_string());

    const auto dup = m_client->call("projects.create", Json{{"name", "alpha/beta"}});
    QCOMPARE(dup.status, 400);
    QCOMPARE(dup.subcode(), 801);
    const auto unknown
            = m_client->call("projects.get_by_id", Json{{"project", std::string(32, 'f')}});
    QCOMPARE(unknown.status, 400);
    QCOMPARE(unknown.subcode(), 401);
    // default_output_destination comes back for Task.init.
    const std::string withDest
            = m_client->create("projects.create", Json{{"name", "dest project"},
                                                       {"default_output_destination", "s3://b/x"}});
    QCOMPARE(m_client->call("projects.get_by_id", Json{{"project", withDest}})
                     .data()["project"]["default_output_destination"]
                     .get<std::string>(),
             std::string("s3://b/x"));
}

void TestServerProjects::lookupBySdkRegex()
{
    const std::string id = m_client->create("projects.create", Json{{"name", "great project.v1"}});
    m_client->create("projects.create", Json{{"name", "great projectXv1"}});
    // What the SDK sends: re.escape'd and anchored, with Python's "\ " escape.
    const auto r = m_client->call("projects.get_all", Json{{"name", "^great\\ project\\.v1$"},
                                                           {"only_fields", {"id"}},
                                                           {"shallow_search", false},
                                                           {"search_hidden", true}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.data()["projects"].size(), std::size_t(1));
    QCOMPARE(r.data()["projects"][0]["id"].get<std::string>(), id);
    QCOMPARE(r.data()["projects"][0].size(), std::size_t(1)); // only_fields: just the id
    const auto none = m_client->call("projects.get_all", Json{{"name", "^no\\ such$"}});
    QCOMPARE(none.data()["projects"].size(), std::size_t(0));
}

void TestServerProjects::parentAndShallowSearch()
{
    const std::string root = m_client->create("projects.create", Json{{"name", "tree"}});
    m_client->create("projects.create", Json{{"name", "tree/a"}});
    m_client->create("projects.create", Json{{"name", "tree/a/deep"}});
    m_client->create("projects.create", Json{{"name", "tree/b"}});
    const auto deep = m_client->call("projects.get_all", Json{{"parent", {root}}});
    QCOMPARE(names(deep), (std::vector<std::string>{"tree/a", "tree/a/deep", "tree/b"}));
    const auto shallow = m_client->call("projects.get_all",
                                        Json{{"parent", {root}}, {"shallow_search", true}});
    QCOMPARE(names(shallow), (std::vector<std::string>{"tree/a", "tree/b"}));
    const auto top = m_client->call("projects.get_all", Json{{"shallow_search", true}});
    for (const auto &n : names(top))
        QVERIFY2(n.find('/') == std::string::npos, n.c_str());
    QVERIFY(!names(top).empty());
    // null in a list filter = missing value: top-level projects only.
    const auto nullParent = m_client->call("projects.get_all", Json{{"basename", "^tree$"}});
    QCOMPARE(names(nullParent), std::vector<std::string>{"tree"});
}

void TestServerProjects::hiddenProjects()
{
    m_client->create("projects.create", Json{{"name", "visible/.datasets"}});
    m_client->create("projects.create",
                     Json{{"name", "tagged hidden"}, {"system_tags", {"hidden"}}});
    const auto normal = m_client->call("projects.get_all", Json{{"name", "datasets|tagged"}});
    QCOMPARE(names(normal).size(), std::size_t(0));
    const auto all = m_client->call("projects.get_all",
                                    Json{{"name", "datasets|tagged"}, {"search_hidden", true}});
    QCOMPARE(names(all), (std::vector<std::string>{"tagged hidden", "visible/.datasets"}));
}

void TestServerProjects::getAllExStatsAndSubProjects()
{
    const std::string parent = m_client->create("projects.create", Json{{"name", "stats"}});
    const std::string child = m_client->create("projects.create", Json{{"name", "stats/child"}});
    for (int i = 0; i < 3; ++i) {
        const std::string t
                = m_client->create("tasks.create", Json{{"name", "task " + std::to_string(i)},
                                                        {"type", "training"},
                                                        {"project", i == 2 ? child : parent}});
        if (i == 1)
            QCOMPARE(m_client->call("tasks.started", Json{{"task", t}}).status, 200);
    }
    const std::string archived
            = m_client->create("tasks.create", Json{{"name", "old task"},
                                                    {"type", "training"},
                                                    {"project", parent},
                                                    {"system_tags", {"archived"}}});
    QVERIFY(!archived.empty());
    m_client->create("models.create",
                     Json{{"name", "own model"}, {"uri", "file:///m"}, {"project", parent}});
    const auto r = m_client->call(
            "projects.get_all_ex",
            Json{{"id", {parent}}, {"include_stats", true}, {"check_own_contents", true}});
    QCOMPARE(r.status, 200);
    const Json &p = r.data()["projects"][0];
    QCOMPARE(p["sub_projects"].size(), std::size_t(1));
    QCOMPARE(p["sub_projects"][0]["id"].get<std::string>(), child);
    QCOMPARE(p["sub_projects"][0]["name"].get<std::string>(), std::string("stats/child"));
    QCOMPARE(p["hidden"].get<bool>(), false);
    const Json &active = p["stats"]["active"];
    QCOMPARE(active["total_tasks"].get<int>(), 3);
    QCOMPARE(active["status_count"]["created"].get<int>(), 2);
    QCOMPARE(active["status_count"]["in_progress"].get<int>(), 1);
    QCOMPARE(p["own_tasks"].get<int>(), 3); // two active + the archived one
    QCOMPARE(p["own_models"].get<int>(), 1);
    const auto archivedStats = m_client->call(
            "projects.get_all_ex",
            Json{{"id", {parent}}, {"include_stats", true}, {"stats_for_state", "archived"}});
    QCOMPARE(archivedStats.data()["projects"][0]["stats"]["archived"]["total_tasks"].get<int>(), 1);
    // The web UI's one-level listing with scroll.
    const auto ui = m_client->call("projects.get_all_ex", Json{{"shallow_search", true},
                                                               {"parent", {parent}},
                                                               {"include_stats", true},
                                                               {"scroll_id", nullptr},
                                                               {"size", 24}});
    QCOMPARE(ui.data()["projects"].size(), std::size_t(1));
    QVERIFY(ui.data()["scroll_id"].is_string());
}

void TestServerProjects::updateRenamesSubtree()
{
    const std::string id = m_client->create("projects.create", Json{{"name", "rename me"}});
    const std::string sub = m_client->create("projects.create", Json{{"name", "rename me/sub"}});
    const auto r = m_client->call(
            "projects.update", Json{{"project", id}, {"name", "renamed"}, {"description", "new"}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.data()["updated"].get<int>(), 1);
    QCOMPARE(m_client->call("projects.get_by_id", Json{{"project", sub}})
                     .data()["project"]["name"]
                     .get<std::string>(),
             std::string("renamed/sub"));
    QCOMPARE(m_client->call("projects.update", Json{{"project", id}, {"name", "tree"}}).subcode(),
             801);
}

void TestServerProjects::deleteProject()
{
    const std::string id = m_client->create("projects.create", Json{{"name", "doomed"}});
    const std::string task = m_client->create(
            "tasks.create", Json{{"name", "doomed task"}, {"type", "training"}, {"project", id}});
    const auto refused = m_client->call("projects.delete", Json{{"project", id}});
    QCOMPARE(refused.status, 400);
    const auto ok = m_client->call("projects.delete", Json{{"project", id}, {"force", true}});
    QCOMPARE(ok.status, 200);
    QCOMPARE(ok.data()["deleted"].get<int>(), 1);
    QCOMPARE(m_client->call("projects.get_by_id", Json{{"project", id}}).subcode(), 401);
    QVERIFY(m_client->call("tasks.get_by_id", Json{{"task", task}})
                    .data()["task"]["project"]
                    .is_null());
}

void TestServerProjects::users()
{
    const auto me = m_client->call("users.get_current_user");
    QCOMPARE(me.status, 200);
    const Json &user = me.data()["user"];
    QCOMPARE(user["id"].get<std::string>().size(), std::size_t(32));
    QVERIFY(user["company"]["id"].is_string());
    QVERIFY(user["name"].is_string());
    const auto all = m_client->call("users.get_all", Json{{"id", {user["id"]}}});
    QCOMPARE(all.data()["users"].size(), std::size_t(1));
    QCOMPARE(all.data()["users"][0]["name"], user["name"]);
    QCOMPARE(m_client->call("users.get_all", Json{{"id", {"nobody"}}}).data()["users"].size(),
             std::size_t(0));
}

void TestServerProjects::eventsBatch()
{
    const std::string task
            = m_client->create("tasks.create", Json{{"name", "logger"}, {"type", "training"}});
    const std::string body
            = Json{{"task", task}, {"type", "log"}, {"msg", "a"}, {"timestamp", 1}}.dump() + "\n"
              + Json{{"task", task},  {"type", "training_stats_scalar"},
                     {"metric", "m"}, {"variant", "v"},
                     {"value", 1.5},  {"iter", 0}}
                        .dump()
              + "\n";
    const auto r = m_client->raw("GET", "/v2.23/events.add_batch", body,
                                 {{"Authorization", "Bearer " + m_client->token()},
                                  {"Content-Type", "application/json-lines"}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.data()["added"].get<int>(), 2);
    QCOMPARE(r.data()["errors"].get<int>(), 0);
    QVERIFY(r.data()["errors_info"].is_object());
    const auto bad = m_client->raw("POST", "/v2.23/events.add_batch", "{oops\n",
                                   {{"Authorization", "Bearer " + m_client->token()},
                                    {"Content-Type", "application/json-lines"}});
    QCOMPARE(bad.status, 400);
    QCOMPARE(bad.subcode(), 12);
}

QTEST_GUILESS_MAIN(TestServerProjects)
#include "tst_serverprojects.moc"

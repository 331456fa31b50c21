// tasks.* and models.*: object shapes, edit merge, status transitions, artifacts, models,
// lineage filters, list-filter operators, paging, scroll, only_fields, *_ex references.
#include "apitestclient.h"
#include "testserver.h"

#include <QtTest>

#include <set>

class TestServerTasks : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void createdTaskShape();
    void editMergesOneLevel();
    void statusTransitions_data();
    void statusTransitions();
    void startedKeepsEarlierStart();
    void artifactsUpsertAndStatusRule();
    void modelsAndLineage();
    void modelMetadataByVersion();
    void listFilterOperators();
    void searchAndRegex();
    void hiddenAndArchived();
    void pagingScrollAndOrder();
    void referenceObjectsInEx();
    void resetDeleteAndParams();

private:
    std::string newTask(const std::string &name, const Json &extra = Json::object());
    std::set<std::string> ids(const ApiTestClient::Reply &r, const char *list = "tasks");
    TestServer m_server;
    std::unique_ptr<ApiTestClient> m_client;
    std::string m_project;
};

void TestServerTasks::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_client = std::make_unique<ApiTestClient>(m_server);
    QVERIFY(m_client->login());
    m_project = m_client->create("projects.create", Json{{"name", "tasks project"}});
    QVERIFY(!m_project.empty());
}

std::string TestServerTasks::newTask(const std::string &name, const Json &extra)
{
    Json body{{"name", name}, {"type", "training"}, {"project", m_project}};
    for (const auto &[k, v] : extra.items())
        body[k] = v;
    return m_client->create("tasks.create", body);
}

std::set<std::string> TestServerTasks::ids(const ApiTestClient::Reply &r, const char *list)
{
    std::set<std::string> out;
    for (const Json &t : r.data()[list])
        out.insert(t["id"].get<std::string>());
    return out;
}

void TestServerTasks::createdTaskShape()
{
    const std::string id = newTask("shape task", Json{{"system_tags", {"development"}},
                                                      {"comment", "Auto-generated"},
                                                      {"output_dest", "http://files"}});
    QCOMPARE(id.size(), std::size_t(32));
    const auto r = m_client->call("tasks.get_by_id", Json{{"task", id}});
    QCOMPARE(r.status, 200);
    const Json &t = r.data()["task"];
    QCOMPARE(t["status"].get<std::string>(), std::string("created"));
    QCOMPARE(t["project"].get<std::string>(), m_project);
    QCOMPARE(t["output"]["destination"].get<std::string>(), std::string("http://files"));
    QVERIFY(t["execution"]["artifacts"].is_array());
    QVERIFY(t["script"].is_object());
    QVERIFY(t["models"]["input"].is_array());
    QVERIFY(t["models"]["output"].is_array());
    QCOMPARE(t["system_tags"], Json::array({"development"}));
    QVERIFY(t["created"].get<std::string>().find("+00:00") != std::string::npos);
    QCOMPARE(m_client->call("tasks.get_by_id", Json{{"task", std::string(32, 'a')}}).subcode(),
             101);
    QCOMPARE(m_client->call("tasks.create", Json{{"name", "no type"}}).subcode(), 11);
    QCOMPARE(m_client->call("tasks.create", Json{{"name", "bad project"},
                                                 {"type", "training"},
                                                 {"project", std::string(32, 'b')}})
                     .subcode(),
             401);
}

void TestServerTasks::editMergesOneLevel()
{
    const std::string id = newTask("edit task");
    auto r = m_client->call(
            "tasks.edit",
            Json{{"task", id},
                 {"execution", {{"parameters", {{"a", "1"}}}, {"artifacts", Json::array()}}},
                 {"script", {{"binary", "python3.11"}, {"entry_point", "train.py"}}},
                 {"runtime", {{"progress", "0"}}}});
    QCOMPARE(r.status, 200);
    QCOMPARE(m_client->call("tasks.started", Json{{"task", id}}).status, 200);
    // Without force an in_progress task cannot be edited.
    r = m_client->call("tasks.edit", Json{{"task", id}, {"comment", "x"}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.subcode(), 110);
    r = m_client->call("tasks.edit",
                       Json{{"task", id},
                            {"force", true},
                            {"execution", {{"artifacts", {{{"key", "k"}, {"type", "custom"}}}}}},
                            {"script", {{"diff", "patch"}}},
                            {"runtime", {{"hostname", "vm"}}}});
    QCOMPARE(r.status, 200);
    const Json t = m_client->call("tasks.get_by_id", Json{{"task", id}}).data()["task"];
    QCOMPARE(t["execution"]["parameters"]["a"].get<std::string>(), std::string("1")); // kept
    QCOMPARE(t["execution"]["artifacts"].size(), std::size_t(1));                     // replaced
    QCOMPARE(t["script"]["binary"].get<std::string>(), std::string("python3.11"));    // kept
    QCOMPARE(t["script"]["diff"].get<std::string>(), std::string("patch"));
    QVERIFY(!t["runtime"].contains("progress")); // plain dicts are replaced whole
    QCOMPARE(t["runtime"]["hostname"].get<std::string>(), std::string("vm"));
    QCOMPARE(m_client->call("tasks.set_requirements",
                            Json{{"task", id}, {"requirements", {{"pip", "numpy"}, {"conda", ""}}}})
                     .status,
             200);
    QCOMPARE(m_client->call("tasks.get_by_id", Json{{"task", id}})
                     .data()["task"]["script"]["requirements"]["pip"]
                     .get<std::string>(),
             std::string("numpy"));
    // Wrong types are refused with a message naming the field.
    r = m_client->call("tasks.edit", Json{{"task", id}, {"force", true}, {"execution", "nope"}});
    QCOMPARE(r.subcode(), 12);
    QVERIFY(r.message().find("execution") != std::string::npos);
}

void TestServerTasks::statusTransitions_data()
{
    QTest::addColumn<QStringList>("path"); // endpoints to call in order
    QTest::addColumn<bool>("lastAllowed");
    QTest::addColumn<QString>("finalStatus");
    QTest::newRow("created→in_progress→completed")
            << QStringList{"started", "completed"} << true << "completed";
    QTest::newRow("in_progress→stopped→closed")
            << QStringList{"started", "stopped", "close"} << true << "closed";
    QTest::newRow("in_progress→failed") << QStringList{"started", "failed"} << true << "failed";
    QTest::newRow("completed→published")
            << QStringList{"started", "completed", "publish"} << true << "published";
    QTest::newRow("created→completed refused") << QStringList{"completed"} << false << "created";
    QTest::newRow("created→stopped refused") << QStringList{"stopped"} << false << "created";
    QTest::newRow("published→in_progress refused")
            << QStringList{"started", "completed", "publish", "started"} << false << "published";
    QTest::newRow("repeat in_progress refused")
            << QStringList{"started", "started"} << false << "in_progress";
    QTest::newRow("completed→in_progress")
            << QStringList{"started", "completed", "started"} << true << "in_progress";
}

void TestServerTasks::statusTransitions()
{
    QFETCH(QStringList, path);
    QFETCH(bool, lastAllowed);
    QFETCH(QString, finalStatus);
    const std::string id = newTask("status task");
    ApiTestClient::Reply last;
    for (int i = 0; i < path.size(); ++i) {
        last = m_client->call("tasks." + path[i].toStdString(), Json{{"task", id}});
        if (i + 1 < path.size())
            QCOMPARE(last.status, 200);
    }
    if (lastAllowed) {
        QCOMPARE(last.status, 200);
        QCOMPARE(last.data()["updated"].get<int>(), 1);
    } else {
        QCOMPARE(last.status, 400);
        QCOMPARE(last.subcode(), 110);
        QVERIFY2(last.message().find("->") != std::string::npos, last.message().c_str());
    }
    const Json t = m_client->call("tasks.get_all",
                                  Json{{"id", {id}},
                                       {"only_fields", {"status", "status_message", "id"}}})
                           .data()["tasks"][0];
    QCOMPARE(QString::fromStdString(t["status"].get<std::string>()), finalStatus);
}

void TestServerTasks::startedKeepsEarlierStart()
{
    const std::string id = newTask("restart task");
    const auto first = m_client->call("tasks.started", Json{{"task", id}});
    QCOMPARE(first.data()["started"].get<int>(), 1);
    const std::string started = m_client->call("tasks.get_by_id", Json{{"task", id}})
                                        .data()["task"]["started"]
                                        .get<std::string>();
    const auto done = m_client->call("tasks.completed", Json{{"task", id},
                                                             {"force", false},
                                                             {"status_reason", "completed"},
                                                             {"publish", false}});
    QCOMPARE(done.status, 200);
    QVERIFY(done.data()["fields"]["completed"].is_string());
    const auto again = m_client->call("tasks.started", Json{{"task", id}});
    QCOMPARE(again.status, 200);
    QCOMPARE(again.data()["started"].get<int>(), 0);
    const Json t = m_client->call("tasks.get_by_id", Json{{"task", id}}).data()["task"];
    QCOMPARE(t["started"].get<std::string>(), started);
    QCOMPARE(t["status"].get<std::string>(), std::string("in_progress"));
    // completed with publish ends published.
    const auto publish = m_client->call("tasks.completed", Json{{"task", id}, {"publish", true}});
    QCOMPARE(publish.data()["published"].get<int>(), 1);
    QCOMPARE(m_client->call("tasks.get_by_id", Json{{"task", id}})
                     .data()["task"]["status"]
                     .get<std::string>(),
             std::string("published"));
}

void TestServerTasks::artifactsUpsertAndStatusRule()
{
    const std::string id = newTask("artifact task");
    auto add = [&](const Json &artifacts, bool force) {
        return m_client->call("tasks.add_or_update_artifacts",
                              Json{{"task", id}, {"artifacts", artifacts}, {"force", force}});
    };
    QCOMPARE(add(Json::array({{{"key", "zeta"}, {"type", "custom"}, {"uri", "u1"}}}), false).status,
             200);
    QCOMPARE(m_client->call("tasks.started", Json{{"task", id}}).status, 200);
    // Without force only 'created' tasks take artifacts.
    QCOMPARE(add(Json::array({{{"key", "x"}, {"type", "custom"}}}), false).subcode(), 110);
    // The SDK resends the full list each time, with force.
    const Json list
            = Json::array({{{"key", "zeta"}, {"type", "custom"}, {"uri", "u2"}},
                           {{"key", "alpha"},
                            {"type", "pandas"},
                            {"uri", "u3"},
                            {"type_data", {{"preview", "p"}, {"content_type", "text/csv"}}}},
                           {{"key", "alpha"}, {"type", "custom"}, {"mode", "input"}}});
    QCOMPARE(add(list, true).status, 200);
    Json artifacts = m_client->call("tasks.get_by_id", Json{{"task", id}})
                             .data()["task"]["execution"]["artifacts"];
    QCOMPARE(artifacts.size(), std::size_t(3));
    QCOMPARE(artifacts[0]["key"].get<std::string>(), std::string("alpha")); // sorted by key
    QCOMPARE(artifacts[2]["key"].get<std::string>(), std::string("zeta"));
    QCOMPARE(artifacts[2]["uri"].get<std::string>(), std::string("u2")); // upserted
    QCOMPARE(artifacts[2]["mode"].get<std::string>(), std::string("output"));
    // Missing key → the field is named.
    const auto bad = add(Json::array({{{"type", "custom"}}}), true);
    QCOMPARE(bad.subcode(), 11);
    QVERIFY(bad.message().find("key") != std::string::npos);
    // delete_artifacts by (key, mode).
    const auto del = m_client->call("tasks.delete_artifacts",
                                    Json{{"task", id},
                                         {"force", true},
                                         {"artifacts", {{{"key", "alpha"}, {"mode", "input"}}}}});
    QCOMPARE(del.data()["deleted"].get<int>(), 1);
    QCOMPARE(m_client->call("tasks.completed", Json{{"task", id}}).status, 200);
    // A completed task cannot gain artifacts this way…
    QCOMPARE(add(list, true).subcode(), 110);
    // …but tasks.edit with force can replace the list.
    QCOMPARE(m_client->call("tasks.edit", Json{{"task", id},
                                               {"force", true},
                                               {"execution", {{"artifacts", list}}}})
                     .status,
             200);
}

void TestServerTasks::modelsAndLineage()
{
    const std::string producer = newTask("producer task");
    const std::string consumer = newTask("consumer task");
    const auto created = m_client->call("models.create", Json{{"uri", "file:///uploading_file"},
                                                              {"name", "Anonymous model"},
                                                              {"labels", Json::object()},
                                                              {"ready", false},
                                                              {"public", false},
                                                              {"project", m_project}});
    QCOMPARE(created.status, 200);
    QCOMPARE(created.data()["created"].get<bool>(), true);
    const std::string model = created.data()["id"].get<std::string>();
    QCOMPARE(m_client->call("models.edit", Json{{"model", model},
                                                {"uri", "http://files/w.bin"},
                                                {"name", "great model"},
                                                {"design", {{"design", ""}}},
                                                {"task", producer},
                                                {"framework", "PyTorch"},
                                                {"iteration", 0}})
                     .status,
             200);
    QCOMPARE(m_client->call("tasks.add_or_update_model", Json{{"task", producer},
                                                              {"name", "model_weights"},
                                                              {"model", model},
                                                              {"type", "output"}})
                     .status,
             200);
    QCOMPARE(m_client->call("tasks.add_or_update_model", Json{{"task", consumer},
                                                              {"name", "w"},
                                                              {"model", model},
                                                              {"type", "input"}})
                     .status,
             200);
    const Json m = m_client->call("models.get_by_id", Json{{"model", model}}).data()["model"];
    QCOMPARE(m["uri"].get<std::string>(), std::string("http://files/w.bin"));
    QCOMPARE(m["task"].get<std::string>(), producer);
    QCOMPARE(m["ready"].get<bool>(), false);
    // Producer: models.get_all task filter; consumers: tasks.get_all models.input.model.
    const auto produced = m_client->call(
            "models.get_all",
            Json{{"task", {producer}}, {"order_by", {"created"}}, {"only_fields", {"id"}}});
    QCOMPARE(ids(produced, "models"), std::set<std::string>{model});
    const auto consumers = m_client->call("tasks.get_all", Json{{"models.input.model", {model}}});
    QCOMPARE(ids(consumers), std::set<std::string>{consumer});
    const Json out = m_client->call("tasks.get_by_id", Json{{"task", producer}})
                             .data()["task"]["models"]["output"];
    QCOMPARE(out[0]["name"].get<std::string>(), std::string("model_weights"));
    QCOMPARE(out[0]["model"].get<std::string>(), model);
    // ready filter, set_ready, update, archive.
    QCOMPARE(m_client->call("models.get_all", Json{{"ready", true}, {"id", {model}}})
                     .data()["models"]
                     .size(),
             std::size_t(0));
    QCOMPARE(m_client->call("models.set_ready", Json{{"model", model}, {"publish_task", false}})
                     .status,
             200);
    QCOMPARE(m_client->call("models.get_all", Json{{"ready", true}, {"id", {model}}})
                     .data()["models"]
                     .size(),
             std::size_t(1));
    QCOMPARE(m_client->call("models.update", Json{{"model", model}, {"comment", "c"}}).status, 200);
    QCOMPARE(m_client->call("models.archive_many", Json{{"ids", {model}}}).status, 200);
    QCOMPARE(m_client->call("models.get_all", Json{{"system_tags", {"-archived"}}, {"id", {model}}})
                     .data()["models"]
                     .size(),
             std::size_t(0));
    // delete_models, then models.delete (published needs force).
    QCOMPARE(m_client->call("tasks.delete_models",
                            Json{{"task", consumer},
                                 {"models", {{{"name", "w"}, {"type", "input"}}}}})
                     .data()["updated"]
                     .get<int>(),
             1);
    QCOMPARE(m_client->call("models.delete", Json{{"model", model}}).status, 400);
    const auto deleted = m_client->call("models.delete", Json{{"model", model}, {"force", true}});
    QCOMPARE(deleted.status, 200);
    QCOMPARE(deleted.data()["url"].get<std::string>(), std::string("http://files/w.bin"));
    QCOMPARE(m_client->call("models.get_by_id", Json{{"model", model}}).subcode(), 201);
}

void TestServerTasks::modelMetadataByVersion()
{
    const std::string model
            = m_client->create("models.create", Json{{"uri", "file:///x"}, {"name", "meta model"}});
    QCOMPARE(m_client->call("models.add_or_update_metadata",
                            Json{{"model", model},
                                 {"metadata",
                                  {{{"key", "epochs"}, {"type", "int"}, {"value", "10"}}}}})
                     .status,
             200);
    const auto modern = m_client->call("models.get_by_id", Json{{"model", model}}, "GET", "v2.23");
    QCOMPARE(modern.data()["model"]["metadata"]["epochs"]["value"].get<std::string>(),
             std::string("10"));
    const auto legacy = m_client->call("models.get_by_id", Json{{"model", model}}, "GET", "v2.13");
    QVERIFY(legacy.data()["model"]["metadata"].is_array());
    QCOMPARE(legacy.data()["model"]["metadata"][0]["key"].get<std::string>(),
             std::string("epochs"));
    QCOMPARE(m_client->call("models.update_for_task", Json{{"task", "x"}}, "GET", "v2.23").status,
             301);
}

void TestServerTasks::listFilterOperators()
{
    const std::string a = newTask("tagged a", Json{{"tags", {"red", "big"}}});
    const std::string b = newTask("tagged b", Json{{"tags", {"red"}}});
    const std::string c = newTask("tagged c", Json{{"tags", {"blue"}}});
    const std::string d = newTask("tagged d");
    auto query = [&](const Json &tags) {
        auto r = m_client->call("tasks.get_all", Json{{"tags", tags}, {"id", {a, b, c, d}}});
        return ids(r);
    };
    QCOMPARE(query(Json{"red", "blue"}), (std::set<std::string>{a, b, c}));    // OR
    QCOMPARE(query(Json{"-red"}), (std::set<std::string>{c, d}));              // exclude
    QCOMPARE(query(Json{"__$not", "red"}), (std::set<std::string>{c, d}));     // not
    QCOMPARE(query(Json{"__$all", "red", "big"}), (std::set<std::string>{a})); // AND
    QCOMPARE(query(Json{"__$and", "red", "__$not", "big"}), (std::set<std::string>{b}));
    QCOMPARE(query(Json{"__$all", "red", "__$any", "big", "blue"}), (std::set<std::string>{a}));
    QCOMPARE(query(Json{nullptr}), (std::set<std::string>{d})); // missing
    QCOMPARE(query(Json{"red"}), (std::set<std::string>{a, b}));
    // Scalar fields use the same syntax.
    const auto st
            = m_client->call("tasks.get_all", Json{{"id", {a, b, c, d}}, {"status", {"-created"}}});
    QCOMPARE(ids(st).size(), std::size_t(0));
    const auto byType
            = m_client->call("tasks.get_all", Json{{"id", {a, b}}, {"type", {"training"}}});
    QCOMPARE(ids(byType), (std::set<std::string>{a, b}));
}

void TestServerTasks::searchAndRegex()
{
    const std::string a = newTask("needle in haystack", Json{{"comment", "first"}});
    const std::string b = newTask("plain name", Json{{"comment", "has NEEDLE inside"}});
    const std::string c = newTask("other name");
    const auto st
            = m_client->call("tasks.get_all", Json{{"search_text", "needle"}, {"id", {a, b, c}}});
    QCOMPARE(ids(st), (std::set<std::string>{a, b}));
    const auto any = m_client->call(
            "tasks.get_all",
            Json{{"_any_", {{"pattern", "^PLAIN"}, {"fields", {"name", "comment"}}}},
                 {"id", {a, b, c}}});
    QCOMPARE(ids(any), std::set<std::string>{b});
    const auto all = m_client->call(
            "tasks.get_all", Json{{"_all_", {{"pattern", "e"}, {"fields", {"name", "comment"}}}},
                                  {"id", {a, b, c}}});
    QCOMPARE(ids(all), std::set<std::string>{b}); // "first" has no e
    const auto re
            = m_client->call("tasks.get_all", Json{{"name", "^needle\\ in"}, {"id", {a, b, c}}});
    QCOMPARE(ids(re), std::set<std::string>{a});
    const auto byId = m_client->call("tasks.get_all", Json{{"search_text", a.substr(4, 12)}});
    QCOMPARE(ids(byId), std::set<std::string>{a});
}

void TestServerTasks::hiddenAndArchived()
{
    const std::string hidden = newTask("hidden task", Json{{"system_tags", {"hidden"}}});
    const std::string archived = newTask("archived task", Json{{"system_tags", {"archived"}}});
    const auto normal = m_client->call("tasks.get_all", Json{{"name", "^(hidden|archived) task$"}});
    QCOMPARE(ids(normal), std::set<std::string>{archived}); // archived included, hidden not
    const auto noArchived
            = m_client->call("tasks.get_all", Json{{"name", "^(hidden|archived) task$"},
                                                   {"system_tags", {"-archived"}}});
    QCOMPARE(ids(noArchived).size(), std::size_t(0));
    const auto searchHidden = m_client->call(
            "tasks.get_all", Json{{"name", "^(hidden|archived) task$"}, {"search_hidden", true}});
    QCOMPARE(ids(searchHidden), (std::set<std::string>{hidden, archived}));
    const auto byId = m_client->call("tasks.get_all", Json{{"id", {hidden}}});
    QCOMPARE(ids(byId), std::set<std::string>{hidden});
}

void TestServerTasks::pagingScrollAndOrder()
{
    const std::string project = m_client->create("projects.create", Json{{"name", "many tasks"}});
    std::vector<std::string> created;
    for (int i = 0; i < 510; ++i)
        created.push_back(
                m_client->create("tasks.create", Json{{"name", "bulk " + std::to_string(1000 + i)},
                                                      {"type", "testing"},
                                                      {"project", project}}));
    QCOMPARE(created.back().size(), std::size_t(32));
    // At most 500 items, even without paging fields.
    const auto all = m_client->call("tasks.get_all", Json{{"project", {project}}});
    QCOMPARE(all.data()["tasks"].size(), std::size_t(500));
    // page / page_size, ordered descending by name.
    const auto page = m_client->call("tasks.get_all", Json{{"project", {project}},
                                                           {"order_by", {"-name"}},
                                                           {"page", 1},
                                                           {"page_size", 7},
                                                           {"only_fields", {"name"}}});
    QCOMPARE(page.data()["tasks"].size(), std::size_t(7));
    QCOMPARE(page.data()["tasks"][0]["name"].get<std::string>(), std::string("bulk 1502"));
    QCOMPARE(page.data()["tasks"][0].size(), std::size_t(2)); // id + name
    const auto big = m_client->call("tasks.get_all",
                                    Json{{"project", {project}}, {"page", 0}, {"page_size", 1000}});
    QCOMPARE(big.data()["tasks"].size(), std::size_t(500));
    // Scroll through everything in pieces of 200.
    std::set<std::string> seen;
    Json scrollId = nullptr;
    int rounds = 0;
    while (true) {
        const auto r = m_client->call("tasks.get_all", Json{{"project", {project}},
                                                            {"scroll_id", scrollId},
                                                            {"size", 200},
                                                            {"order_by", {"name"}}});
        QCOMPARE(r.status, 200);
        for (const Json &t : r.data()["tasks"])
            seen.insert(t["id"].get<std::string>());
        scrollId = r.data()["scroll_id"];
        ++rounds;
        if (r.data()["tasks"].size() < 200)
            break;
        QVERIFY(rounds < 10);
    }
    QCOMPARE(rounds, 3);
    QCOMPARE(seen.size(), std::size_t(510));
    // refresh_scroll re-reads from the start.
    const auto refreshed = m_client->call("tasks.get_all", Json{{"project", {project}},
                                                                {"scroll_id", scrollId},
                                                                {"size", 200},
                                                                {"refresh_scroll", true},
                                                                {"order_by", {"name"}}});
    QCOMPARE(refreshed.status, 200);
    QCOMPARE(refreshed.data()["tasks"][0]["name"].get<std::string>(), std::string("bulk 1000"));
    // Datetime comparison and include_subprojects.
    const auto recent = m_client->call("tasks.get_all", Json{{"project", {project}},
                                                             {"created", {">=2000-01-01T00:00:00"}},
                                                             {"page", 0},
                                                             {"page_size", 3}});
    QCOMPARE(recent.data()["tasks"].size(), std::size_t(3));
    const auto future = m_client->call(
            "tasks.get_all", Json{{"project", {project}}, {"last_update", ">2999-01-01"}});
    QCOMPARE(future.data()["tasks"].size(), std::size_t(0));
    const std::string sub = m_client->create("projects.create", Json{{"name", "many tasks/sub"}});
    const std::string inSub = m_client->create(
            "tasks.create", Json{{"name", "sub task"}, {"type", "testing"}, {"project", sub}});
    const auto withSubs = m_client->call(
            "tasks.get_all",
            Json{{"project", {project}}, {"include_subprojects", true}, {"name", "^sub task$"}});
    QCOMPARE(ids(withSubs), std::set<std::string>{inSub});
    const auto withoutSubs
            = m_client->call("tasks.get_all", Json{{"project", {project}}, {"name", "^sub task$"}});
    QCOMPARE(ids(withoutSubs).size(), std::size_t(0));
}

void TestServerTasks::referenceObjectsInEx()
{
    const std::string parent = newTask("parent task");
    const std::string child = newTask("child task", Json{{"parent", parent}});
    const std::string model = m_client->create("models.create", Json{{"uri", "file:///m"},
                                                                     {"name", "ex model"},
                                                                     {"task", child},
                                                                     {"project", m_project}});
    QCOMPARE(m_client->call("tasks.add_or_update_model", Json{{"task", child},
                                                              {"name", "w"},
                                                              {"model", model},
                                                              {"type", "input"}})
                     .status,
             200);
    const auto ex = m_client->call("tasks.get_all_ex",
                                   Json{{"id", {child}},
                                        {"only_fields",
                                         {"name", "project.name", "user.name", "parent.name",
                                          "models.input.model.name", "company"}}});
    QCOMPARE(ex.status, 200);
    const Json &t = ex.data()["tasks"][0];
    QCOMPARE(t["project"]["id"].get<std::string>(), m_project);
    QCOMPARE(t["project"]["name"].get<std::string>(), std::string("tasks project"));
    QCOMPARE(t["parent"]["id"].get<std::string>(), parent);
    QCOMPARE(t["parent"]["name"].get<std::string>(), std::string("parent task"));
    QVERIFY(t["user"]["name"].is_string());
    QVERIFY(t["company"]["id"].is_string());
    QCOMPARE(t["models"]["input"][0]["model"]["id"].get<std::string>(), model);
    QCOMPARE(t["models"]["input"][0]["model"]["name"].get<std::string>(), std::string("ex model"));
    // In get_all (not _ex) they stay strings.
    const auto plain = m_client->call(
            "tasks.get_all", Json{{"id", {child}}, {"only_fields", {"project", "parent"}}});
    QVERIFY(plain.data()["tasks"][0]["project"].is_string());
    // A missing reference is {} in _ex.
    const auto orphan = m_client->call("tasks.get_all_ex",
                                       Json{{"id", {parent}}, {"only_fields", {"parent.name"}}});
    QCOMPARE(orphan.data()["tasks"][0]["parent"], Json::object());
    // models.get_all_ex: task, project objects.
    const auto mex = m_client->call(
            "models.get_all_ex",
            Json{{"id", {model}}, {"only_fields", {"task.name", "project.name", "user.name"}}});
    const Json &m = mex.data()["models"][0];
    QCOMPARE(m["task"]["id"].get<std::string>(), child);
    QCOMPARE(m["task"]["name"].get<std::string>(), std::string("child task"));
    QCOMPARE(m["project"]["name"].get<std::string>(), std::string("tasks project"));
}

void TestServerTasks::resetDeleteAndParams()
{
    const std::string id = newTask("params task");
    auto r = m_client->call(
            "tasks.edit_hyper_params",
            Json{{"task", id},
                 {"hyperparams",
                  {{{"section", "Args"}, {"name", "lr"}, {"value", "0.1"}, {"type", "float"}},
                   {{"section", "Args"}, {"name", "bs"}, {"value", "32"}}}}});
    QCOMPARE(r.status, 200);
    r = m_client->call("tasks.get_hyper_params", Json{{"tasks", {id}}});
    QCOMPARE(r.data()["params"][0]["hyperparams"].size(), std::size_t(2));
    const auto filtered = m_client->call(
            "tasks.get_all", Json{{"id", {id}}, {"hyperparams.Args.lr.value", {"0.1"}}});
    QCOMPARE(ids(filtered), std::set<std::string>{id});
    r = m_client->call("tasks.edit_configuration",
                       Json{{"task", id},
                            {"configuration",
                             {{{"name", "General"}, {"value", "{}"}, {"type", "dictionary"}}}}});
    QCOMPARE(r.status, 200);
    r = m_client->call("tasks.get_configurations", Json{{"tasks", {id}}, {"names", {"General"}}});
    QCOMPARE(r.data()["configurations"][0]["configuration"][0]["type"].get<std::string>(),
             std::string("dictionary"));
    QCOMPARE(m_client->call("tasks.ping", Json{{"task", id}}).status, 200);
    QCOMPARE(m_client->call("tasks.update", Json{{"task", id}, {"name", "renamed params"}}).status,
             200);

    // reset: back to created, output artifacts cleared, urls returned.
    QCOMPARE(m_client->call("tasks.started", Json{{"task", id}}).status, 200);
    QCOMPARE(m_client->call("tasks.add_or_update_artifacts",
                            Json{{"task", id},
                                 {"force", true},
                                 {"artifacts",
                                  {{{"key", "a"}, {"type", "custom"}, {"uri", "http://f/a"}}}}})
                     .status,
             200);
    r = m_client->call("tasks.reset",
                       Json{{"task", id}, {"force", true}, {"return_file_urls", true}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.data()["urls"]["artifact_urls"], Json::array({"http://f/a"}));
    const Json t = m_client->call("tasks.get_by_id", Json{{"task", id}}).data()["task"];
    QCOMPARE(t["status"].get<std::string>(), std::string("created"));
    QCOMPARE(t["execution"]["artifacts"].size(), std::size_t(0));
    QVERIFY(!t.contains("started"));
    // delete: in_progress needs force.
    QCOMPARE(m_client->call("tasks.started", Json{{"task", id}}).status, 200);
    QCOMPARE(m_client->call("tasks.delete", Json{{"task", id}}).subcode(), 110);
    QCOMPARE(m_client->call("tasks.delete", Json{{"task", id}, {"force", true}}).status, 200);
    QCOMPARE(m_client->call("tasks.get_by_id", Json{{"task", id}}).subcode(), 101);
}

QTEST_GUILESS_MAIN(TestServerTasks)
#include "tst_servertasks.moc"

// get_all ordering across pages and scrolls: the server orders only the rows a page needs (a
// partial sort over pointers into the store), so these pin down that every page is a slice of
// one stable total order, ties keep creation order, and models/projects lists agree.
#include "apitestclient.h"
#include "testserver.h"

#include <QtTest>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <set>
#include <thread>

class TestServerLists : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void pagesAreSlicesOfOneStableOrder();
    void scrollMatchesPages();
    void multiKeyOrderAndMissingValues();
    void modelsAndProjectsPages();
    void listCallsDuringWrites();
    void largeListsFollowEveryWrite();

private:
    std::vector<std::string> names(const Json &list) const;
    std::vector<std::string>
    pages(const std::string &endpoint, const char *list, Json body, std::size_t pageSize);
    TestServer m_server;
    std::unique_ptr<ApiTestClient> m_client;
    std::string m_project;
    std::vector<std::string> m_created; ///< task names in creation order
};

void TestServerLists::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_client = std::make_unique<ApiTestClient>(m_server);
    QVERIFY(m_client->login());
    m_project = m_client->create("projects.create", Json{{"name", "ordered lists"}});
    QVERIFY(!m_project.empty());
    // Two types interleaved: ordering by type has long runs of ties.
    for (int i = 0; i < 37; ++i) {
        const std::string name = "row " + std::to_string(100 + i);
        const Json body{{"name", name},
                        {"type", i % 3 == 0 ? "testing" : "training"},
                        {"project", m_project},
                        {"comment", i % 4 == 0 ? Json("c") : Json()}};
        QVERIFY(!m_client->create("tasks.create", body).empty());
        m_created.push_back(name);
    }
}

std::vector<std::string> TestServerLists::names(const Json &list) const
{
    std::vector<std::string> out;
    for (const Json &item : list)
        out.push_back(item.value("name", std::string()));
    return out;
}

std::vector<std::string> TestServerLists::pages(const std::string &endpoint,
                                                const char *list,
                                                Json body,
                                                std::size_t pageSize)
{
    std::vector<std::string> out;
    for (int page = 0; page < 100; ++page) {
        body["page"] = page;
        body["page_size"] = pageSize;
        const auto r = m_client->call(endpoint, body);
        if (r.status != 200)
            return {"HTTP " + std::to_string(r.status) + " " + r.message()};
        const auto got = names(r.data()[list]);
        out.insert(out.end(), got.begin(), got.end());
        if (got.size() < pageSize)
            break;
    }
    return out;
}

void TestServerLists::pagesAreSlicesOfOneStableOrder()
{
    // Ties on "type" keep the creation order: all "testing" rows, then all "training" rows.
    std::vector<std::string> expected;
    for (const char *type : {"testing", "training"})
        for (std::size_t i = 0; i < m_created.size(); ++i)
            if ((i % 3 == 0) == (std::string(type) == "testing"))
                expected.push_back(m_created[i]);
    const Json body{{"project", {m_project}}, {"order_by", {"type"}}, {"only_fields", {"name"}}};
    const auto whole = m_client->call("tasks.get_all", body);
    QCOMPARE(names(whole.data()["tasks"]), expected);
    for (const std::size_t size : {1, 5, 7, 36, 37, 40})
        QCOMPARE(pages("tasks.get_all", "tasks", body, size), expected);
    // A page past the end is empty, not an error.
    auto past = body;
    past["page"] = 9;
    past["page_size"] = 10;
    const auto r = m_client->call("tasks.get_all_ex", past);
    QCOMPARE(r.status, 200);
    QVERIFY(r.data()["tasks"].empty());
}

void TestServerLists::scrollMatchesPages()
{
    const Json body{{"project", {m_project}}, {"order_by", {"-type", "-name"}}};
    const auto expected = pages("tasks.get_all_ex", "tasks", body, 6);
    QCOMPARE(expected.size(), m_created.size());
    QCOMPARE(expected.front(), std::string("row 135")); // training sorts first when descending
    std::vector<std::string> scrolled;
    Json scrollId = nullptr;
    for (int round = 0; round < 20; ++round) {
        auto b = body;
        b["scroll_id"] = scrollId;
        b["size"] = 8;
        const auto r = m_client->call("tasks.get_all_ex", b);
        QCOMPARE(r.status, 200);
        const auto got = names(r.data()["tasks"]);
        scrolled.insert(scrolled.end(), got.begin(), got.end());
        scrollId = r.data()["scroll_id"];
        if (got.size() < 8)
            break;
    }
    QCOMPARE(scrolled, expected);
}

void TestServerLists::multiKeyOrderAndMissingValues()
{
    // comment is missing (null) on 3 of 4 rows: ascending puts missing values first.
    const Json body{{"project", {m_project}}, {"order_by", {"comment", "-name"}}};
    const auto list = pages("tasks.get_all", "tasks", body, 4);
    QCOMPARE(list.size(), m_created.size());
    std::vector<std::string> withComment;
    for (std::size_t i = 0; i < m_created.size(); i += 4)
        withComment.push_back(m_created[i]);
    std::sort(withComment.rbegin(), withComment.rend());
    const std::vector<std::string> tail(list.end() - static_cast<long>(withComment.size()),
                                        list.end());
    QCOMPARE(tail, withComment);
    const std::vector<std::string> head(list.begin(),
                                        list.end() - static_cast<long>(withComment.size()));
    QVERIFY(std::is_sorted(head.rbegin(), head.rend()));
}

void TestServerLists::modelsAndProjectsPages()
{
    std::vector<std::string> modelNames;
    for (int i = 0; i < 12; ++i) {
        const std::string name = "model " + std::to_string(50 - i);
        QVERIFY(!m_client->create("models.create",
                                  Json{{"name", name},
                                       {"uri", "file:///tmp/m" + std::to_string(i)},
                                       {"project", m_project}})
                         .empty());
        modelNames.push_back(name);
    }
    std::sort(modelNames.begin(), modelNames.end());
    QCOMPARE(pages("models.get_all", "models",
                   Json{{"project", {m_project}}, {"order_by", {"name"}}}, 5),
             modelNames);
    QCOMPARE(pages("models.get_all_ex", "models",
                   Json{{"project", {m_project}}, {"order_by", {"name"}}}, 3),
             modelNames);
    for (const char *p : {"ordered lists/b", "ordered lists/a", "ordered lists/c"})
        QVERIFY(!m_client->create("projects.create", Json{{"name", p}}).empty());
    const auto subs = pages("projects.get_all_ex", "projects",
                            Json{{"parent", {m_project}}, {"order_by", {"-name"}}}, 2);
    QCOMPARE(subs,
             (std::vector<std::string>{"ordered lists/c", "ordered lists/b", "ordered lists/a"}));
}

void TestServerLists::listCallsDuringWrites()
{
    // List calls share the store; writes take it alone. Interleave both from two clients and
    // check every list answer is complete and every write landed.
    ApiTestClient writer(m_server);
    QVERIFY(writer.login());
    const std::string project = m_client->create("projects.create", Json{{"name", "busy list"}});
    std::atomic<int> written{0};
    std::thread thread([&] {
        for (int i = 0; i < 40; ++i)
            if (!writer.create("tasks.create", Json{{"name", "busy " + std::to_string(i)},
                                                    {"type", "training"},
                                                    {"project", project}})
                         .empty())
                ++written;
    });
    std::size_t last = 0;
    for (int i = 0; i < 40; ++i) {
        const auto r = m_client->call("tasks.get_all", Json{{"project", {project}},
                                                            {"order_by", {"-last_update"}},
                                                            {"only_fields", {"name"}}});
        QCOMPARE(r.status, 200);
        QVERIFY(r.data()["tasks"].size() >= last); // never loses rows
        last = r.data()["tasks"].size();
    }
    thread.join();
    QCOMPARE(written.load(), 40);
    const auto done = m_client->call("tasks.get_all", Json{{"project", {project}}});
    QCOMPARE(done.data()["tasks"].size(), std::size_t(40));
}

void TestServerLists::largeListsFollowEveryWrite()
{
    // From 2000 documents on, the ordered result of a query is kept until the collection
    // changes (ListCache): pages and scrolls of one query, then the same query after each
    // kind of write, must all see the current store.
    const std::string project = m_client->create("projects.create", Json{{"name", "large list"}});
    char name[32];
    for (int i = 0; i < 2000; ++i) {
        std::snprintf(name, sizeof name, "bulk %04d", i);
        QVERIFY(!m_client->create("tasks.create",
                                  Json{{"name", name}, {"type", "training"}, {"project", project}})
                         .empty());
    }
    const Json query{{"project", {project}}, {"order_by", {"-name"}}, {"only_fields", {"name"}}};
    const auto first = [&] {
        Json body = query;
        body["page"] = 0;
        body["page_size"] = 3;
        const auto r = m_client->call("tasks.get_all_ex", body);
        return r.status == 200 ? names(r.data()["tasks"])
                               : std::vector<std::string>{"HTTP " + std::to_string(r.status)};
    };
    const std::vector<std::string> top{"bulk 1999", "bulk 1998", "bulk 1997"};
    QCOMPARE(first(), top);
    QCOMPARE(first(), top); // asked again
    // A page past the rows ordered so far.
    Json deep = query;
    deep["page"] = 100;
    deep["page_size"] = 3;
    QCOMPARE(names(m_client->call("tasks.get_all_ex", deep).data()["tasks"]),
             (std::vector<std::string>{"bulk 1699", "bulk 1698", "bulk 1697"}));
    QCOMPARE(first(), top);
    // A scroll over the whole query: every row once, in order.
    std::vector<std::string> scrolled;
    Json body = query;
    body["size"] = 300;
    for (int i = 0; i < 20; ++i) {
        const auto r = m_client->call("tasks.get_all_ex", body);
        QCOMPARE(r.status, 200);
        const auto got = names(r.data()["tasks"]);
        if (got.empty())
            break;
        scrolled.insert(scrolled.end(), got.begin(), got.end());
        body["scroll_id"] = r.data()["scroll_id"];
    }
    QCOMPARE(scrolled.size(), std::size_t(2000));
    QVERIFY(std::is_sorted(scrolled.rbegin(), scrolled.rend()));
    QCOMPARE(std::set<std::string>(scrolled.begin(), scrolled.end()).size(), std::size_t(2000));

    // A new task, an edit that moves one to the top, a deletion: each is seen at once.
    const std::string added = m_client->create(
            "tasks.create",
            Json{{"name", "bulk 5000"}, {"type", "training"}, {"project", project}});
    QCOMPARE(first(), (std::vector<std::string>{"bulk 5000", "bulk 1999", "bulk 1998"}));
    auto r = m_client->call(
            "tasks.get_all",
            Json{{"project", {project}}, {"name", "^bulk 0000$"}, {"only_fields", {"id"}}});
    QCOMPARE(r.data()["tasks"].size(), std::size_t(1));
    const std::string zero = r.data()["tasks"][0]["id"].get<std::string>();
    QCOMPARE(m_client->call("tasks.edit", Json{{"task", zero}, {"name", "bulk 9999"}}).status, 200);
    QCOMPARE(first(), (std::vector<std::string>{"bulk 9999", "bulk 5000", "bulk 1999"}));
    QCOMPARE(m_client->call("tasks.delete", Json{{"task", added}}).status, 200);
    QCOMPARE(first(), (std::vector<std::string>{"bulk 9999", "bulk 1999", "bulk 1998"}));
    // Another query over the same collection is not confused with it.
    r = m_client->call("tasks.get_all_ex", Json{{"project", {project}},
                                                {"order_by", {"name"}},
                                                {"page", 0},
                                                {"page_size", 2},
                                                {"only_fields", {"name"}}});
    QCOMPARE(names(r.data()["tasks"]), (std::vector<std::string>{"bulk 0001", "bulk 0002"}));
}

QTEST_GUILESS_MAIN(TestServerLists)
#include "tst_serverlists.moc"

// The API transport: envelope, versions, methods, query merge, errors, auth, test hooks.
#include "apitestclient.h"
#include "testserver.h"

#include <QTcpSocket>
#include <QtTest>

class TestServerProtocol : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void envelopeAndHeaders();
    void versions();
    void methodsCarryBodies();
    void queryStringMerge();
    void optionsAndContentEncoding();
    void unknownEndpoint();
    void malformedRequests();
    void oversizedBody();
    void connectionClosedAfterEachAnswer();
    void loginAndClaims();
    void authFailures();
    void expiredToken();
    void basicAndCookieOnAnyEndpoint();
    void logoutRevokes();
    void injectedFaults();

private:
    QByteArray rawExchange(const QByteArray &request, bool *closed);
    TestServer m_server;
    std::unique_ptr<ApiTestClient> m_client;
};

void TestServerProtocol::initTestCase()
{
    TestServer::Options options;
    options.extraArgs << QStringLiteral("--test-hooks");
    QVERIFY2(m_server.start(options), qPrintable(m_server.errorString()));
    m_client = std::make_unique<ApiTestClient>(m_server);
    QVERIFY(m_client->login());
}

QByteArray TestServerProtocol::rawExchange(const QByteArray &request, bool *closed)
{
    QTcpSocket socket;
    socket.connectToHost(m_server.apiUrl().host(), static_cast<quint16>(m_server.apiUrl().port()));
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(request);
    socket.waitForBytesWritten(5000);
    QByteArray answer;
    *closed = false;
    QDeadlineTimer deadline(10000);
    while (!deadline.hasExpired()) {
        if (socket.state() == QAbstractSocket::UnconnectedState) {
            *closed = true;
            break;
        }
        if (socket.waitForReadyRead(200))
            answer += socket.readAll();
        else if (socket.state() != QAbstractSocket::ConnectedState) {
            *closed = true;
            break;
        }
    }
    answer += socket.readAll();
    return answer;
}

void TestServerProtocol::envelopeAndHeaders()
{
    const auto r = m_client->call("server.info", Json::object(), "GET", "");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("server"), std::string("clearml"));
    QCOMPARE(r.header("Connection"), std::string("close"));
    QVERIFY(r.header("Content-Type").find("application/json") == 0);
    const Json &meta = r.json["meta"];
    QCOMPARE(meta["id"].get<std::string>().size(), std::size_t(32));
    QVERIFY(meta["trx"].is_string());
    QCOMPARE(meta["endpoint"]["name"].get<std::string>(), std::string("server.info"));
    QCOMPARE(meta["result_code"].get<int>(), 200);
    QCOMPARE(meta["result_subcode"].get<int>(), 0);
    QCOMPARE(meta["result_msg"].get<std::string>(), std::string("OK"));
    QVERIFY(meta.contains("error_stack"));
    QVERIFY(meta["error_data"].is_object());
    QCOMPARE(r.data()["api_version"].get<std::string>(), std::string("2.31"));

    // The transaction header is echoed.
    const auto t = m_client->raw("POST", "/debug.ping", "{}", {{"X-ClearML-Trx", "trx-123"}});
    QCOMPARE(t.json["meta"]["trx"].get<std::string>(), std::string("trx-123"));
}

void TestServerProtocol::versions()
{
    struct Case
    {
        std::string version;
        std::string requested;
        std::string actual;
    };
    for (const Case &c : {Case{"v2.23", "2.23", "2.23"}, Case{"v2.9", "2.9", "2.9"},
                          Case{"v999.0", "999.0", "2.31"}, Case{"v2.35", "2.35", "2.31"},
                          Case{"", "2.31", "2.31"}}) {
        const auto r = m_client->call("projects.get_all", Json::object(), "GET", c.version);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json["meta"]["endpoint"]["requested_version"].get<std::string>(), c.requested);
        QCOMPARE(r.json["meta"]["endpoint"]["actual_version"].get<std::string>(), c.actual);
    }
    // A trailing slash is fine, too.
    QCOMPARE(m_client->raw("GET", "/v2.23/debug.ping/", "").status, 200);
}

void TestServerProtocol::methodsCarryBodies()
{
    for (const std::string method : {"GET", "POST", "PUT"}) {
        const auto r = m_client->call("debug.ping", Json{{"echo", method}}, method);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.data()["echo"].get<std::string>(), method);
        QCOMPARE(r.data()["msg"].get<std::string>(), std::string("ClearML server"));
    }
    // A body sent as form content type but holding JSON (curl -d) still counts.
    const auto f = m_client->raw("POST", "/debug.ping", R"({"x":1})",
                                 {{"Content-Type", "application/x-www-form-urlencoded"}});
    QCOMPARE(f.data()["x"].get<int>(), 1);
    const auto g = m_client->raw("POST", "/debug.ping", "a=1&b=two",
                                 {{"Content-Type", "application/x-www-form-urlencoded"}});
    QCOMPARE(g.data()["a"].get<int>(), 1);
    QCOMPARE(g.data()["b"].get<std::string>(), std::string("two"));
}

void TestServerProtocol::queryStringMerge()
{
    const auto r = m_client->raw(
            "GET", "/debug.ping?a.b=1&c=true&d=x&d=y&e[]=z&f=1.5&g=some%20text&h=false",
            R"({"k":"v"})");
    QCOMPARE(r.status, 200);
    const Json &d = r.data();
    QCOMPARE(d["a"]["b"].get<int>(), 1);
    QCOMPARE(d["c"].get<bool>(), true);
    QCOMPARE(d["d"], Json::array({"x", "y"}));
    QCOMPARE(d["e"], Json::array({"z"}));
    QCOMPARE(d["f"].get<double>(), 1.5);
    QCOMPARE(d["g"].get<std::string>(), std::string("some text"));
    QCOMPARE(d["h"].get<bool>(), false);
    QCOMPARE(d["k"].get<std::string>(), std::string("v"));
}

void TestServerProtocol::optionsAndContentEncoding()
{
    QCOMPARE(m_client->raw("OPTIONS", "/v2.23/tasks.get_all", "").status, 200);
    const auto r = m_client->raw("POST", "/debug.ping", "xxxx", {{"Content-Encoding", "gzip"}});
    QCOMPARE(r.status, 415);
    QCOMPARE(r.json["meta"]["result_code"].get<int>(), 415);
    QVERIFY(r.message().find("Content-Encoding") != std::string::npos);
    QCOMPARE(m_client->call("debug.ping").status, 200);
}

void TestServerProtocol::unknownEndpoint()
{
    const auto r = m_client->call("tasks.no_such_call");
    QCOMPARE(r.status, 404);
    QCOMPARE(r.json["meta"]["result_code"].get<int>(), 404);
    QVERIFY(r.message().find("tasks.no_such_call") != std::string::npos);
    const auto n = m_client->raw("GET", "/not/an/api/path", "");
    QCOMPARE(n.status, 404);
    QVERIFY(n.json.is_object());
}

void TestServerProtocol::malformedRequests()
{
    httplib::Headers auth{{"Authorization", "Bearer " + m_client->token()}};
    auto badJson = m_client->raw("GET", "/v2.23/projects.get_all", "{not json", auth);
    QCOMPARE(badJson.status, 400);
    QCOMPARE(badJson.subcode(), 12);
    QVERIFY(badJson.message().find("JSON") != std::string::npos);
    auto array = m_client->raw("GET", "/v2.23/projects.get_all", "[1,2]", auth);
    QCOMPARE(array.status, 400);
    QCOMPARE(array.subcode(), 12);

    auto missing = m_client->call("projects.create", Json{{"description", "x"}});
    QCOMPARE(missing.status, 400);
    QCOMPARE(missing.subcode(), 11);
    QVERIFY(missing.message().find("name") != std::string::npos);
    auto wrongType = m_client->call("projects.create", Json{{"name", 42}});
    QCOMPARE(wrongType.status, 400);
    QCOMPARE(wrongType.subcode(), 12);
    QVERIFY(wrongType.message().find("name") != std::string::npos);
    auto shortName = m_client->call("projects.create", Json{{"name", "ab"}});
    QCOMPARE(shortName.subcode(), 12);
    auto badTags = m_client->call("tasks.get_all", Json{{"tags", Json{{"a", 1}}}});
    QCOMPARE(badTags.status, 400);
    auto badRegex = m_client->call("tasks.get_all", Json{{"name", "([unclosed"}});
    QCOMPARE(badRegex.status, 400);
    QCOMPARE(badRegex.subcode(), 12);
    auto badPage = m_client->call("tasks.get_all", Json{{"page", 0}});
    QCOMPARE(badPage.status, 400);
    auto badScroll = m_client->call("tasks.get_all", Json{{"scroll_id", "nope"}, {"size", 5}});
    QCOMPARE(badScroll.status, 400);
    QCOMPARE(badScroll.subcode(), 1104);
    // Still serving.
    QCOMPARE(m_client->call("projects.get_all").status, 200);
}

void TestServerProtocol::oversizedBody()
{
    // Claims a 200 MB body: refused with a ClearML envelope, without reading it.
    bool closed = false;
    const QByteArray answer = rawExchange(
            "POST /v2.23/projects.get_all HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            "Content-Length: 209715200\r\n\r\n{\"a\":",
            &closed);
    QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.left(200).constData());
    QVERIFY(answer.contains("\"result_code\":413"));
    QCOMPARE(m_client->call("projects.get_all").status, 200);
}

void TestServerProtocol::connectionClosedAfterEachAnswer()
{
    // Two pipelined requests on one connection: only the first is answered, then the server
    // closes the socket (the SDK forks after pooling connections).
    bool closed = false;
    const QByteArray answer = rawExchange("GET /debug.ping HTTP/1.1\r\nHost: x\r\n\r\n"
                                          "GET /debug.ping HTTP/1.1\r\nHost: x\r\n\r\n",
                                          &closed);
    QVERIFY(closed);
    QCOMPARE(answer.count("HTTP/1.1 200"), 1);
    QVERIFY(answer.contains("Connection: close"));
}

static Json decodeClaims(const std::string &token)
{
    const auto first = token.find('.');
    const auto second = token.find('.', first + 1);
    const QByteArray payload = QByteArray::fromBase64(
            QByteArray::fromStdString(token.substr(first + 1, second - first - 1)),
            QByteArray::Base64UrlEncoding);
    return Json::parse(payload.toStdString(), nullptr, false);
}

void TestServerProtocol::loginAndClaims()
{
    const Json claims = decodeClaims(m_client->token());
    QCOMPARE(claims["api_version"].get<std::string>(), std::string("2.31"));
    QCOMPARE(claims["feature_set"].get<std::string>(), std::string("basic"));
    QVERIFY(claims["server_version"].is_string());
    QVERIFY(claims["exp"].get<long long>() > claims["iat"].get<long long>() + 24 * 3600);
    QCOMPARE(claims["identity"]["user"].get<std::string>().size(), std::size_t(32));
    QVERIFY(claims["identity"]["company"].is_string());

    // The login also sets the cookie, and a Bearer login hands out a fresh token.
    const std::string basic
            = "Basic "
              + QByteArray(
                        (m_server.accessKey() + QLatin1Char(':') + m_server.secretKey()).toUtf8())
                        .toBase64()
                        .toStdString();
    const auto login = m_client->raw("GET", "/auth.login", "", {{"Authorization", basic}});
    QCOMPARE(login.status, 200);
    QVERIFY(login.header("Set-Cookie").find("clearml_token_basic=") == 0);
    const auto refresh = m_client->raw("POST", "/auth.login", "",
                                       {{"Authorization", "Bearer " + m_client->token()}});
    QCOMPARE(refresh.status, 200);
    QVERIFY(refresh.data()["token"].get<std::string>() != m_client->token());
    // expiration_sec in the body works like the query.
    const auto shortLived = m_client->raw("POST", "/auth.login", R"({"expiration_sec":100})",
                                          {{"Authorization", basic}});
    const Json c = decodeClaims(shortLived.data()["token"].get<std::string>());
    QCOMPARE(c["exp"].get<long long>() - c["iat"].get<long long>(), 100LL);
}

void TestServerProtocol::authFailures()
{
    const auto none = m_client->raw("GET", "/v2.23/tasks.get_all", "");
    QCOMPARE(none.status, 401);
    QCOMPARE(none.subcode(), 20);
    const auto wrong = m_client->raw("GET", "/auth.login", "",
                                     {{"Authorization", "Basic " + std::string("d3Jvbmc6a2V5")}});
    QCOMPARE(wrong.status, 401);
    QCOMPARE(wrong.subcode(), 22);
    QVERIFY(wrong.message().find("invalid credentials") != std::string::npos);
    const auto malformed
            = m_client->raw("GET", "/auth.login", "", {{"Authorization", "Basic !!!"}});
    QCOMPARE(malformed.status, 401);
    QCOMPARE(malformed.subcode(), 21);
    const auto badToken = m_client->raw("GET", "/v2.23/tasks.get_all", "",
                                        {{"Authorization", "Bearer abc.def.ghi"}});
    QCOMPARE(badToken.status, 401);
    QCOMPARE(badToken.subcode(), 30);
    // A token signed with another secret.
    std::string forged = m_client->token();
    forged[forged.size() - 3] = forged[forged.size() - 3] == 'A' ? 'B' : 'A';
    const auto forgedReply = m_client->raw("GET", "/v2.23/tasks.get_all", "",
                                           {{"Authorization", "Bearer " + forged}});
    QCOMPARE(forgedReply.status, 401);
    QCOMPARE(forgedReply.subcode(), 30);
    // No auth needed for these.
    QCOMPARE(m_client->raw("GET", "/server.info", "").status, 200);
    QCOMPARE(m_client->raw("GET", "/debug.ping", "").status, 200);
}

void TestServerProtocol::expiredToken()
{
    ApiTestClient shortLived(m_server);
    QVERIFY(shortLived.login(1));
    const Json claims = decodeClaims(shortLived.token());
    QCOMPARE(claims["exp"].get<long long>() - claims["iat"].get<long long>(), 1LL);
    // Poll until the token has run out (within a few seconds).
    ApiTestClient::Reply r;
    QTRY_VERIFY_WITH_TIMEOUT((r = shortLived.call("tasks.get_all"), r.status == 401), 5000);
    QCOMPARE(r.subcode(), 30);
    QVERIFY(r.message().find("expired") != std::string::npos);
}

void TestServerProtocol::basicAndCookieOnAnyEndpoint()
{
    const std::string basic
            = "Basic "
              + QByteArray(
                        (m_server.accessKey() + QLatin1Char(':') + m_server.secretKey()).toUtf8())
                        .toBase64()
                        .toStdString();
    QCOMPARE(m_client->raw("GET", "/v2.23/projects.get_all", "", {{"Authorization", basic}}).status,
             200);
    const auto cookie
            = m_client->raw("GET", "/v2.23/projects.get_all", "",
                            {{"Cookie", "other=1; clearml_token_basic=" + m_client->token()}});
    QCOMPARE(cookie.status, 200);
}

void TestServerProtocol::logoutRevokes()
{
    ApiTestClient other(m_server);
    QVERIFY(other.login());
    QCOMPARE(other.call("projects.get_all").status, 200);
    QCOMPARE(other.call("auth.logout").status, 200);
    const auto after = other.call("projects.get_all");
    QCOMPARE(after.status, 401);
    QCOMPARE(after.subcode(), 30);
    QCOMPARE(m_client->call("projects.get_all").status, 200);
}

void TestServerProtocol::injectedFaults()
{
    const auto set
            = m_client->call("debug.inject_faults",
                             Json{{"endpoint", "tasks.get_all"}, {"status", 503}, {"count", 2}});
    QCOMPARE(set.status, 200);
    QCOMPARE(m_client->call("projects.get_all").status, 200);
    const auto first = m_client->call("tasks.get_all");
    QCOMPARE(first.status, 503);
    QCOMPARE(first.json["meta"]["result_code"].get<int>(), 503);
    QCOMPARE(m_client->call("tasks.get_all").status, 503);
    QCOMPARE(m_client->call("tasks.get_all").status, 200);
    // "*" hits any endpoint.
    m_client->call("debug.inject_faults", Json{{"endpoint", "*"}, {"status", 502}, {"count", 1}});
    QCOMPARE(m_client->call("projects.get_all").status, 502);
    QCOMPARE(m_client->call("projects.get_all").status, 200);
}

QTEST_GUILESS_MAIN(TestServerProtocol)
#include "tst_serverprotocol.moc"

// The file server: upload/download round trips, Range/ETag/HEAD/416, delete, auth, path
// traversal, injected faults, and constant memory on a streamed multi-hundred-MB upload.
#include "apitestclient.h"
#include "testserver.h"

#include <QDir>
#include <QFile>
#include <QtTest>

class TestServerFiles : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void rootPing();
    void uploadAndDownloadRoundTrip();
    void multiplePartsInOneUpload();
    void rangesAndConditionalRequests();
    void contentTypesAndDownloadFlag();
    void deleteAndDeleteMany();
    void authRequired();
    void noFilesAuthOption();
    void pathTraversalRefused_data();
    void pathTraversalRefused();
    void uploadTraversalRefused();
    void symlinkOutOfRootRefused();
    void injectedFileFaults();
    void streamedUploadInConstantMemory();

private:
    TestServer m_server;
    std::unique_ptr<ApiTestClient> m_client;
};

static long vmHwmKb(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLong();
    return -1;
}

void TestServerFiles::initTestCase()
{
    TestServer::Options options;
    options.extraArgs << QStringLiteral("--test-hooks");
    QVERIFY2(m_server.start(options), qPrintable(m_server.errorString()));
    m_client = std::make_unique<ApiTestClient>(m_server);
    QVERIFY(m_client->login());
}

void TestServerFiles::rootPing()
{
    const auto r = m_client->files("GET", "/", {}, {}, false);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, std::string("OK"));
}

void TestServerFiles::uploadAndDownloadRoundTrip()
{
    const std::string path = "/great project/task with artifacts.0123/artifacts/data/data set.csv";
    std::string content;
    for (int i = 0; i < 5000; ++i)
        content += "row," + std::to_string(i) + "\n";
    const auto up = m_client->upload(path, content);
    QCOMPARE(up.status, 200);
    QCOMPARE(up.json, Json::array({path.substr(1)}));
    const std::string url
            = "/great%20project/task%20with%20artifacts.0123/artifacts/data/data%20set.csv";
    // The SDK GETs twice (size probe, then the download).
    for (int i = 0; i < 2; ++i) {
        const auto down = m_client->files("GET", url);
        QCOMPARE(down.status, 200);
        QCOMPARE(down.body, content);
        QCOMPARE(down.header("Content-Length"), std::to_string(content.size()));
        QCOMPARE(down.header("Content-Type"), std::string("text/csv"));
    }
    const auto head = m_client->files("HEAD", url);
    QCOMPARE(head.status, 200);
    QCOMPARE(head.header("Content-Length"), std::to_string(content.size()));
    QVERIFY(head.body.empty());
    QVERIFY(!head.header("ETag").empty());
    QVERIFY(!head.header("Last-Modified").empty());
    // Overwriting replaces the content.
    QCOMPARE(m_client->upload(path, "new").status, 200);
    QCOMPARE(m_client->files("GET", url).body, std::string("new"));
    // The stored file is really on disk under the data folder.
    QVERIFY(QFile::exists(m_server.dataDir()
                          + QStringLiteral("/files/great project/task with "
                                           "artifacts.0123/artifacts/data/data set.csv")));
    QCOMPARE(m_client->files("GET", "/no/such/file.txt").status, 404);
    QCOMPARE(m_client->files("GET", "/great%20project").status, 404); // a folder
}

void TestServerFiles::multiplePartsInOneUpload()
{
    const std::string boundary = "b0b0b0b0b0b0";
    std::string body;
    for (const auto &[name, data] : {std::pair<std::string, std::string>{"/multi/one.txt", "1"},
                                     {"/multi/two.bin", std::string("\0\r\n--x", 6)}}) {
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
                + "\"; filename=\"" + name + "\"\r\nContent-Type: binary/octet-stream\r\n\r\n"
                + data + "\r\n";
    }
    body += "--" + boundary + "--\r\n";
    const auto r = m_client->files("POST", "/", body,
                                   {{"Content-Type", "multipart/form-data; boundary=" + boundary}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json, Json::array({"multi/one.txt", "multi/two.bin"}));
    QCOMPARE(m_client->files("GET", "/multi/two.bin").body, std::string("\0\r\n--x", 6));
    // A malformed multipart body is an error, and the server keeps serving.
    const auto bad = m_client->files("POST", "/", "garbage",
                                     {{"Content-Type", "multipart/form-data; boundary=zz"}});
    QVERIFY(bad.status >= 400);
    QCOMPARE(m_client->files("GET", "/multi/one.txt").status, 200);
}

void TestServerFiles::rangesAndConditionalRequests()
{
    QCOMPARE(m_client->upload("/ranges/digits.txt", "0123456789").status, 200);
    const auto full = m_client->files("GET", "/ranges/digits.txt");
    const std::string etag = full.header("ETag");
    QVERIFY(!etag.empty());

    auto get = [&](const httplib::Headers &h) {
        return m_client->files("GET", "/ranges/digits.txt", {}, h);
    };
    auto r = get({{"Range", "bytes=2-5"}});
    QCOMPARE(r.status, 206);
    QCOMPARE(r.body, std::string("2345"));
    QCOMPARE(r.header("Content-Range"), std::string("bytes 2-5/10"));
    r = get({{"Range", "bytes=7-"}});
    QCOMPARE(r.status, 206);
    QCOMPARE(r.body, std::string("789"));
    r = get({{"Range", "bytes=-3"}});
    QCOMPARE(r.body, std::string("789"));
    r = get({{"Range", "bytes=8-100"}});
    QCOMPARE(r.body, std::string("89"));
    r = get({{"Range", "bytes=10-"}});
    QCOMPARE(r.status, 416);
    QCOMPARE(r.header("Content-Range"), std::string("bytes */10"));
    r = get({{"Range", "bytes=50-60"}});
    QCOMPARE(r.status, 416);
    // If-None-Match → 304; If-Range with the right ETag honours the range, a stale one not.
    r = get({{"If-None-Match", etag}});
    QCOMPARE(r.status, 304);
    QVERIFY(r.body.empty());
    r = get({{"Range", "bytes=0-1"}, {"If-Range", etag}});
    QCOMPARE(r.status, 206);
    QCOMPARE(r.body, std::string("01"));
    r = get({{"Range", "bytes=0-1"}, {"If-Range", "\"stale\""}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, std::string("0123456789"));
    // HEAD with a range reports the partial length.
    r = m_client->files("HEAD", "/ranges/digits.txt", {}, {{"Range", "bytes=0-3"}});
    QCOMPARE(r.status, 206);
    QCOMPARE(r.header("Content-Length"), std::string("4"));
    // A new upload changes the ETag.
    QCOMPARE(m_client->upload("/ranges/digits.txt", "abc").status, 200);
    QVERIFY(m_client->files("GET", "/ranges/digits.txt").header("ETag") != etag);
}

void TestServerFiles::contentTypesAndDownloadFlag()
{
    QCOMPARE(m_client->upload("/types/df.csv.gz", std::string("\x1f\x8b\x08\x00", 4)).status, 200);
    const auto gz = m_client->files("GET", "/types/df.csv.gz", {}, {{"Accept-Encoding", "gzip"}});
    QCOMPARE(gz.header("Content-Type"), std::string("application/octet-stream"));
    QVERIFY(gz.header("Content-Encoding").empty());
    QCOMPARE(gz.body.size(), std::size_t(4));
    const auto dl = m_client->files("GET", "/types/df.csv.gz?download");
    QVERIFY(dl.header("Content-Disposition").find("attachment") == 0);
}

void TestServerFiles::deleteAndDeleteMany()
{
    QCOMPARE(m_client->upload("/del/a.txt", "a").status, 200);
    QCOMPARE(m_client->upload("/del/b.txt", "b").status, 200);
    QCOMPARE(m_client->upload("/del/dir/c.txt", "c").status, 200);
    const auto one = m_client->files("DELETE", "/del/a.txt");
    QCOMPARE(one.status, 200);
    QCOMPARE(one.json, Json("del/a.txt"));
    QCOMPARE(m_client->files("GET", "/del/a.txt").status, 404);
    QCOMPARE(m_client->files("DELETE", "/del/a.txt").status, 404);
    QCOMPARE(m_client->files("DELETE", "/del/dir").status, 404); // not a file
    const auto many
            = m_client->files("POST", "/delete_many",
                              Json{{"files", {"del/b.txt", "del/dir", "del/missing", ""}}}.dump(),
                              {{"Content-Type", "application/json"}});
    QCOMPARE(many.status, 200);
    QCOMPARE(many.json["deleted"].size(), std::size_t(2));
    QVERIFY(many.json["deleted"].contains("del/dir"));
    QCOMPARE(many.json["errors"].size(), std::size_t(2)); // missing + empty path
    QCOMPARE(m_client->files("GET", "/del/dir/c.txt").status, 404);
}

void TestServerFiles::authRequired()
{
    QCOMPARE(m_client->upload("/auth/x.txt", "x").status, 200);
    QCOMPARE(m_client->files("GET", "/auth/x.txt", {}, {}, false).status, 401);
    QCOMPARE(m_client->files("GET", "/auth/x.txt", {}, {{"Authorization", "Bearer nope"}}).status,
             401);
    const std::string basic = "Basic " + QByteArray("a:b").toBase64().toStdString();
    QCOMPARE(m_client->files("GET", "/auth/x.txt", {}, {{"Authorization", basic}}).status, 401);
    QCOMPARE(m_client->files("GET", "/auth/x.txt", {},
                             {{"Cookie", "clearml_token_basic=" + m_client->token()}}, false)
                     .status,
             200);
    ApiTestClient anonymous(m_server);
    QCOMPARE(anonymous.upload("/auth/y.txt", "y").status, 401);
    QCOMPARE(m_client->files("GET", "/auth/y.txt").status, 404);
    QCOMPARE(anonymous.files("DELETE", "/auth/x.txt").status, 401);
}

void TestServerFiles::noFilesAuthOption()
{
    TestServer open;
    TestServer::Options options;
    options.extraArgs << QStringLiteral("--no-files-auth");
    QVERIFY2(open.start(options), qPrintable(open.errorString()));
    ApiTestClient anonymous(open);
    QCOMPARE(anonymous.upload("/open/x.txt", "x").status, 200);
    QCOMPARE(anonymous.files("GET", "/open/x.txt").body, std::string("x"));
    QCOMPARE(open.stop(), 0);
}

void TestServerFiles::pathTraversalRefused_data()
{
    QTest::addColumn<QString>("target");
    QTest::newRow("dotdot") << "/../credentials.json";
    QTest::newRow("nested dotdot") << "/a/../../credentials.json";
    QTest::newRow("encoded dots") << "/%2e%2e/credentials.json";
    QTest::newRow("upper encoded") << "/x/%2E%2E/%2E%2E/credentials.json";
    QTest::newRow("encoded slash") << "/..%2fcredentials.json";
    QTest::newRow("double encoded") << "/%252e%252e/credentials.json";
    QTest::newRow("backslash") << "/..%5ccredentials.json";
    QTest::newRow("nul") << "/ranges/digits.txt%00.png";
    QTest::newRow("absolute") << "//etc/passwd";
    QTest::newRow("bad escape") << "/%zz";
}

void TestServerFiles::pathTraversalRefused()
{
    QFETCH(QString, target);
    // A secret just outside the files root must never be served.
    const auto r = m_client->files("GET", target.toStdString());
    QCOMPARE(r.status, 404);
    QVERIFY(r.body.find("secret_key") == std::string::npos);
    QCOMPARE(m_client->files("DELETE", target.toStdString()).status, 404);
}

void TestServerFiles::uploadTraversalRefused()
{
    for (const std::string name : {"/../escape.txt", "/a/../../escape.txt", "/"}) {
        const auto r = m_client->upload(name, "evil");
        QCOMPARE(r.status, 404);
    }
    QVERIFY(!QFile::exists(m_server.dataDir() + QStringLiteral("/escape.txt")));
    QCOMPARE(m_client->files("GET", "/").status, 200);
}

void TestServerFiles::symlinkOutOfRootRefused()
{
    const QString root = m_server.dataDir() + QStringLiteral("/files");
    QVERIFY(QFile::link(m_server.dataDir(), root + QStringLiteral("/outside")));
    QCOMPARE(m_client->files("GET", "/outside/credentials.json").status, 404);
    QCOMPARE(m_client->upload("/outside/planted.txt", "x").status, 404);
    QVERIFY(!QFile::exists(m_server.dataDir() + QStringLiteral("/planted.txt")));
    // A symlink that stays inside the root is fine.
    QCOMPARE(m_client->upload("/inside/real.txt", "inside").status, 200);
    QVERIFY(QFile::link(root + QStringLiteral("/inside"), root + QStringLiteral("/alias")));
    QCOMPARE(m_client->files("GET", "/alias/real.txt").body, std::string("inside"));
}

void TestServerFiles::injectedFileFaults()
{
    QCOMPARE(m_client->upload("/faults/x.txt", "x").status, 200);
    QCOMPARE(m_client->call("debug.inject_faults",
                            Json{{"files", true}, {"status", 503}, {"count", 2}})
                     .status,
             200);
    QCOMPARE(m_client->files("GET", "/faults/x.txt").status, 503);
    QCOMPARE(m_client->files("GET", "/faults/x.txt").status, 503);
    QCOMPARE(m_client->files("GET", "/faults/x.txt").status, 200);
}

void TestServerFiles::streamedUploadInConstantMemory()
{
    // 256 MB generated on the fly; the server must stream it to disk, not buffer it.
    const std::size_t total = 256u * 1024 * 1024;
    const long before = vmHwmKb(m_server.pid());
    QVERIFY(before > 0);
    const std::string boundary = "streamstreamstream";
    const std::string head
            = "--" + boundary
              + "\r\nContent-Disposition: form-data; name=\"/big/blob.bin\"; "
                "filename=\"/big/blob.bin\"\r\nContent-Type: binary/octet-stream\r\n\r\n";
    const std::string tail = "\r\n--" + boundary + "--\r\n";
    const std::size_t length = head.size() + total + tail.size();
    std::string chunk(1 << 20, '\0');
    for (std::size_t i = 0; i < chunk.size(); ++i)
        chunk[i] = static_cast<char>('a' + (i % 26));
    httplib::Client client(m_server.filesUrl().host().toStdString(), m_server.filesUrl().port());
    client.set_write_timeout(120);
    client.set_read_timeout(120);
    client.set_bearer_token_auth(m_client->token());
    auto res = client.Post(
            "/", length,
            [&](std::size_t offset, std::size_t, httplib::DataSink &sink) {
                if (offset < head.size())
                    return sink.write(head.data() + offset, head.size() - offset);
                const std::size_t bodyOffset = offset - head.size();
                if (bodyOffset < total) {
                    const std::size_t n = std::min(chunk.size(), total - bodyOffset);
                    return sink.write(chunk.data(), n);
                }
                const std::size_t tailOffset = bodyOffset - total;
                return sink.write(tail.data() + tailOffset, tail.size() - tailOffset);
            },
            "multipart/form-data; boundary=" + boundary);
    QVERIFY(res);
    QCOMPARE(res->status, 200);
    QCOMPARE(QFileInfo(m_server.dataDir() + QStringLiteral("/files/big/blob.bin")).size(),
             qint64(total));
    // Stream it back without keeping it: also constant memory on the server.
    std::size_t received = 0;
    auto down = client.Get("/big/blob.bin", [&](const char *, std::size_t n) {
        received += n;
        return true;
    });
    QVERIFY(down);
    QCOMPARE(received, total);
    const long after = vmHwmKb(m_server.pid());
    qInfo("server VmHWM before %ld kB, after a 256 MB upload+download %ld kB", before, after);
    QVERIFY2(after - before < 48 * 1024, "server memory grew with the file size");
    QCOMPARE(m_client->files("DELETE", "/big/blob.bin").status, 200);
}

QTEST_GUILESS_MAIN(TestServerFiles)
#include "tst_serverfiles.moc"

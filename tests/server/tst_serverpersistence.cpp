// Durability: everything acknowledged survives a clean restart and a kill -9; a half upload
// killed mid-way leaves nothing behind (no partial file, no temp file in the listing); stored
// file URLs follow the file server to another port.
#include "apitestclient.h"
#include "testserver.h"

#include <QDirIterator>
#include <QTcpSocket>
#include <QtTest>

class TestServerPersistence : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void survivesCleanRestart();
    void survivesKillNine();
    void killDuringUploadLeavesNoTrace();
    void printCredentialsIsStable();
    void fileUrlsFollowANewFilesPort();

private:
    QStringList filesUnderRoot() const;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiTestClient> m_client;
};

void TestServerPersistence::init()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    m_client = std::make_unique<ApiTestClient>(*m_server);
    QVERIFY(m_client->login());
}

void TestServerPersistence::cleanup()
{
    m_client.reset();
    m_server.reset();
}

QStringList TestServerPersistence::filesUnderRoot() const
{
    QStringList out;
    const QString root = m_server->dataDir() + QStringLiteral("/files");
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        out << it.next().mid(root.size() + 1);
    out.sort();
    return out;
}

void TestServerPersistence::survivesCleanRestart()
{
    const std::string project = m_client->create("projects.create", Json{{"name", "durable"}});
    const std::string task = m_client->create(
            "tasks.create",
            Json{{"name", "durable task"}, {"type", "training"}, {"project", project}});
    QCOMPARE(m_client->call("tasks.add_or_update_artifacts",
                            Json{{"task", task},
                                 {"artifacts",
                                  {{{"key", "data"}, {"type", "custom"}, {"uri", "u"}}}}})
                     .status,
             200);
    QCOMPARE(m_client->upload("/durable/file.txt", "kept").status, 200);
    const std::string oldToken = m_client->token();
    QCOMPARE(m_server->stop(), 0); // SIGTERM → clean exit 0
    QVERIFY2(m_server->restart(), qPrintable(m_server->errorString()));
    ApiTestClient again(*m_server);
    again.setToken(oldToken); // the signing secret is kept in the data folder
    const auto t = again.call("tasks.get_by_id", Json{{"task", task}});
    QCOMPARE(t.status, 200);
    QCOMPARE(t.data()["task"]["execution"]["artifacts"][0]["key"].get<std::string>(),
             std::string("data"));
    QCOMPARE(again.call("projects.get_all", Json{{"name", "^durable$"}}).data()["projects"].size(),
             std::size_t(1));
    QCOMPARE(again.files("GET", "/durable/file.txt").body, std::string("kept"));
    // New items keep coming after the old ones.
    const std::string second
            = again.create("tasks.create", Json{{"name", "second task"}, {"type", "training"}});
    const auto all = again.call("tasks.get_all", Json{{"only_fields", {"name"}}});
    QCOMPARE(all.data()["tasks"].back()["id"].get<std::string>(), second);
}

void TestServerPersistence::survivesKillNine()
{
    std::vector<std::string> tasks;
    for (int i = 0; i < 20; ++i)
        tasks.push_back(m_client->create(
                "tasks.create", Json{{"name", "task " + std::to_string(i)}, {"type", "training"}}));
    QCOMPARE(m_client->call("tasks.started", Json{{"task", tasks.back()}}).status, 200);
    QCOMPARE(m_client->upload("/k9/acked.bin", std::string(100000, 'z')).status, 200);
    m_server->kill(); // right after the last acknowledgement
    QVERIFY2(m_server->restart(), qPrintable(m_server->errorString()));
    ApiTestClient again(*m_server);
    QVERIFY(again.login());
    for (const auto &id : tasks)
        QCOMPARE(again.call("tasks.get_by_id", Json{{"task", id}}).status, 200);
    QCOMPARE(again.call("tasks.get_by_id", Json{{"task", tasks.back()}})
                     .data()["task"]["status"]
                     .get<std::string>(),
             std::string("in_progress"));
    QCOMPARE(again.files("GET", "/k9/acked.bin").body, std::string(100000, 'z'));
}

void TestServerPersistence::killDuringUploadLeavesNoTrace()
{
    QCOMPARE(m_client->upload("/half/acked.txt", "acknowledged").status, 200);
    // Start a 50 MB multipart upload but send only its first megabyte.
    const QByteArray boundary = "killkillkill";
    const QByteArray head = "--" + boundary
                            + "\r\nContent-Disposition: form-data; name=\"/half/partial.bin\"; "
                              "filename=\"/half/partial.bin\"\r\n\r\n";
    const qint64 total = head.size() + 50 * 1024 * 1024 + boundary.size() + 8;
    QTcpSocket socket;
    socket.connectToHost(m_server->filesUrl().host(),
                         static_cast<quint16>(m_server->filesUrl().port()));
    QVERIFY(socket.waitForConnected(5000));
    socket.write("POST / HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                 + QByteArray::fromStdString(m_client->token())
                 + "\r\nContent-Type: multipart/form-data; boundary=" + boundary
                 + "\r\nContent-Length: " + QByteArray::number(total) + "\r\n\r\n" + head);
    socket.write(QByteArray(1024 * 1024, 'p'));
    QVERIFY(socket.waitForBytesWritten(5000));
    // Wait until the server is writing the part to its temp file, then kill it.
    const QString tempDir = m_server->dataDir() + QStringLiteral("/files-tmp");
    auto tempBytes = [&] {
        qint64 n = 0;
        for (const QFileInfo &fi : QDir(tempDir).entryInfoList(QDir::Files))
            n += fi.size();
        return n;
    };
    QTRY_VERIFY_WITH_TIMEOUT((socket.waitForBytesWritten(50), tempBytes() > 0), 10000);
    QVERIFY(filesUnderRoot().contains(QStringLiteral("half/acked.txt")));
    QVERIFY(!filesUnderRoot().contains(QStringLiteral("half/partial.bin")));
    m_server->kill();
    socket.abort();

    QVERIFY2(m_server->restart(), qPrintable(m_server->errorString()));
    ApiTestClient again(*m_server);
    QVERIFY(again.login());
    QCOMPARE(again.files("GET", "/half/acked.txt").body, std::string("acknowledged"));
    QCOMPARE(again.files("GET", "/half/partial.bin").status, 404);
    QCOMPARE(filesUnderRoot(), QStringList{QStringLiteral("half/acked.txt")});
    QCOMPARE(QDir(tempDir).entryList(QDir::Files | QDir::Hidden).size(), 0); // cleaned on start
}

void TestServerPersistence::printCredentialsIsStable()
{
    QProcess p;
    p.start(TestServer::binary(),
            {QStringLiteral("--data"), m_server->dataDir(), QStringLiteral("--print-credentials")});
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitCode(), 0);
    const QStringList lines
            = QString::fromUtf8(p.readAllStandardOutput()).trimmed().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines[0], QStringLiteral("CLEARML_API_ACCESS_KEY=") + m_server->accessKey());
    QCOMPARE(lines[1], QStringLiteral("CLEARML_API_SECRET_KEY=") + m_server->secretKey());
    const QFileInfo info(m_server->dataDir() + QStringLiteral("/credentials.json"));
    QCOMPARE(
            info.permissions()
                    & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
            QFile::Permissions());
    // The server never prints the secret in its logs.
    QVERIFY(!m_server->stderrLog().contains(m_server->secretKey().toUtf8()));
    m_server->stop();
    QVERIFY(!m_server->stderrLog().contains(m_server->secretKey().toUtf8()));
}

void TestServerPersistence::fileUrlsFollowANewFilesPort()
{
    const std::string oldFiles = m_server->filesUrl().toString().toStdString();
    QCOMPARE(m_client->upload("/moved/weights.bin", "weights").status, 200);
    const std::string task
            = m_client->create("tasks.create", Json{{"name", "moved task"}, {"type", "training"}});
    const std::string external = "https://example.invalid/keep/" + oldFiles.substr(7) + "/x";
    QCOMPARE(m_client->call("tasks.add_or_update_artifacts",
                            Json{{"task", task},
                                 {"artifacts",
                                  {{{"key", "weights"},
                                    {"type", "custom"},
                                    {"uri", oldFiles + "/moved/weights.bin"}},
                                   {{"key", "external"}, {"type", "custom"}, {"uri", external}}}}})
                     .status,
             200);
    const std::string model
            = m_client->create("models.create", Json{{"name", "moved model"},
                                                     {"uri", oldFiles + "/moved/weights.bin"},
                                                     {"task", task}});

    // The same folder on other ports, as when the remembered ones are taken.
    QCOMPARE(m_server->stop(), 0);
    TestServer::Options options;
    options.dataDir = m_server->dataDir();
    QVERIFY2(m_server->start(options), qPrintable(m_server->errorString()));
    const std::string newFiles = m_server->filesUrl().toString().toStdString();
    QVERIFY(newFiles != oldFiles);
    ApiTestClient again(*m_server);
    QVERIFY(again.login());
    const Json artifacts = again.call("tasks.get_by_id", Json{{"task", task}})
                                   .data()["task"]["execution"]["artifacts"];
    QCOMPARE(artifacts.size(), std::size_t(2));
    for (const Json &a : artifacts) {
        if (a["key"] == "weights")
            QCOMPARE(a["uri"].get<std::string>(), newFiles + "/moved/weights.bin");
        else
            QCOMPARE(a["uri"].get<std::string>(), external); // not ours: untouched
    }
    QCOMPARE(again.call("models.get_by_id", Json{{"model", model}})
                     .data()["model"]["uri"]
                     .get<std::string>(),
             newFiles + "/moved/weights.bin");
    QCOMPARE(again.files("GET", "/moved/weights.bin").body, std::string("weights"));
    // The move is recorded: a restart on the same ports changes nothing.
    QVERIFY2(m_server->restart(), qPrintable(m_server->errorString()));
    ApiTestClient third(*m_server);
    QVERIFY(third.login());
    QCOMPARE(third.call("models.get_by_id", Json{{"model", model}})
                     .data()["model"]["uri"]
                     .get<std::string>(),
             newFiles + "/moved/weights.bin");
}

QTEST_GUILESS_MAIN(TestServerPersistence)
#include "tst_serverpersistence.moc"

#include "config/clearmlconfig.h"
#include "config/serverprofiles.h"
#include "isolatedsettings.h"

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

using namespace Trove;

namespace {

QString dataFile(const char *name)
{
    return qEnvironmentVariable("TROVE_TEST_DATA") + QStringLiteral("/config/")
           + QLatin1String(name);
}

bool copyTo(const QString &from, const QString &to)
{
    QFile::remove(to);
    return QFile::copy(from, to);
}

} // namespace

class tst_ClearmlConfig : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_home;
    QProcessEnvironment homeEnv() const
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("HOME"), m_home.path());
        return env;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        Trove::Test::isolateUserSettings();
    }

    void init()
    {
        QFile::remove(m_home.filePath(QStringLiteral("clearml.conf")));
        QFile::remove(m_home.filePath(QStringLiteral("trains.conf")));
    }

    void nothingConfiguredUsesHostedDefaults()
    {
        auto c = ClearmlConfig::load(homeEnv());
        QVERIFY(c.ok());
        QCOMPARE(c->apiServer, QUrl(QStringLiteral("https://api.clear.ml")));
        QCOMPARE(c->webServer, QUrl(QStringLiteral("https://app.clear.ml")));
        QCOMPARE(c->filesServer, QUrl(QStringLiteral("https://files.clear.ml")));
        QVERIFY(!c->hasCredentials());
        QVERIFY(c->sourceFiles.isEmpty());
        QCOMPARE(c->cacheBaseDir, m_home.path() + QStringLiteral("/.clearml/cache"));
        QCOMPARE(c->cacheManagerSize, 100);
    }

    void homeClearmlConf()
    {
        QVERIFY(copyTo(dataFile("clearml.conf"), m_home.filePath(QStringLiteral("clearml.conf"))));
        auto c = ClearmlConfig::load(homeEnv());
        QVERIFY2(c.ok(), c.ok() ? "" : qPrintable(c.error().userMessage()));
        QCOMPARE(c->apiServer, QUrl(QStringLiteral("http://localhost:8008")));
        QCOMPARE(c->webServer, QUrl(QStringLiteral("http://localhost:8080")));
        QCOMPARE(c->filesServer, QUrl(QStringLiteral("http://localhost:8081")));
        QCOMPARE(c->accessKey, QStringLiteral("GK4N0ZQ2ABCDEF"));
        QCOMPARE(c->secretKey, QStringLiteral("xOq9uA4N3mKq7sP2v5yB8zC1dE6fG0hJ"));
        QCOMPARE(c->tokenExpirationThresholdSec, 120);
        QCOMPARE(c->cacheManagerSize, 250);
        QCOMPARE(c->cacheBaseDir, m_home.path() + QStringLiteral("/.clearml/cache"));
        QCOMPARE(c->defaultOutputUri, QStringLiteral("s3://bucket/out"));
        QCOMPARE(c->s3.key, QStringLiteral("AKIADEFAULT"));
        QCOMPARE(c->s3.region, QStringLiteral("us-east-1"));
        QCOMPARE(c->s3.credentials.size(), 2);
        const S3BucketConfig *b = c->s3.find(QStringLiteral("my-bucket"));
        QVERIFY(b);
        QCOMPARE(b->key, QStringLiteral("AKIABUCKET"));
        QCOMPARE(b->region, QStringLiteral("eu-west-1"));
        const S3BucketConfig *m
                = c->s3.find(QStringLiteral("any"), QStringLiteral("minio.local:9000"));
        QVERIFY(m);
        QVERIFY(!m->secure);
        QVERIFY(!m->multipart);
        QVERIFY(!c->s3.find(QStringLiteral("other-bucket")));
    }

    void trainsThenClearmlMerged()
    {
        QVERIFY(copyTo(dataFile("trains.conf"), m_home.filePath(QStringLiteral("trains.conf"))));
        auto only = ClearmlConfig::load(homeEnv());
        QVERIFY(only.ok());
        QCOMPARE(only->apiServer, QUrl(QStringLiteral("http://old:8008")));
        QCOMPARE(only->webServer, QUrl(QStringLiteral("http://old:8080")));
        QCOMPARE(only->filesServer, QUrl(QStringLiteral("http://old:8081")));
        QCOMPARE(only->cacheManagerSize, 5);

        QVERIFY(copyTo(dataFile("clearml.conf"), m_home.filePath(QStringLiteral("clearml.conf"))));
        auto both = ClearmlConfig::load(homeEnv());
        QVERIFY(both.ok());
        QCOMPARE(both->sourceFiles.size(), 2);
        QCOMPARE(both->apiServer, QUrl(QStringLiteral("http://localhost:8008"))); // later wins
        QCOMPARE(both->cacheManagerSize, 250);
    }

    void configFileVariableIsUsedAlone()
    {
        QVERIFY(copyTo(dataFile("clearml.conf"), m_home.filePath(QStringLiteral("clearml.conf"))));
        QProcessEnvironment env = homeEnv();
        env.insert(QStringLiteral("TRAINS_CONFIG_FILE"), dataFile("trains.conf"));
        auto c = ClearmlConfig::load(env);
        QVERIFY(c.ok());
        QCOMPARE(c->sourceFiles, QStringList{dataFile("trains.conf")});
        QCOMPARE(c->accessKey, QStringLiteral("OLDKEY"));
        env.insert(QStringLiteral("CLEARML_CONFIG_FILE"), dataFile("missing.conf"));
        auto missing = ClearmlConfig::load(env);
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().kind, Error::Kind::Io);
    }

    void malformedFileNamesFileLineColumn()
    {
        QProcessEnvironment env = homeEnv();
        env.insert(QStringLiteral("CLEARML_CONFIG_FILE"), dataFile("broken.conf"));
        auto c = ClearmlConfig::load(env);
        QVERIFY(!c.ok());
        QCOMPARE(c.error().kind, Error::Kind::Parse);
        QCOMPARE(c.error().endpoint, dataFile("broken.conf"));
        QVERIFY2(c.error().message.startsWith(QLatin1String("line 1, column 5:")),
                 qPrintable(c.error().message));
    }

    void environmentOverrides()
    {
        QVERIFY(copyTo(dataFile("clearml.conf"), m_home.filePath(QStringLiteral("clearml.conf"))));
        QProcessEnvironment env = homeEnv();
        env.insert(QStringLiteral("CLEARML_API_HOST"), QStringLiteral("https://api.example.com/"));
        env.insert(QStringLiteral("TRAINS_API_ACCESS_KEY"), QStringLiteral("ENVKEY"));
        env.insert(QStringLiteral("CLEARML_API_SECRET_KEY"), QStringLiteral("ENVSECRET"));
        env.insert(QStringLiteral("CLEARML_AUTH_TOKEN"), QStringLiteral("a.b.c"));
        env.insert(QStringLiteral("CLEARML_API_HOST_VERIFY_CERT"), QStringLiteral("0"));
        env.insert(QStringLiteral("CLEARML_CACHE_DIR"), QStringLiteral("$HOME/other-cache"));
        env.insert(QStringLiteral("CLEARML_DEFAULT_OUTPUT_URI"), QStringLiteral("gs://b"));
        env.insert(QStringLiteral("CLEARML_FILES_HOST"),
                   QStringLiteral("http://files.example.com"));
        auto c = ClearmlConfig::load(env);
        QVERIFY(c.ok());
        QCOMPARE(c->apiServer, QUrl(QStringLiteral("https://api.example.com")));
        // The file's web server is kept: only the API host was overridden.
        QCOMPARE(c->webServer, QUrl(QStringLiteral("http://localhost:8080")));
        QCOMPARE(c->filesServer, QUrl(QStringLiteral("http://files.example.com")));
        QCOMPARE(c->accessKey, QStringLiteral("ENVKEY"));
        QCOMPARE(c->secretKey, QStringLiteral("ENVSECRET"));
        QCOMPARE(c->authToken, QStringLiteral("a.b.c"));
        QVERIFY(c->tokenExpirationThresholdSec >= 3600);
        QVERIFY(!c->verifyCertificate);
        QCOMPARE(c->cacheBaseDir, m_home.path() + QStringLiteral("/other-cache"));
        QCOMPARE(c->defaultOutputUri, QStringLiteral("gs://b"));
    }

    void s3FallsBackToAwsEnvironment()
    {
        QProcessEnvironment env = homeEnv();
        env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKENV"));
        env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("SKENV"));
        env.insert(QStringLiteral("AWS_DEFAULT_REGION"), QStringLiteral("ap-south-1"));
        auto c = ClearmlConfig::load(env);
        QVERIFY(c.ok());
        QCOMPARE(c->s3.key, QStringLiteral("AKENV"));
        QCOMPARE(c->s3.secret, QStringLiteral("SKENV"));
        QCOMPARE(c->s3.region, QStringLiteral("ap-south-1"));
    }

    void hostDerivation_data()
    {
        QTest::addColumn<QString>("api");
        QTest::addColumn<QString>("web");
        QTest::addColumn<QString>("files");
        QTest::newRow("hosted") << "https://api.clear.ml"
                                << "https://app.clear.ml"
                                << "https://files.clear.ml";
        QTest::newRow("demo") << "https://demoapi.demo.clear.ml"
                              << "https://demoapp.demo.clear.ml"
                              << "https://demofiles.demo.clear.ml";
        QTest::newRow("ports") << "http://10.0.0.5:8008"
                               << "http://10.0.0.5:8080"
                               << "http://10.0.0.5:8081";
        QTest::newRow("api subdomain with port") << "https://api.corp.com:443"
                                                 << "https://app.corp.com:443"
                                                 << "https://app.corp.com:8081";
        QTest::newRow("not derivable") << "http://clearml.local"
                                       << ""
                                       << "";
    }

    void hostDerivation()
    {
        QFETCH(QString, api);
        QFETCH(QString, web);
        QFETCH(QString, files);
        QProcessEnvironment env = homeEnv();
        env.insert(QStringLiteral("CLEARML_API_HOST"), api);
        auto c = ClearmlConfig::load(env);
        QVERIFY(c.ok());
        QCOMPARE(c->webServer.toString(), web);
        QCOMPARE(c->filesServer.toString(), files);
        QCOMPARE(c->warnings.isEmpty(), !web.isEmpty());
        // An explicit web host without port: files get ":8081" appended.
        QCOMPARE(ClearmlConfig::deriveFilesHost(QUrl(QStringLiteral("http://web.local"))),
                 QUrl(QStringLiteral("http://web.local:8081")));
    }

    void maskSecrets()
    {
        QCOMPARE(maskSecret(QStringLiteral("short")), QStringLiteral("****"));
        const QString secret = QStringLiteral("xOq9uA4N3mKq7sP2v5yB8zC1dE6fG0hJ");
        const QString masked = maskSecret(secret);
        QVERIFY(!masked.contains(secret.mid(3, 20)));
        QCOMPARE(masked, QStringLiteral("xOq****0hJ"));
    }

    void profileFromPastedSnippet()
    {
        const QString snippet = QStringLiteral("api {\n"
                                               "  web_server: https://app.clear.ml/\n"
                                               "  api_server: https://api.clear.ml\n"
                                               "  files_server: https://files.clear.ml\n"
                                               "  credentials {\n"
                                               "    \"access_key\" = \"PASTEDKEY123\"\n"
                                               "    \"secret_key\" = \"pastedsecretpastedsecret\"\n"
                                               "  }\n"
                                               "}");
        auto p = ServerProfile::fromSnippet(QStringLiteral("hosted"), snippet);
        QVERIFY(p.ok());
        QCOMPARE(p->apiServer, QUrl(QStringLiteral("https://api.clear.ml")));
        QCOMPARE(p->webServer, QUrl(QStringLiteral("https://app.clear.ml")));
        QCOMPARE(p->accessKey, QStringLiteral("PASTEDKEY123"));
        QVERIFY(!p->describe().contains(QLatin1String("pastedsecretpastedsecret")));
        QVERIFY(p->describe().contains(QLatin1String("PASTEDKEY123")));

        auto noKeys = ServerProfile::fromSnippet(
                QStringLiteral("x"), QStringLiteral("api { api_server: http://h:8008 }"));
        QVERIFY(!noKeys.ok());
        auto broken = ServerProfile::fromSnippet(QStringLiteral("x"), QStringLiteral("api {"));
        QVERIFY(!broken.ok());
        QCOMPARE(broken.error().kind, Error::Kind::Parse);
    }

    void profilesPersist()
    {
        QTemporaryDir dir;
        const QString ini = dir.filePath(QStringLiteral("trove.ini"));
        {
            ServerProfiles profiles;
            ServerProfile a;
            a.name = QStringLiteral("local");
            a.apiServer = QUrl(QStringLiteral("http://127.0.0.1:8008"));
            a.accessKey = QStringLiteral("K");
            a.secretKey = QStringLiteral("S");
            QVERIFY(profiles.upsert(a).ok());
            ServerProfile b;
            b.name = QStringLiteral("file");
            b.configFile = dataFile("clearml.conf");
            QVERIFY(profiles.upsert(b).ok());
            a.secretKey = QStringLiteral("S2");
            QVERIFY(profiles.upsert(a).ok()); // replaces
            QVERIFY(!profiles.upsert(ServerProfile{}).ok());
            profiles.setCurrent(QStringLiteral("file"));
            QSettings s(ini, QSettings::IniFormat);
            profiles.save(s);
        }
        ServerProfiles loaded;
        QSettings s(ini, QSettings::IniFormat);
        loaded.load(s);
        QCOMPARE(loaded.profiles().size(), 2);
        QCOMPARE(loaded.current(), QStringLiteral("file"));
        const ServerProfile *local = loaded.find(QStringLiteral("local"));
        QVERIFY(local);
        QCOMPARE(local->secretKey, QStringLiteral("S2"));
        auto cfg = local->resolve();
        QVERIFY(cfg.ok());
        QCOMPARE(cfg->webServer, QUrl(QStringLiteral("http://127.0.0.1:8080")));
        QCOMPARE(cfg->filesServer, QUrl(QStringLiteral("http://127.0.0.1:8081")));
        auto fromFile = loaded.find(QStringLiteral("file"))->resolve();
        QVERIFY(fromFile.ok());
        QCOMPARE(fromFile->accessKey, QStringLiteral("GK4N0ZQ2ABCDEF"));
        QVERIFY(loaded.remove(QStringLiteral("file")));
        QVERIFY(loaded.current().isEmpty());
        QVERIFY(!loaded.remove(QStringLiteral("file")));
    }
};

QTEST_GUILESS_MAIN(tst_ClearmlConfig)
#include "tst_clearmlconfig.moc"

#include "config/hoconparser.h"

#include <QFile>
#include <QtTest>

using namespace Trove;
using nlohmann::json;

namespace {

QProcessEnvironment testEnv()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("HOME"), QStringLiteral("/home/tester"));
    env.insert(QStringLiteral("MY_KEY"), QStringLiteral("from-env"));
    return env;
}

json parseOk(const QByteArray &text, QStringList *warnings = nullptr)
{
    HoconParser::Options o;
    o.environment = testEnv();
    auto r = HoconParser::parse(text, QStringLiteral("test.conf"), o, warnings);
    if (!r) {
        qWarning() << r.error().userMessage();
        return json("PARSE FAILED");
    }
    return r.value();
}

Error parseFail(const QByteArray &text)
{
    HoconParser::Options o;
    o.environment = testEnv();
    auto r = HoconParser::parse(text, QStringLiteral("bad.conf"), o);
    if (r) {
        qWarning() << "unexpectedly parsed:" << QString::fromStdString(r.value().dump());
        return Error();
    }
    return r.error();
}

} // namespace

class tst_HoconParser : public QObject
{
    Q_OBJECT
private slots:
    void nestedBlocksAndSeparators()
    {
        const json j = parseOk("\n"
                               "api {\n"
                               "  api_server: http://localhost:8008\n"
                               "  web_server = \"http://localhost:8080\"\n"
                               "  credentials { \"access_key\" = \"AK\", \"secret_key\": \"SK\" }\n"
                               "}\n"
                               "");
        QCOMPARE(j.at("api").at("api_server").get<std::string>(), "http://localhost:8008");
        QCOMPARE(j.at("api").at("web_server").get<std::string>(), "http://localhost:8080");
        QCOMPARE(j.at("api").at("credentials").at("access_key").get<std::string>(), "AK");
        QCOMPARE(j.at("api").at("credentials").at("secret_key").get<std::string>(), "SK");
    }

    void bracedRootAndDottedKeys()
    {
        const json j = parseOk("{ sdk.storage.cache.default_base_dir: \"~/.clearml/cache\",\n"
                               "                                    "
                               "sdk.storage.cache.default_cache_manager_size: 100 }");
        QCOMPARE(j.at("sdk").at("storage").at("cache").at("default_base_dir").get<std::string>(),
                 "~/.clearml/cache");
        QCOMPARE(j.at("sdk").at("storage").at("cache").at("default_cache_manager_size").get<int>(),
                 100);
    }

    void quotedKeysKeepDots()
    {
        const json j = parseOk("a.\"b.c\".d: 1\n"
                               "\"x y\": 2");
        QCOMPARE(j.at("a").at("b.c").at("d").get<int>(), 1);
        QCOMPARE(j.at("x y").get<int>(), 2);
    }

    void scalars()
    {
        const json j = parseOk("\n"
                               "i: 42\n"
                               "n: -7\n"
                               "d: 1.5\n"
                               "e: 1e3\n"
                               "t: true\n"
                               "f: false\n"
                               "z: null\n"
                               "s: hello world\n"
                               "v: 1.2.3\n"
                               "q: \"quoted # not a comment\"\n"
                               "u: \"\\u00e9\\t\\\"\\\\\"\n"
                               "tq: \"\"\"raw \"text\" \\n here\"\"\"\n"
                               "");
        QCOMPARE(j.at("i").get<int>(), 42);
        QCOMPARE(j.at("n").get<int>(), -7);
        QCOMPARE(j.at("d").get<double>(), 1.5);
        QCOMPARE(j.at("e").get<double>(), 1000.0);
        QCOMPARE(j.at("t").get<bool>(), true);
        QCOMPARE(j.at("f").get<bool>(), false);
        QVERIFY(j.at("z").is_null());
        QCOMPARE(j.at("s").get<std::string>(), "hello world");
        QCOMPARE(j.at("v").get<std::string>(), "1.2.3");
        QCOMPARE(j.at("q").get<std::string>(), "quoted # not a comment");
        QCOMPARE(QString::fromStdString(j.at("u").get<std::string>()),
                 QString(QChar(0xe9)) + QStringLiteral("\t\"\\"));
        QCOMPARE(j.at("tq").get<std::string>(), "raw \"text\" \\n here");
    }

    void comments()
    {
        const json j = parseOk("# hash comment\n"
                               "// slash comment\n"
                               "a: 1 # trailing\n"
                               "b: http://host:8081 // trailing, the URL keeps its //\n"
                               "c { // inside\n"
                               "  d: 2\n"
                               "}\n"
                               "");
        QCOMPARE(j.at("a").get<int>(), 1);
        QCOMPARE(j.at("b").get<std::string>(), "http://host:8081");
        QCOMPARE(j.at("c").at("d").get<int>(), 2);
    }

    void lists()
    {
        const json j = parseOk("\n"
                               "a: [1, 2, 3]\n"
                               "b: [\n"
                               "  \"x\",\n"
                               "  y\n"
                               "  z,\n"
                               "]\n"
                               "c: [\n"
                               "  { bucket: \"b1\", key: \"k1\" },\n"
                               "  { host: \"minio:9000\", secure: false },\n"
                               "]\n"
                               "empty: []\n"
                               "nested: [[1], [2, [3]]]\n"
                               "");
        QCOMPARE(j.at("a").size(), 3u);
        QCOMPARE(j.at("b"), json({"x", "y", "z"}));
        QCOMPARE(j.at("c").size(), 2u);
        QCOMPARE(j.at("c").at(0).at("bucket").get<std::string>(), "b1");
        QCOMPARE(j.at("c").at(1).at("secure").get<bool>(), false);
        QVERIFY(j.at("empty").is_array() && j.at("empty").empty());
        QCOMPARE(j.at("nested").at(1).at(1).at(0).get<int>(), 3);
    }

    void objectMerging()
    {
        const json j = parseOk("\n"
                               "api { host: a, credentials { access_key: k1 } }\n"
                               "api { credentials { secret_key: s1 } }\n"
                               "api.credentials.access_key: k2\n"
                               "x: { a: 1 }\n"
                               "x: 5\n"
                               "");
        QCOMPARE(j.at("api").at("host").get<std::string>(), "a");
        QCOMPARE(j.at("api").at("credentials").at("access_key").get<std::string>(), "k2");
        QCOMPARE(j.at("api").at("credentials").at("secret_key").get<std::string>(), "s1");
        QCOMPARE(j.at("x").get<int>(), 5);
    }

    void substitutions()
    {
        const json j = parseOk("\n"
                               "base { host: \"h\", port: 8008 }\n"
                               "url: \"http://\"${base.host}\":\"${base.port}\n"
                               "copy: ${base}\n"
                               "key: ${?MY_KEY}\n"
                               "missing: ${?NOT_SET_ANYWHERE}\n"
                               "kept: original\n"
                               "kept: ${?NOT_SET_ANYWHERE}\n"
                               "home: ${HOME}/cache\n"
                               "forward: ${later}\n"
                               "later: 7\n"
                               "ext: ${base} { extra: 1 }\n"
                               "list: [1] [2]\n"
                               "appended: [a]\n"
                               "appended += b\n"
                               "");
        QCOMPARE(j.at("url").get<std::string>(), "http://h:8008");
        QCOMPARE(j.at("copy").at("port").get<int>(), 8008);
        QCOMPARE(j.at("key").get<std::string>(), "from-env");
        QVERIFY(!j.contains("missing"));
        QCOMPARE(j.at("kept").get<std::string>(), "original");
        QCOMPARE(j.at("home").get<std::string>(), "/home/tester/cache");
        QCOMPARE(j.at("forward").get<int>(), 7);
        QCOMPARE(j.at("ext").at("extra").get<int>(), 1);
        QCOMPARE(j.at("ext").at("host").get<std::string>(), "h");
        QCOMPARE(j.at("list"), json({1, 2}));
        QCOMPARE(j.at("appended"), json({"a", "b"}));
    }

    void includeIsIgnoredWithWarning()
    {
        QStringList warnings;
        const json j = parseOk("include \"other.conf\"\na: 1\n", &warnings);
        QCOMPARE(j.at("a").get<int>(), 1);
        QCOMPARE(warnings.size(), 1);
        QVERIFY(warnings.first().contains(QLatin1String("include ignored")));
        // A key called "include" is still a key.
        QCOMPARE(parseOk("include: 3").at("include").get<int>(), 3);
    }

    void realClearmlConf()
    {
        QFile f(qEnvironmentVariable("TROVE_TEST_DATA") + QStringLiteral("/config/clearml.conf"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const json j = parseOk(f.readAll());
        QCOMPARE(j.at("api").at("files_server").get<std::string>(), "http://localhost:8081");
        QCOMPARE(j.at("sdk").at("aws").at("s3").at("credentials").size(), 2u);
        QCOMPARE(j.at("sdk")
                         .at("aws")
                         .at("s3")
                         .at("credentials")
                         .at(1)
                         .at("host")
                         .get<std::string>(),
                 "minio.local:9000");
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::newRow("unterminated object") << QByteArray("a {\n  b: 1\n") << 1 << 3;
        QTest::newRow("unterminated string") << QByteArray("a: 1\nb: \"abc\n") << 2 << 4;
        QTest::newRow("missing separator") << QByteArray("a: 1\nkey value\n") << 2 << 5;
        QTest::newRow("stray close") << QByteArray("a: 1\n}\n") << 2 << 1;
        QTest::newRow("missing value") << QByteArray("a:\n") << 2 << 1;
        QTest::newRow("bad escape") << QByteArray("a: \"x\\q\"") << 1 << 8;
        QTest::newRow("unterminated list") << QByteArray("a: [1,\n2\n") << 1 << 4;
        QTest::newRow("double comma in list") << QByteArray("a: [1,,2]") << 1 << 7;
        QTest::newRow("unresolved substitution") << QByteArray("a: 1\nb: ${nope}") << 2 << 4;
        QTest::newRow("cycle") << QByteArray("a: ${b}\nb: ${a}") << 1 << 4;
        QTest::newRow("garbage after root") << QByteArray("{ a: 1 } b") << 1 << 10;
        QTest::newRow("object plus text") << QByteArray("a { x: 1 }\nb: ${a} text") << 2 << 4;
    }

    void malformed()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, line);
        QFETCH(int, column);
        const Error e = parseFail(text);
        QCOMPARE(e.kind, Error::Kind::Parse);
        QCOMPARE(e.endpoint, QStringLiteral("bad.conf"));
        const QString expected = QStringLiteral("line %1, column %2:").arg(line).arg(column);
        QVERIFY2(e.message.startsWith(expected), qPrintable(e.message));
        QVERIFY(e.userMessage().contains(QLatin1String("bad.conf")));
    }

    void deepNestingIsRefused()
    {
        QByteArray deep;
        for (int i = 0; i < 5000; ++i)
            deep += "a {";
        const Error e = parseFail(deep);
        QCOMPARE(e.kind, Error::Kind::Parse);
        QVERIFY(e.message.contains(QLatin1String("nesting")));
        QByteArray lists = "a: " + QByteArray(5000, '[');
        QCOMPARE(parseFail(lists).kind, Error::Kind::Parse);
    }

    void longSubstitutionChainIsBounded()
    {
        QByteArray text;
        for (int i = 0; i < 3000; ++i)
            text += "k" + QByteArray::number(i) + ": ${k" + QByteArray::number(i + 1) + "}\n";
        text += "k3000: 1\n";
        QCOMPARE(parseFail(text).kind, Error::Kind::Parse);
    }
};

QTEST_GUILESS_MAIN(tst_HoconParser)
#include "tst_hoconparser.moc"

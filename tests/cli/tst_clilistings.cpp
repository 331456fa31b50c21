// trove-cli listings end to end: the real binary against the real trove-server. Projects,
// tasks, artifacts and models in text and --json, on fixtures made through the API here;
// unknown ids, usage errors, --config, --server (a saved profile) and missing credentials.
#include "clitestenv.h"

#include "config/serverprofiles.h"
#include "session/configsource.h"

#include <QRegularExpression>
#include <QSettings>
#include <QtTest>

using namespace Trove;
using nlohmann::json;

class TestCliListings final : public QObject
{
    Q_OBJECT

private:
    CliTestEnv m_env;
    QString m_rootId, m_childId, m_leafId;
    QString m_task, m_leafTask, m_emptyTask;
    QString m_modelId;

    /// The one stderr line of a failed run, checked to be exactly one.
    static QString oneErrorLine(const CliRun &r)
    {
        const QStringList lines = r.errLines();
        return lines.size() == 1 ? lines.first() : QString();
    }

    static json findProject(const json &list, const std::string &basename)
    {
        for (const json &p : list) {
            if (p.value("basename", std::string()) == basename)
                return p;
            json inChild = findProject(p.value("children", json::array()), basename);
            if (!inChild.is_null())
                return inChild;
        }
        return json();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_env.start());
        // Cli Root / Child / Leaf, with tasks at two levels.
        m_leafId = m_env.createProject(QStringLiteral("Cli Root/Child/Leaf"));
        QVERIFY(!m_leafId.isEmpty());
        auto child = m_env.call("projects.get_all",
                                json{{"name", "^Cli Root/Child$"}, {"only_fields", {"id"}}});
        QCOMPARE(child.at("projects").size(), 1u);
        m_childId = QString::fromStdString(child.at("projects").at(0).at("id").get<std::string>());
        auto root = m_env.call("projects.get_all",
                               json{{"name", "^Cli Root$"}, {"only_fields", {"id"}}});
        m_rootId = QString::fromStdString(root.at("projects").at(0).at("id").get<std::string>());

        m_task = m_env.createTask(QStringLiteral("listing task"), m_childId);
        m_leafTask = m_env.createTask(QStringLiteral("leaf task"), m_leafId);
        m_emptyTask = m_env.createTask(QStringLiteral("no artifacts"), m_childId);
        QVERIFY(!m_task.isEmpty() && !m_leafTask.isEmpty() && !m_emptyTask.isEmpty());

        // An artifact with a known size and hash, registered as the SDK does.
        Artifact a;
        a.key = QStringLiteral("metrics table");
        a.type = QStringLiteral("custom");
        a.mode = QStringLiteral("output");
        a.uri = QStringLiteral("https://example.invalid/metrics.csv");
        a.contentSize = 1234567;
        a.hash = QStringLiteral("ab").repeated(32);
        a.timestamp = 1700000000;
        a.contentType = QStringLiteral("text/csv");
        QVERIFY(m_env.sync->registerArtifact(m_task, a).ok());

        auto model = m_env.sync->registerOutputModel(m_task, QStringLiteral("listing model"),
                                                     QStringLiteral("file:///w/listing.pt"),
                                                     QStringLiteral("PyTorch"));
        QVERIFY(model.ok());
        m_modelId = model.value();
    }

    void projectsTreeInText()
    {
        const CliRun r = m_env.run({QStringLiteral("projects")});
        QVERIFY2(r.exitCode == 0, r.describe());
        QVERIFY2(r.err.isEmpty(), r.describe());
        const QStringList lines = r.outLines();
        QVERIFY(lines.size() >= 4);
        QVERIFY(lines.first().startsWith(QLatin1String("PROJECT")));
        // Nesting shows as indentation, each level two spaces deeper, with full ids.
        auto lineOf = [&](const QString &id) {
            for (const QString &l : lines)
                if (l.endsWith(id))
                    return l;
            return QString();
        };
        const QString root = lineOf(m_rootId), child = lineOf(m_childId), leaf = lineOf(m_leafId);
        QVERIFY2(root.startsWith(QLatin1String("Cli Root ")), r.describe());
        QVERIFY2(child.startsWith(QLatin1String("  Child ")), r.describe());
        QVERIFY2(leaf.startsWith(QLatin1String("    Leaf ")), r.describe());
        QVERIFY(lines.indexOf(root) < lines.indexOf(child));
        QVERIFY(lines.indexOf(child) < lines.indexOf(leaf));
        // Task counts: Child holds 2 tasks and Leaf 1 (3 with subprojects).
        static const QRegularExpression count(QStringLiteral("^\\s*\\S+(?: \\S+)*\\s+(\\d+)\\s"));
        QCOMPARE(count.match(leaf).captured(1), QStringLiteral("1"));
        QCOMPARE(count.match(child).captured(1), QStringLiteral("3"));
        QCOMPARE(count.match(root).captured(1), QStringLiteral("3"));
    }

    void projectsTreeInJson()
    {
        const CliRun r = m_env.run({QStringLiteral("projects"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.describe());
        const json list = r.json();
        QVERIFY2(list.is_array(), r.describe());
        const json root = findProject(list, "Cli Root");
        QVERIFY2(root.is_object(), r.describe());
        QCOMPARE(root.at("id").get<std::string>(), m_rootId.toStdString());
        QCOMPARE(root.at("children").size(), 1u);
        const json &child = root.at("children").at(0);
        QCOMPARE(child.at("name").get<std::string>(), "Cli Root/Child");
        QCOMPARE(child.at("task_count").get<int>(), 3);
        QCOMPARE(child.at("children").at(0).at("id").get<std::string>(), m_leafId.toStdString());
        QCOMPARE(child.at("children").at(0).at("task_count").get<int>(), 1);
    }

    void tasksByPathAndId()
    {
        CliRun r = m_env.run({QStringLiteral("tasks"), QStringLiteral("Cli Root/Child")});
        QVERIFY2(r.exitCode == 0, r.describe());
        QCOMPARE(r.outLines().size(), 3); // header + 2 tasks (Leaf's task not included)
        QVERIFY(r.outLines().first().startsWith(QLatin1String("ID")));
        QVERIFY(QString::fromUtf8(r.out).contains(m_task + QStringLiteral("  listing task")));
        QVERIFY(QString::fromUtf8(r.out).contains(QLatin1String("created")));

        r = m_env.run({QStringLiteral("tasks"), m_childId, QStringLiteral("--recursive"),
                       QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.describe());
        const json tasks = r.json();
        QCOMPARE(tasks.size(), 3u);
        QStringList ids;
        for (const json &t : tasks) {
            ids << QString::fromStdString(t.at("id").get<std::string>());
            QCOMPARE(t.at("status").get<std::string>(), "created");
            QCOMPARE(t.at("type").get<std::string>(), "training");
        }
        QVERIFY(ids.contains(m_task) && ids.contains(m_leafTask) && ids.contains(m_emptyTask));

        r = m_env.run({QStringLiteral("tasks"), QStringLiteral("Cli Root/Child"),
                       QStringLiteral("--search"), QStringLiteral("listing"),
                       QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.describe());
        QCOMPARE(r.json().size(), 1u);
        QCOMPARE(r.json().at(0).at("name").get<std::string>(), "listing task");
    }

    void artifactsInTextAndJson()
    {
        CliRun r = m_env.run({QStringLiteral("artifacts"), m_task});
        QVERIFY2(r.exitCode == 0, r.describe());
        const QString text = QString::fromUtf8(r.out);
        QVERIFY2(text.contains(QLatin1String("metrics table")), r.describe());
        QVERIFY2(text.contains(QLatin1String("1.23 MB")), r.describe()); // human-readable
        QVERIFY2(text.contains(QLatin1String("https://example.invalid/metrics.csv")), r.describe());

        r = m_env.run({QStringLiteral("artifacts"), m_task, QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.describe());
        const json list = r.json();
        QCOMPARE(list.size(), 1u);
        const json &a = list.at(0);
        QCOMPARE(a.at("key").get<std::string>(), "metrics table");
        QCOMPARE(a.at("size").get<qint64>(), 1234567); // exact in JSON
        QCOMPARE(a.at("hash").get<std::string>(), QStringLiteral("ab").repeated(32).toStdString());
        QCOMPARE(a.at("content_type").get<std::string>(), "text/csv");
        QCOMPARE(a.at("time").get<std::string>(), "2023-11-14T22:13:20Z");

        r = m_env.run({QStringLiteral("artifacts"), m_emptyTask, QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.describe());
        QVERIFY(r.json().is_array() && r.json().empty());
    }

    void modelsInTextAndJson()
    {
        CliRun r = m_env.run({QStringLiteral("models"), m_task});
        QVERIFY2(r.exitCode == 0, r.describe());
        const QString text = QString::fromUtf8(r.out);
        QVERIFY2(text.contains(QLatin1String("output")) && text.contains(m_modelId)
                         && text.contains(QLatin1String("listing model"))
                         && text.contains(QLatin1String("PyTorch")),
                 r.describe());

        r = m_env.run({QStringLiteral("models"), m_task, QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.describe());
        const json j = r.json();
        QCOMPARE(j.at("task").get<std::string>(), m_task.toStdString());
        QCOMPARE(j.at("input").size(), 0u);
        QCOMPARE(j.at("output").size(), 1u);
        QCOMPARE(j.at("output").at(0).at("id").get<std::string>(), m_modelId.toStdString());
        QCOMPARE(j.at("output").at(0).at("uri").get<std::string>(), "file:///w/listing.pt");
    }

    void unknownIdsFailWithOneLine_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("needle");
        const QString missing = QStringLiteral("0123456789abcdef0123456789abcdef");
        QTest::newRow("artifacts") << QStringList{QStringLiteral("artifacts"), missing}
                                   << QStringLiteral("no task with id");
        QTest::newRow("models") << QStringList{QStringLiteral("models"), missing}
                                << QStringLiteral("no task with id");
        QTest::newRow("tasks") << QStringList{QStringLiteral("tasks"), QStringLiteral("No/Such")}
                               << QStringLiteral("no project named");
        QTest::newRow("get") << QStringList{QStringLiteral("get"), missing, QStringLiteral("x")}
                             << QStringLiteral("no task with id");
        QTest::newRow("get-model") << QStringList{QStringLiteral("get-model"), missing}
                                   << QStringLiteral("no model with id");
        QTest::newRow("lineage") << QStringList{QStringLiteral("lineage"), missing}
                                 << QStringLiteral("no task or model");
    }
    void unknownIdsFailWithOneLine()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, needle);
        const CliRun r = m_env.run(args);
        QVERIFY2(!r.crashed, r.describe());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.isEmpty(), r.describe());
        const QString line = oneErrorLine(r);
        QVERIFY2(line.startsWith(QLatin1String("trove-cli: ")) && line.contains(needle),
                 r.describe());
    }

    void unknownArtifactNamesTheKnownOnes()
    {
        const CliRun r = m_env.run({QStringLiteral("get"), m_task, QStringLiteral("nope")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(oneErrorLine(r).contains(QLatin1String("artifacts: metrics table")), r.describe());
    }

    void usageErrorsExitWithTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no command") << QStringList{};
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")};
        QTest::newRow("missing argument") << QStringList{QStringLiteral("artifacts")};
        QTest::newRow("extra argument")
                << QStringList{QStringLiteral("projects"), QStringLiteral("extra")};
        QTest::newRow("unknown option")
                << QStringList{QStringLiteral("projects"), QStringLiteral("--bogus")};
        QTest::newRow("bad depth") << QStringList{QStringLiteral("lineage"), m_task,
                                                  QStringLiteral("--depth"), QStringLiteral("x")};
        QTest::newRow("bad format")
                << QStringList{QStringLiteral("lineage"), m_task, QStringLiteral("--format"),
                               QStringLiteral("xml")};
        QTest::newRow("bad limit") << QStringList{QStringLiteral("tasks"), QStringLiteral("x"),
                                                  QStringLiteral("--limit"), QStringLiteral("0")};
        QTest::newRow("config and server") << QStringList{
                QStringLiteral("--config"), QStringLiteral("a.conf"), QStringLiteral("--server"),
                QStringLiteral("b"), QStringLiteral("projects")};
    }
    void usageErrorsExitWithTwo()
    {
        QFETCH(QStringList, args);
        const CliRun r = m_env.run(args);
        QVERIFY2(!r.crashed, r.describe());
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.out.isEmpty(), r.describe());
        QVERIFY2(r.errLines().size() == 2, r.describe()); // the error and a "Try …" hint
        QVERIFY(r.errLines().at(0).startsWith(QLatin1String("trove-cli: ")));
        QVERIFY(r.errLines().at(1).contains(QLatin1String("--help")));
    }

    void helpForEveryCommand()
    {
        const CliRun global = m_env.run({QStringLiteral("--help")});
        QCOMPARE(global.exitCode, 0);
        const QStringList commands = {QStringLiteral("projects"),  QStringLiteral("tasks"),
                                      QStringLiteral("artifacts"), QStringLiteral("models"),
                                      QStringLiteral("get"),       QStringLiteral("get-model"),
                                      QStringLiteral("put"),       QStringLiteral("put-model"),
                                      QStringLiteral("lineage"),   QStringLiteral("inspect"),
                                      QStringLiteral("cache")};
        for (const QString &c : commands) {
            QVERIFY2(QString::fromUtf8(global.out)
                             .contains(QStringLiteral("\n  ") + c + QLatin1Char(' ')),
                     qPrintable(c));
            const CliRun r = m_env.run({c, QStringLiteral("--help")});
            QVERIFY2(r.exitCode == 0, r.describe());
            QVERIFY2(r.out.startsWith("Usage: trove-cli " + c.toUtf8()), r.describe());
            QVERIFY2(r.out.contains("--json") && r.out.contains("--config"), r.describe());
            QVERIFY(r.err.isEmpty());
            for (const QString &line : r.outLines())
                QVERIFY2(line.size() <= 100, qPrintable(line));
        }
        const CliRun viaHelp = m_env.run({QStringLiteral("help"), QStringLiteral("get")});
        QCOMPARE(viaHelp.exitCode, 0);
        QVERIFY(viaHelp.out.startsWith("Usage: trove-cli get TASK_ID ARTIFACT"));
    }

    void configFileIsUsed()
    {
        // No CLEARML_* variables: the keys come from --config only.
        const QString conf = m_env.writeFile(
                QStringLiteral("other.conf"),
                QStringLiteral("api {\n"
                               "  api_server: %1\n"
                               "  files_server: %2\n"
                               "  credentials { \"access_key\" = \"%3\", \"secret_key\": \"%4\" }\n"
                               "}\n")
                        .arg(m_env.server.apiUrl().toString(), m_env.server.filesUrl().toString(),
                             m_env.server.accessKey(), m_env.server.secretKey())
                        .toUtf8());
        QProcessEnvironment env = m_env.environment();
        for (const QString &k : env.keys())
            if (k.startsWith(QLatin1String("CLEARML_API"))
                || k.startsWith(QLatin1String("CLEARML_FILES"))
                || k.startsWith(QLatin1String("CLEARML_WEB")))
                env.remove(k);
        CliRun r = m_env.run({QStringLiteral("--config"), conf, QStringLiteral("artifacts"), m_task,
                              QStringLiteral("--json")},
                             env);
        QVERIFY2(r.exitCode == 0, r.describe());
        QCOMPARE(r.json().at(0).at("key").get<std::string>(), "metrics table");
        // After the command works too.
        r = m_env.run({QStringLiteral("models"), m_task, QStringLiteral("--config"), conf}, env);
        QVERIFY2(r.exitCode == 0, r.describe());

        // A malformed file: one line naming the file, line and column.
        const QString bad = m_env.writeFile(QStringLiteral("bad.conf"), "api {\n  api_server: \n");
        r = m_env.run({QStringLiteral("--config"), bad, QStringLiteral("projects")}, env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(oneErrorLine(r).contains(bad) && oneErrorLine(r).contains(QLatin1String("line")),
                 r.describe());
        r = m_env.run({QStringLiteral("--config"), m_env.home.filePath(QStringLiteral("none.conf")),
                       QStringLiteral("projects")},
                      env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(oneErrorLine(r).contains(QLatin1String("no such file")), r.describe());
    }

    void savedServerProfileIsUsed()
    {
        // Written the way the GUI saves it: core ServerProfiles into the shared settings
        // store (ConfigSource::openSettings), here under the temp XDG_CONFIG_HOME.
        ServerProfile profile;
        profile.name = QStringLiteral("lab");
        profile.apiServer = m_env.server.apiUrl();
        profile.filesServer = m_env.server.filesUrl();
        profile.accessKey = m_env.server.accessKey();
        profile.secretKey = m_env.server.secretKey();
        ServerProfiles profiles;
        QVERIFY(profiles.upsert(profile).ok());
        {
            const QByteArray oldXdg = qgetenv("XDG_CONFIG_HOME");
            qputenv("XDG_CONFIG_HOME", m_env.home.filePath(QStringLiteral("config")).toUtf8());
            auto settings = ConfigSource::openSettings();
            profiles.save(*settings);
            QCOMPARE(settings->status(), QSettings::NoError);
            QVERIFY(settings->fileName().startsWith(m_env.home.path()));
            qputenv("XDG_CONFIG_HOME", oldXdg);
        }
        // No CLEARML_* credentials in the environment: only the profile can log in.
        QProcessEnvironment env = m_env.environment();
        env.remove(QStringLiteral("CLEARML_API_ACCESS_KEY"));
        env.remove(QStringLiteral("CLEARML_API_SECRET_KEY"));
        env.insert(QStringLiteral("CLEARML_API_HOST"), QStringLiteral("http://127.0.0.1:1"));
        CliRun r = m_env.run({QStringLiteral("--server"), QStringLiteral("lab"),
                              QStringLiteral("models"), m_task, QStringLiteral("--json")},
                             env);
        QVERIFY2(r.exitCode == 0, r.describe());
        QCOMPARE(r.json().at("output").at(0).at("id").get<std::string>(), m_modelId.toStdString());

        r = m_env.run(
                {QStringLiteral("--server"), QStringLiteral("nope"), QStringLiteral("projects")},
                env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(oneErrorLine(r).contains(QLatin1String("known servers: lab")), r.describe());
    }

    void noCredentialsIsAClearError()
    {
        QProcessEnvironment env = m_env.environment();
        for (const QString &k : env.keys())
            if (k.startsWith(QLatin1String("CLEARML_")) && k != QLatin1String("CLEARML_CACHE_DIR"))
                env.remove(k);
        const CliRun r = m_env.run({QStringLiteral("projects")}, env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(oneErrorLine(r).contains(QLatin1String("not configured")), r.describe());
        // `cache` needs no server.
        QCOMPARE(m_env.run({QStringLiteral("cache")}, env).exitCode, 0);
    }

    void unreachableServerIsOneLine()
    {
        QProcessEnvironment env = m_env.environment();
        env.insert(QStringLiteral("CLEARML_API_HOST"), QStringLiteral("http://127.0.0.1:1"));
        const CliRun r = m_env.run({QStringLiteral("projects")}, env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(!oneErrorLine(r).isEmpty(), r.describe());
    }
};

QTEST_GUILESS_MAIN(TestCliListings)
#include "tst_clilistings.moc"

// With nothing configured (no clearml.conf, no CLEARML_* variables, no saved profile) the
// main window starts the embedded local server in-process (LocalEmbeddedServer, the real
// Trove::Server) with the demo workspace, stays usable meanwhile, and ends up showing it.
#include "app/connectioncontroller.h"
#include "isolatedsettings.h"
#include "localembeddedserver.h"
#include "models/projecttreemodel.h"
#include "views/mainwindow.h"
#include "views/projecttreepanel.h"
#include "widgets/serverswitcher.h"

#include <QAction>
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Trove;

class TestEmbeddedStart : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("HOME", m_home.path().toUtf8());
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral(".config")).toUtf8());
        qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral(".local/share")).toUtf8());
        qputenv("TROVE_DEMO_TABLE_MB", "1");
        qunsetenv("TROVE_EMBEDDED_DATA");
        Trove::Test::isolateUserSettings();
    }

    void dataFolder()
    {
        QCOMPARE(EmbeddedServer::resolveDataDir(QStringLiteral("/tmp/x")),
                 QStringLiteral("/tmp/x"));
        qputenv("TROVE_EMBEDDED_DATA", "/tmp/from-env");
        QCOMPARE(EmbeddedServer::resolveDataDir(), QStringLiteral("/tmp/from-env"));
        qunsetenv("TROVE_EMBEDDED_DATA");
        QVERIFY(EmbeddedServer::resolveDataDir().endsWith(QStringLiteral("/trove/embedded")));
    }

    void noConfigurationStartsTheEmbeddedServer()
    {
        const QString data = m_home.filePath(QStringLiteral("embedded"));
        LocalEmbeddedServer embedded(EmbeddedServer::resolveDataDir(data));
        ConnectionController connection(&embedded);
        QProcessEnvironment env;
        env.insert(QStringLiteral("HOME"), m_home.path()); // no clearml.conf there
        connection.setEnvironment(env);
        MainWindow window(&connection);
        window.setPersistState(false);
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // While the server starts, the window says so and stays usable.
        bool sawStarting = false;
        connect(&connection, &ConnectionController::stateChanged, this,
                [&](ConnectionController::State state) {
                    if (state != ConnectionController::State::StartingEmbedded)
                        return;
                    sawStarting = true;
                    QCOMPARE(connection.currentId(), QStringLiteral("embedded"));
                    QVERIFY(window.statusLabel()->text().contains(
                            QStringLiteral("Starting the embedded")));
                    QVERIFY(window.action(QStringLiteral("settings"))->isEnabled());
                    QVERIFY(window.serverSwitcher()->isEnabled());
                    QVERIFY(window.serverSwitcher()->rowOf(QStringLiteral("embedded")) >= 0);
                    QVERIFY(!window.pendingWork().isEmpty());
                });
        connection.connectDefault();
        QTRY_VERIFY_WITH_TIMEOUT(window.pendingWork().isEmpty(), 240000);
        QVERIFY(sawStarting);
        QCOMPARE(connection.currentId(), QStringLiteral("embedded"));
        QCOMPARE(embedded.state(), EmbeddedServer::State::Running);
        QVERIFY(window.failure().isEmpty());
        QVERIFY(window.statusLabel()->text().contains(QStringLiteral("Embedded local server")));
        QVERIFY(window.statusLabel()->text().contains(data));
        const QUrl api = embedded.config().apiServer;
        QCOMPARE(api.host(), QStringLiteral("127.0.0.1"));
        ProjectTreeModel *tree = window.projectModel();
        QVERIFY(tree);
        bool found = false;
        for (int r = 0; r < tree->rowCount(); ++r)
            found = found || tree->index(r, 0).data().toString() == QLatin1String("Trove Demo");
        QVERIFY(found);

        // The ports are remembered for the next start (the demo's URIs name them).
        QSettings remembered(data + QStringLiteral("/trove-gui.ini"), QSettings::IniFormat);
        QCOMPARE(remembered.value(QStringLiteral("apiPort")).toInt(), api.port());
    }
};

QTEST_MAIN(TestEmbeddedStart)
#include "tst_embeddedstart.moc"

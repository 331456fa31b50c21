// trove-server's command line: --help, bad values and unknown options (exit 2 with a clear
// message, nothing started), --print-credentials on a fresh folder, and a port already in use.
#include "testserver.h"

#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

class TestServerCli : public QObject
{
    Q_OBJECT

private slots:
    void help();
    void badArguments_data();
    void badArguments();
    void printCredentialsOnFreshFolder();
    void portInUse();

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    Run run(const QStringList &args, int timeoutMs = 30000);
};

TestServerCli::Run TestServerCli::run(const QStringList &args, int timeoutMs)
{
    QProcess p;
    p.start(TestServer::binary(), args);
    Run r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

void TestServerCli::help()
{
    const Run r = run({QStringLiteral("--help")});
    QCOMPARE(r.exitCode, 0);
    for (const char *option : {"--data", "--host", "--api-port", "--files-port", "--demo",
                               "--no-files-auth", "--print-credentials"})
        QVERIFY2(r.out.contains(option), option);
}

void TestServerCli::badArguments_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("port not a number")
            << QStringList{"--api-port", "eighty"} << QByteArray("--api-port takes a port number");
    QTest::newRow("port out of range") << QStringList{"--files-port", "70000"}
                                       << QByteArray("--files-port takes a port number");
    QTest::newRow("unknown option")
            << QStringList{"--no-such-option"} << QByteArray("no-such-option");
    QTest::newRow("missing value") << QStringList{"--data"} << QByteArray("data");
    QTest::newRow("bad throttle") << QStringList{"--throttle-files", "-5"}
                                  << QByteArray("--throttle-files takes a positive number");
}

void TestServerCli::badArguments()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, message);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // --data goes last in "missing value", so no data folder is added there.
    if (args.first() != QLatin1String("--data"))
        args << QStringLiteral("--data") << dir.path();
    const Run r = run(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.startsWith("trove-server: "), r.err.constData());
    QVERIFY2(r.err.contains(message), r.err.constData());
    QVERIFY(!r.out.contains("api_server=")); // nothing was started
}

void TestServerCli::printCredentialsOnFreshFolder()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString data = dir.path() + QStringLiteral("/new/nested");
    const Run first = run({QStringLiteral("--data"), data, QStringLiteral("--print-credentials")});
    QCOMPARE(first.exitCode, 0);
    const QList<QByteArray> lines = first.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QVERIFY(lines[0].startsWith("CLEARML_API_ACCESS_KEY="));
    QVERIFY(lines[1].startsWith("CLEARML_API_SECRET_KEY="));
    QVERIFY(lines[1].size() > int(sizeof("CLEARML_API_SECRET_KEY=")) + 16);
    // The keys are created once and kept.
    const Run second = run({QStringLiteral("--data"), data, QStringLiteral("--print-credentials")});
    QCOMPARE(second.out, first.out);
}

void TestServerCli::portInUse()
{
    QTcpServer busy;
    QVERIFY(busy.listen(QHostAddress::LocalHost, 0));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Run r = run({QStringLiteral("--data"), dir.path(), QStringLiteral("--api-port"),
                       QString::number(busy.serverPort()), QStringLiteral("--files-port"),
                       QStringLiteral("0")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.startsWith("trove-server: "), r.err.constData());
    QVERIFY2(r.err.contains(QByteArray::number(busy.serverPort())), r.err.constData());
    QVERIFY(!r.out.contains("api_server="));
}

QTEST_GUILESS_MAIN(TestServerCli)
#include "tst_servercli.moc"

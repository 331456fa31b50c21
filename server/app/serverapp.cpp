#include "serverapp.h"

#include "app/localserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>

#include <csignal>
#include <cstdio>
#include <pthread.h>

namespace Trove::Server {

namespace {

const char *const HelpText
        = "ClearML-compatible local server: REST API and file server over one data folder.\n"
          "\n"
          "Test hooks (only with --test-hooks):\n"
          "  debug.inject_faults {endpoint:\"tasks.get_all\"|\"*\", status:503, count:3}\n"
          "      the next <count> calls of that endpoint (\"*\" = any) answer <status> with a\n"
          "      ClearML envelope; {files:true, status:503, count:N} does the same for file GETs.\n"
          "  --throttle-files BYTES_PER_SEC limits file GET throughput (also without "
          "--test-hooks).";

bool parseOptions(const QStringList &args, ServerOptions *options, QString *error)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromLatin1(HelpText));
    parser.addHelpOption();
    const QCommandLineOption data(
            QStringLiteral("data"),
            QStringLiteral("Data folder (default $XDG_DATA_HOME/trove/server)."),
            QStringLiteral("DIR"));
    const QCommandLineOption host(QStringLiteral("host"), QStringLiteral("Listen address."),
                                  QStringLiteral("ADDR"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption apiPort(QStringLiteral("api-port"),
                                     QStringLiteral("API port (0 = any free port)."),
                                     QStringLiteral("N"), QStringLiteral("8008"));
    const QCommandLineOption filesPort(QStringLiteral("files-port"),
                                       QStringLiteral("File server port (0 = any free port)."),
                                       QStringLiteral("N"), QStringLiteral("8081"));
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QStringLiteral("Fill the demo workspace before serving."));
    const QCommandLineOption noFilesAuth(QStringLiteral("no-files-auth"),
                                         QStringLiteral("Serve files without a token."));
    const QCommandLineOption printCredentials(
            QStringLiteral("print-credentials"),
            QStringLiteral("Print CLEARML_API_ACCESS_KEY=/CLEARML_API_SECRET_KEY= and exit."));
    const QCommandLineOption testHooks(QStringLiteral("test-hooks"),
                                       QStringLiteral("Enable debug.inject_faults (tests only)."));
    const QCommandLineOption throttle(QStringLiteral("throttle-files"),
                                      QStringLiteral("Limit file GET throughput (tests only)."),
                                      QStringLiteral("BYTES_PER_SEC"));
    parser.addOptions({data, host, apiPort, filesPort, demo, noFilesAuth, printCredentials,
                       testHooks, throttle});
    if (!parser.parse(args)) {
        *error = parser.errorText();
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(parser.helpText().toUtf8().constData(), stdout);
        std::exit(0);
    }
    bool ok = true;
    options->apiPort = parser.value(apiPort).toInt(&ok);
    if (!ok || options->apiPort < 0 || options->apiPort > 65535) {
        *error = QStringLiteral("--api-port takes a port number");
        return false;
    }
    options->filesPort = parser.value(filesPort).toInt(&ok);
    if (!ok || options->filesPort < 0 || options->filesPort > 65535) {
        *error = QStringLiteral("--files-port takes a port number");
        return false;
    }
    if (parser.isSet(throttle)) {
        options->throttleFilesBytesPerSec = parser.value(throttle).toLongLong(&ok);
        if (!ok || options->throttleFilesBytesPerSec <= 0) {
            *error = QStringLiteral("--throttle-files takes a positive number of bytes per second");
            return false;
        }
    }
    options->host = parser.value(host);
    options->demo = parser.isSet(demo);
    options->filesAuth = !parser.isSet(noFilesAuth);
    options->printCredentials = parser.isSet(printCredentials);
    options->testHooks = parser.isSet(testHooks);
    options->dataDir = parser.value(data);
    if (options->dataDir.isEmpty()) {
        options->dataDir = LocalServer::defaultDataDir();
    }
    return true;
}

void printLine(const std::string &line)
{
    std::fputs(line.c_str(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

} // namespace

int runServer(int argc, char **argv)
{
    // Block the stop signals in every thread; the main thread waits for them with sigwait.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGTERM);
    sigaddset(&stopSignals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("trove-server"));
    ServerOptions options;
    QString error;
    if (!parseOptions(QCoreApplication::arguments(), &options, &error)) {
        std::fprintf(stderr, "trove-server: %s\n", error.toUtf8().constData());
        return 2;
    }
    if (options.printCredentials) {
        Credentials credentials;
        if (!QDir().mkpath(options.dataDir))
            error = QStringLiteral("cannot create data folder %1").arg(options.dataDir);
        else if (Credentials::loadOrCreate(options.dataDir, &credentials, &error)) {
            printLine("CLEARML_API_ACCESS_KEY=" + credentials.accessKey);
            printLine("CLEARML_API_SECRET_KEY=" + credentials.secretKey);
            return 0;
        }
        std::fprintf(stderr, "trove-server: %s\n", error.toUtf8().constData());
        return 1;
    }

    LocalServer server;
    if (!server.start(options, &error)) {
        std::fprintf(stderr, "trove-server: %s\n", error.toUtf8().constData());
        return 1;
    }
    printLine("api_server=" + server.apiUrl());
    printLine("files_server=" + server.filesUrl());

    int signal = 0;
    sigwait(&stopSignals, &signal);
    std::fprintf(stderr, "trove-server: stopping (signal %d)\n", signal);
    server.stop();
    return 0;
}

} // namespace Trove::Server

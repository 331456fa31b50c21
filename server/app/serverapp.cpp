#include "serverapp.h"

#include "api/apiserver.h"
#include "api/dispatcher.h"
#include "api/router.h"
#include "app/servercontext.h"
#include "demo/demoworkspace.h"
#include "files/fileserver.h"
#include "files/filestorage.h"
#include "services/authservice.h"
#include "services/eventservice.h"
#include "services/modelservice.h"
#include "services/projectservice.h"
#include "services/systemservice.h"
#include "services/taskservice.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>

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
        QString base = qEnvironmentVariable("XDG_DATA_HOME");
        if (base.isEmpty())
            base = QDir::homePath() + QStringLiteral("/.local/share");
        options->dataDir = base + QStringLiteral("/trove/server");
    }
    return true;
}

void printLine(const std::string &line)
{
    std::fputs(line.c_str(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

std::string urlFor(const QString &host, int port)
{
    QString h = host;
    if (h == QStringLiteral("0.0.0.0") || h.isEmpty())
        h = QStringLiteral("127.0.0.1");
    if (h.contains(QLatin1Char(':')))
        h = QLatin1Char('[') + h + QLatin1Char(']');
    return "http://" + h.toStdString() + ":" + std::to_string(port);
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
    auto context = std::make_unique<ServerContext>();
    QString error;
    if (!parseOptions(QCoreApplication::arguments(), &context->options, &error)) {
        std::fprintf(stderr, "trove-server: %s\n", error.toUtf8().constData());
        return 2;
    }
    const QString dataDir = context->options.dataDir;
    if (!QDir().mkpath(dataDir)) {
        std::fprintf(stderr, "trove-server: cannot create data folder %s\n",
                     dataDir.toUtf8().constData());
        return 1;
    }
    if (!Credentials::loadOrCreate(dataDir, &context->credentials, &error)) {
        std::fprintf(stderr, "trove-server: %s\n", error.toUtf8().constData());
        return 1;
    }
    if (context->options.printCredentials) {
        printLine("CLEARML_API_ACCESS_KEY=" + context->credentials.accessKey);
        printLine("CLEARML_API_SECRET_KEY=" + context->credentials.secretKey);
        return 0;
    }
    context->jwt = Jwt(context->credentials.jwtSecret);
    if (!context->store.open(QDir(dataDir).filePath(QStringLiteral("trove.sqlite")), &error)) {
        std::fprintf(stderr, "trove-server: %s\n", error.toUtf8().constData());
        return 1;
    }
    context->filesRoot = QDir(dataDir).filePath(QStringLiteral("files"));
    FileStorage storage;
    if (!storage.open(context->filesRoot, QDir(dataDir).filePath(QStringLiteral("files-tmp")),
                      &error)) {
        std::fprintf(stderr, "trove-server: %s\n", error.toUtf8().constData());
        return 1;
    }

    Router router;
    AuthService auth(*context);
    SystemService system(*context);
    ProjectService projects(*context);
    TaskService tasks(*context);
    ModelService models(*context);
    EventService events(*context);
    auth.registerRoutes(router);
    system.registerRoutes(router);
    projects.registerRoutes(router);
    tasks.registerRoutes(router);
    models.registerRoutes(router);
    events.registerRoutes(router);
    Dispatcher dispatcher(*context, router);

    const std::string host = context->options.host.toStdString();
    ApiServer api(dispatcher);
    FileServer files(*context, storage);
    const int apiPort = api.bind(host, context->options.apiPort);
    if (apiPort <= 0) {
        std::fprintf(stderr, "trove-server: cannot listen on %s:%d (API)\n", host.c_str(),
                     context->options.apiPort);
        return 1;
    }
    const int filesPort = files.bind(host, context->options.filesPort);
    if (filesPort <= 0) {
        std::fprintf(stderr, "trove-server: cannot listen on %s:%d (files)\n", host.c_str(),
                     context->options.filesPort);
        return 1;
    }
    context->apiUrl = urlFor(context->options.host, apiPort);
    context->filesUrl = urlFor(context->options.host, filesPort);
    api.start();
    files.start();

    if (context->options.demo) {
        DemoTarget target;
        target.apiUrl = QUrl(QString::fromStdString(context->apiUrl));
        target.filesUrl = QUrl(QString::fromStdString(context->filesUrl));
        target.accessKey = QString::fromStdString(context->credentials.accessKey);
        target.secretKey = QString::fromStdString(context->credentials.secretKey);
        target.dataDir = dataDir;
        QString demoError;
        if (!populateDemoWorkspace(target, &demoError)) {
            std::fprintf(stderr, "trove-server: demo workspace failed: %s\n",
                         demoError.toUtf8().constData());
            api.stop();
            files.stop();
            return 1;
        }
    }
    printLine("api_server=" + context->apiUrl);
    printLine("files_server=" + context->filesUrl);

    int signal = 0;
    sigwait(&stopSignals, &signal);
    std::fprintf(stderr, "trove-server: stopping (signal %d)\n", signal);
    api.stop();
    files.stop();
    return 0;
}

} // namespace Trove::Server

#include "localserver.h"

#include "api/apiserver.h"
#include "api/dispatcher.h"
#include "api/router.h"
#include "demo/demoworkspace.h"
#include "files/fileserver.h"
#include "files/filestorage.h"
#include "services/authservice.h"
#include "services/eventservice.h"
#include "services/modelservice.h"
#include "services/projectservice.h"
#include "services/systemservice.h"
#include "services/taskservice.h"

#include <QDir>
#include <QUrl>

namespace Trove::Server {

namespace {

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

/// The services and listeners of a started server. Members are declared in dependency order,
/// so they are destroyed listeners first.
struct LocalServer::Running
{
    explicit Running(ServerContext &context)
        : auth(context)
        , system(context)
        , projects(context)
        , tasks(context)
        , models(context)
        , events(context)
        , dispatcher(context, router)
        , api(dispatcher)
        , files(context, storage)
    {
        auth.registerRoutes(router);
        system.registerRoutes(router);
        projects.registerRoutes(router);
        tasks.registerRoutes(router);
        models.registerRoutes(router);
        events.registerRoutes(router);
    }
    ~Running()
    {
        api.stop();
        files.stop();
    }

    FileStorage storage;
    Router router;
    AuthService auth;
    SystemService system;
    ProjectService projects;
    TaskService tasks;
    ModelService models;
    EventService events;
    Dispatcher dispatcher;
    ApiServer api;
    FileServer files;
};

LocalServer::LocalServer() = default;

LocalServer::~LocalServer()
{
    stop();
}

QString LocalServer::defaultDataDir()
{
    QString base = qEnvironmentVariable("XDG_DATA_HOME");
    if (base.isEmpty())
        base = QDir::homePath() + QStringLiteral("/.local/share");
    return base + QStringLiteral("/trove/server");
}

bool LocalServer::start(const ServerOptions &options, QString *error)
{
    stop();
    auto context = std::make_unique<ServerContext>();
    context->options = options;
    const QString dataDir = options.dataDir.isEmpty() ? defaultDataDir() : options.dataDir;
    context->options.dataDir = dataDir;
    if (!QDir().mkpath(dataDir)) {
        *error = QStringLiteral("cannot create data folder %1").arg(dataDir);
        return false;
    }
    if (!Credentials::loadOrCreate(dataDir, &context->credentials, error))
        return false;
    context->jwt = Jwt(context->credentials.jwtSecret);
    if (!context->store.open(QDir(dataDir).filePath(QStringLiteral("trove.sqlite")), error))
        return false;
    context->filesRoot = QDir(dataDir).filePath(QStringLiteral("files"));

    auto running = std::make_unique<Running>(*context);
    if (!running->storage.open(context->filesRoot,
                               QDir(dataDir).filePath(QStringLiteral("files-tmp")), error))
        return false;

    const std::string host = options.host.toStdString();
    const int apiPort = running->api.bind(host, options.apiPort);
    if (apiPort <= 0) {
        *error = QStringLiteral("cannot listen on %1:%2 (API)")
                         .arg(options.host)
                         .arg(options.apiPort);
        return false;
    }
    const int filesPort = running->files.bind(host, options.filesPort);
    if (filesPort <= 0) {
        *error = QStringLiteral("cannot listen on %1:%2 (files)")
                         .arg(options.host)
                         .arg(options.filesPort);
        return false;
    }
    context->apiUrl = urlFor(options.host, apiPort);
    context->filesUrl = urlFor(options.host, filesPort);
    running->api.start();
    running->files.start();

    if (options.demo) {
        DemoTarget target;
        target.apiUrl = QUrl(QString::fromStdString(context->apiUrl));
        target.filesUrl = QUrl(QString::fromStdString(context->filesUrl));
        target.accessKey = QString::fromStdString(context->credentials.accessKey);
        target.secretKey = QString::fromStdString(context->credentials.secretKey);
        target.dataDir = dataDir;
        QString demoError;
        if (!populateDemoWorkspace(target, &demoError)) {
            *error = QStringLiteral("demo workspace failed: %1").arg(demoError);
            return false; // `running` stops both listeners
        }
    }
    m_context = std::move(context);
    m_running = std::move(running);
    return true;
}

void LocalServer::stop()
{
    m_running.reset();
    m_context.reset();
}

bool LocalServer::isRunning() const
{
    return m_running != nullptr;
}

std::string LocalServer::apiUrl() const
{
    return m_context ? m_context->apiUrl : std::string();
}

std::string LocalServer::filesUrl() const
{
    return m_context ? m_context->filesUrl : std::string();
}

const Credentials &LocalServer::credentials() const
{
    static const Credentials none;
    return m_context ? m_context->credentials : none;
}

} // namespace Trove::Server

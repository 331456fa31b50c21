#include "localserver.h"

#include "api/apierror.h"
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
#include <QFile>
#include <QSaveFile>
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

/// Artifacts and models uploaded to this server carry its file server's URL in their `uri`, as
/// with ClearML. When the file server comes up on another port than last time (the remembered
/// one was taken, or the folder was served elsewhere first), the stored URIs that point at the
/// folder's previous file server are moved to the current one, so that nothing uploaded earlier
/// becomes unreachable. The previous URL is kept in `<data>/files-url`.
bool relocateFileUrls(Store &store,
                      const QString &dataDir,
                      const std::string &filesUrl,
                      QString *error)
{
    QFile record(QDir(dataDir).filePath(QStringLiteral("files-url")));
    std::string previous;
    if (record.open(QIODevice::ReadOnly)) {
        previous = record.readAll().trimmed().toStdString();
        record.close();
    }
    if (!previous.empty() && previous != filesUrl) {
        const std::string from = previous + "/";
        const std::string to = filesUrl + "/";
        try {
            Store::Transaction tx(store);
            for (const char *collection : {"tasks", "models"}) {
                for (const Json &doc : tx.all(collection)) {
                    std::string text = doc.dump();
                    if (text.find(from) == std::string::npos)
                        continue;
                    for (size_t at = text.find(from); at != std::string::npos;
                         at = text.find(from, at + to.size()))
                        text.replace(at, from.size(), to);
                    Json moved = Json::parse(text, nullptr, false);
                    if (moved.is_discarded() || !moved.contains("id") || !moved["id"].is_string())
                        continue;
                    tx.put(collection, moved["id"].get<std::string>(), moved);
                }
            }
            tx.commit();
        } catch (const ApiError &e) {
            *error = QStringLiteral("cannot move the stored file URLs to %1: %2")
                             .arg(QString::fromStdString(filesUrl), QString::fromUtf8(e.what()));
            return false;
        }
    }
    if (previous != filesUrl) {
        QSaveFile out(record.fileName());
        if (!out.open(QIODevice::WriteOnly)
            || out.write(QByteArray::fromStdString(filesUrl + "\n")) < 0 || !out.commit()) {
            *error = QStringLiteral("cannot write %1: %2")
                             .arg(record.fileName(), out.errorString());
            return false;
        }
    }
    return true;
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
    if (!relocateFileUrls(context->store, dataDir, context->filesUrl, error))
        return false;
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

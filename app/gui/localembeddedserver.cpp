#include "localembeddedserver.h"

#include "app/localserver.h"

#include <QSettings>
#include <QtConcurrent>

namespace Trove {

LocalEmbeddedServer::LocalEmbeddedServer(QString dataDir, QObject *parent)
    : EmbeddedServer(parent)
    , m_dataDir(std::move(dataDir))
    , m_server(std::make_unique<Server::LocalServer>())
{
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, &LocalEmbeddedServer::onStarted);
}

LocalEmbeddedServer::~LocalEmbeddedServer()
{
    m_watcher.disconnect(this);
    // The demo fill cannot be interrupted: at shutdown during a first start, wait for it.
    m_watcher.waitForFinished();
    m_server->stop();
}

void LocalEmbeddedServer::start()
{
    if (m_state == State::Starting || m_state == State::Running)
        return;
    m_state = State::Starting;
    m_error.clear();
    emit stateChanged(m_state);
    m_watcher.setFuture(QtConcurrent::run(&LocalEmbeddedServer::run, m_server.get(), m_dataDir));
}

LocalEmbeddedServer::Outcome LocalEmbeddedServer::run(Server::LocalServer *server,
                                                      const QString &dataDir)
{
    Outcome out;
    QSettings remembered(dataDir + QStringLiteral("/trove-gui.ini"), QSettings::IniFormat);
    Server::ServerOptions options;
    options.dataDir = dataDir;
    options.host = QStringLiteral("127.0.0.1");
    options.demo = true;
    options.apiPort = remembered.value(QStringLiteral("apiPort"), 0).toInt();
    options.filesPort = remembered.value(QStringLiteral("filesPort"), 0).toInt();
    QString error;
    bool ok = server->start(options, &error);
    if (!ok && (options.apiPort != 0 || options.filesPort != 0)) {
        options.apiPort = 0;
        options.filesPort = 0;
        const QString firstError = error;
        ok = server->start(options, &error);
        if (ok)
            out.warning = QStringLiteral("the remembered ports were taken (%1); artifacts "
                                         "registered earlier may not open")
                                  .arg(firstError);
    }
    if (!ok) {
        out.error = error;
        return out;
    }
    const QUrl api(QString::fromStdString(server->apiUrl()));
    const QUrl files(QString::fromStdString(server->filesUrl()));
    remembered.setValue(QStringLiteral("apiPort"), api.port());
    remembered.setValue(QStringLiteral("filesPort"), files.port());
    remembered.sync();
    out.ok = true;
    out.config.apiServer = api;
    out.config.webServer = api; // no web UI: deep links are parsed by path only
    out.config.filesServer = files;
    out.config.accessKey = QString::fromStdString(server->credentials().accessKey);
    out.config.secretKey = QString::fromStdString(server->credentials().secretKey);
    // The cache stays the SDK's (CLEARML_CACHE_DIR or ~/.clearml/cache).
    const ClearmlConfig defaults = ClearmlConfig::fromTree(
            nlohmann::json::object(), QProcessEnvironment::systemEnvironment());
    out.config.cacheBaseDir = defaults.cacheBaseDir;
    out.config.cacheManagerSize = defaults.cacheManagerSize;
    return out;
}

void LocalEmbeddedServer::onStarted()
{
    const Outcome out = m_watcher.result();
    if (!out.ok) {
        m_state = State::Failed;
        m_error = out.error;
    } else {
        m_state = State::Running;
        m_error = out.warning;
        m_config = out.config;
    }
    emit stateChanged(m_state);
}

} // namespace Trove

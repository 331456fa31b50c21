#include "connectioncontroller.h"

#include "api/apireply.h"
#include "session/configsource.h"
#include "session/session.h"
#include "transfers/transfermanager.h"

#include <QSettings>
#include <QtConcurrent>

namespace Trove {

namespace {

const QString kProfilePrefix = QStringLiteral("profile:");
const QString kServerKey = QStringLiteral("gui/server");

/// Variables that point the SDK at a server (or at a configuration file).
bool environmentConfigures(const QProcessEnvironment &env)
{
    for (const char *name :
         {"CLEARML_API_HOST", "TRAINS_API_HOST", "CLEARML_API_ACCESS_KEY", "TRAINS_API_ACCESS_KEY",
          "CLEARML_AUTH_TOKEN", "CLEARML_CONFIG_FILE", "TRAINS_CONFIG_FILE"})
        if (!env.value(QLatin1String(name)).isEmpty())
            return true;
    return false;
}

ApiClientOptions guiApiOptions()
{
    ApiClientOptions o;
    o.timeoutMs = 15000;
    o.maxRetries = 2;
    o.backoffBaseMs = 500;
    o.backoffMaxMs = 4000;
    return o;
}

QString hostAndPort(const QUrl &url)
{
    return url.port() < 0 ? url.host()
                          : url.host() + QLatin1Char(':') + QString::number(url.port());
}

QString hostText(const QUrl &url)
{
    return url.toString(QUrl::RemoveUserInfo | QUrl::StripTrailingSlash);
}

} // namespace

ConnectionController::ConnectionController(EmbeddedServer *embedded, QObject *parent)
    : QObject(parent)
    , m_embedded(embedded)
    , m_apiOptions(guiApiOptions())
{
    auto settings = ConfigSource::openSettings();
    m_profiles.load(*settings);
    m_appSettings = AppSettings::load(*settings);
    if (m_embedded)
        connect(m_embedded, &EmbeddedServer::stateChanged, this,
                &ConnectionController::onEmbeddedState);
    connect(&m_resolver, &QFutureWatcher<Resolved>::finished, this,
            &ConnectionController::onResolved);
}

ConnectionController::~ConnectionController()
{
    m_resolver.disconnect(this);
    m_resolver.waitForFinished(); // reads a small file at most; only at shutdown
    if (m_check)
        m_check->cancel();
}

QList<ServerEntry> ConnectionController::servers() const
{
    QList<ServerEntry> list;
    if (m_embedded) {
        ServerEntry e;
        e.kind = ServerEntry::Kind::Embedded;
        e.id = QLatin1String(EmbeddedId);
        e.label = tr("Embedded local server");
        e.detail
                = tr("A local server with a demo workspace, data in %1").arg(m_embedded->dataDir());
        list << e;
    }
    {
        ServerEntry e;
        e.kind = ServerEntry::Kind::Config;
        e.id = QLatin1String(ConfigId);
        e.label = m_configLabel.isEmpty() ? tr("clearml.conf / environment") : m_configLabel;
        e.detail = tr("The server the ClearML SDK uses: CLEARML_* variables, ~/clearml.conf");
        list << e;
    }
    for (const ServerProfile &p : m_profiles.profiles()) {
        ServerEntry e;
        e.kind = ServerEntry::Kind::Profile;
        e.id = kProfilePrefix + p.name;
        e.label = p.name;
        e.detail = p.describe();
        list << e;
    }
    return list;
}

ServerEntry ConnectionController::currentEntry() const
{
    const QList<ServerEntry> all = servers();
    for (const ServerEntry &e : all)
        if (e.id == m_currentId)
            return e;
    return ServerEntry{ServerEntry::Kind::Config, m_currentId, m_currentId, QString()};
}

QString ConnectionController::serverIdForLink(const QUrl &link) const
{
    if (link.host().isEmpty())
        return QString();
    for (const ServerProfile &p : m_profiles.profiles()) {
        const QUrl web
                = p.webServer.isEmpty() ? ClearmlConfig::deriveWebHost(p.apiServer) : p.webServer;
        if (sameHost(web, link))
            return kProfilePrefix + p.name;
    }
    return QString();
}

bool ConnectionController::sameHost(const QUrl &a, const QUrl &b)
{
    auto port = [](const QUrl &u) {
        return u.port(u.scheme() == QLatin1String("http") ? 80 : 443);
    };
    return !a.host().isEmpty() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
           && port(a) == port(b);
}

void ConnectionController::reloadServers()
{
    auto settings = ConfigSource::openSettings();
    m_profiles.load(*settings);
    emit serversChanged();
}

Status ConnectionController::saveProfile(const ServerProfile &profile)
{
    auto settings = ConfigSource::openSettings();
    m_profiles.load(*settings);
    if (Status s = m_profiles.upsert(profile); !s)
        return s;
    m_profiles.save(*settings);
    emit serversChanged();
    return {};
}

bool ConnectionController::removeProfile(const QString &name)
{
    auto settings = ConfigSource::openSettings();
    m_profiles.load(*settings);
    const bool removed = m_profiles.remove(name);
    if (removed) {
        m_profiles.save(*settings);
        emit serversChanged();
    }
    return removed;
}

void ConnectionController::setAppSettings(const AppSettings &settings)
{
    m_appSettings = settings;
    auto store = ConfigSource::openSettings();
    settings.save(*store);
    if (m_session)
        m_session->transfers()->setMaxParallel(settings.parallelTransfers);
}

void ConnectionController::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void ConnectionController::fail(const Error &error)
{
    m_lastError = error;
    setState(State::Failed);
    emit connectionFailed(error);
}

ConnectionController::Resolved
ConnectionController::resolveConfig(const QProcessEnvironment &env,
                                    const std::optional<ServerProfile> &profile)
{
    Resolved r;
    if (profile) {
        r.config = profile->resolve();
        r.configured = true;
        return r;
    }
    r.fromEnvironment = environmentConfigures(env);
    r.config = ConfigSource().resolve(env);
    r.configured = r.fromEnvironment || (r.config.ok() && !r.config->sourceFiles.isEmpty());
    return r;
}

void ConnectionController::resolveInBackground(std::optional<ServerProfile> profile)
{
    setState(State::Resolving);
    m_resolver.setFuture(QtConcurrent::run(&ConnectionController::resolveConfig, m_env, profile));
}

void ConnectionController::connectDefault()
{
    ++m_generation;
    m_choosingDefault = true;
    resolveInBackground(std::nullopt);
}

void ConnectionController::connectTo(const QString &id)
{
    ++m_generation;
    m_choosingDefault = false;
    if (m_check)
        m_check->cancel();
    m_currentId = id;
    m_lastError = Error();
    auto settings = ConfigSource::openSettings();
    settings->setValue(kServerKey, id);
    if (id == QLatin1String(EmbeddedId))
        return useEmbedded();
    if (id == QLatin1String(ConfigId))
        return resolveInBackground(std::nullopt);
    if (id.startsWith(kProfilePrefix)) {
        const ServerProfile *p = m_profiles.find(id.mid(kProfilePrefix.size()));
        if (p)
            return resolveInBackground(*p);
    }
    fail(Error::make(Error::Kind::Io, tr("no such server"), id));
}

void ConnectionController::retry()
{
    if (m_currentId.isEmpty())
        connectDefault();
    else
        connectTo(m_currentId);
}

void ConnectionController::onResolved()
{
    const Resolved r = m_resolver.result();
    if (r.config.ok())
        m_configLabel = (r.config->sourceFiles.isEmpty() ? tr("Environment") : tr("clearml.conf"))
                        + QStringLiteral(" (") + hostAndPort(r.config->apiServer)
                        + QLatin1Char(')');
    if (m_choosingDefault) {
        m_choosingDefault = false;
        emit serversChanged(); // the config entry's label
        const QString saved = ConfigSource::openSettings()->value(kServerKey).toString();
        const bool savedProfile = saved.startsWith(kProfilePrefix)
                                  && m_profiles.find(saved.mid(kProfilePrefix.size()));
        const bool savedEmbedded = saved == QLatin1String(EmbeddedId) && m_embedded;
        const bool savedConfig = saved == QLatin1String(ConfigId) && r.configured;
        if (r.fromEnvironment || (savedConfig && !savedProfile)) {
            m_currentId = QLatin1String(ConfigId);
        } else if (savedProfile || savedEmbedded) {
            return connectTo(saved);
        } else if (r.configured) {
            m_currentId = QLatin1String(ConfigId);
        } else if (!m_profiles.profiles().isEmpty()) {
            return connectTo(kProfilePrefix + m_profiles.profiles().constFirst().name);
        } else if (m_embedded) {
            m_currentId = QLatin1String(EmbeddedId);
            return useEmbedded();
        } else {
            m_currentId = QLatin1String(ConfigId);
        }
    }
    if (!r.config) {
        fail(r.config.error());
        return;
    }
    startSession(r.config.value());
}

void ConnectionController::useEmbedded()
{
    if (!m_embedded) {
        fail(Error::make(Error::Kind::Unsupported, tr("no embedded server in this build")));
        return;
    }
    if (m_embedded->state() == EmbeddedServer::State::Running) {
        startSession(m_embedded->config());
        return;
    }
    setState(State::StartingEmbedded);
    m_embedded->start();
}

void ConnectionController::onEmbeddedState(EmbeddedServer::State state)
{
    if (m_currentId != QLatin1String(EmbeddedId) || m_state != State::StartingEmbedded)
        return;
    if (state == EmbeddedServer::State::Running)
        startSession(m_embedded->config());
    else if (state == EmbeddedServer::State::Failed)
        fail(Error::make(Error::Kind::Io,
                         tr("the embedded server did not start: %1").arg(m_embedded->errorString()),
                         m_embedded->dataDir()));
}

void ConnectionController::startSession(ClearmlConfig config)
{
    SessionOptions options;
    options.api = m_apiOptions;
    m_appSettings.applyTo(&config, &options);
    QPointer<Session> old = m_session;
    m_session = new Session(std::move(config), options, this);
    m_userName.clear();
    emit sessionChanged(m_session);
    if (old)
        old->deleteLater();
    setState(State::Connecting);
    m_check = m_session->client()->call(QStringLiteral("users.get_current_user"));
    const quint64 generation = m_generation;
    QPointer<Session> session = m_session;
    m_check->onFinished(this, [this, generation, session](ApiReply &reply) {
        if (generation != m_generation || session != m_session)
            return;
        if (!reply.ok()) {
            if (!reply.error().isCancelled())
                fail(reply.error());
            return;
        }
        const auto &user = reply.data().value("user", nlohmann::json::object());
        if (user.is_object())
            m_userName = QString::fromStdString(user.value("name", std::string()));
        m_lastError = Error();
        setState(State::Connected);
        emit connected(m_session);
    });
}

QString ConnectionController::statusText() const
{
    switch (m_state) {
    case State::Idle:
        return tr("Not connected");
    case State::Resolving:
        return tr("Reading the ClearML configuration…");
    case State::StartingEmbedded:
        return tr("Starting the embedded local server…");
    case State::Connecting:
        return tr("Connecting to %1…")
                .arg(m_session ? hostText(m_session->config().apiServer) : QString());
    case State::Connected: {
        const QString api = hostText(m_session->config().apiServer);
        if (m_currentId == QLatin1String(EmbeddedId) && m_embedded)
            return tr("Embedded local server at %1 (data in %2)").arg(api, m_embedded->dataDir());
        if (m_userName.isEmpty())
            return tr("Connected to %1").arg(api);
        return tr("Connected to %1 as %2").arg(api, m_userName);
    }
    case State::Failed:
        return tr("Not connected: %1").arg(m_lastError.userMessage());
    }
    return QString();
}

} // namespace Trove

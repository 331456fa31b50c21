#pragma once

#include "app/appsettings.h"
#include "app/embeddedserver.h"
#include "common/error.h"
#include "config/serverprofiles.h"
#include "session/session.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QProcessEnvironment>

#include <optional>

namespace Trove {

/// One server the switcher offers.
struct ServerEntry
{
    enum class Kind { Embedded, Config, Profile };
    Kind kind = Kind::Embedded;
    QString id;     ///< "embedded", "config", "profile:<name>"
    QString label;  ///< shown in the switcher
    QString detail; ///< tooltip: hosts and key, the secret masked
};

/// Which ClearML server the main window talks to, and the Session for it.
///
/// At start-up (connectDefault()): CLEARML_* host or key variables → that configuration;
/// else the server chosen last time; else ~/clearml.conf (resolved exactly as the SDK does,
/// ConfigSource); else a saved Trove profile; else the embedded local server (started on
/// demand, off the GUI thread). Every connection is checked with one authenticated call
/// (users.get_current_user) before connected() is emitted; a failure (unreachable, bad
/// keys, timeout) ends in connectionFailed() and retry() tries again. Configuration files
/// are read off the GUI thread too.
///
/// A new Session is announced by sessionChanged() before the check; views drop their
/// models then and build new ones on connected(). The previous Session is deleted later.
class ConnectionController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionController)

public:
    enum class State { Idle, Resolving, StartingEmbedded, Connecting, Connected, Failed };
    Q_ENUM(State)

    static constexpr const char *EmbeddedId = "embedded";
    static constexpr const char *ConfigId = "config";

    /// `embedded` may be nullptr (no embedded server offered).
    explicit ConnectionController(EmbeddedServer *embedded, QObject *parent = nullptr);
    ~ConnectionController() override;

    /// The environment the SDK-style resolution reads (tests pass their own).
    void setEnvironment(const QProcessEnvironment &env) { m_env = env; }
    /// Tuning of the API client of new sessions (defaults: 15 s timeout, 2 retries).
    void setApiOptions(const ApiClientOptions &options) { m_apiOptions = options; }
    const ApiClientOptions &apiOptions() const { return m_apiOptions; }

    QList<ServerEntry> servers() const;
    QString currentId() const { return m_currentId; }
    ServerEntry currentEntry() const;
    Session *session() const { return m_session; }
    State state() const { return m_state; }
    const Error &lastError() const { return m_lastError; }
    /// One line for the status bar: what Trove is connected to (or doing).
    QString statusText() const;
    /// The user name the server reported for the keys (empty before connecting).
    QString userName() const { return m_userName; }
    EmbeddedServer *embeddedServer() const { return m_embedded; }

    const ServerProfiles &profiles() const { return m_profiles; }
    /// The saved profile whose web UI a pasted link points to (same host and port), as a
    /// server id; empty when none does.
    QString serverIdForLink(const QUrl &link) const;
    /// Same host and port (the scheme's default port when none is given).
    static bool sameHost(const QUrl &a, const QUrl &b);
    /// Saves (adds or replaces) a profile in the settings; serversChanged() follows.
    Status saveProfile(const ServerProfile &profile);
    bool removeProfile(const QString &name);
    AppSettings appSettings() const { return m_appSettings; }
    /// Saves the settings; transfer parallelism applies at once, cache settings to the next
    /// connection.
    void setAppSettings(const AppSettings &settings);

public slots:
    void connectDefault();
    void connectTo(const QString &id);
    void retry();
    /// Re-reads profiles from the settings.
    void reloadServers();

signals:
    void serversChanged();
    void sessionChanged(Trove::Session *session);
    void stateChanged(Trove::ConnectionController::State state);
    void connected(Trove::Session *session);
    void connectionFailed(const Trove::Error &error);

private:
    struct Resolved
    {
        Result<ClearmlConfig> config = Error();
        bool configured = false; ///< a config file or CLEARML_* variables exist
        bool fromEnvironment = false;
    };
    static Resolved resolveConfig(const QProcessEnvironment &env,
                                  const std::optional<ServerProfile> &profile);

    void setState(State state);
    void fail(const Error &error);
    void startSession(ClearmlConfig config);
    void onResolved();
    void resolveInBackground(std::optional<ServerProfile> profile);
    void onEmbeddedState(EmbeddedServer::State state);
    void useEmbedded();

    QPointer<EmbeddedServer> m_embedded;
    QProcessEnvironment m_env = QProcessEnvironment::systemEnvironment();
    ApiClientOptions m_apiOptions;
    ServerProfiles m_profiles;
    AppSettings m_appSettings;
    QString m_currentId;
    bool m_choosingDefault = false;
    State m_state = State::Idle;
    Error m_lastError;
    QString m_userName;
    QString m_configLabel; ///< how the "config" entry is shown, once resolved
    QPointer<Session> m_session;
    QPointer<ApiReply> m_check;
    QFutureWatcher<Resolved> m_resolver;
    quint64 m_generation = 0;
};

} // namespace Trove

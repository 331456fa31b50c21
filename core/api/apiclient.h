#pragma once

#include "apireply.h"
#include "config/clearmlconfig.h"
#include "tokeninfo.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <nlohmann/json.hpp>

#include <deque>
#include <memory>

class QNetworkReply;

namespace Trove {

/// Tuning of ApiClient; the defaults suit the GUI, tests shrink the delays.
struct ApiClientOptions
{
    int timeoutMs = 30000;      ///< per request, no bytes moving (setTransferTimeout)
    int maxRetries = 6;         ///< on 429/502/503/509, and network errors of read calls
    int backoffBaseMs = 500;    ///< first delay; doubles per attempt
    int backoffMaxMs = 16000;   ///< cap of one delay
    int loginExpirationSec = 0; ///< > 0: ask auth.login for tokens of this lifetime
    QString maxApiVersion = QStringLiteral("2.31"); ///< the newest API Trove implements
    bool useSystemProxy = true; ///< http(s)_proxy / no_proxy from the environment
};

/// The session with one ClearML API server: owns the only QNetworkAccessManager, logs in
/// (Basic → JWT, or CLEARML_AUTH_TOKEN), renews the token before it expires (threshold as
/// the SDK, capped to half the token lifetime), logs in again once on a 401 and repeats the
/// call, retries with bounded exponential backoff on 429/502/503/509 (and network errors of
/// read calls), and decodes every answer with decodeResponse().
///
/// Calls are POSTs with a JSON body to `<api>/v<version>/<service.action>`; the version is
/// the token's `api_version` capped to ApiClientOptions::maxApiVersion and
/// CLEARML_FORCE_MAX_API_VERSION. Asynchronous only: use SyncApi from non-GUI threads for
/// sequential code. Lives in (and must be used from) the thread that created it.
class ApiClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiClient)

public:
    explicit ApiClient(ClearmlConfig config,
                       ApiClientOptions options = ApiClientOptions(),
                       QObject *parent = nullptr);
    ~ApiClient() override;

    /// Starts `endpoint` ("tasks.get_all") with `body`. The reply finishes with the
    /// response's `data` object. Never returns nullptr.
    ApiReply *call(const QString &endpoint, nlohmann::json body = nlohmann::json::object());

    /// Same, and runs `done` on completion unless `context` was destroyed first.
    ApiReply *call(const QString &endpoint,
                   nlohmann::json body,
                   QObject *context,
                   std::function<void(ApiReply &)> done);

    /// Logs in now (normally implicit). Finishes with `{"token": …}`.
    ApiReply *login();

    const ClearmlConfig &config() const { return m_config; }
    const ApiClientOptions &options() const { return m_options; }
    /// The current token's claims (invalid before the first login).
    const TokenInfo &token() const { return m_token; }
    /// Uses this JWT from now on (as CLEARML_AUTH_TOKEN does).
    void setAuthToken(const QString &jwt);
    /// The API version used in URLs ("2.31"), empty before login or when unknown.
    QString apiVersion() const;
    /// "Bearer <jwt>" for the file server (only for URLs under the configured files host).
    QByteArray authorizationHeader() const;
    /// The one network manager, shared with transfers so that proxies and TLS agree.
    QNetworkAccessManager *network() const { return m_network; }

    /// Whether `endpoint` only reads (get_*, server.info …) and may be retried on network
    /// errors.
    static bool isReadCall(const QString &endpoint);

signals:
    void loggedIn();
    /// The last login failed: credentials rejected, or the server unreachable.
    void loginFailed(const Trove::Error &error);

private:
    struct CallState;
    using CallPtr = std::shared_ptr<CallState>;

    ApiReply *startCall(const QString &endpoint, nlohmann::json body, bool isLogin);
    void dispatch(const CallPtr &call);
    void send(const CallPtr &call);
    void onNetworkFinished(const CallPtr &call, QNetworkReply *net);
    void ensureLogin();
    void onLoginFinished(ApiReply &reply);
    bool canLogin() const;
    QUrl urlFor(const QString &endpoint, bool versioned) const;
    int backoffMs(int attempt) const;

    ClearmlConfig m_config;
    ApiClientOptions m_options;
    QNetworkAccessManager *m_network;
    TokenInfo m_token;
    QPointer<ApiReply> m_loginReply;
    std::deque<CallPtr> m_waitingForLogin;
};

} // namespace Trove

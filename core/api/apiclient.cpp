#include "apiclient.h"

#include "jsonadapters.h"
#include "responsedecoder.h"

#include <QDateTime>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslError>
#include <QTimer>

namespace Trove {

using nlohmann::json;

/// One logical call: survives retries and the re-login after a 401.
struct ApiClient::CallState
{
    QPointer<ApiReply> reply;
    QString endpoint;
    json body;
    bool isLogin = false;
    bool idempotent = false;
    bool reloggedIn = false;
    bool cancelled = false;
    int attempt = 0;
    QPointer<QNetworkReply> net;
    QPointer<QTimer> retryTimer;
    QString tokenUsed;
};

namespace {
constexpr qint64 kMaxResponseBytes = 512 * 1024 * 1024;
} // namespace

ApiClient::ApiClient(ClearmlConfig config, ApiClientOptions options, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_options(std::move(options))
    , m_network(new QNetworkAccessManager(this))
{
    if (m_options.useSystemProxy)
        QNetworkProxyFactory::setUseSystemConfiguration(true);
    m_network->setAutoDeleteReplies(false);
    if (!m_config.authToken.isEmpty())
        m_token = TokenInfo::decode(m_config.authToken);
}

ApiClient::~ApiClient()
{
    // Pending replies are children of this object; abort the network side first.
    for (ApiReply *r : findChildren<ApiReply *>(Qt::FindDirectChildrenOnly))
        r->disconnect();
}

bool ApiClient::isReadCall(const QString &endpoint)
{
    const QString action = endpoint.section(QLatin1Char('.'), 1);
    return action.startsWith(QLatin1String("get")) || endpoint == QLatin1String("server.info")
           || endpoint == QLatin1String("debug.ping") || endpoint == QLatin1String("auth.login");
}

bool ApiClient::canLogin() const
{
    return (!m_config.accessKey.isEmpty() && !m_config.secretKey.isEmpty()) || m_token.isValid();
}

QString ApiClient::apiVersion() const
{
    QString cap = minApiVersion(m_options.maxApiVersion, m_config.maxApiVersion);
    if (m_token.apiVersion.isEmpty())
        return QString();
    return minApiVersion(m_token.apiVersion, cap);
}

QByteArray ApiClient::authorizationHeader() const
{
    return m_token.isValid() ? "Bearer " + m_token.token.toUtf8() : QByteArray();
}

void ApiClient::setAuthToken(const QString &jwt)
{
    m_token = TokenInfo::decode(jwt);
}

QUrl ApiClient::urlFor(const QString &endpoint, bool versioned) const
{
    QUrl url = m_config.apiServer;
    QString path = url.path();
    if (!path.endsWith(QLatin1Char('/')))
        path += QLatin1Char('/');
    const QString version = versioned ? apiVersion() : QString();
    if (!version.isEmpty())
        path += QLatin1Char('v') + version + QLatin1Char('/');
    url.setPath(path + endpoint);
    return url;
}

int ApiClient::backoffMs(int attempt) const
{
    qint64 delay = m_options.backoffBaseMs;
    for (int i = 1; i < attempt && delay < m_options.backoffMaxMs; ++i)
        delay *= 2;
    return int(std::min<qint64>(delay, m_options.backoffMaxMs));
}

ApiReply *ApiClient::call(const QString &endpoint, json body)
{
    return startCall(endpoint, std::move(body), false);
}

ApiReply *ApiClient::call(const QString &endpoint,
                          json body,
                          QObject *context,
                          std::function<void(ApiReply &)> done)
{
    ApiReply *reply = startCall(endpoint, std::move(body), false);
    reply->onFinished(context, std::move(done));
    return reply;
}

ApiReply *ApiClient::login()
{
    json body = json::object();
    if (m_options.loginExpirationSec > 0)
        body["expiration_sec"] = m_options.loginExpirationSec;
    ApiReply *reply = startCall(QStringLiteral("auth.login"), body, true);
    connect(reply, &ApiReply::finished, this, [this, reply] { onLoginFinished(*reply); });
    return reply;
}

ApiReply *ApiClient::startCall(const QString &endpoint, json body, bool isLogin)
{
    auto call = std::make_shared<CallState>();
    auto *reply = new ApiReply(endpoint, this);
    call->reply = reply;
    call->endpoint = endpoint;
    call->body = body.is_object() ? std::move(body) : json::object();
    call->isLogin = isLogin;
    call->idempotent = isReadCall(endpoint);
    std::weak_ptr<CallState> weak = call;
    reply->setCancelHook([this, weak] {
        auto c = weak.lock();
        if (!c)
            return;
        c->cancelled = true;
        if (c->retryTimer)
            c->retryTimer->stop();
        if (c->net) {
            c->net->disconnect(this);
            c->net->abort();
            c->net->deleteLater();
        }
        std::erase(m_waitingForLogin, c);
    });
    // Always asynchronous: the caller connects to the reply before anything happens.
    QTimer::singleShot(0, this, [this, call] { dispatch(call); });
    return reply;
}

void ApiClient::dispatch(const CallPtr &call)
{
    if (call->cancelled || !call->reply)
        return;
    if (call->isLogin) {
        send(call);
        return;
    }
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (!m_token.isValid() || m_token.needsRefresh(now, m_config.tokenExpirationThresholdSec)) {
        if (!canLogin()) {
            Error e = Error::make(Error::Kind::Server,
                                  QStringLiteral("ClearML is not configured: no credentials "
                                                 "(access key and secret key) for %1")
                                          .arg(m_config.apiServer.toString()),
                                  call->endpoint);
            e.resultCode = 401;
            e.resultSubcode = 20;
            call->reply->fail(e);
            return;
        }
        m_waitingForLogin.push_back(call);
        ensureLogin();
        return;
    }
    send(call);
}

void ApiClient::ensureLogin()
{
    if (m_loginReply)
        return;
    m_loginReply = login();
}

void ApiClient::onLoginFinished(ApiReply &reply)
{
    if (m_loginReply == &reply)
        m_loginReply = nullptr;
    auto waiting = std::move(m_waitingForLogin);
    m_waitingForLogin.clear();
    if (!reply.ok()) {
        Error e = reply.error();
        if (!e.isCancelled())
            emit loginFailed(e);
        e.message = QStringLiteral("login failed: ") + e.message;
        for (const CallPtr &c : waiting)
            if (c->reply && !c->cancelled)
                c->reply->fail(e);
        return;
    }
    for (const CallPtr &c : waiting)
        send(c);
}

void ApiClient::send(const CallPtr &call)
{
    if (call->cancelled || !call->reply)
        return;
    ++call->attempt;
    QNetworkRequest request(urlFor(call->endpoint, !call->isLogin));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("X-ClearML-Client", "trove-" TROVE_VERSION_STRING);
    request.setTransferTimeout(m_options.timeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    if (call->isLogin) {
        if (!m_config.accessKey.isEmpty() && !m_config.secretKey.isEmpty()) {
            const QByteArray basic = (m_config.accessKey + QLatin1Char(':') + m_config.secretKey)
                                             .toUtf8()
                                             .toBase64();
            request.setRawHeader("Authorization", "Basic " + basic);
        } else {
            request.setRawHeader("Authorization", authorizationHeader());
        }
    } else {
        request.setRawHeader("Authorization", authorizationHeader());
        call->tokenUsed = m_token.token;
    }
    const std::string payload = call->body.dump();
    QNetworkReply *net
            = m_network->post(request, QByteArray(payload.data(), qsizetype(payload.size())));
    call->net = net;
    if (!m_config.verifyCertificate) {
        const QString apiHost = m_config.apiServer.host();
        connect(net, &QNetworkReply::sslErrors, net, [net, apiHost](const QList<QSslError> &) {
            if (net->url().host() == apiHost)
                net->ignoreSslErrors();
        });
    }
    connect(net, &QNetworkReply::downloadProgress, net, [net](qint64 received, qint64) {
        if (received > kMaxResponseBytes)
            net->abort();
    });
    connect(net, &QNetworkReply::finished, this,
            [this, call, net] { onNetworkFinished(call, net); });
}

void ApiClient::onNetworkFinished(const CallPtr &call, QNetworkReply *net)
{
    net->deleteLater();
    if (call->net == net)
        call->net = nullptr;
    if (call->cancelled || !call->reply)
        return;

    RawResponse raw;
    raw.endpoint = call->endpoint;
    raw.httpStatus = net->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    raw.networkError = net->error();
    raw.networkErrorText = net->errorString();
    raw.body = net->readAll();
    // A transfer timeout aborts the reply with OperationCanceledError: it is not a cancel.
    if (raw.networkError == QNetworkReply::OperationCanceledError) {
        raw.networkError = QNetworkReply::TimeoutError;
        raw.networkErrorText
                = QStringLiteral("timed out after %1 ms without data").arg(m_options.timeoutMs);
    }
    Result<json> result = decodeResponse(raw);
    if (result.ok()) {
        if (call->isLogin) {
            const QString token = Json::str(result.value(), "token");
            if (token.isEmpty()) {
                call->reply->fail(Error::make(Error::Kind::Parse,
                                              QStringLiteral("auth.login returned no token: is "
                                                             "api_server misconfigured?"),
                                              call->endpoint));
                return;
            }
            m_token = TokenInfo::decode(token);
            emit loggedIn();
        }
        call->reply->finish(std::move(result));
        return;
    }

    const Error &error = result.error();
    if (!call->isLogin && isAuthError(error) && !call->reloggedIn && canLogin()) {
        // The token was rejected (expired, revoked): log in again once, then repeat.
        call->reloggedIn = true;
        if (m_token.token == call->tokenUsed && !m_config.accessKey.isEmpty())
            m_token = TokenInfo();
        m_waitingForLogin.push_back(call);
        ensureLogin();
        return;
    }
    if (isRetryable(error, call->idempotent) && call->attempt <= m_options.maxRetries) {
        const int delay = backoffMs(call->attempt);
        emit call->reply->retrying(call->attempt, error.userMessage());
        auto *timer = new QTimer(call->reply);
        timer->setSingleShot(true);
        call->retryTimer = timer;
        connect(timer, &QTimer::timeout, this, [this, call, timer] {
            timer->deleteLater();
            send(call);
        });
        timer->start(delay);
        return;
    }
    call->reply->fail(error);
}

} // namespace Trove

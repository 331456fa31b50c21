#include "responsedecoder.h"

#include "jsonadapters.h"

#include <QNetworkReply>

namespace Trove {

using nlohmann::json;

namespace {

QString bodySnippet(const QByteArray &body)
{
    QString text = QString::fromUtf8(body.left(200)).simplified();
    if (body.size() > 200)
        text += QStringLiteral("…");
    return text;
}

} // namespace

Result<json> decodeResponse(const RawResponse &r)
{
    // 1. Transport: no HTTP answer at all.
    if (r.httpStatus == 0) {
        Error e;
        e.endpoint = r.endpoint;
        if (r.networkError == QNetworkReply::OperationCanceledError) {
            e.kind = Error::Kind::Cancelled;
            e.message = QStringLiteral("cancelled");
            return e;
        }
        e.kind = Error::Kind::Network;
        e.networkError = r.networkError;
        e.message = r.networkErrorText.isEmpty() ? QStringLiteral("no response from the server")
                                                 : r.networkErrorText;
        return e;
    }

    // 2./3. The HTTP status and the ClearML envelope (servers put one on errors too).
    const json parsed
            = json::parse(r.body.constData(), r.body.constData() + r.body.size(), nullptr, false);
    const bool isJson = !parsed.is_discarded();
    const json *meta = isJson ? Json::member(parsed, "meta") : nullptr;
    if (meta && !meta->is_object())
        meta = nullptr;
    const bool httpOk = r.httpStatus >= 200 && r.httpStatus < 300;

    if (meta) {
        const qint64 code = Json::integer(*meta, "result_code", r.httpStatus);
        if (!httpOk || (code != 200 && code != 202)) {
            Error e;
            e.kind = Error::Kind::Server;
            e.endpoint = r.endpoint;
            e.httpStatus = r.httpStatus;
            e.resultCode = int(code);
            e.resultSubcode = int(Json::integer(*meta, "result_subcode"));
            e.message = Json::str(*meta, "result_msg");
            if (e.message.isEmpty())
                e.message = QStringLiteral("request failed");
            return e;
        }
    } else if (!httpOk) {
        Error e;
        e.kind = Error::Kind::Http;
        e.endpoint = r.endpoint;
        e.httpStatus = r.httpStatus;
        e.networkError = r.networkError;
        e.message = r.body.isEmpty() ? r.networkErrorText : bodySnippet(r.body);
        return e;
    }

    // 4. The payload of a successful answer.
    if (!isJson)
        return Error::make(Error::Kind::Parse,
                           QStringLiteral("the answer is not JSON: %1").arg(bodySnippet(r.body)),
                           r.endpoint);
    if (!parsed.is_object() || !meta)
        return Error::make(Error::Kind::Parse, QStringLiteral("the answer has no meta section"),
                           r.endpoint);
    const json *data = Json::member(parsed, "data");
    if (!data)
        return json::object();
    if (!data->is_object())
        return Error::make(Error::Kind::Parse, QStringLiteral("the answer's data is not an object"),
                           r.endpoint);
    return *data;
}

bool isRetryable(const Error &error, bool idempotent)
{
    switch (error.httpStatus) {
    case 429:
    case 502:
    case 503:
    case 509:
        return true;
    default:
        break;
    }
    if (error.kind != Error::Kind::Network || !idempotent)
        return false;
    switch (error.networkError) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::HostNotFoundError:
        return true;
    default:
        return false;
    }
}

bool isAuthError(const Error &error)
{
    return error.httpStatus == 401
           || (error.kind == Error::Kind::Server && error.resultCode == 401);
}

} // namespace Trove

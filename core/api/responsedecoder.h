#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QString>

#include <nlohmann/json.hpp>

#include <functional>

namespace Trove {

/// What came back from one HTTP exchange, before any interpretation.
struct RawResponse
{
    QString endpoint;         ///< "tasks.get_all", or a URL
    int networkError = 0;     ///< QNetworkReply::NetworkError
    QString networkErrorText; ///< QNetworkReply::errorString()
    int httpStatus = 0;       ///< 0 when no HTTP response arrived
    QByteArray body;
};

/// The ONE function that decodes every API response (mtxclient's prepare_callback):
/// transport error → HTTP status → ClearML `meta.result_code/result_subcode/result_msg` →
/// JSON parse. Returns the envelope's `data` object (an empty object when absent or null),
/// or an Error of kind Network, Http, Server, Parse or Cancelled with the endpoint set.
/// Pure and exception-free: safe on hostile bytes (fuzzed by fuzz_response).
Result<nlohmann::json> decodeResponse(const RawResponse &response);

/// Runs a from_json-style conversion at the decoding boundary: JSON exceptions become a
/// Parse error naming the endpoint, and never escape.
template<typename T>
Result<T> decodeData(const nlohmann::json &data,
                     const QString &endpoint,
                     const std::function<T(const nlohmann::json &)> &convert)
{
    try {
        return convert(data);
    } catch (const nlohmann::json::exception &e) {
        return Error::make(
                Error::Kind::Parse,
                QStringLiteral("unexpected response shape: %1").arg(QString::fromUtf8(e.what())),
                endpoint);
    }
}

/// Whether a failed call is worth retrying: 429/502/503/509 always; transport failures
/// (refused, reset, timeout …) only when `idempotent` (read calls).
bool isRetryable(const Error &error, bool idempotent);

/// 401 from the HTTP status or the ClearML envelope: the token is bad or expired.
bool isAuthError(const Error &error);

} // namespace Trove

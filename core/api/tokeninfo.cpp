#include "tokeninfo.h"

#include "jsonadapters.h"

#include <QByteArray>
#include <QStringList>

namespace Trove {

TokenInfo TokenInfo::decode(const QString &jwt)
{
    TokenInfo info;
    info.token = jwt.trimmed();
    const QStringList parts = info.token.split(QLatin1Char('.'));
    if (parts.size() != 3)
        return info;
    const auto decoded = QByteArray::fromBase64Encoding(
            parts.at(1).toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    if (!decoded)
        return info;
    const QByteArray &bytes = decoded.decoded;
    const auto claims = nlohmann::json::parse(bytes.constData(), bytes.constData() + bytes.size(),
                                              nullptr, false);
    if (!claims.is_object())
        return info;
    info.issuedAt = Json::integer(claims, "iat");
    info.expiresAt = Json::integer(claims, "exp");
    info.apiVersion = Json::str(claims, "api_version");
    info.serverVersion = Json::str(claims, "server_version");
    if (const auto *identity = Json::member(claims, "identity"))
        info.userId = Json::str(*identity, "user");
    return info;
}

bool TokenInfo::needsRefresh(qint64 nowSecs, qint64 thresholdSecs) const
{
    if (!isValid())
        return true;
    if (expiresAt <= 0)
        return false;
    qint64 threshold = thresholdSecs;
    if (issuedAt > 0 && expiresAt > issuedAt)
        threshold = std::min(threshold, (expiresAt - issuedAt) / 2);
    return expiresAt - nowSecs <= threshold;
}

QString minApiVersion(const QString &a, const QString &b)
{
    if (a.isEmpty())
        return b;
    if (b.isEmpty())
        return a;
    auto key = [](const QString &v) {
        return std::pair{v.section(QLatin1Char('.'), 0, 0).toInt(),
                         v.section(QLatin1Char('.'), 1, 1).toInt()};
    };
    return key(a) <= key(b) ? a : b;
}

} // namespace Trove

#include "authenticator.h"

#include "api/apierror.h"
#include "app/servercontext.h"

#include <openssl/crypto.h>

#include <algorithm>

namespace Trove::Server {

static bool sameSecret(const std::string &a, const std::string &b)
{
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

Identity Authenticator::checkBasic(const std::string &encoded) const
{
    std::string decoded;
    if (!Util::base64Decode(encoded, &decoded) || decoded.find(':') == std::string::npos)
        throw ApiError(401, 21, "unauthorized (bad credentials): malformed Basic authorization");
    const auto colon = decoded.find(':');
    const std::string key = decoded.substr(0, colon);
    const std::string secret = decoded.substr(colon + 1);
    const Credentials &c = m_context.credentials;
    if (!sameSecret(key, c.accessKey) || !sameSecret(secret, c.secretKey))
        throw ApiError(
                401, 22,
                "unauthorized (invalid credentials) (failed to locate provided credentials)");
    return Identity{c.userId, c.companyId, Util::newId()};
}

Identity Authenticator::checkToken(const std::string &token) const
{
    Json claims;
    switch (m_context.jwt.verify(token, &claims)) {
    case Jwt::Status::Valid:
        break;
    case Jwt::Status::Expired:
        throw ApiError(401, 30, "invalid token (invalid jwt token): reason=Signature has expired");
    case Jwt::Status::BadSignature:
        throw ApiError(401, 30,
                       "invalid token (invalid jwt token): reason=Signature verification failed");
    case Jwt::Status::Malformed:
        throw ApiError(401, 30, "invalid token (invalid jwt token): reason=malformed token");
    }
    const std::string session = claims.value("session_id", std::string());
    {
        Store::Transaction tx(m_context.store);
        if (!session.empty() && tx.isRevoked(session))
            throw ApiError(401, 30, "invalid token (revoked): the session was logged out");
    }
    const Json identity = claims.value("identity", Json::object());
    Identity id;
    id.userId = identity.is_object() ? identity.value("user", std::string()) : std::string();
    id.companyId = identity.is_object() ? identity.value("company", std::string()) : std::string();
    id.sessionId = session;
    if (id.userId.empty())
        id.userId = m_context.credentials.userId;
    if (id.companyId.empty())
        id.companyId = m_context.credentials.companyId;
    return id;
}

Identity Authenticator::authenticate(const std::string &authorization,
                                     const std::string &cookieToken) const
{
    if (!authorization.empty()) {
        const auto space = authorization.find(' ');
        const std::string scheme = Util::toLower(
                space == std::string::npos ? authorization : authorization.substr(0, space));
        std::string value
                = space == std::string::npos ? std::string() : authorization.substr(space + 1);
        value.erase(0, value.find_first_not_of(' '));
        if (scheme == "bearer")
            return checkToken(value);
        if (scheme == "basic")
            return checkBasic(value);
        throw ApiError(401, 10, "unauthorized (bad authentication type): use Bearer or Basic");
    }
    if (!cookieToken.empty())
        return checkToken(cookieToken);
    throw ApiError(401, 20,
                   "unauthorized (missing credentials): no Authorization header or "
                   "clearml_token_basic cookie");
}

std::string Authenticator::issueToken(const Identity &identity, std::int64_t expirationSec) const
{
    expirationSec = std::clamp<std::int64_t>(expirationSec, 1, 365LL * 24 * 3600);
    const std::int64_t now = Util::nowSeconds();
    const Json claims{{"identity",
                       {{"user", identity.userId},
                        {"company", identity.companyId},
                        {"role", "admin"},
                        {"user_name", "Trove User"},
                        {"company_name", "trove"}}},
                      {"iat", now},
                      {"exp", now + expirationSec},
                      {"session_id", Util::newId()},
                      {"env", "<unknown>"},
                      {"auth_type", "Bearer"},
                      {"api_version", ServerContext::ApiVersion},
                      {"server_version", ServerContext::ServerVersion},
                      {"server_build", "trove"},
                      {"feature_set", "basic"}};
    return m_context.jwt.sign(claims);
}

} // namespace Trove::Server

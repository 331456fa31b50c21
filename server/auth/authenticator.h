#pragma once

#include "api/router.h"

#include <cstdint>
#include <string>

namespace Trove::Server {

struct ServerContext;

/// Checks Bearer tokens (or the clearml_token_basic cookie) and Basic key pairs, and issues
/// the HS256 tokens auth.login hands out. Failures throw ApiError 401 with subcode 20 (no
/// credentials), 21 (malformed Basic), 22 (unknown key/secret) or 30 (bad/expired/revoked).
class Authenticator final
{
public:
    explicit Authenticator(ServerContext &context)
        : m_context(context)
    {}

    Identity authenticate(const std::string &authorization, const std::string &cookieToken) const;
    Identity checkBasic(const std::string &encoded) const;
    Identity checkToken(const std::string &token) const;

    /// A signed token valid for expirationSec seconds (clamped to 1 s … 1 year).
    std::string issueToken(const Identity &identity, std::int64_t expirationSec) const;

    static constexpr std::int64_t DefaultExpirationSec = 30LL * 24 * 3600;

private:
    ServerContext &m_context;
};

} // namespace Trove::Server

#pragma once

#include "common/util.h"

#include <string>

namespace Trove::Server {

/// HS256 JSON Web Tokens: sign a claims object, verify signature and expiry.
class Jwt final
{
public:
    explicit Jwt(std::string secret)
        : m_secret(std::move(secret))
    {}

    std::string sign(const Json &claims) const;

    enum class Status { Valid, Malformed, BadSignature, Expired };
    /// Verifies the token; fills *claims when the signature is good.
    Status verify(const std::string &token, Json *claims) const;

private:
    std::string hmac(const std::string &data) const;
    std::string m_secret;
};

} // namespace Trove::Server

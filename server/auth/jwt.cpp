#include "jwt.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace Trove::Server {

std::string Jwt::hmac(const std::string &data) const
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(EVP_sha256(), m_secret.data(), static_cast<int>(m_secret.size()),
         reinterpret_cast<const unsigned char *>(data.data()), data.size(), out, &len);
    return std::string(reinterpret_cast<const char *>(out), len);
}

std::string Jwt::sign(const Json &claims) const
{
    static const std::string header = Util::base64UrlEncode(R"({"alg":"HS256","typ":"JWT"})");
    const std::string signingInput = header + "." + Util::base64UrlEncode(claims.dump());
    return signingInput + "." + Util::base64UrlEncode(hmac(signingInput));
}

Jwt::Status Jwt::verify(const std::string &token, Json *claims) const
{
    if (token.size() > 8192)
        return Status::Malformed;
    const auto first = token.find('.');
    const auto last = token.rfind('.');
    if (first == std::string::npos || first == last)
        return Status::Malformed;
    std::string headerJson;
    std::string payloadJson;
    std::string signature;
    if (!Util::base64UrlDecode(token.substr(0, first), &headerJson)
        || !Util::base64UrlDecode(token.substr(first + 1, last - first - 1), &payloadJson)
        || !Util::base64UrlDecode(token.substr(last + 1), &signature))
        return Status::Malformed;
    const Json header = Json::parse(headerJson, nullptr, false);
    if (!header.is_object() || header.value("alg", std::string()) != "HS256")
        return Status::Malformed;
    const std::string expected = hmac(token.substr(0, last));
    if (signature.size() != expected.size()
        || CRYPTO_memcmp(signature.data(), expected.data(), expected.size()) != 0)
        return Status::BadSignature;
    Json payload = Json::parse(payloadJson, nullptr, false);
    if (!payload.is_object())
        return Status::Malformed;
    if (payload.contains("exp") && payload["exp"].is_number()
        && payload["exp"].get<double>() <= static_cast<double>(Util::nowSeconds()))
        return Status::Expired;
    *claims = std::move(payload);
    return Status::Valid;
}

} // namespace Trove::Server

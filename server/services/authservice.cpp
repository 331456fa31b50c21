#include "authservice.h"

#include "api/apierror.h"
#include "api/fields.h"
#include "app/servercontext.h"

namespace Trove::Server {

AuthService::AuthService(ServerContext &context)
    : m_context(context)
    , m_auth(context)
{}

void AuthService::registerRoutes(Router &router)
{
    router.add(
            "auth.login", [this](CallContext &c) { return login(c); }, false);
    router.add("auth.logout", [this](CallContext &c) { return logout(c); });
    router.add("auth.validate_token", [this](CallContext &c) {
        const std::string token = Fields::requireString(c.body(), "token");
        try {
            const Identity id = m_auth.checkToken(token);
            return Json{{"valid", true}, {"user", id.userId}, {"company", id.companyId}};
        } catch (const ApiError &e) {
            return Json{{"valid", false}, {"msg", e.what()}};
        }
    });
}

Json AuthService::login(CallContext &call)
{
    const Identity identity = m_auth.authenticate(call.authorization, call.cookieToken);
    std::int64_t expiration = Authenticator::DefaultExpirationSec;
    const auto it = call.body().find("expiration_sec");
    if (it != call.body().end() && !it->is_null()) {
        if (!it->is_number_integer() || it->get<long long>() <= 0)
            throw ApiError::validation("expiration_sec must be a positive integer");
        expiration = it->get<long long>();
    }
    const std::string token = m_auth.issueToken(identity, expiration);
    call.responseHeaders.push_back(
            {"Set-Cookie", "clearml_token_basic=" + token
                                   + "; Max-Age=99999999999; Path=/; HttpOnly; SameSite=Lax"});
    return Json{{"token", token}};
}

Json AuthService::logout(CallContext &call)
{
    if (!call.identity.sessionId.empty()) {
        Store::Transaction tx(m_context.store);
        tx.revoke(call.identity.sessionId);
        tx.commit();
    }
    call.responseHeaders.push_back({"Set-Cookie", "clearml_token_basic=; Max-Age=0; Path=/"});
    return Json::object();
}

} // namespace Trove::Server

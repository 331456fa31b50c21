#pragma once

#include "api/router.h"
#include "auth/authenticator.h"

namespace Trove::Server {

struct ServerContext;

/// auth.login (Basic → token; Bearer → fresh token), auth.logout, auth.validate_token.
class AuthService final
{
public:
    explicit AuthService(ServerContext &context);
    void registerRoutes(Router &router);

private:
    Json login(CallContext &call);
    Json logout(CallContext &call);
    ServerContext &m_context;
    Authenticator m_auth;
};

} // namespace Trove::Server

#pragma once

#include "api/apirequest.h"
#include "common/util.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace Trove::Server {

/// Who is calling (one user and one company in this server).
struct Identity
{
    std::string userId;
    std::string companyId;
    std::string sessionId;
};

/// One API call as a service handler sees it.
struct CallContext
{
    const ApiRequest &request;
    Identity identity;
    std::string authorization; ///< the raw Authorization header
    std::string cookieToken;   ///< clearml_token_basic cookie value
    std::string rawBody;       ///< for json-lines endpoints
    std::vector<std::pair<std::string, std::string>> responseHeaders;

    const Json &body() const { return request.body; }
};

using Handler = std::function<Json(CallContext &)>;

/// Endpoint name → handler. Endpoints without auth (server.info, debug.ping, auth.login, which
/// checks its own credentials) are flagged.
class Router final
{
public:
    struct Route
    {
        Handler handler;
        bool requiresAuth = true;
    };

    void add(const std::string &endpoint, Handler handler, bool requiresAuth = true);
    const Route *find(const std::string &endpoint) const;
    std::vector<std::string> endpoints() const;

private:
    std::map<std::string, Route> m_routes;
};

} // namespace Trove::Server

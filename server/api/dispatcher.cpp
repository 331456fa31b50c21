#include "dispatcher.h"

#include "api/apierror.h"
#include "api/envelope.h"
#include "app/servercontext.h"

#include <cstdio>
#include <exception>

namespace Trove::Server {

Dispatcher::Dispatcher(ServerContext &context, const Router &router)
    : m_context(context)
    , m_router(router)
    , m_auth(context)
{}

Dispatcher::Reply Dispatcher::errorReply(int status,
                                         int subcode,
                                         const std::string &message,
                                         const std::string &endpoint)
{
    Envelope env;
    env.endpoint = endpoint;
    return Reply{status, env.failure(status, subcode, message), {}};
}

Dispatcher::Reply Dispatcher::dispatch(const Input &input) const
{
    ApiRequest request;
    if (!ApiRequest::parsePath(input.path, &request))
        return errorReply(404, 0,
                          "endpoint not found (not a ClearML API path): "
                                  + input.path.substr(0, 200));
    Envelope env;
    env.endpoint = request.endpoint;
    env.requestedVersion = request.requestedVersion;
    env.actualVersion
            = std::to_string(request.versionMajor) + "." + std::to_string(request.versionMinor);
    env.trx = input.trx;
    const Router::Route *route = m_router.find(request.endpoint);
    if (!route)
        return Reply{
                404,
                env.failure(404, 0, "endpoint not found (unknown endpoint): " + request.endpoint),
                {}};
    if (const int fault = m_context.faults.takeEndpointFault(request.endpoint))
        return Reply{fault,
                     env.failure(fault, 0, "injected fault (test hook) for " + request.endpoint),
                     {}};
    try {
        const bool jsonLines = input.contentType.find("json-lines") != std::string::npos
                               || request.endpoint == "events.add_batch";
        const bool form
                = input.contentType.find("application/x-www-form-urlencoded") != std::string::npos;
        if (jsonLines) {
            request.body = Json::object();
        } else if (form) {
            // Form fields, unless the "form" body is really JSON (curl -d sends that).
            const Json asJson = Json::parse(input.body, nullptr, false);
            if (asJson.is_object())
                request.body = asJson;
            else
                ApiRequest::mergeParams(ApiRequest::parseQuery(input.body), &request.body);
        } else {
            request.body = ApiRequest::parseBody(input.body);
        }
        ApiRequest::mergeParams(ApiRequest::parseQuery(input.query), &request.body);
        CallContext call{request, {}, input.authorization, input.cookieToken, input.body, {}};
        if (route->requiresAuth)
            call.identity = m_auth.authenticate(input.authorization, input.cookieToken);
        const Json data = route->handler(call);
        return Reply{200, env.success(data), call.responseHeaders};
    } catch (const ApiError &e) {
        return Reply{e.code(), env.failure(e.code(), e.subcode(), e.what(), e.data()), {}};
    } catch (const Json::exception &e) {
        return Reply{400, env.failure(400, 12, std::string("validation error: ") + e.what()), {}};
    } catch (const std::exception &e) {
        std::fprintf(stderr, "trove-server: %s failed: %s\n", request.endpoint.c_str(), e.what());
        return Reply{500, env.failure(500, 0, std::string("general error: ") + e.what()), {}};
    }
}

} // namespace Trove::Server

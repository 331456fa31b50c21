#pragma once

#include "api/router.h"
#include "auth/authenticator.h"

#include <string>
#include <utility>
#include <vector>

namespace Trove::Server {

struct ServerContext;

/// Transport-free handling of one API request: path → endpoint and version, body + query
/// merge, fault injection, authentication, the handler, and the {meta, data} envelope.
class Dispatcher final
{
public:
    struct Input
    {
        std::string path;
        std::string body;
        std::string contentType;
        std::string authorization;
        std::string cookieToken;
        std::string trx;
        std::string query; ///< raw query string (after '?')
    };
    struct Reply
    {
        int status = 200;
        std::string body;
        std::vector<std::pair<std::string, std::string>> headers;
    };

    Dispatcher(ServerContext &context, const Router &router);
    Reply dispatch(const Input &input) const;

    /// An error envelope for failures outside any endpoint (bad path, 413, 415).
    static Reply errorReply(int status,
                            int subcode,
                            const std::string &message,
                            const std::string &endpoint = {});

private:
    ServerContext &m_context;
    const Router &m_router;
    Authenticator m_auth;
};

} // namespace Trove::Server

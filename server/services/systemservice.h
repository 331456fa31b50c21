#pragma once

#include "api/router.h"

namespace Trove::Server {

struct ServerContext;

/// server.info, debug.ping, users.get_current_user, users.get_all and (with --test-hooks)
/// debug.inject_faults.
class SystemService final
{
public:
    explicit SystemService(ServerContext &context)
        : m_context(context)
    {}
    void registerRoutes(Router &router);

    /// The single user's document (created on first start).
    static Json userDocument(const ServerContext &context);

private:
    Json injectFaults(CallContext &call);
    ServerContext &m_context;
};

} // namespace Trove::Server

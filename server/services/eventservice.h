#pragma once

#include "api/router.h"

namespace Trove::Server {

struct ServerContext;

/// events.add_batch (json-lines) and events.add: stored per task, answered
/// {added, errors, errors_info}; events.get_task_log returns the stored log lines.
class EventService final
{
public:
    explicit EventService(ServerContext &context)
        : m_context(context)
    {}
    void registerRoutes(Router &router);

private:
    Json addBatch(CallContext &call);
    ServerContext &m_context;
};

} // namespace Trove::Server

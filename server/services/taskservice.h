#pragma once

#include "api/router.h"
#include "store/store.h"

#include <string>

namespace Trove::Server {

struct ServerContext;

/// tasks.*: create, get_by_id, get_all(_ex), edit, update, delete, set_requirements,
/// artifacts and models, status changes (taskstatusservice.cpp), hyper-parameters and
/// configuration (taskparamsservice.cpp).
class TaskService final
{
public:
    explicit TaskService(ServerContext &context)
        : m_context(context)
    {}
    void registerRoutes(Router &router);

    /// Loads a task or throws 400/101.
    static Json load(Store::Transaction &tx, const std::string &id);
    /// Fills the always-present embedded objects and sorts artifacts by key.
    static void normalize(Json *task);
    /// Stores the task with last_update/last_change stamped.
    static void save(Store::Transaction &tx, Json task);

private:
    Json create(CallContext &call);
    Json getById(CallContext &call);
    Json getAll(CallContext &call, bool ex);
    Json edit(CallContext &call);
    Json update(CallContext &call);
    Json remove(CallContext &call);
    Json setRequirements(CallContext &call);
    Json addOrUpdateArtifacts(CallContext &call);
    Json deleteArtifacts(CallContext &call);
    Json addOrUpdateModel(CallContext &call);
    Json deleteModels(CallContext &call);
    Json changeStatus(CallContext &call, const std::string &to);
    Json reset(CallContext &call);
    void registerParamRoutes(Router &router);

    ServerContext &m_context;
};

} // namespace Trove::Server

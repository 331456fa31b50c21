#pragma once

#include "api/router.h"
#include "store/store.h"

namespace Trove::Server {

struct ServerContext;

/// models.*: create, get_by_id, get_all(_ex), edit, update, set_ready, metadata, delete,
/// archive_many/unarchive_many. metadata is a dict keyed by key for API ≥ 2.17 requests and a
/// list below (what the SDK's 2.13 classes parse).
class ModelService final
{
public:
    explicit ModelService(ServerContext &context)
        : m_context(context)
    {}
    void registerRoutes(Router &router);

private:
    Json create(CallContext &call);
    Json getById(CallContext &call);
    Json getAll(CallContext &call, bool ex);
    Json edit(CallContext &call, bool updateOnly);
    Json setReady(CallContext &call);
    Json addOrUpdateMetadata(CallContext &call);
    Json deleteMetadata(CallContext &call);
    Json remove(CallContext &call);
    Json archive(CallContext &call, bool archive);
    Json present(Json model, const CallContext &call) const;
    Json load(Store::Transaction &tx, const std::string &id) const;

    ServerContext &m_context;
};

} // namespace Trove::Server

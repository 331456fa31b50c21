#pragma once

#include "api/router.h"
#include "store/store.h"

#include <set>
#include <string>
#include <vector>

namespace Trove::Server {

struct ServerContext;

/// projects.*: create (with missing ancestors), get_by_id, get_all, get_all_ex (stats,
/// sub_projects, own contents), update, delete.
class ProjectService final
{
public:
    explicit ProjectService(ServerContext &context)
        : m_context(context)
    {}
    void registerRoutes(Router &router);

    /// ids of the project and all its descendants.
    static std::set<std::string> withDescendants(const std::vector<Json> &projects,
                                                 const std::vector<std::string> &ids);
    static bool isHidden(const Json &project);
    /// Creates "a/b/c" and missing ancestors in tx; returns the id. 400/801 if it exists
    /// (only when failIfExists).
    static std::string ensureProject(Store::Transaction &tx,
                                     const ServerContext &context,
                                     const std::string &name,
                                     const Json &fields,
                                     bool failIfExists);

private:
    Json create(CallContext &call);
    Json getById(CallContext &call);
    Json getAll(CallContext &call, bool ex);
    Json update(CallContext &call);
    Json remove(CallContext &call);
    Json stats(const std::vector<Json> &tasks,
               const std::vector<Json> &projects,
               const std::string &projectId,
               bool withChildren,
               bool archived) const;

    ServerContext &m_context;
};

} // namespace Trove::Server

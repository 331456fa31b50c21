#include "taskstatus.h"

#include "api/apierror.h"

#include <map>
#include <set>

namespace Trove::Server::TaskStatus {

bool canTransition(const std::string &from, const std::string &to)
{
    static const std::map<std::string, std::set<std::string>> allowed{
            {"created", {"queued", "in_progress"}},
            {"queued", {"created", "in_progress", "stopped"}},
            {"in_progress", {"stopped", "failed", "created", "completed"}},
            {"stopped",
             {"closed", "created", "failed", "queued", "in_progress", "published", "publishing",
              "completed"}},
            {"closed", {"created", "failed", "published", "publishing", "stopped"}},
            {"failed", {"created", "stopped", "published", "queued"}},
            {"completed", {"published", "in_progress", "created"}},
            {"publishing", {"published"}},
            {"published", {}},
            {"unknown",
             {"created", "queued", "in_progress", "stopped", "failed", "completed", "closed",
              "published"}},
    };
    const auto it = allowed.find(from);
    return it != allowed.end() && it->second.count(to) > 0;
}

void checkTransition(const std::string &taskId,
                     const std::string &from,
                     const std::string &to,
                     bool force)
{
    if (canTransition(from, to))
        return;
    if (force && from != "published")
        return;
    throw ApiError(400, 110,
                   "invalid task status (invalid status change): current_status=" + from
                           + ", new_status=" + to + " (" + from + " -> " + to
                           + " is not allowed): task=" + taskId,
                   Json{{"task", taskId}, {"current_status", from}, {"new_status", to}});
}

} // namespace Trove::Server::TaskStatus

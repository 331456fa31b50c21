#include "systemservice.h"

#include "api/apierror.h"
#include "api/fields.h"
#include "app/servercontext.h"
#include "query/docfilter.h"

namespace Trove::Server {

Json SystemService::userDocument(const ServerContext &context)
{
    return Json{{"id", context.credentials.userId},
                {"name", "Trove User"},
                {"given_name", "Trove"},
                {"family_name", "User"},
                {"role", "admin"},
                {"company", context.credentials.companyId},
                {"created", "2025-01-01T00:00:00+00:00"}};
}

void SystemService::registerRoutes(Router &router)
{
    router.add(
            "server.info",
            [](CallContext &) {
                return Json{{"version", ServerContext::ServerVersion},
                            {"build", "trove"},
                            {"commit", "trove"},
                            {"uid", "trove-server"},
                            {"api_version", ServerContext::ApiVersion}};
            },
            false);
    router.add(
            "debug.ping",
            [](CallContext &c) {
                Json out = c.body();
                out["msg"] = "ClearML server";
                return out;
            },
            false);
    router.add("users.get_current_user", [this](CallContext &) {
        Json user = userDocument(m_context);
        user["company"] = Json{{"id", m_context.credentials.companyId}, {"name", "trove"}};
        return Json{{"user", user},
                    {"getting_started", Json::object()},
                    {"settings", Json{{"max_download_items", 1000}}}};
    });
    router.add("users.get_by_id", [this](CallContext &c) {
        const std::string id = Fields::requireString(c.body(), "user");
        if (id != m_context.credentials.userId)
            throw ApiError(400, 12, "invalid user id: id=" + id);
        return Json{{"user", userDocument(m_context)}};
    });
    router.add("users.get_all", [this](CallContext &c) {
        FilterSpec spec;
        spec.listFields = {"id"};
        spec.regexFields = {"name"};
        const DocFilter filter(c.body(), spec);
        Json users = Json::array();
        const Json user = userDocument(m_context);
        if (filter.matches(user))
            users.push_back(projectFields(user, c.body().value("only_fields", Json())));
        return Json{{"users", users}};
    });
    router.add("users.get_preferences", [](CallContext &) {
        return Json{{"preferences", Json::object()}};
    });
    if (m_context.options.testHooks)
        router.add("debug.inject_faults", [this](CallContext &c) { return injectFaults(c); });
}

Json SystemService::injectFaults(CallContext &call)
{
    const Json &b = call.body();
    const auto status = b.value("status", Json());
    const auto count = b.value("count", Json(1));
    if (!status.is_number_integer() || status.get<int>() < 100 || status.get<int>() > 599)
        throw ApiError::validation("status must be an HTTP status code (100-599)");
    if (!count.is_number_integer())
        throw ApiError::validation("count must be an integer");
    if (Fields::optBool(b, "files")) {
        m_context.faults.setFilesFault(status.get<int>(), count.get<int>());
        return Json{{"files", true}, {"status", status}, {"count", count}};
    }
    const std::string endpoint = Fields::requireString(b, "endpoint");
    m_context.faults.setEndpointFault(endpoint, status.get<int>(), count.get<int>());
    return Json{{"endpoint", endpoint}, {"status", status}, {"count", count}};
}

} // namespace Trove::Server

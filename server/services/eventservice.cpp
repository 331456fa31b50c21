#include "eventservice.h"

#include "api/apierror.h"
#include "app/servercontext.h"

namespace Trove::Server {

void EventService::registerRoutes(Router &router)
{
    router.add("events.add_batch", [this](CallContext &c) { return addBatch(c); });
    router.add("events.add", [this](CallContext &c) {
        const Json &b = c.body();
        if (!b.contains("task") || !b["task"].is_string())
            throw ApiError::missingField("task");
        Store::Transaction tx(m_context.store);
        tx.appendEvent(b["task"].get<std::string>(), b.dump());
        tx.commit();
        return Json::object();
    });
}

Json EventService::addBatch(CallContext &call)
{
    int added = 0;
    int errors = 0;
    Json errorsInfo = Json::object();
    Store::Transaction tx(m_context.store);
    auto addOne = [&](const Json &event) {
        if (!event.is_object() || !event.contains("task") || !event["task"].is_string()) {
            ++errors;
            errorsInfo["missing task"] = errors;
            return;
        }
        tx.appendEvent(event["task"].get<std::string>(), event.dump());
        ++added;
    };
    const std::string &raw = call.rawBody;
    std::size_t start = 0;
    while (start < raw.size()) {
        std::size_t end = raw.find('\n', start);
        if (end == std::string::npos)
            end = raw.size();
        const std::string line = raw.substr(start, end - start);
        start = end + 1;
        if (line.find_first_not_of(" \t\r") == std::string::npos)
            continue;
        const Json event = Json::parse(line, nullptr, false);
        if (event.is_discarded())
            throw ApiError(400, 12, "validation error: events.add_batch line is not valid JSON");
        if (event.is_array()) {
            for (const Json &e : event)
                addOne(e);
        } else {
            addOne(event);
        }
    }
    if (added == 0 && errors == 0 && raw.find_first_not_of(" \t\r\n") != std::string::npos)
        throw ApiError(400, 12, "validation error: events.add_batch got no events");
    tx.commit();
    return Json{{"added", added}, {"errors", errors}, {"errors_info", errorsInfo}};
}

} // namespace Trove::Server

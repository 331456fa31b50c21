// TaskService: hyper-parameter and configuration calls (task.connect / connect_configuration).
#include "api/apierror.h"
#include "api/fields.h"
#include "app/servercontext.h"
#include "taskservice.h"

#include <algorithm>

namespace Trove::Server {

namespace {

void checkEditable(const Json &task, bool force)
{
    const std::string status = task.value("status", std::string());
    if (!force && status != "created")
        throw ApiError(400, 110,
                       "invalid task status (parameters can change only while the task is "
                       "created, use force): status="
                               + status + ", task=" + task.value("id", std::string()));
}

std::vector<std::string> taskIds(const Json &b)
{
    auto ids = Fields::optStringList(b, "tasks");
    if (ids.empty())
        throw ApiError::missingField("tasks");
    return ids;
}

} // namespace

void TaskService::registerParamRoutes(Router &router)
{
    router.add("tasks.get_hyper_params", [this](CallContext &c) {
        Store::Transaction tx(m_context.store);
        Json params = Json::array();
        for (const auto &id : taskIds(c.body())) {
            const Json task = load(tx, id);
            Json list = Json::array();
            for (const auto &[section, values] : task["hyperparams"].items())
                if (values.is_object())
                    for (const auto &[name, p] : values.items())
                        list.push_back(p);
            params.push_back(Json{{"task", id}, {"hyperparams", list}});
        }
        return Json{{"params", params}};
    });
    router.add("tasks.edit_hyper_params", [this](CallContext &c) {
        const Json &b = c.body();
        const std::string id = Fields::requireString(b, "task");
        if (!b.contains("hyperparams") || !b["hyperparams"].is_array())
            throw ApiError::missingField("hyperparams");
        const std::string replace = Fields::optString(b, "replace_hyperparams", "none");
        Store::Transaction tx(m_context.store);
        Json task = load(tx, id);
        checkEditable(task, Fields::optBool(b, "force"));
        Json &hp = task["hyperparams"];
        if (replace == "all")
            hp = Json::object();
        std::vector<std::string> clearedSections;
        for (const Json &p : b["hyperparams"]) {
            if (!p.is_object() || !p.contains("section") || !p["section"].is_string())
                throw ApiError::missingField("hyperparams.section");
            if (!p.contains("name") || !p["name"].is_string())
                throw ApiError::missingField("hyperparams.name");
            const std::string section = p["section"].get<std::string>();
            if (replace == "section"
                && std::find(clearedSections.begin(), clearedSections.end(), section)
                           == clearedSections.end()) {
                hp[section] = Json::object();
                clearedSections.push_back(section);
            }
            Json value = p;
            if (value.contains("value") && !value["value"].is_string() && !value["value"].is_null())
                value["value"] = value["value"].dump();
            hp[section][p["name"].get<std::string>()] = value;
        }
        save(tx, task);
        tx.commit();
        return Json{{"updated", 1}};
    });
    router.add("tasks.delete_hyper_params", [this](CallContext &c) {
        const Json &b = c.body();
        const std::string id = Fields::requireString(b, "task");
        if (!b.contains("hyperparams") || !b["hyperparams"].is_array())
            throw ApiError::missingField("hyperparams");
        Store::Transaction tx(m_context.store);
        Json task = load(tx, id);
        checkEditable(task, Fields::optBool(b, "force"));
        int deleted = 0;
        Json &hp = task["hyperparams"];
        for (const Json &p : b["hyperparams"]) {
            const std::string section = p.value("section", std::string());
            if (!hp.contains(section))
                continue;
            if (p.contains("name") && p["name"].is_string()) {
                deleted += static_cast<int>(hp[section].erase(p["name"].get<std::string>()));
                if (hp[section].empty())
                    hp.erase(section);
            } else {
                hp.erase(section);
                ++deleted;
            }
        }
        save(tx, task);
        tx.commit();
        return Json{{"deleted", deleted}};
    });
    router.add("tasks.get_configurations", [this](CallContext &c) {
        const auto names = Fields::optStringList(c.body(), "names");
        Store::Transaction tx(m_context.store);
        Json out = Json::array();
        for (const auto &id : taskIds(c.body())) {
            const Json task = load(tx, id);
            Json list = Json::array();
            for (const auto &[name, item] : task["configuration"].items())
                if (names.empty() || std::find(names.begin(), names.end(), name) != names.end())
                    list.push_back(item);
            out.push_back(Json{{"task", id}, {"configuration", list}});
        }
        return Json{{"configurations", out}};
    });
    router.add("tasks.get_configuration_names", [this](CallContext &c) {
        Store::Transaction tx(m_context.store);
        Json out = Json::array();
        for (const auto &id : taskIds(c.body())) {
            const Json task = load(tx, id);
            Json names = Json::array();
            for (const auto &[name, item] : task["configuration"].items())
                names.push_back(name);
            out.push_back(Json{{"task", id}, {"names", names}});
        }
        return Json{{"configurations", out}};
    });
    router.add("tasks.edit_configuration", [this](CallContext &c) {
        const Json &b = c.body();
        const std::string id = Fields::requireString(b, "task");
        if (!b.contains("configuration") || !b["configuration"].is_array())
            throw ApiError::missingField("configuration");
        Store::Transaction tx(m_context.store);
        Json task = load(tx, id);
        checkEditable(task, Fields::optBool(b, "force"));
        if (Fields::optBool(b, "replace_configuration"))
            task["configuration"] = Json::object();
        for (const Json &item : b["configuration"]) {
            if (!item.is_object() || !item.contains("name") || !item["name"].is_string())
                throw ApiError::missingField("configuration.name");
            task["configuration"][item["name"].get<std::string>()] = item;
        }
        save(tx, task);
        tx.commit();
        return Json{{"updated", 1}};
    });
    router.add("tasks.delete_configuration", [this](CallContext &c) {
        const Json &b = c.body();
        const std::string id = Fields::requireString(b, "task");
        const auto names = Fields::optStringList(b, "configuration");
        Store::Transaction tx(m_context.store);
        Json task = load(tx, id);
        checkEditable(task, Fields::optBool(b, "force"));
        int deleted = 0;
        for (const auto &n : names)
            deleted += static_cast<int>(task["configuration"].erase(n));
        save(tx, task);
        tx.commit();
        return Json{{"deleted", deleted}};
    });
}

} // namespace Trove::Server

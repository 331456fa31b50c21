#include "taskservice.h"

#include "api/apierror.h"
#include "api/fields.h"
#include "app/servercontext.h"
#include "projectservice.h"
#include "query/docfilter.h"
#include "query/refexpander.h"
#include "systemservice.h"
#include "taskstatus.h"

#include <algorithm>

namespace Trove::Server {

static const char *const Tasks = "tasks";

Json TaskService::load(Store::Transaction &tx, const std::string &id)
{
    auto doc = tx.get(Tasks, id);
    if (!doc)
        throw ApiError::invalidTaskId(id);
    return *doc;
}

void TaskService::normalize(Json *task)
{
    Json &t = *task;
    for (const char *k : {"output", "execution", "script", "models", "hyperparams", "configuration",
                          "container", "runtime"})
        if (!t.contains(k) || !t[k].is_object())
            t[k] = Json::object();
    Json &ex = t["execution"];
    if (!ex.contains("artifacts") || !ex["artifacts"].is_array())
        ex["artifacts"] = Json::array();
    std::stable_sort(ex["artifacts"].begin(), ex["artifacts"].end(),
                     [](const Json &a, const Json &b) {
                         return a.value("key", std::string()) < b.value("key", std::string());
                     });
    for (const char *k : {"input", "output"})
        if (!t["models"].contains(k) || !t["models"][k].is_array())
            t["models"][k] = Json::array();
    for (const char *k : {"tags", "system_tags"})
        if (!t.contains(k) || !t[k].is_array())
            t[k] = Json::array();
}

void TaskService::save(Store::Transaction &tx, Json task)
{
    const std::string now = Util::nowIso();
    task["last_update"] = now;
    task["last_change"] = now;
    normalize(&task);
    const std::string id = task["id"].get<std::string>();
    tx.put(Tasks, id, task);
}

static void checkArtifacts(const Json &artifacts)
{
    if (!artifacts.is_array())
        throw ApiError::validation("artifacts must be a list");
    for (const Json &a : artifacts) {
        if (!a.is_object())
            throw ApiError::validation("each artifact must be an object");
        if (!a.contains("key") || !a["key"].is_string())
            throw ApiError::missingField("artifacts.key");
        if (!a.contains("type") || !a["type"].is_string())
            throw ApiError::missingField("artifacts.type");
    }
}

static void checkModelsField(const Json &models)
{
    if (!models.is_object())
        throw ApiError::validation("models must be an object");
    for (const char *k : {"input", "output"}) {
        if (!models.contains(k) || models[k].is_null())
            continue;
        if (!models[k].is_array())
            throw ApiError::validation(std::string("models.") + k + " must be a list");
        for (const Json &m : models[k])
            if (!m.is_object() || !m.contains("model") || !m["model"].is_string())
                throw ApiError::validation(std::string("models.") + k + " items need a model id");
    }
}

// Applies the create/edit fields of a request onto a task document.
static Json applyTaskFields(Store::Transaction &tx, Json &task, const Json &b, bool merge)
{
    Json fields = Json::object();
    if (b.contains("name") && !b["name"].is_null()) {
        const std::string name = Fields::requireString(b, "name");
        Fields::checkName(name);
        fields["name"] = task["name"] = name;
    }
    for (const char *k : {"type", "comment"})
        if (b.contains(k) && !b[k].is_null())
            fields[k] = task[k] = Fields::optString(b, k);
    if (b.contains("project")) {
        if (b["project"].is_null()) {
            task["project"] = nullptr;
        } else {
            const std::string p = Fields::optString(b, "project");
            if (!p.empty() && !tx.get("projects", p))
                throw ApiError::invalidProjectId(p);
            task["project"] = p.empty() ? Json() : Json(p);
        }
        fields["project"] = task["project"];
    }
    if (b.contains("parent")) {
        const std::string p = Fields::optString(b, "parent");
        if (!p.empty() && !tx.get(Tasks, p))
            throw ApiError(400, 101, "invalid task id (parent task not found): parent=" + p);
        fields["parent"] = task["parent"] = p.empty() ? Json() : Json(p);
    }
    for (const char *k : {"tags", "system_tags"})
        if (b.contains(k) && !b[k].is_null())
            fields[k] = task[k] = Fields::stringListValue(b[k], k);
    if (b.contains("output_dest") && !b["output_dest"].is_null()) {
        task["output"]["destination"] = Fields::optString(b, "output_dest");
        fields["output.destination"] = task["output"]["destination"];
    }
    for (const char *k : {"execution", "script", "output", "models"}) {
        if (!b.contains(k) || b[k].is_null())
            continue;
        const Json value = Fields::objectValue(b[k], k);
        if (std::string(k) == "execution" && value.contains("artifacts"))
            checkArtifacts(value["artifacts"]);
        if (std::string(k) == "models")
            checkModelsField(value);
        if (!merge || !task[k].is_object())
            task[k] = Json::object();
        for (const auto &[key, v] : value.items())
            task[k][key] = v;
        fields[k] = value;
    }
    for (const char *k : {"hyperparams", "configuration", "runtime", "container"}) {
        if (!b.contains(k) || b[k].is_null())
            continue;
        fields[k] = task[k] = Fields::objectValue(b[k], k);
    }
    return fields;
}

void TaskService::registerRoutes(Router &router)
{
    router.add("tasks.create", [this](CallContext &c) { return create(c); });
    router.add("tasks.get_by_id", [this](CallContext &c) { return getById(c); });
    router.add("tasks.get_all", [this](CallContext &c) { return getAll(c, false); });
    router.add("tasks.get_all_ex", [this](CallContext &c) { return getAll(c, true); });
    router.add("tasks.edit", [this](CallContext &c) { return edit(c); });
    router.add("tasks.update", [this](CallContext &c) { return update(c); });
    router.add("tasks.delete", [this](CallContext &c) { return remove(c); });
    router.add("tasks.set_requirements", [this](CallContext &c) { return setRequirements(c); });
    router.add("tasks.add_or_update_artifacts",
               [this](CallContext &c) { return addOrUpdateArtifacts(c); });
    router.add("tasks.delete_artifacts", [this](CallContext &c) { return deleteArtifacts(c); });
    router.add("tasks.add_or_update_model", [this](CallContext &c) { return addOrUpdateModel(c); });
    router.add("tasks.delete_models", [this](CallContext &c) { return deleteModels(c); });
    router.add("tasks.started", [this](CallContext &c) { return changeStatus(c, "in_progress"); });
    router.add("tasks.stopped", [this](CallContext &c) { return changeStatus(c, "stopped"); });
    router.add("tasks.stop", [this](CallContext &c) { return changeStatus(c, "stopped"); });
    router.add("tasks.failed", [this](CallContext &c) { return changeStatus(c, "failed"); });
    router.add("tasks.close", [this](CallContext &c) { return changeStatus(c, "closed"); });
    router.add("tasks.completed", [this](CallContext &c) { return changeStatus(c, "completed"); });
    router.add("tasks.publish", [this](CallContext &c) { return changeStatus(c, "published"); });
    router.add("tasks.enqueue", [this](CallContext &c) { return changeStatus(c, "queued"); });
    router.add("tasks.dequeue", [this](CallContext &c) { return changeStatus(c, "created"); });
    router.add("tasks.reset", [this](CallContext &c) { return reset(c); });
    router.add("tasks.ping", [this](CallContext &c) {
        const std::string id = Fields::requireString(c.body(), "task");
        Store::Transaction tx(m_context.store);
        load(tx, id);
        return Json::object();
    });
    registerParamRoutes(router);
}

Json TaskService::create(CallContext &call)
{
    const Json &b = call.body();
    const std::string name = Fields::requireString(b, "name");
    Fields::checkName(name);
    Fields::requireString(b, "type");
    const std::string id = Util::newId();
    const std::string now = Util::nowIso();
    Json task{{"id", id},
              {"name", name},
              {"status", "created"},
              {"status_reason", ""},
              {"status_message", ""},
              {"status_changed", now},
              {"comment", ""},
              {"user", call.identity.userId},
              {"company", call.identity.companyId},
              {"project", nullptr},
              {"parent", nullptr},
              {"created", now},
              {"last_iteration", 0},
              {"active_duration", 0},
              {"execution", Json{{"parameters", Json::object()},
                                 {"model_labels", Json::object()},
                                 {"artifacts", Json::array()}}}};
    normalize(&task);
    Store::Transaction tx(m_context.store);
    applyTaskFields(tx, task, b, true);
    save(tx, task);
    tx.commit();
    return Json{{"id", id}};
}

Json TaskService::getById(CallContext &call)
{
    const std::string id = Fields::requireString(call.body(), "task");
    Store::Transaction tx(m_context.store, Store::Access::Read);
    return Json{{"task", load(tx, id)}};
}

Json TaskService::getAll(CallContext &call, bool ex)
{
    Json b = call.body();
    FilterSpec spec;
    spec.listFields = {"id",
                       "user",
                       "project",
                       "type",
                       "status",
                       "tags",
                       "system_tags",
                       "parent",
                       "models.input.model",
                       "models.output.model",
                       "execution.queue"};
    spec.listPrefixes = {"hyperparams.", "container."};
    spec.regexFields = {"name", "comment"};
    spec.dateFields
            = {"status_changed", "last_update", "last_change", "created", "started", "completed"};
    spec.rangeFields = {"active_duration", "last_iteration"};
    spec.rangePrefixes = {"last_metrics."};
    spec.searchTextFields = {"name", "id", "comment", "script.repository", "status"};

    Store::Transaction tx(m_context.store, Store::Access::Read);
    if (Fields::optBool(b, "include_subprojects") && b.contains("project")
        && !b["project"].is_null()) {
        const auto ids = ProjectService::withDescendants(tx.all("projects"),
                                                         Fields::optStringList(b, "project"));
        b["project"] = Json(std::vector<std::string>(ids.begin(), ids.end()));
    }
    const DocFilter filter(b, spec);
    const bool searchHidden = Fields::optBool(b, "search_hidden") || b.contains("id");
    const Json hidden("hidden");
    std::vector<const Json *> matched = m_context.lists.ordered(
            tx, Tasks, b, m_context.pager.rowsNeeded(b), {"projects"}, [&](const Json &t) {
                if (!searchHidden) {
                    const auto st = t.find("system_tags");
                    if (st != t.end() && std::find(st->begin(), st->end(), hidden) != st->end())
                        return false;
                }
                return filter.matches(t);
            });
    Pager::Result page = m_context.pager.window(std::move(matched), b, true);
    const Json onlyFields = b.value("only_fields", Json());
    Json tasks = Json::array();
    const RefExpander expander(
            {{"project", "projects"},
             {"parent", Tasks},
             {"user", "users"},
             {"company", "companies"},
             {"execution.queue", "queues"},
             {"models.input.model", "models"},
             {"models.output.model", "models"}},
            [&](const std::string &collection, const std::string &id) -> std::optional<Json> {
                if (collection == "users")
                    return id == m_context.credentials.userId
                                   ? std::optional<Json>(SystemService::userDocument(m_context))
                                   : std::nullopt;
                if (collection == "companies")
                    return Json{{"id", id}, {"name", "trove"}};
                return tx.get(collection, id);
            });
    for (Json &t : page.items) {
        if (ex)
            expander.expand(&t, onlyFields);
        tasks.push_back(projectFields(t, onlyFields));
    }
    Json out{{"tasks", tasks}};
    if (page.scrollId)
        out["scroll_id"] = *page.scrollId;
    return out;
}

Json TaskService::edit(CallContext &call)
{
    const Json &b = call.body();
    const std::string id = Fields::requireString(b, "task");
    const bool force = Fields::optBool(b, "force");
    Store::Transaction tx(m_context.store);
    Json task = load(tx, id);
    const std::string status = task.value("status", std::string("created"));
    if (!force && status != "created")
        throw ApiError(400, 110,
                       "invalid task status (task must be 'created' to edit, use force): status="
                               + status + ", task=" + id,
                       Json{{"task", id}, {"status", status}});
    const Json fields = applyTaskFields(tx, task, b, true);
    save(tx, task);
    tx.commit();
    return Json{{"updated", 1}, {"fields", fields}};
}

Json TaskService::update(CallContext &call)
{
    const Json &b = call.body();
    const std::string id = Fields::requireString(b, "task");
    Store::Transaction tx(m_context.store);
    Json task = load(tx, id);
    Json limited = Json::object();
    for (const char *k : {"name", "tags", "system_tags", "comment", "project"})
        if (b.contains(k))
            limited[k] = b[k];
    Json fields = applyTaskFields(tx, task, limited, true);
    if (b.contains("output__error") && !b["output__error"].is_null()) {
        task["output"]["error"] = Fields::optString(b, "output__error");
        fields["output.error"] = task["output"]["error"];
    }
    if (b.contains("created") && !b["created"].is_null())
        fields["created"] = task["created"] = Fields::optString(b, "created");
    save(tx, task);
    tx.commit();
    return Json{{"updated", 1}, {"fields", fields}};
}

Json TaskService::remove(CallContext &call)
{
    const Json &b = call.body();
    const std::string id = Fields::requireString(b, "task");
    const bool force = Fields::optBool(b, "force");
    Store::Transaction tx(m_context.store);
    const Json task = load(tx, id);
    const std::string status = task.value("status", std::string());
    if (!force && status == "in_progress")
        throw ApiError(400, 110,
                       "invalid task status (cannot delete an in_progress task without "
                       "force): status=in_progress, task="
                               + id);
    Json artifactUrls = Json::array();
    for (const Json &a : task["execution"]["artifacts"])
        if (a.contains("uri") && a["uri"].is_string())
            artifactUrls.push_back(a["uri"]);
    Json modelUrls = Json::array();
    int updatedModels = 0;
    int deletedModels = 0;
    const bool deleteOutputModels = Fields::optBool(b, "delete_output_models", true);
    for (Json m : tx.all("models")) {
        if (m.value("task", Json()) != Json(id))
            continue;
        if (deleteOutputModels && !m.value("ready", false)) {
            if (m.contains("uri") && m["uri"].is_string())
                modelUrls.push_back(m["uri"]);
            tx.remove("models", m["id"].get<std::string>());
            ++deletedModels;
        } else {
            m["task"] = nullptr;
            tx.put("models", m["id"].get<std::string>(), m);
            ++updatedModels;
        }
    }
    int updatedChildren = 0;
    for (Json t : tx.all(Tasks)) {
        if (t.value("parent", Json()) == Json(id)) {
            t["parent"] = nullptr;
            tx.put(Tasks, t["id"].get<std::string>(), t);
            ++updatedChildren;
        }
    }
    tx.remove(Tasks, id);
    tx.commit();
    Json out{{"deleted", 1},
             {"updated_children", updatedChildren},
             {"updated_models", updatedModels},
             {"deleted_models", deletedModels},
             {"events", Json::object()}};
    if (Fields::optBool(b, "return_file_urls"))
        out["urls"] = Json{{"model_urls", modelUrls},
                           {"event_urls", Json::array()},
                           {"artifact_urls", artifactUrls}};
    return out;
}

Json TaskService::setRequirements(CallContext &call)
{
    const Json &b = call.body();
    const std::string id = Fields::requireString(b, "task");
    if (!b.contains("requirements"))
        throw ApiError::missingField("requirements");
    const Json req = Fields::objectValue(b["requirements"], "requirements");
    Store::Transaction tx(m_context.store);
    Json task = load(tx, id);
    task["script"]["requirements"] = req;
    save(tx, task);
    tx.commit();
    return Json{{"updated", 1}, {"fields", Json{{"script.requirements", req}}}};
}

static void checkArtifactStatus(const Json &task, bool force)
{
    const std::string status = task.value("status", std::string());
    const bool ok = status == "created" || (force && status == "in_progress");
    if (!ok)
        throw ApiError(400, 110,
                       "invalid task status (artifacts can change only while the task is "
                       "created, or in_progress with force): status="
                               + status + ", task=" + task.value("id", std::string()),
                       Json{{"task", task["id"]}, {"status", status}});
}

Json TaskService::addOrUpdateArtifacts(CallContext &call)
{
    const Json &b = call.body();
    const std::string id = Fields::requireString(b, "task");
    if (!b.contains("artifacts") || b["artifacts"].is_null())
        throw ApiError::missingField("artifacts");
    checkArtifacts(b["artifacts"]);
    Store::Transaction tx(m_context.store);
    Json task = load(tx, id);
    checkArtifactStatus(task, Fields::optBool(b, "force"));
    Json &list = task["execution"]["artifacts"];
    int updated = 0;
    for (Json a : b["artifacts"]) {
        if (!a.contains("mode") || a["mode"].is_null())
            a["mode"] = "output";
        auto it = std::find_if(list.begin(), list.end(), [&](const Json &x) {
            return x.value("key", std::string()) == a["key"].get<std::string>()
                   && x.value("mode", std::string("output")) == a["mode"].get<std::string>();
        });
        if (it != list.end())
            *it = a;
        else
            list.push_back(a);
        ++updated;
    }
    save(tx, task);
    tx.commit();
    return Json{{"updated", updated}};
}

Json TaskService::deleteArtifacts(CallContext &call)
{
    const Json &b = call.body();
    const std::string id = Fields::requireString(b, "task");
    if (!b.contains("artifacts") || !b["artifacts"].is_array())
        throw ApiError::missingField("artifacts");
    Store::Transaction tx(m_context.store);
    Json task = load(tx, id);
    checkArtifactStatus(task, Fields::optBool(b, "force"));
    Json &list = task["execution"]["artifacts"];
    int deleted = 0;
    for (const Json &spec : b["artifacts"]) {
        if (!spec.is_object() || !spec.contains("key") || !spec["key"].is_string())
            throw ApiError::missingField("artifacts.key");
        const std::string key = spec["key"].get<std::string>();
        const std::string mode = spec.value("mode", std::string("output"));
        const auto before = list.size();
        list.erase(std::remove_if(list.begin(), list.end(),
                                  [&](const Json &x) {
                                      return x.value("key", std::string()) == key
                                             && x.value("mode", std::string("output")) == mode;
                                  }),
                   list.end());
        deleted += static_cast<int>(before - list.size());
    }
    save(tx, task);
    tx.commit();
    return Json{{"deleted", deleted}};
}

Json TaskService::addOrUpdateModel(CallContext &call)
{
    const Json &b = call.body();
    const std::string id = Fields::requireString(b, "task");
    const std::string name = Fields::requireString(b, "name");
    const std::string model = Fields::requireString(b, "model");
    const std::string type = Fields::requireString(b, "type");
    if (type != "input" && type != "output")
        throw ApiError::validation("type must be 'input' or 'output', got '" + type + "'");
    Store::Transaction tx(m_context.store);
    Json task = load(tx, id);
    if (!tx.get("models", model))
        throw ApiError::invalidModelId(model);
    Json &list = task["models"][type];
    Json entry{{"name", name}, {"model", model}, {"updated", Util::nowIso()}};
    auto it = std::find_if(list.begin(), list.end(),
                           [&](const Json &x) { return x.value("name", std::string()) == name; });
    if (it != list.end())
        *it = entry;
    else
        list.push_back(entry);
    if (b.contains("iteration") && b["iteration"].is_number_integer())
        task["last_iteration"]
                = std::max(task.value("last_iteration", 0), b["iteration"].get<int>());
    save(tx, task);
    tx.commit();
    return Json{{"updated", 1}};
}

Json TaskService::deleteModels(CallContext &call)
{
    const Json &b = call.body();
    const std::string id = Fields::requireString(b, "task");
    if (!b.contains("models") || !b["models"].is_array())
        throw ApiError::missingField("models");
    Store::Transaction tx(m_context.store);
    Json task = load(tx, id);
    int updated = 0;
    for (const Json &spec : b["models"]) {
        if (!spec.is_object() || !spec.contains("name") || !spec["name"].is_string())
            throw ApiError::missingField("models.name");
        const std::string type = spec.value("type", std::string("output"));
        if (type != "input" && type != "output")
            throw ApiError::validation("models.type must be 'input' or 'output'");
        Json &list = task["models"][type];
        const auto before = list.size();
        list.erase(std::remove_if(list.begin(), list.end(),
                                  [&](const Json &x) {
                                      return x.value("name", std::string())
                                             == spec["name"].get<std::string>();
                                  }),
                   list.end());
        updated += static_cast<int>(before - list.size());
    }
    save(tx, task);
    tx.commit();
    return Json{{"updated", updated}};
}

Json TaskService::changeStatus(CallContext &call, const std::string &to)
{
    const Json &b = call.body();
    const std::string id = Fields::requireString(b, "task");
    const bool force = Fields::optBool(b, "force");
    Store::Transaction tx(m_context.store);
    Json task = load(tx, id);
    const std::string from = task.value("status", std::string("created"));
    std::string target = to;
    const bool publish = to == "completed" && Fields::optBool(b, "publish");
    TaskStatus::checkTransition(id, from, target, force);
    const std::string now = Util::nowIso();
    Json fields{{"status", target}, {"status_changed", now}};
    Json out = Json::object();
    task["status"] = target;
    task["status_changed"] = now;
    task["status_reason"] = Fields::optString(b, "status_reason");
    task["status_message"] = Fields::optString(b, "status_message");
    fields["status_reason"] = task["status_reason"];
    fields["status_message"] = task["status_message"];
    if (target == "in_progress") {
        const bool first = !task.contains("started") || task["started"].is_null();
        if (first)
            fields["started"] = task["started"] = now;
        out["started"] = first ? 1 : 0;
    }
    if (target == "completed" || target == "stopped" || target == "failed" || target == "closed")
        fields["completed"] = task["completed"] = now;
    if (target == "published")
        fields["published"] = task["published"] = now;
    if (publish) {
        task["status"] = "published";
        task["published"] = now;
        fields["status"] = "published";
        out["published"] = 1;
    } else if (to == "completed") {
        out["published"] = 0;
    }
    if (task.contains("started") && task["started"].is_string() && target != "in_progress") {
        const std::int64_t started = Util::parseIsoMs(task["started"].get<std::string>());
        if (started > 0)
            task["active_duration"]
                    = std::max<std::int64_t>(0, (Util::nowSeconds() * 1000 - started) / 1000);
    }
    save(tx, task);
    tx.commit();
    out["updated"] = 1;
    out["fields"] = fields;
    return out;
}

Json TaskService::reset(CallContext &call)
{
    const Json &b = call.body();
    const std::string id = Fields::requireString(b, "task");
    const bool force = Fields::optBool(b, "force");
    const bool clearAll = Fields::optBool(b, "clear_all");
    Store::Transaction tx(m_context.store);
    Json task = load(tx, id);
    const std::string status = task.value("status", std::string());
    if (status == "published" && !force)
        throw ApiError(400, 110,
                       "invalid task status (cannot reset a published task without "
                       "force): status=published, task="
                               + id);
    Json artifactUrls = Json::array();
    Json &artifacts = task["execution"]["artifacts"];
    Json kept = Json::array();
    for (const Json &a : artifacts) {
        if (clearAll || a.value("mode", std::string("output")) == "output") {
            if (a.contains("uri") && a["uri"].is_string())
                artifactUrls.push_back(a["uri"]);
        } else {
            kept.push_back(a);
        }
    }
    artifacts = kept;
    Json modelUrls = Json::array();
    int deletedModels = 0;
    if (Fields::optBool(b, "delete_output_models", true)) {
        for (const Json &m : task["models"]["output"]) {
            const std::string mid = m.value("model", std::string());
            const auto model = tx.get("models", mid);
            if (model && !model->value("ready", false)
                && model->value("task", Json()) == Json(id)) {
                if (model->contains("uri") && (*model)["uri"].is_string())
                    modelUrls.push_back((*model)["uri"]);
                tx.remove("models", mid);
                ++deletedModels;
            }
        }
    }
    task["models"]["output"] = Json::array();
    const std::string now = Util::nowIso();
    task["status"] = "created";
    task["status_changed"] = now;
    task["status_reason"] = "reset";
    task["status_message"] = "";
    task.erase("started");
    task.erase("completed");
    task.erase("published");
    task["last_iteration"] = 0;
    task["active_duration"] = 0;
    task.erase("last_metrics");
    if (clearAll)
        task["execution"].erase("queue");
    save(tx, task);
    tx.commit();
    Json out{{"updated", 1},
             {"fields", Json{{"status", "created"}}},
             {"dequeued", Json::object()},
             {"events", Json::object()},
             {"deleted_models", deletedModels}};
    if (Fields::optBool(b, "return_file_urls"))
        out["urls"] = Json{{"model_urls", modelUrls},
                           {"event_urls", Json::array()},
                           {"artifact_urls", artifactUrls}};
    return out;
}

} // namespace Trove::Server

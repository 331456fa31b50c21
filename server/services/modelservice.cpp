#include "modelservice.h"

#include "api/apierror.h"
#include "api/fields.h"
#include "app/servercontext.h"
#include "projectservice.h"
#include "query/docfilter.h"
#include "query/refexpander.h"
#include "systemservice.h"

#include <algorithm>

namespace Trove::Server {

static const char *const Models = "models";

static Json metadataMap(const Json &value)
{
    // Write calls take a list of {key, type, value}; a dict keyed by key is accepted as well.
    Json out = Json::object();
    if (value.is_null())
        return out;
    if (value.is_object()) {
        for (const auto &[k, v] : value.items()) {
            Json item = v.is_object() ? v : Json{{"value", v}};
            item["key"] = k;
            out[k] = item;
        }
        return out;
    }
    if (!value.is_array())
        throw ApiError::validation("metadata must be a list of {key, type, value}");
    for (const Json &item : value) {
        if (!item.is_object() || !item.contains("key") || !item["key"].is_string())
            throw ApiError::missingField("metadata.key");
        Json copy = item;
        if (copy.contains("value") && !copy["value"].is_string() && !copy["value"].is_null())
            copy["value"] = copy["value"].dump();
        out[item["key"].get<std::string>()] = copy;
    }
    return out;
}

Json ModelService::load(Store::Transaction &tx, const std::string &id) const
{
    auto doc = tx.get(Models, id);
    if (!doc)
        throw ApiError::invalidModelId(id);
    return *doc;
}

Json ModelService::present(Json model, const CallContext &call) const
{
    if (!call.request.atLeast(2, 17) && model.contains("metadata")) {
        Json list = Json::array();
        if (model["metadata"].is_object())
            for (const auto &[k, v] : model["metadata"].items())
                list.push_back(v);
        model["metadata"] = list;
    }
    return model;
}

void ModelService::registerRoutes(Router &router)
{
    router.add("models.create", [this](CallContext &c) { return create(c); });
    router.add("models.get_by_id", [this](CallContext &c) { return getById(c); });
    router.add("models.get_all", [this](CallContext &c) { return getAll(c, false); });
    router.add("models.get_all_ex", [this](CallContext &c) { return getAll(c, true); });
    router.add("models.edit", [this](CallContext &c) { return edit(c, false); });
    router.add("models.update", [this](CallContext &c) { return edit(c, true); });
    router.add("models.set_ready", [this](CallContext &c) { return setReady(c); });
    router.add("models.add_or_update_metadata",
               [this](CallContext &c) { return addOrUpdateMetadata(c); });
    router.add("models.delete_metadata", [this](CallContext &c) { return deleteMetadata(c); });
    router.add("models.delete", [this](CallContext &c) { return remove(c); });
    router.add("models.archive_many", [this](CallContext &c) { return archive(c, true); });
    router.add("models.unarchive_many", [this](CallContext &c) { return archive(c, false); });
    for (const char *legacy : {"models.update_for_task", "models.get_by_task_id"}) {
        router.add(legacy, [legacy](CallContext &c) -> Json {
            if (c.request.atLeast(2, 13))
                throw ApiError(301, 1,
                               std::string("endpoint dropped for this version: ") + legacy
                                       + " (use tasks.add_or_update_model)");
            throw ApiError(400, 12, std::string(legacy) + " is not supported by this server");
        });
    }
}

// Applies create/edit fields; returns what changed.
static Json applyModelFields(Store::Transaction &tx, Json &model, const Json &b, bool updateOnly)
{
    Json fields = Json::object();
    if (b.contains("name") && !b["name"].is_null()) {
        const std::string name = Fields::requireString(b, "name");
        Fields::checkName(name);
        fields["name"] = model["name"] = name;
    }
    const std::vector<const char *> strings
            = updateOnly ? std::vector<const char *>{"comment"}
                         : std::vector<const char *>{"uri", "comment", "framework"};
    for (const char *k : strings)
        if (b.contains(k) && !b[k].is_null())
            fields[k] = model[k] = Fields::optString(b, k);
    for (const char *k : {"tags", "system_tags"})
        if (b.contains(k) && !b[k].is_null())
            fields[k] = model[k] = Fields::stringListValue(b[k], k);
    if (!updateOnly) {
        for (const char *k : {"design", "labels"})
            if (b.contains(k) && !b[k].is_null())
                fields[k] = model[k] = Fields::objectValue(b[k], k);
        if (b.contains("parent")) {
            const std::string p = Fields::optString(b, "parent");
            fields["parent"] = model["parent"] = p.empty() ? Json() : Json(p);
        }
    }
    if (b.contains("ready") && !b["ready"].is_null())
        fields["ready"] = model["ready"] = Fields::optBool(b, "ready");
    if (b.contains("project")) {
        const std::string p = Fields::optString(b, "project");
        if (!p.empty() && !tx.get("projects", p))
            throw ApiError::invalidProjectId(p);
        fields["project"] = model["project"] = p.empty() ? Json() : Json(p);
    }
    if (b.contains("task")) {
        const std::string t = Fields::optString(b, "task");
        if (!t.empty() && !tx.get("tasks", t))
            throw ApiError::invalidTaskId(t);
        fields["task"] = model["task"] = t.empty() ? Json() : Json(t);
    }
    if (b.contains("iteration") && !b["iteration"].is_null()) {
        if (!b["iteration"].is_number_integer())
            throw ApiError::validation("iteration must be an integer");
        fields["last_iteration"] = model["last_iteration"] = b["iteration"];
    }
    if (b.contains("metadata") && !b["metadata"].is_null())
        fields["metadata"] = model["metadata"] = metadataMap(b["metadata"]);
    if (b.contains("created") && b["created"].is_string())
        fields["created"] = model["created"] = b["created"];
    if (b.contains("ui_cache") && b["ui_cache"].is_object())
        model["ui_cache"] = b["ui_cache"];
    return fields;
}

Json ModelService::create(CallContext &call)
{
    const Json &b = call.body();
    Fields::requireString(b, "uri");
    const std::string name = Fields::requireString(b, "name");
    Fields::checkName(name);
    const std::string id = Util::newId();
    const std::string now = Util::nowIso();
    Json model{{"id", id},
               {"name", name},
               {"uri", ""},
               {"framework", nullptr},
               {"design", Json::object()},
               {"labels", Json::object()},
               {"ready", false},
               {"task", nullptr},
               {"project", nullptr},
               {"parent", nullptr},
               {"user", call.identity.userId},
               {"company", call.identity.companyId},
               {"comment", ""},
               {"tags", Json::array()},
               {"system_tags", Json::array()},
               {"created", now},
               {"last_update", now},
               {"last_change", now},
               {"last_iteration", 0},
               {"metadata", Json::object()}};
    Store::Transaction tx(m_context.store);
    applyModelFields(tx, model, b, false);
    tx.put(Models, id, model);
    tx.commit();
    return Json{{"id", id}, {"created", true}};
}

Json ModelService::getById(CallContext &call)
{
    const std::string id = Fields::requireString(call.body(), "model");
    Store::Transaction tx(m_context.store, Store::Access::Read);
    return Json{{"model", present(load(tx, id), call)}};
}

Json ModelService::getAll(CallContext &call, bool ex)
{
    Json b = call.body();
    FilterSpec spec;
    spec.listFields = {"id",        "user", "project", "task",       "parent",
                       "framework", "uri",  "tags",    "system_tags"};
    spec.listPrefixes = {"metadata."};
    spec.regexFields = {"name", "comment"};
    spec.dateFields = {"last_update", "created", "last_change"};
    spec.rangeFields = {"last_iteration"};
    spec.boolFields = {"ready"};
    spec.searchTextFields = {"name", "id", "comment", "uri", "framework"};
    Store::Transaction tx(m_context.store, Store::Access::Read);
    if (Fields::optBool(b, "include_subprojects") && b.contains("project")
        && !b["project"].is_null()) {
        const auto ids = ProjectService::withDescendants(tx.all("projects"),
                                                         Fields::optStringList(b, "project"));
        b["project"] = Json(std::vector<std::string>(ids.begin(), ids.end()));
    }
    const DocFilter filter(b, spec);
    std::vector<const Json *> matched
            = m_context.lists.ordered(tx, Models, b, m_context.pager.rowsNeeded(b), {"projects"},
                                      [&](const Json &m) { return filter.matches(m); });
    Pager::Result page = m_context.pager.window(std::move(matched), b, true);
    const Json onlyFields = b.value("only_fields", Json());
    const RefExpander expander(
            {{"project", "projects"},
             {"task", "tasks"},
             {"parent", Models},
             {"user", "users"},
             {"company", "companies"}},
            [&](const std::string &collection, const std::string &id) -> std::optional<Json> {
                if (collection == "users")
                    return id == m_context.credentials.userId
                                   ? std::optional<Json>(SystemService::userDocument(m_context))
                                   : std::nullopt;
                if (collection == "companies")
                    return Json{{"id", id}, {"name", "trove"}};
                return tx.get(collection, id);
            });
    const bool includeStats = ex && Fields::optBool(b, "include_stats");
    Json models = Json::array();
    for (Json &m : page.items) {
        if (ex)
            expander.expand(&m, onlyFields);
        if (includeStats)
            m["stats"] = Json{{"labels_count", m.value("labels", Json::object()).size()}};
        Json projected = projectFields(present(m, call), onlyFields);
        if (includeStats)
            projected["stats"] = m["stats"];
        models.push_back(projected);
    }
    Json out{{"models", models}};
    if (page.scrollId)
        out["scroll_id"] = *page.scrollId;
    return out;
}

Json ModelService::edit(CallContext &call, bool updateOnly)
{
    const Json &b = call.body();
    const std::string id = Fields::requireString(b, "model");
    Store::Transaction tx(m_context.store);
    Json model = load(tx, id);
    const Json fields = applyModelFields(tx, model, b, updateOnly);
    const std::string now = Util::nowIso();
    model["last_update"] = now;
    model["last_change"] = now;
    tx.put(Models, id, model);
    tx.commit();
    return Json{{"updated", fields.empty() ? 0 : 1}, {"fields", fields}};
}

Json ModelService::setReady(CallContext &call)
{
    const Json &b = call.body();
    const std::string id = Fields::requireString(b, "model");
    Store::Transaction tx(m_context.store);
    Json model = load(tx, id);
    model["ready"] = true;
    model["last_update"] = Util::nowIso();
    Json published = Json::object();
    if (Fields::optBool(b, "publish_task", true) && model["task"].is_string()) {
        if (auto task = tx.get("tasks", model["task"].get<std::string>())) {
            const std::string status = task->value("status", std::string());
            if (status != "published") {
                (*task)["status"] = "published";
                (*task)["published"] = Util::nowIso();
                (*task)["status_changed"] = (*task)["published"];
                tx.put("tasks", model["task"].get<std::string>(), *task);
                published = Json{{"id", model["task"]}, {"data", Json{{"updated", 1}}}};
            }
        }
    }
    tx.put(Models, id, model);
    tx.commit();
    Json out{{"updated", 1}};
    if (!published.empty())
        out["published_task"] = published;
    return out;
}

Json ModelService::addOrUpdateMetadata(CallContext &call)
{
    const Json &b = call.body();
    const std::string id = Fields::requireString(b, "model");
    if (!b.contains("metadata") || b["metadata"].is_null())
        throw ApiError::missingField("metadata");
    const Json items = metadataMap(b["metadata"]);
    Store::Transaction tx(m_context.store);
    Json model = load(tx, id);
    if (Fields::optBool(b, "replace_metadata") || !model["metadata"].is_object())
        model["metadata"] = Json::object();
    for (const auto &[k, v] : items.items())
        model["metadata"][k] = v;
    model["last_update"] = Util::nowIso();
    tx.put(Models, id, model);
    tx.commit();
    return Json{{"updated", 1}};
}

Json ModelService::deleteMetadata(CallContext &call)
{
    const Json &b = call.body();
    const std::string id = Fields::requireString(b, "model");
    const auto keys = Fields::optStringList(b, "keys");
    Store::Transaction tx(m_context.store);
    Json model = load(tx, id);
    int deleted = 0;
    for (const auto &k : keys)
        if (model["metadata"].is_object())
            deleted += static_cast<int>(model["metadata"].erase(k));
    tx.put(Models, id, model);
    tx.commit();
    return Json{{"updated", deleted > 0 ? 1 : 0}};
}

Json ModelService::remove(CallContext &call)
{
    const Json &b = call.body();
    const std::string id = Fields::requireString(b, "model");
    Store::Transaction tx(m_context.store);
    const Json model = load(tx, id);
    if (model.value("ready", false) && !Fields::optBool(b, "force"))
        throw ApiError(400, 202, "model is published, use force to delete it: id=" + id);
    // Tasks that reference the model keep working: their entries are dropped.
    for (Json t : tx.all("tasks")) {
        bool changed = false;
        for (const char *k : {"input", "output"}) {
            Json &list = t["models"][k];
            if (!list.is_array())
                continue;
            const auto before = list.size();
            list.erase(std::remove_if(list.begin(), list.end(),
                                      [&](const Json &e) {
                                          return e.value("model", std::string()) == id;
                                      }),
                       list.end());
            changed = changed || list.size() != before;
        }
        if (changed)
            tx.put("tasks", t["id"].get<std::string>(), t);
    }
    tx.remove(Models, id);
    tx.commit();
    return Json{{"deleted", true}, {"url", model.value("uri", Json())}};
}

Json ModelService::archive(CallContext &call, bool doArchive)
{
    const auto ids = Fields::optStringList(call.body(), "ids");
    if (ids.empty())
        throw ApiError::missingField("ids");
    Store::Transaction tx(m_context.store);
    Json succeeded = Json::array();
    for (const auto &id : ids) {
        Json model = load(tx, id);
        Json &tags = model["system_tags"];
        const auto it = std::find(tags.begin(), tags.end(), Json("archived"));
        if (doArchive && it == tags.end())
            tags.push_back("archived");
        else if (!doArchive && it != tags.end())
            tags.erase(it);
        tx.put(Models, id, model);
        succeeded.push_back(Json{{"id", id}, {doArchive ? "archived" : "unarchived", true}});
    }
    tx.commit();
    return Json{{"succeeded", succeeded}, {"failed", Json::array()}};
}

} // namespace Trove::Server

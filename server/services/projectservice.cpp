#include "projectservice.h"

#include "api/apierror.h"
#include "api/fields.h"
#include "app/servercontext.h"
#include "query/docfilter.h"
#include "query/jsonpath.h"

#include <algorithm>
#include <map>

namespace Trove::Server {

static const char *const Projects = "projects";

std::set<std::string> ProjectService::withDescendants(const std::vector<Json> &projects,
                                                      const std::vector<std::string> &ids)
{
    std::set<std::string> out(ids.begin(), ids.end());
    bool grew = true;
    while (grew) {
        grew = false;
        for (const Json &p : projects) {
            const Json parent = p.value("parent", Json());
            if (parent.is_string() && out.count(parent.get<std::string>())
                && out.insert(p.value("id", std::string())).second)
                grew = true;
        }
    }
    return out;
}

bool ProjectService::isHidden(const Json &project)
{
    const Json tags = project.value("system_tags", Json::array());
    if (tags.is_array() && std::find(tags.begin(), tags.end(), Json("hidden")) != tags.end())
        return true;
    for (const auto &segment : Util::split(project.value("name", std::string()), '/'))
        if (!segment.empty() && segment[0] == '.')
            return true;
    return false;
}

std::string ProjectService::ensureProject(Store::Transaction &tx,
                                          const ServerContext &context,
                                          const std::string &name,
                                          const Json &fields,
                                          bool failIfExists)
{
    const auto segments = Util::split(name, '/');
    for (const auto &s : segments)
        if (s.empty())
            throw ApiError::validation("project name has an empty path segment: '" + name + "'");
    const std::vector<Json> all = tx.all(Projects);
    auto findByName = [&](const std::string &n) -> std::string {
        for (const Json &p : all)
            if (p.value("name", std::string()) == n)
                return p.value("id", std::string());
        return {};
    };
    if (const std::string existing = findByName(name); !existing.empty()) {
        if (failIfExists)
            throw ApiError(400, 801,
                           "expected unique data (project with this name exists): name=" + name,
                           Json{{"name", name}});
        return existing;
    }
    std::string parentId;
    std::string path;
    std::string id;
    for (std::size_t i = 0; i < segments.size(); ++i) {
        path += (i ? "/" : "") + segments[i];
        id = findByName(path);
        if (id.empty()) {
            // Pending projects created earlier in this loop are visible through tx.get only.
            for (const Json &p : tx.all(Projects))
                if (p.value("name", std::string()) == path)
                    id = p.value("id", std::string());
        }
        if (id.empty()) {
            id = Util::newId();
            const std::string now = Util::nowIso();
            Json doc{{"id", id},
                     {"name", path},
                     {"basename", segments[i]},
                     {"description", ""},
                     {"user", context.credentials.userId},
                     {"company", context.credentials.companyId},
                     {"created", now},
                     {"last_update", now},
                     {"tags", Json::array()},
                     {"system_tags", Json::array()},
                     {"parent", parentId.empty() ? Json() : Json(parentId)}};
            if (i + 1 == segments.size())
                for (const auto &[k, v] : fields.items())
                    doc[k] = v;
            tx.put(Projects, id, doc);
        }
        parentId = id;
    }
    return id;
}

void ProjectService::registerRoutes(Router &router)
{
    router.add("projects.create", [this](CallContext &c) { return create(c); });
    router.add("projects.get_by_id", [this](CallContext &c) { return getById(c); });
    router.add("projects.get_all", [this](CallContext &c) { return getAll(c, false); });
    router.add("projects.get_all_ex", [this](CallContext &c) { return getAll(c, true); });
    router.add("projects.update", [this](CallContext &c) { return update(c); });
    router.add("projects.delete", [this](CallContext &c) { return remove(c); });
}

Json ProjectService::create(CallContext &call)
{
    const Json &b = call.body();
    const std::string name = Fields::requireString(b, "name");
    Fields::checkName(name);
    Json fields{{"description", Fields::optString(b, "description")},
                {"tags", Fields::stringListValue(b.value("tags", Json()), "tags")},
                {"system_tags",
                 Fields::stringListValue(b.value("system_tags", Json()), "system_tags")}};
    if (b.contains("default_output_destination") && !b["default_output_destination"].is_null())
        fields["default_output_destination"] = Fields::optString(b, "default_output_destination");
    Store::Transaction tx(m_context.store);
    const std::string id = ensureProject(tx, m_context, name, fields, true);
    tx.commit();
    return Json{{"id", id}};
}

Json ProjectService::getById(CallContext &call)
{
    const std::string id = Fields::requireString(call.body(), "project");
    Store::Transaction tx(m_context.store, Store::Access::Read);
    const auto doc = tx.get(Projects, id);
    if (!doc)
        throw ApiError::invalidProjectId(id);
    return Json{{"project", *doc}};
}

Json ProjectService::stats(const std::vector<Json> &tasks,
                           const std::vector<Json> &projects,
                           const std::string &projectId,
                           bool withChildren,
                           bool archived) const
{
    const std::set<std::string> scope = withChildren ? withDescendants(projects, {projectId})
                                                     : std::set<std::string>{projectId};
    Json statusCount{{"created", 0},   {"queued", 0},     {"in_progress", 0}, {"stopped", 0},
                     {"published", 0}, {"publishing", 0}, {"closed", 0},      {"failed", 0},
                     {"completed", 0}, {"unknown", 0}};
    int total = 0;
    int completed24h = 0;
    double runtime = 0;
    std::string lastRun;
    const std::int64_t dayAgo = (Util::nowSeconds() - 24 * 3600) * 1000;
    for (const Json &t : tasks) {
        if (!scope.count(t.value("project", Json()).is_string() ? t["project"].get<std::string>()
                                                                : std::string()))
            continue;
        const Json st = t.value("system_tags", Json::array());
        const bool isArchived = std::find(st.begin(), st.end(), Json("archived")) != st.end();
        if (isArchived != archived)
            continue;
        ++total;
        const std::string status = t.value("status", std::string("unknown"));
        statusCount[status] = statusCount.value(status, 0) + 1;
        runtime += t.value("active_duration", Json(0)).is_number()
                           ? t["active_duration"].get<double>()
                           : 0.0;
        const Json completed = t.value("completed", Json());
        if (completed.is_string() && Util::parseIsoMs(completed.get<std::string>()) >= dayAgo)
            ++completed24h;
        const Json started = t.value("started", Json());
        if (started.is_string() && started.get<std::string>() > lastRun)
            lastRun = started.get<std::string>();
    }
    Json out{{"status_count", statusCount},
             {"total_tasks", total},
             {"total_runtime", static_cast<std::int64_t>(runtime)},
             {"completed_tasks_24h", completed24h}};
    if (!lastRun.empty())
        out["last_task_run"] = lastRun;
    return out;
}

Json ProjectService::getAll(CallContext &call, bool ex)
{
    const Json &b = call.body();
    FilterSpec spec;
    spec.listFields = {"id", "tags", "system_tags", "user"};
    spec.regexFields = {"name", "basename", "description"};
    spec.dateFields = {"created", "last_update"};
    spec.searchTextFields = {"name", "id", "description", "basename"};
    const DocFilter filter(b, spec);
    const bool searchHidden = Fields::optBool(b, "search_hidden");
    const bool shallow = Fields::optBool(b, "shallow_search");
    const auto parents = b.contains("parent") && !b["parent"].is_null()
                                 ? Fields::optStringList(b, "parent")
                                 : std::vector<std::string>();
    const bool hasParent = b.contains("parent") && !b["parent"].is_null();

    Store::Transaction tx(m_context.store, Store::Access::Read);
    const std::vector<Json> all = tx.all(Projects);
    const std::set<std::string> parentScope
            = hasParent ? withDescendants(all, parents) : std::set<std::string>();
    std::vector<const Json *> matched;
    for (const Json &p : all) {
        if (!searchHidden && isHidden(p) && !b.contains("id"))
            continue;
        const Json parent = p.value("parent", Json());
        const std::string parentId = parent.is_string() ? parent.get<std::string>() : std::string();
        if (hasParent) {
            const bool direct
                    = std::find(parents.begin(), parents.end(), parentId) != parents.end();
            if (shallow ? !direct : (!parentScope.count(parentId) || parentId.empty()))
                continue;
        } else if (shallow && !parentId.empty()) {
            continue;
        }
        if (!filter.matches(p))
            continue;
        matched.push_back(&p);
    }
    Pager::Result page = m_context.pager.window(std::move(matched), b);
    const Json onlyFields = b.value("only_fields", Json());
    Json projects = Json::array();
    std::vector<Json> tasks;
    std::vector<Json> models;
    if (ex) {
        tasks = tx.all("tasks");
        models = tx.all("models");
    }
    const bool includeStats = Fields::optBool(b, "include_stats");
    const bool withChildren = Fields::optBool(b, "stats_with_children", true);
    const bool archivedStats = Fields::optString(b, "stats_for_state", "active") == "archived";
    const bool ownContents = Fields::optBool(b, "check_own_contents");
    for (Json &p : page.items) {
        if (ex) {
            const std::string id = p.value("id", std::string());
            Json subs = Json::array();
            for (const Json &q : all)
                if (q.value("parent", Json()) == Json(id) && (searchHidden || !isHidden(q)))
                    subs.push_back(Json{{"id", q["id"]}, {"name", q["name"]}});
            p["sub_projects"] = subs;
            p["hidden"] = isHidden(p);
            if (includeStats) {
                const char *state = archivedStats ? "archived" : "active";
                p["stats"] = Json{{state, stats(tasks, all, id, withChildren, archivedStats)}};
            }
            if (ownContents) {
                auto count = [&](const std::vector<Json> &docs) {
                    return std::count_if(docs.begin(), docs.end(), [&](const Json &d) {
                        return d.value("project", Json()) == Json(id);
                    });
                };
                p["own_tasks"] = count(tasks);
                p["own_models"] = count(models);
            }
            Json projected = projectFields(p, onlyFields);
            if (onlyFields.is_array() && !onlyFields.empty()) {
                for (const char *k : {"sub_projects", "stats", "own_tasks", "own_models", "hidden"})
                    if (p.contains(k))
                        projected[k] = p[k];
            }
            projects.push_back(projected);
        } else {
            projects.push_back(projectFields(p, onlyFields));
        }
    }
    Json out{{"projects", projects}};
    if (page.scrollId)
        out["scroll_id"] = *page.scrollId;
    return out;
}

Json ProjectService::update(CallContext &call)
{
    const Json &b = call.body();
    const std::string id = Fields::requireString(b, "project");
    Store::Transaction tx(m_context.store);
    auto doc = tx.get(Projects, id);
    if (!doc)
        throw ApiError::invalidProjectId(id);
    Json fields = Json::object();
    if (b.contains("name") && !b["name"].is_null()) {
        const std::string name = Fields::requireString(b, "name");
        Fields::checkName(name);
        if (name != (*doc)["name"].get<std::string>()) {
            for (const Json &p : tx.all(Projects))
                if (p.value("name", std::string()) == name)
                    throw ApiError(400, 801,
                                   "expected unique data (project with this name exists): name="
                                           + name);
            // Renaming moves the whole subtree: rewrite descendants' names.
            const std::string oldName = (*doc)["name"].get<std::string>();
            for (Json p : tx.all(Projects)) {
                const std::string pn = p.value("name", std::string());
                if (Util::startsWith(pn, oldName + "/")) {
                    p["name"] = name + pn.substr(oldName.size());
                    tx.put(Projects, p["id"].get<std::string>(), p);
                }
            }
            (*doc)["name"] = name;
            (*doc)["basename"] = Util::split(name, '/').back();
        }
        fields["name"] = name;
    }
    for (const char *k : {"description", "default_output_destination"})
        if (b.contains(k) && !b[k].is_null())
            fields[k] = (*doc)[k] = Fields::optString(b, k);
    for (const char *k : {"tags", "system_tags"})
        if (b.contains(k) && !b[k].is_null())
            fields[k] = (*doc)[k] = Fields::stringListValue(b[k], k);
    (*doc)["last_update"] = Util::nowIso();
    tx.put(Projects, id, *doc);
    tx.commit();
    return Json{{"updated", 1}, {"fields", fields}};
}

Json ProjectService::remove(CallContext &call)
{
    const Json &b = call.body();
    const std::string id = Fields::requireString(b, "project");
    const bool force = Fields::optBool(b, "force");
    const bool deleteContents = Fields::optBool(b, "delete_contents");
    Store::Transaction tx(m_context.store);
    if (!tx.get(Projects, id))
        throw ApiError::invalidProjectId(id);
    const auto all = tx.all(Projects);
    const std::set<std::string> scope = withDescendants(all, {id});
    int tasks = 0;
    int models = 0;
    for (const char *collection : {"tasks", "models"}) {
        for (Json d : tx.all(collection)) {
            const Json p = d.value("project", Json());
            if (!p.is_string() || !scope.count(p.get<std::string>()))
                continue;
            const bool isTask = std::string(collection) == "tasks";
            (isTask ? tasks : models)++;
            if (!force && !deleteContents)
                throw ApiError(400, isTask ? 402 : 403,
                               std::string("project has ") + collection
                                       + " (use force or delete_contents): id=" + id);
            if (deleteContents) {
                tx.remove(collection, d["id"].get<std::string>());
            } else {
                d["project"] = nullptr;
                tx.put(collection, d["id"].get<std::string>(), d);
            }
        }
    }
    for (const auto &p : scope)
        tx.remove(Projects, p);
    tx.commit();
    return Json{{"deleted", 1},
                {"disassociated_tasks", deleteContents ? 0 : tasks},
                {"deleted_tasks", deleteContents ? tasks : 0},
                {"deleted_models", deleteContents ? models : 0},
                {"urls", Json{{"model_urls", Json::array()},
                              {"event_urls", Json::array()},
                              {"artifact_urls", Json::array()}}}};
}

} // namespace Trove::Server

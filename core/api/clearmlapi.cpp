#include "clearmlapi.h"

#include "jsonadapters.h"

namespace Trove {

using Json::fromQString;
using Json::fromStringList;
using nlohmann::json;

namespace {

/// Escapes regex metacharacters only (portable to PCRE, Mongo and std::regex).
QString escapeRegex(const QString &text)
{
    static const QString meta = QStringLiteral("\\^$.|?*+()[]{}");
    QString out;
    for (const QChar c : text) {
        if (meta.contains(c))
            out += QLatin1Char('\\');
        out += c;
    }
    return out;
}

} // namespace

ClearmlApi::ClearmlApi(ApiClient *client, QObject *parent)
    : QObject(parent ? parent : client)
    , m_client(client)
{}

ApiReply *ClearmlApi::composed(const QString &name)
{
    return new ApiReply(name, m_client ? static_cast<QObject *>(m_client) : this);
}

void ClearmlApi::then(ApiReply *outer, ApiReply *step, std::function<void(ApiReply &)> next)
{
    QPointer<ApiReply> current(step);
    outer->setCancelHook([current] {
        if (current)
            current->cancel();
    });
    step->onFinished(outer, [outer, next = std::move(next)](ApiReply &r) {
        if (outer->isCancelled())
            return;
        if (!r.ok()) {
            outer->fail(r.error());
            return;
        }
        next(r);
    });
}

ApiReply *ClearmlApi::serverInfo()
{
    auto *r = m_client->call(QStringLiteral("server.info"));
    r->setDecoder<json>([](const json &d) { return d; });
    return r;
}

ApiReply *ClearmlApi::getProjects(const ProjectQuery &q)
{
    json body = json::object();
    if (!q.ids.isEmpty()) {
        body["id"] = fromStringList(q.ids);
    } else {
        body["shallow_search"] = true;
        if (!q.parentId.isEmpty())
            body["parent"] = json::array({q.parentId.toStdString()});
    }
    if (q.includeStats) {
        body["include_stats"] = true;
        body["stats_with_children"] = true;
        body["stats_for_state"] = "active";
    }
    if (!q.includeArchived)
        body["system_tags"] = json::array({"-archived"});
    if (q.searchHidden)
        body["search_hidden"] = true;
    body["order_by"] = json::array({"name"});
    body["scroll_id"] = q.scrollId.isEmpty() ? json() : fromQString(q.scrollId);
    body["size"] = q.size;
    auto *r = m_client->call(QStringLiteral("projects.get_all_ex"), body);
    r->setDecoder<Page<Project>>(
            [](const json &d) { return pageFromJson<Project>(d, "projects"); });
    return r;
}

ApiReply *ClearmlApi::getProject(const QString &projectId)
{
    auto *r = m_client->call(QStringLiteral("projects.get_by_id"),
                             json{{"project", projectId.toStdString()}});
    r->setDecoder<Project>([](const json &d) { return d.at("project").get<Project>(); });
    return r;
}

ApiReply *ClearmlApi::getTasks(const TaskQuery &q)
{
    json body = json::object();
    auto list = [&](const char *key, const QStringList &values) {
        if (!values.isEmpty())
            body[key] = fromStringList(values);
    };
    list("id", q.ids);
    list("project", q.projectIds);
    list("status", q.statuses);
    list("type", q.types);
    list("tags", q.tags);
    list("user", q.userIds);
    list("models.input.model", q.inputModelIds);
    list("order_by", q.orderBy);
    list("only_fields", q.onlyFields);
    if (!q.includeArchived)
        body["system_tags"] = json::array({"-archived"});
    if (q.includeSubprojects)
        body["include_subprojects"] = true;
    const QString search = q.searchText.trimmed();
    if (!search.isEmpty())
        body["_any_"] = json{{"pattern", escapeRegex(search).toStdString()},
                             {"fields", json::array({"id", "name", "comment"})}};
    body["scroll_id"] = q.scrollId.isEmpty() ? json() : fromQString(q.scrollId);
    body["size"] = q.size;
    auto *r = m_client->call(q.extended ? QStringLiteral("tasks.get_all_ex")
                                        : QStringLiteral("tasks.get_all"),
                             body);
    r->setDecoder<Page<Task>>([](const json &d) { return pageFromJson<Task>(d, "tasks"); });
    return r;
}

ApiReply *ClearmlApi::getTask(const QString &taskId)
{
    auto *r = m_client->call(QStringLiteral("tasks.get_by_id"),
                             json{{"task", taskId.toStdString()}});
    r->setDecoder<Task>([](const json &d) { return d.at("task").get<Task>(); });
    return r;
}

ApiReply *ClearmlApi::getTaskStatus(const QString &taskId)
{
    json body{{"id", json::array({taskId.toStdString()})},
              {"only_fields", json::array({"status", "status_message", "id"})}};
    auto *r = m_client->call(QStringLiteral("tasks.get_all"), body);
    r->setDecoder<TaskStatus>([taskId](const json &d) {
        const auto page = pageFromJson<Task>(d, "tasks");
        for (const Task &t : page.items)
            if (t.id == taskId)
                return t.status;
        throw json::out_of_range::create(403, "task not found: " + taskId.toStdString(), &d);
    });
    return r;
}

ApiReply *ClearmlApi::getModel(const QString &modelId)
{
    auto *r = m_client->call(QStringLiteral("models.get_by_id"),
                             json{{"model", modelId.toStdString()}});
    r->setDecoder<Model>([](const json &d) { return d.at("model").get<Model>(); });
    return r;
}

ApiReply *ClearmlApi::getModels(const ModelQuery &q)
{
    json body = json::object();
    auto list = [&](const char *key, const QStringList &values) {
        if (!values.isEmpty())
            body[key] = fromStringList(values);
    };
    list("id", q.ids);
    list("task", q.taskIds);
    list("project", q.projectIds);
    list("parent", q.parentIds);
    list("order_by", q.orderBy);
    list("only_fields", q.onlyFields);
    if (!q.includeArchived)
        body["system_tags"] = json::array({"-archived"});
    body["scroll_id"] = q.scrollId.isEmpty() ? json() : fromQString(q.scrollId);
    body["size"] = q.size;
    auto *r = m_client->call(QStringLiteral("models.get_all"), body);
    r->setDecoder<Page<Model>>([](const json &d) { return pageFromJson<Model>(d, "models"); });
    return r;
}

ApiReply *ClearmlApi::getTaskModels(const QString &taskId)
{
    ApiReply *outer = composed(QStringLiteral("task models"));
    auto result = std::make_shared<TaskModels>();
    then(outer, getTask(taskId), [this, outer, result, taskId](ApiReply &r) {
        const Task task = r.value<Task>().value();
        result->inputRefs = task.inputModels;
        result->outputRefs = task.outputModels;
        ModelQuery byTask;
        byTask.taskIds = {taskId};
        byTask.onlyFields = {QStringLiteral("id")};
        then(outer, getModels(byTask), [this, outer, result](ApiReply &r2) {
            QStringList ids;
            for (const TaskModelRef &ref : std::as_const(result->inputRefs))
                if (!ref.model.isEmpty() && !ids.contains(ref.model.id))
                    ids << ref.model.id;
            QStringList outputIds;
            // A named Page: a range-for over a member of the Result temporary would dangle.
            const Page<Model> page = r2.value<Page<Model>>().value();
            for (const Model &m : page.items)
                outputIds << m.id;
            for (const TaskModelRef &ref : std::as_const(result->outputRefs))
                if (!ref.model.isEmpty() && !outputIds.contains(ref.model.id))
                    outputIds << ref.model.id;
            for (const QString &id : std::as_const(outputIds))
                if (!ids.contains(id))
                    ids << id;
            if (ids.isEmpty()) {
                outer->finish(json::object(), std::any(*result));
                return;
            }
            ModelQuery byId;
            byId.ids = ids;
            then(outer, getModels(byId), [outer, result, outputIds](ApiReply &r3) {
                const auto models = r3.value<Page<Model>>().value().items;
                for (const Model &m : models) {
                    if (outputIds.contains(m.id))
                        result->output << m;
                    for (const TaskModelRef &ref : std::as_const(result->inputRefs))
                        if (ref.model.id == m.id) {
                            result->input << m;
                            break;
                        }
                }
                outer->finish(json::object(), std::any(*result));
            });
        });
    });
    return outer;
}

ApiReply *ClearmlApi::getModelConsumers(const QString &modelId, int size)
{
    TaskQuery q;
    q.inputModelIds = {modelId};
    q.includeArchived = true;
    q.size = size;
    q.orderBy = {QStringLiteral("created")};
    q.onlyFields = {QStringLiteral("id"),   QStringLiteral("name"),    QStringLiteral("status"),
                    QStringLiteral("type"), QStringLiteral("project"), QStringLiteral("models")};
    return getTasks(q);
}

ApiReply *ClearmlApi::getUsers(const QStringList &userIds)
{
    auto *r = m_client->call(QStringLiteral("users.get_all"),
                             json{{"id", fromStringList(userIds)}});
    r->setDecoder<QList<User>>([](const json &d) { return pageFromJson<User>(d, "users").items; });
    return r;
}

} // namespace Trove

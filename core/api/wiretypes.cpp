#include "wiretypes.h"

#include "jsonadapters.h"

#include <array>
#include <utility>

namespace Trove {

using nlohmann::json;
using namespace Trove::Json;

namespace {

constexpr std::array<std::pair<TaskStatus, const char *>, 9> kStatuses{{
        {TaskStatus::Created, "created"},
        {TaskStatus::Queued, "queued"},
        {TaskStatus::InProgress, "in_progress"},
        {TaskStatus::Stopped, "stopped"},
        {TaskStatus::Published, "published"},
        {TaskStatus::Publishing, "publishing"},
        {TaskStatus::Closed, "closed"},
        {TaskStatus::Failed, "failed"},
        {TaskStatus::Completed, "completed"},
}};

constexpr std::array<std::pair<TaskType, const char *>, 11> kTypes{{
        {TaskType::Training, "training"},
        {TaskType::Testing, "testing"},
        {TaskType::Inference, "inference"},
        {TaskType::DataProcessing, "data_processing"},
        {TaskType::Application, "application"},
        {TaskType::Monitor, "monitor"},
        {TaskType::Controller, "controller"},
        {TaskType::Optimizer, "optimizer"},
        {TaskType::Service, "service"},
        {TaskType::Qc, "qc"},
        {TaskType::Custom, "custom"},
}};

QString requiredString(const json &j, const char *key)
{
    const json &v = j.at(key);
    if (!v.is_string())
        throw json::type_error::create(302, std::string(key) + " must be a string", &v);
    return toQString(v);
}

EntityRef refAt(const json &j, const char *key)
{
    EntityRef r;
    if (const json *v = member(j, key))
        from_json(*v, r);
    return r;
}

QList<TaskModelRef> modelRefs(const json &models, const char *key)
{
    QList<TaskModelRef> out;
    const json *list = member(models, key);
    if (list && list->is_array())
        for (const json &item : *list)
            if (item.is_object())
                out << item.get<TaskModelRef>();
    return out;
}

} // namespace

TaskStatus taskStatusFromString(const QString &s)
{
    for (const auto &[status, name] : kStatuses)
        if (s == QLatin1String(name))
            return status;
    return TaskStatus::Unknown;
}

QString taskStatusToString(TaskStatus status)
{
    for (const auto &[st, name] : kStatuses)
        if (st == status)
            return QLatin1String(name);
    return QStringLiteral("unknown");
}

TaskType taskTypeFromString(const QString &s)
{
    for (const auto &[type, name] : kTypes)
        if (s == QLatin1String(name))
            return type;
    return TaskType::Unknown;
}

QString taskTypeToString(TaskType type)
{
    for (const auto &[t, name] : kTypes)
        if (t == type)
            return QLatin1String(name);
    return QStringLiteral("unknown");
}

void from_json(const json &j, EntityRef &out)
{
    out = EntityRef();
    if (j.is_string()) {
        out.id = toQString(j);
    } else if (j.is_object()) {
        out.id = str(j, "id");
        out.name = str(j, "name");
    }
}

json Artifact::toJson() const
{
    json j = json::object();
    j["key"] = key.toStdString();
    j["type"] = type.toStdString();
    j["mode"] = (mode.isEmpty() ? QStringLiteral("output") : mode).toStdString();
    j["uri"] = uri.toStdString();
    if (contentSize >= 0)
        j["content_size"] = contentSize;
    if (!hash.isEmpty())
        j["hash"] = hash.toStdString();
    j["timestamp"] = timestamp;
    json typeData = json::object();
    if (!preview.isEmpty())
        typeData["preview"] = preview.toStdString();
    if (!contentType.isEmpty())
        typeData["content_type"] = contentType.toStdString();
    j["type_data"] = typeData;
    if (!displayData.isEmpty()) {
        json pairs = json::array();
        for (const auto &[k, v] : displayData)
            pairs.push_back(json::array({k.toStdString(), v.toStdString()}));
        j["display_data"] = pairs;
    }
    return j;
}

void from_json(const json &j, Artifact &out)
{
    out = Artifact();
    out.key = requiredString(j, "key");
    out.type = requiredString(j, "type");
    out.mode = str(j, "mode", QStringLiteral("output"));
    out.uri = str(j, "uri");
    out.contentSize = integer(j, "content_size", -1);
    out.hash = str(j, "hash");
    out.timestamp = integer(j, "timestamp", 0);
    if (const json *td = member(j, "type_data")) {
        out.preview = str(*td, "preview");
        out.contentType = str(*td, "content_type");
    }
    if (const json *dd = member(j, "display_data")) {
        if (dd->is_array()) {
            for (const json &pair : *dd)
                if (pair.is_array() && pair.size() >= 2)
                    out.displayData.append({toQString(pair.at(0)), toQString(pair.at(1))});
        } else if (dd->is_object()) {
            for (auto it = dd->begin(); it != dd->end(); ++it)
                out.displayData.append({QString::fromStdString(it.key()), toQString(*it)});
        }
    }
}

void from_json(const json &j, TaskModelRef &out)
{
    out = TaskModelRef();
    out.name = str(j, "name");
    out.model = refAt(j, "model");
    out.updated = dateTime(j, "updated");
}

void from_json(const json &j, Task &out)
{
    out = Task();
    out.id = requiredString(j, "id");
    out.name = str(j, "name");
    out.statusText = str(j, "status");
    out.status = taskStatusFromString(out.statusText);
    out.typeText = str(j, "type");
    out.type = taskTypeFromString(out.typeText);
    out.comment = str(j, "comment");
    out.statusMessage = str(j, "status_message");
    out.statusReason = str(j, "status_reason");
    out.project = refAt(j, "project");
    out.parent = refAt(j, "parent");
    out.user = refAt(j, "user");
    out.tags = strList(j, "tags");
    out.systemTags = strList(j, "system_tags");
    out.created = dateTime(j, "created");
    out.started = dateTime(j, "started");
    out.completed = dateTime(j, "completed");
    out.lastUpdate = dateTime(j, "last_update");
    out.statusChanged = dateTime(j, "status_changed");
    out.lastIteration = integer(j, "last_iteration");
    if (const json *output = member(j, "output"))
        out.outputDestination = str(*output, "destination");
    if (const json *execution = member(j, "execution")) {
        const json *arts = member(*execution, "artifacts");
        if (arts && arts->is_array())
            for (const json &a : *arts)
                out.artifacts << a.get<Artifact>();
        else if (arts && arts->is_object()) // some servers key them by "key/mode"
            for (const json &a : *arts)
                out.artifacts << a.get<Artifact>();
    }
    if (const json *models = member(j, "models")) {
        out.inputModels = modelRefs(*models, "input");
        out.outputModels = modelRefs(*models, "output");
    }
}

void from_json(const json &j, ProjectStats &out)
{
    out = ProjectStats();
    out.totalTasks = integer(j, "total_tasks");
    out.totalRuntime = integer(j, "total_runtime");
    out.completedTasks24h = integer(j, "completed_tasks_24h");
    out.lastTaskRun = dateTime(j, "last_task_run");
    if (const json *sc = member(j, "status_count"); sc && sc->is_object())
        for (auto it = sc->begin(); it != sc->end(); ++it)
            out.statusCount.insert(QString::fromStdString(it.key()),
                                   it->is_number() ? it->get<qint64>() : 0);
}

void from_json(const json &j, Project &out)
{
    out = Project();
    out.id = requiredString(j, "id");
    out.name = str(j, "name");
    out.basename = str(j, "basename");
    out.description = str(j, "description");
    out.user = refAt(j, "user");
    out.parent = refAt(j, "parent");
    out.tags = strList(j, "tags");
    out.systemTags = strList(j, "system_tags");
    out.created = dateTime(j, "created");
    out.lastUpdate = dateTime(j, "last_update");
    out.defaultOutputDestination = str(j, "default_output_destination");
    out.hidden = boolean(j, "hidden");
    if (const json *subs = member(j, "sub_projects"); subs && subs->is_array())
        for (const json &s : *subs)
            out.subProjects << s.get<EntityRef>();
    if (const json *stats = member(j, "stats"); stats && stats->is_object()) {
        out.hasStats = true;
        if (const json *a = member(*stats, "active"))
            out.activeStats = a->get<ProjectStats>();
        if (const json *a = member(*stats, "archived"))
            out.archivedStats = a->get<ProjectStats>();
    }
    out.ownTasks = integer(j, "own_tasks", -1);
    out.ownModels = integer(j, "own_models", -1);
}

void from_json(const json &j, Model &out)
{
    out = Model();
    out.id = requiredString(j, "id");
    out.name = str(j, "name");
    out.uri = str(j, "uri");
    out.framework = str(j, "framework");
    out.ready = boolean(j, "ready");
    out.task = refAt(j, "task");
    out.project = refAt(j, "project");
    out.parent = refAt(j, "parent");
    out.user = refAt(j, "user");
    out.tags = strList(j, "tags");
    out.systemTags = strList(j, "system_tags");
    out.created = dateTime(j, "created");
    out.lastUpdate = dateTime(j, "last_update");
    out.comment = str(j, "comment");
    out.lastIteration = integer(j, "last_iteration");
    if (const json *d = member(j, "design"))
        out.design = *d;
    if (const json *labels = member(j, "labels"); labels && labels->is_object())
        for (auto it = labels->begin(); it != labels->end(); ++it)
            out.labels.insert(QString::fromStdString(it.key()),
                              it->is_number() ? it->get<qint64>() : 0);
    if (const json *meta = member(j, "metadata")) {
        auto add = [&](const json &item, const QString &fallbackKey) {
            if (!item.is_object())
                return;
            ModelMetadataItem m;
            m.key = str(item, "key", fallbackKey);
            m.type = str(item, "type");
            m.value = str(item, "value");
            out.metadata << m;
        };
        if (meta->is_array()) {
            for (const json &item : *meta)
                add(item, QString());
        } else if (meta->is_object()) {
            for (auto it = meta->begin(); it != meta->end(); ++it)
                add(*it, QString::fromStdString(it.key()));
        }
    }
}

void from_json(const json &j, User &out)
{
    out = User();
    out.id = requiredString(j, "id");
    out.name = str(j, "name");
    out.givenName = str(j, "given_name");
    out.familyName = str(j, "family_name");
    out.role = str(j, "role");
}

} // namespace Trove

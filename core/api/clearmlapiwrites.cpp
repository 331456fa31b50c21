// ClearmlApi: the write calls and the composed registrations used by uploads.
#include "clearmlapi.h"

#include "jsonadapters.h"

#include <QDateTime>
#include <QUrl>

namespace Trove {

using nlohmann::json;

namespace {

QString idFrom(const json &d)
{
    const QString id = Json::str(d, "id");
    if (id.isEmpty())
        throw json::out_of_range::create(403, "the answer has no id", &d);
    return id;
}

/// The entry name the SDK uses for output models: the weights file's stem.
QString weightsStem(const QString &uri)
{
    QString file = QUrl(uri).fileName();
    if (file.isEmpty())
        file = uri.section(QLatin1Char('/'), -1);
    const int dot = int(file.indexOf(QLatin1Char('.')));
    const QString stem = dot > 0 ? file.left(dot) : file;
    return stem.isEmpty() ? QStringLiteral("weights") : stem;
}

} // namespace

ApiReply *ClearmlApi::createProject(const QString &name, const QString &description)
{
    auto *r = m_client->call(
            QStringLiteral("projects.create"),
            json{{"name", name.toStdString()}, {"description", description.toStdString()}});
    r->setDecoder<QString>(idFrom);
    return r;
}

ApiReply *ClearmlApi::createTask(const QString &name,
                                 const QString &projectId,
                                 const QString &type,
                                 const json &extra)
{
    json body = extra.is_object() ? extra : json::object();
    body["name"] = name.toStdString();
    body["type"] = type.toStdString();
    if (!projectId.isEmpty())
        body["project"] = projectId.toStdString();
    auto *r = m_client->call(QStringLiteral("tasks.create"), body);
    r->setDecoder<QString>(idFrom);
    return r;
}

ApiReply *ClearmlApi::setTaskStatus(const QString &taskId, const QString &action, bool force)
{
    auto *r = m_client->call(QStringLiteral("tasks.") + action,
                             json{{"task", taskId.toStdString()}, {"force", force}});
    r->setDecoder<json>([](const json &d) { return d; });
    return r;
}

ApiReply *ClearmlApi::addOrUpdateArtifacts(const QString &taskId,
                                           const QList<Artifact> &artifacts,
                                           bool force)
{
    json list = json::array();
    for (const Artifact &a : artifacts)
        list.push_back(a.toJson());
    auto *r = m_client->call(
            QStringLiteral("tasks.add_or_update_artifacts"),
            json{{"task", taskId.toStdString()}, {"artifacts", list}, {"force", force}});
    r->setDecoder<json>([](const json &d) { return d; });
    return r;
}

ApiReply *ClearmlApi::editTask(const QString &taskId, const json &fields, bool force)
{
    json body = fields.is_object() ? fields : json::object();
    body["task"] = taskId.toStdString();
    body["force"] = force;
    auto *r = m_client->call(QStringLiteral("tasks.edit"), body);
    r->setDecoder<json>([](const json &d) { return d; });
    return r;
}

ApiReply *ClearmlApi::createModel(const json &fields)
{
    auto *r = m_client->call(QStringLiteral("models.create"),
                             fields.is_object() ? fields : json::object());
    r->setDecoder<QString>(idFrom);
    return r;
}

ApiReply *ClearmlApi::editModel(const QString &modelId, const json &fields)
{
    json body = fields.is_object() ? fields : json::object();
    body["model"] = modelId.toStdString();
    auto *r = m_client->call(QStringLiteral("models.edit"), body);
    r->setDecoder<json>([](const json &d) { return d; });
    return r;
}

ApiReply *ClearmlApi::addOrUpdateModel(const QString &taskId,
                                       const QString &name,
                                       const QString &modelId,
                                       const QString &type)
{
    auto *r = m_client->call(QStringLiteral("tasks.add_or_update_model"),
                             json{{"task", taskId.toStdString()},
                                  {"name", name.toStdString()},
                                  {"model", modelId.toStdString()},
                                  {"type", type.toStdString()}});
    r->setDecoder<json>([](const json &d) { return d; });
    return r;
}

ApiReply *ClearmlApi::registerArtifact(const QString &taskId, const Artifact &artifact)
{
    ApiReply *outer = composed(QStringLiteral("register artifact"));
    Artifact art = artifact;
    if (art.mode.isEmpty())
        art.mode = QStringLiteral("output");
    if (art.timestamp == 0)
        art.timestamp = QDateTime::currentSecsSinceEpoch();

    auto finishWithTask = [this, outer, taskId] {
        then(outer, getTask(taskId), [outer](ApiReply &r) {
            outer->finish(json::object(), std::any(r.value<Task>().value()));
        });
    };
    auto editWholeList = [this, outer, taskId, art, finishWithTask] {
        // Re-read right before writing, so that an artifact registered meanwhile is kept.
        then(outer, getTask(taskId), [this, outer, taskId, art, finishWithTask](ApiReply &r) {
            QList<Artifact> list = r.value<Task>().value().artifacts;
            bool replaced = false;
            for (Artifact &a : list) {
                if (a.key == art.key && a.mode == art.mode) {
                    a = art;
                    replaced = true;
                }
            }
            if (!replaced)
                list << art;
            json arts = json::array();
            for (const Artifact &a : std::as_const(list))
                arts.push_back(a.toJson());
            then(outer, editTask(taskId, json{{"execution", json{{"artifacts", arts}}}}, true),
                 [finishWithTask](ApiReply &) { finishWithTask(); });
        });
    };

    then(outer, getTask(taskId),
         [this, outer, taskId, art, editWholeList, finishWithTask](ApiReply &r) {
             const Task task = r.value<Task>().value();
             if (task.status == TaskStatus::Created || task.status == TaskStatus::InProgress) {
                 ApiReply *add = addOrUpdateArtifacts(taskId, {art}, true);
                 // Fall back to the edit path when the status changed in between (400/110).
                 QPointer<ApiReply> current(add);
                 outer->setCancelHook([current] {
                     if (current)
                         current->cancel();
                 });
                 add->onFinished(outer, [outer, editWholeList, finishWithTask](ApiReply &a) {
                     if (outer->isCancelled())
                         return;
                     if (a.ok())
                         finishWithTask();
                     else if (a.error().resultCode == 400 && a.error().resultSubcode == 110)
                         editWholeList();
                     else
                         outer->fail(a.error());
                 });
                 return;
             }
             editWholeList();
         });
    return outer;
}

ApiReply *ClearmlApi::registerOutputModel(const QString &taskId,
                                          const QString &name,
                                          const QString &uri,
                                          const QString &framework)
{
    ApiReply *outer = composed(QStringLiteral("register output model"));
    then(outer, getTask(taskId), [this, outer, taskId, name, uri, framework](ApiReply &r) {
        const Task task = r.value<Task>().value();
        json create{{"uri", uri.toStdString()},
                    {"name", name.toStdString()},
                    {"labels", json::object()},
                    {"ready", false},
                    {"public", false}};
        if (!task.project.isEmpty())
            create["project"] = task.project.id.toStdString();
        then(outer, createModel(create),
             [this, outer, taskId, name, uri, framework, task](ApiReply &c) {
                 const QString modelId = c.value<QString>().value();
                 json edit{{"uri", uri.toStdString()},
                           {"name", name.toStdString()},
                           {"comment",
                            (QStringLiteral("Created by task id: ") + taskId).toStdString()},
                           {"task", taskId.toStdString()},
                           {"design", json{{"design", ""}}},
                           {"labels", json::object()}};
                 if (!framework.isEmpty())
                     edit["framework"] = framework.toStdString();
                 if (!task.project.isEmpty())
                     edit["project"] = task.project.id.toStdString();
                 then(outer, editModel(modelId, edit),
                      [this, outer, taskId, uri, modelId](ApiReply &) {
                          then(outer, addOrUpdateModel(taskId, weightsStem(uri), modelId),
                               [outer, modelId](ApiReply &) {
                                   outer->finish(json{{"id", modelId.toStdString()}},
                                                 std::any(modelId));
                               });
                      });
             });
    });
    return outer;
}

} // namespace Trove

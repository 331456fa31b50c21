#pragma once

#include "apiclient.h"
#include "apireply.h"
#include "wiretypes.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

namespace Trove {

/// One level of the project tree (projects.get_all_ex).
struct ProjectQuery
{
    QString parentId;         ///< empty: top-level projects
    bool includeStats = true; ///< adds stats.active (task counts by status)
    bool includeArchived = false;
    bool searchHidden = false;
    QStringList ids; ///< fetch these projects only (then parentId is ignored)
    QString scrollId;
    int size = 500;
};

/// A page of tasks (tasks.get_all, or tasks.get_all_ex when `extended`).
struct TaskQuery
{
    QStringList ids;
    QStringList projectIds;
    QStringList statuses; ///< "completed", "in_progress" …
    QStringList types;
    QStringList tags;
    QStringList userIds;
    QStringList inputModelIds; ///< "models.input.model": the consumers of a model
    QString searchText;        ///< case-insensitive regex over id, name and comment (`_any_`)
    QStringList orderBy{QStringLiteral("-last_update")};
    QStringList onlyFields; ///< empty: whole tasks
    bool includeArchived = false;
    bool includeSubprojects = false;
    bool extended = false; ///< get_all_ex (references come back as {id, name} objects)
    QString scrollId;      ///< empty: first page
    int size = 100;
};

struct ModelQuery
{
    QStringList ids;
    QStringList taskIds;
    QStringList projectIds;
    QStringList parentIds;
    QStringList orderBy{QStringLiteral("created")};
    QStringList onlyFields;
    bool includeArchived = true;
    QString scrollId;
    int size = 500;
};

/// The models around a task: inputs from task.models.input, outputs from
/// models.get_all{task} ∪ task.models.output (what the SDK does), ordered by creation.
struct TaskModels
{
    QList<TaskModelRef> inputRefs;
    QList<TaskModelRef> outputRefs;
    QList<Model> input;
    QList<Model> output;
};

/// The typed ClearML calls Trove uses, on top of ApiClient. Every method returns an
/// ApiReply (never nullptr) whose typed value is documented as "→ T": read it with
/// `reply->value<T>()` or `reply->onResult<T>(context, fn)`. Composed calls
/// (getTaskModels, registerArtifact, registerOutputModel) cancel their current step on
/// cancel().
class ClearmlApi final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClearmlApi)

public:
    explicit ClearmlApi(ApiClient *client, QObject *parent = nullptr);

    ApiClient *client() const { return m_client; }

    // ---- reads ----
    /// server.info → nlohmann::json
    ApiReply *serverInfo();
    /// projects.get_all_ex → Page<Project>
    ApiReply *getProjects(const ProjectQuery &query);
    /// projects.get_by_id → Project
    ApiReply *getProject(const QString &projectId);
    /// tasks.get_all / get_all_ex → Page<Task>
    ApiReply *getTasks(const TaskQuery &query);
    /// tasks.get_by_id → Task (artifacts, input and output models included)
    ApiReply *getTask(const QString &taskId);
    /// tasks.get_all{id, only_fields: status} → TaskStatus of one task
    ApiReply *getTaskStatus(const QString &taskId);
    /// models.get_by_id → Model
    ApiReply *getModel(const QString &modelId);
    /// models.get_all → Page<Model>
    ApiReply *getModels(const ModelQuery &query);
    /// tasks.get_by_id + models.get_all{task} + models.get_all{id} → TaskModels
    ApiReply *getTaskModels(const QString &taskId);
    /// tasks.get_all{"models.input.model":[id]} → Page<Task> (the tasks that used a model)
    ApiReply *getModelConsumers(const QString &modelId, int size = 500);
    /// users.get_all{id} → QList<User>
    ApiReply *getUsers(const QStringList &userIds);

    // ---- writes ----
    /// projects.create → QString (the new id)
    ApiReply *createProject(const QString &name, const QString &description = QString());
    /// tasks.create → QString (the new id)
    ApiReply *createTask(const QString &name,
                         const QString &projectId,
                         const QString &type = QStringLiteral("training"),
                         const nlohmann::json &extra = nlohmann::json::object());
    /// tasks.<action> ("started", "completed", "stopped", …) → nlohmann::json
    ApiReply *setTaskStatus(const QString &taskId, const QString &action, bool force = false);
    /// tasks.add_or_update_artifacts → nlohmann::json (only created/in_progress tasks)
    ApiReply *addOrUpdateArtifacts(const QString &taskId,
                                   const QList<Artifact> &artifacts,
                                   bool force = true);
    /// tasks.edit{task, force, …fields} → nlohmann::json
    ApiReply *editTask(const QString &taskId, const nlohmann::json &fields, bool force = true);
    /// models.create{…fields} → QString (the new id)
    ApiReply *createModel(const nlohmann::json &fields);
    /// models.edit{model, …fields} → nlohmann::json
    ApiReply *editModel(const QString &modelId, const nlohmann::json &fields);
    /// tasks.add_or_update_model → nlohmann::json; `type` is "input" or "output"
    ApiReply *addOrUpdateModel(const QString &taskId,
                               const QString &name,
                               const QString &modelId,
                               const QString &type = QStringLiteral("output"));

    /// Registers an uploaded artifact on a task without losing any other artifact → Task
    /// (as re-read after the write). created/in_progress: add_or_update_artifacts; any other
    /// status: re-reads the task right before writing, then tasks.edit{force, execution:
    /// {artifacts: full list with `artifact` upserted by key+mode}}.
    ApiReply *registerArtifact(const QString &taskId, const Artifact &artifact);

    /// Registers weights the way the SDK's OutputModel does → QString (the model id):
    /// models.create (ready false) → models.edit{task, project, uri, framework, comment} →
    /// tasks.add_or_update_model{type output}. `name` is the model name; the task's entry is
    /// named after the file stem of `uri`, as the SDK does.
    ApiReply *registerOutputModel(const QString &taskId,
                                  const QString &name,
                                  const QString &uri,
                                  const QString &framework = QString());

private:
    ApiReply *composed(const QString &name);
    /// Runs `step` as the current step of `outer`: its failure fails `outer`, its success
    /// calls `next` with the step's reply.
    void then(ApiReply *outer, ApiReply *step, std::function<void(ApiReply &)> next);

    QPointer<ApiClient> m_client;
};

} // namespace Trove

#pragma once

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QPair>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

/// Typed ClearML wire structs (contract §4), one plain struct per object, each with a
/// lenient from_json: optional fields may be missing or null; enums keep unknown values.
/// Reference fields accept both forms the server uses: an id string (get_all, get_by_id)
/// and an `{"id", "name"}` object (every *_ex call).
///
/// from_json throws nlohmann::json exceptions on a wrong required field; they are caught at
/// the decoding boundary (ApiClient / decodeAs()) and never cross a signal.
namespace Trove {

/// A reference to another entity: `"<id>"` or `{"id":"…","name":"…"}` (or `{}` / null).
struct EntityRef
{
    QString id;
    QString name; ///< only when the server joined it (*_ex with only_fields "x.name")
    bool isEmpty() const { return id.isEmpty(); }
    friend bool operator==(const EntityRef &, const EntityRef &) = default;
};

enum class TaskStatus {
    Created,
    Queued,
    InProgress,
    Stopped,
    Published,
    Publishing,
    Closed,
    Failed,
    Completed,
    Unknown,
};

enum class TaskType {
    Training,
    Testing,
    Inference,
    DataProcessing,
    Application,
    Monitor,
    Controller,
    Optimizer,
    Service,
    Qc,
    Custom,
    Unknown,
};

TaskStatus taskStatusFromString(const QString &s);
QString taskStatusToString(TaskStatus status);
TaskType taskTypeFromString(const QString &s);
QString taskTypeToString(TaskType type);

/// One entry of `task.execution.artifacts[]` (contract §4.3).
struct Artifact
{
    QString key;  ///< required
    QString type; ///< required: custom, archive, numpy, pandas, image, dict, string, pickle …
    QString mode = QStringLiteral("output"); ///< input | output
    QString uri;
    qint64 contentSize = -1;                    ///< -1: unknown (registered-only URLs)
    QString hash;                               ///< sha256 hex of the stored bytes, may be empty
    qint64 timestamp = 0;                       ///< epoch seconds
    QString preview;                            ///< type_data.preview
    QString contentType;                        ///< type_data.content_type
    QList<QPair<QString, QString>> displayData; ///< metadata pairs

    /// The JSON the write calls take (add_or_update_artifacts, tasks.edit).
    nlohmann::json toJson() const;
};

/// One entry of `task.models.input[]` / `.output[]`.
struct TaskModelRef
{
    QString name;
    EntityRef model;
    QDateTime updated;
};

struct Task
{
    QString id; ///< required
    QString name;
    TaskStatus status = TaskStatus::Unknown;
    QString statusText; ///< the raw status string, kept for unknown values
    TaskType type = TaskType::Unknown;
    QString typeText; ///< the raw type string
    QString comment;
    QString statusMessage;
    QString statusReason;
    EntityRef project;
    EntityRef parent;
    EntityRef user;
    QStringList tags;
    QStringList systemTags;
    QDateTime created;
    QDateTime started;
    QDateTime completed;
    QDateTime lastUpdate;
    QDateTime statusChanged;
    qint64 lastIteration = 0;
    QString outputDestination;
    QList<Artifact> artifacts;
    QList<TaskModelRef> inputModels;
    QList<TaskModelRef> outputModels;

    bool isArchived() const { return systemTags.contains(QStringLiteral("archived")); }
};

struct ProjectStats
{
    qint64 totalTasks = 0;
    qint64 totalRuntime = 0;
    qint64 completedTasks24h = 0;
    QMap<QString, qint64> statusCount;
    QDateTime lastTaskRun;
};

struct Project
{
    QString id;   ///< required
    QString name; ///< full path "a/b/c"
    QString basename;
    QString description;
    EntityRef user;
    EntityRef parent;
    QStringList tags;
    QStringList systemTags;
    QDateTime created;
    QDateTime lastUpdate;
    QString defaultOutputDestination;
    bool hidden = false;
    QList<EntityRef> subProjects;
    bool hasStats = false;
    ProjectStats activeStats;
    ProjectStats archivedStats;
    qint64 ownTasks = -1;
    qint64 ownModels = -1;

    QString displayName() const
    {
        return basename.isEmpty() ? name.section(QLatin1Char('/'), -1) : basename;
    }
    bool isArchived() const { return systemTags.contains(QStringLiteral("archived")); }
};

struct ModelMetadataItem
{
    QString key;
    QString type;
    QString value;
};

struct Model
{
    QString id; ///< required
    QString name;
    QString uri;
    QString framework;
    bool ready = false; ///< true = published
    EntityRef task;
    EntityRef project;
    EntityRef parent;
    EntityRef user;
    QMap<QString, qint64> labels;
    QList<ModelMetadataItem> metadata; ///< from the dict (≥ 2.17) or the list form
    QStringList tags;
    QStringList systemTags;
    QDateTime created;
    QDateTime lastUpdate;
    QString comment;
    qint64 lastIteration = 0;
    nlohmann::json design;
};

struct User
{
    QString id; ///< required
    QString name;
    QString givenName;
    QString familyName;
    QString role;
};

/// One page of a get_all/get_all_ex list with its scroll id (empty: no scrolling).
template<typename T>
struct Page
{
    QList<T> items;
    QString scrollId;
};

void from_json(const nlohmann::json &j, EntityRef &out);
void from_json(const nlohmann::json &j, Artifact &out);
void from_json(const nlohmann::json &j, TaskModelRef &out);
void from_json(const nlohmann::json &j, Task &out);
void from_json(const nlohmann::json &j, ProjectStats &out);
void from_json(const nlohmann::json &j, Project &out);
void from_json(const nlohmann::json &j, Model &out);
void from_json(const nlohmann::json &j, User &out);

/// Decodes `j[listKey]` and `j["scroll_id"]` into a page; wrong items throw.
template<typename T>
Page<T> pageFromJson(const nlohmann::json &j, const char *listKey)
{
    Page<T> page;
    const auto &list = j.at(listKey);
    if (!list.is_array())
        throw nlohmann::json::type_error::create(302, std::string(listKey) + " is not a list",
                                                 &list);
    page.items.reserve(qsizetype(list.size()));
    for (const auto &item : list)
        page.items.append(item.template get<T>());
    auto it = j.find("scroll_id");
    if (it != j.end() && it->is_string())
        page.scrollId = QString::fromStdString(it->template get<std::string>());
    return page;
}

} // namespace Trove

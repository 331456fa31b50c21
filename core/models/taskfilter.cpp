#include "taskfilter.h"

namespace Trove {

bool TaskFilter::isEmpty() const
{
    return text.trimmed().isEmpty() && statuses.isEmpty() && types.isEmpty() && tags.isEmpty()
           && userId.isEmpty() && includeArchived;
}

bool TaskFilter::matches(const Task &task) const
{
    if (!includeArchived && task.isArchived())
        return false;
    if (!statuses.isEmpty() && !statuses.contains(task.status))
        return false;
    if (!types.isEmpty() && !types.contains(task.type))
        return false;
    if (!userId.isEmpty() && task.user.id != userId)
        return false;
    if (!tags.isEmpty()) {
        bool any = false;
        for (const QString &t : tags)
            any = any || task.tags.contains(t);
        if (!any)
            return false;
    }
    const QString needle = text.trimmed();
    if (!needle.isEmpty() && !task.name.contains(needle, Qt::CaseInsensitive)
        && !task.id.contains(needle, Qt::CaseInsensitive)
        && !task.comment.contains(needle, Qt::CaseInsensitive))
        return false;
    return true;
}

void TaskFilter::applyTo(TaskQuery &query) const
{
    query.searchText = text.trimmed();
    query.statuses.clear();
    for (TaskStatus s : statuses)
        if (s != TaskStatus::Unknown)
            query.statuses << taskStatusToString(s);
    query.statuses.sort();
    query.types.clear();
    for (TaskType t : types)
        if (t != TaskType::Unknown)
            query.types << taskTypeToString(t);
    query.types.sort();
    query.tags = tags;
    query.userIds = userId.isEmpty() ? QStringList() : QStringList{userId};
    query.includeArchived = includeArchived;
}

bool ArtifactFilter::matches(const Artifact &artifact) const
{
    if (!types.isEmpty() && !types.contains(artifact.type))
        return false;
    const QString needle = text.trimmed();
    return needle.isEmpty() || artifact.key.contains(needle, Qt::CaseInsensitive)
           || artifact.type.contains(needle, Qt::CaseInsensitive)
           || artifact.contentType.contains(needle, Qt::CaseInsensitive);
}

} // namespace Trove

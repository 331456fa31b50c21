#pragma once

#include "api/clearmlapi.h"
#include "api/wiretypes.h"

#include <QSet>
#include <QString>

namespace Trove {

/// What the task list shows, as a plain value: the same filter runs client-side
/// (matches(), for a QSortFilterProxyModel in ui) and server-side (applyTo(), for the query).
class TaskFilter final
{
public:
    QString text; ///< case-insensitive substring of name, id or comment
    QSet<TaskStatus> statuses;
    QSet<TaskType> types;
    QStringList tags; ///< any of them
    QString userId;
    bool includeArchived = false;

    bool isEmpty() const;
    bool matches(const Task &task) const;
    /// Writes the filter into a server query (search text, status, type, tags, user).
    void applyTo(TaskQuery &query) const;
};

/// Filter for artifact lists: text over key, type and content type, and a type set.
class ArtifactFilter final
{
public:
    QString text;
    QSet<QString> types;
    bool matches(const Artifact &artifact) const;
};

} // namespace Trove

#pragma once

#include "transfers/droppedpath.h"

#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace Trove {

/// The decisions behind an upload of several paths as artifacts of one task: each path's
/// artifact name (editable), its clash with an artifact the task already has or with another
/// name of the same drop, and how a clash is resolved — Replace the task's artifact, or
/// Rename to a free name. UploadDialog shows it; the rules live here so that they are
/// testable without widgets and shared with trove-cli put (DroppedPath::defaultArtifactName).
///
/// An entry is ready when it was inspected and is usable, its name is not empty, and it has
/// no unresolved clash. Unusable entries (see DroppedPath::problem) are skipped, not blocking:
/// the plan is acceptable when at least one entry will be uploaded and every other usable
/// entry is ready.
class UploadPlan final
{
public:
    enum class Issue {
        None,
        Inspecting,    ///< not inspected yet (size and usability unknown)
        Unusable,      ///< DroppedPath::problem: skipped
        EmptyName,     ///< the name is empty
        ClashExisting, ///< the task has an artifact of that name: Replace or Rename
        ClashInDrop,   ///< another path of this drop has the same name: Rename
    };

    struct Entry
    {
        DroppedPath path;
        bool inspected = false;
        QString name;
        bool replace = false; ///< the user chose to replace the task's artifact of this name
    };

    /// The names of the task's artifacts, for clash detection.
    void setExistingNames(const QStringList &names);
    const QSet<QString> &existingNames() const { return m_existing; }

    /// Adds a path named by the default rule; `isFolder` is a first guess until inspected.
    int addPath(const QString &path, bool isFolder);
    /// Records what inspect() found; a wrong kind guess renames the entry by the rule.
    void setInspection(int index, const DroppedPath &path);
    /// Sets the name (trimmed); a changed name drops an earlier Replace choice.
    void setName(int index, const QString &name);
    /// Replace the task's artifact of this name (only meaningful for ClashExisting).
    void setReplace(int index, bool replace);
    /// Renames the entry to suggestedName(index).
    void rename(int index);

    int size() const { return int(m_entries.size()); }
    const Entry &entry(int index) const { return m_entries.at(index); }
    const QList<Entry> &entries() const { return m_entries; }

    Issue issue(int index) const;
    /// A short status for a table cell ("Name taken on the task"); empty when ready and
    /// nothing is replaced.
    QString issueText(int index) const;
    /// The same in a full sentence, with the suggested free name (for a tooltip).
    QString issueDetails(int index) const;
    bool clashesWithExisting(int index) const;
    bool clashesInDrop(int index) const;
    /// A free name for the entry: its name, else "<name>_2", "<name>_3"… not taken by the
    /// task nor by any other entry of the drop.
    QString suggestedName(int index) const;
    /// The entries that will be uploaded (usable, inspected), in order.
    QList<int> uploadable() const;
    /// True when OK can be pressed: something to upload and every such entry ready.
    bool isAcceptable() const;

    /// `base`, else `base_2`, `base_3`… the first not in `taken`.
    static QString freeName(const QString &base, const QSet<QString> &taken);

private:
    QSet<QString> m_existing;
    QList<Entry> m_entries;
};

} // namespace Trove

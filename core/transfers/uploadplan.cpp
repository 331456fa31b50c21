#include "uploadplan.h"

namespace Trove {

void UploadPlan::setExistingNames(const QStringList &names)
{
    m_existing = QSet<QString>(names.begin(), names.end());
}

int UploadPlan::addPath(const QString &path, bool isFolder)
{
    Entry e;
    e.path.path = path;
    e.path.kind = isFolder ? DroppedPath::Kind::Folder : DroppedPath::Kind::File;
    e.name = DroppedPath::defaultArtifactName(path, isFolder);
    m_entries.append(e);
    return int(m_entries.size()) - 1;
}

void UploadPlan::setInspection(int index, const DroppedPath &path)
{
    Entry &e = m_entries[index];
    const bool wasFolder = e.path.isFolder();
    const QString guessedName = DroppedPath::defaultArtifactName(e.path.path, wasFolder);
    e.path = path;
    e.inspected = true;
    if (path.isFolder() != wasFolder && e.name == guessedName)
        e.name = DroppedPath::defaultArtifactName(e.path.path, path.isFolder());
}

void UploadPlan::setName(int index, const QString &name)
{
    Entry &e = m_entries[index];
    const QString trimmed = name.trimmed();
    if (trimmed == e.name)
        return;
    e.name = trimmed;
    e.replace = false;
}

void UploadPlan::setReplace(int index, bool replace)
{
    m_entries[index].replace = replace;
}

void UploadPlan::rename(int index)
{
    setName(index, suggestedName(index));
}

bool UploadPlan::clashesWithExisting(int index) const
{
    return m_existing.contains(m_entries.at(index).name);
}

bool UploadPlan::clashesInDrop(int index) const
{
    const QString &name = m_entries.at(index).name;
    if (name.isEmpty())
        return false;
    for (int i = 0; i < m_entries.size(); ++i) {
        if (i == index || m_entries.at(i).name != name)
            continue;
        const Entry &other = m_entries.at(i);
        if (!other.inspected || other.path.isUsable())
            return true;
    }
    return false;
}

UploadPlan::Issue UploadPlan::issue(int index) const
{
    const Entry &e = m_entries.at(index);
    if (!e.inspected)
        return Issue::Inspecting;
    if (!e.path.isUsable())
        return Issue::Unusable;
    if (e.name.isEmpty())
        return Issue::EmptyName;
    if (clashesInDrop(index))
        return Issue::ClashInDrop;
    if (clashesWithExisting(index) && !e.replace)
        return Issue::ClashExisting;
    return Issue::None;
}

QString UploadPlan::issueText(int index) const
{
    const Entry &e = m_entries.at(index);
    switch (issue(index)) {
    case Issue::None:
        return clashesWithExisting(index) ? QStringLiteral("Replaces the task's artifact")
                                          : QString();
    case Issue::Inspecting:
        return QStringLiteral("Scanning…");
    case Issue::Unusable:
        return QStringLiteral("Skipped: %1").arg(e.path.problem);
    case Issue::EmptyName:
        return QStringLiteral("Enter a name");
    case Issue::ClashExisting:
        return QStringLiteral("Name taken on the task");
    case Issue::ClashInDrop:
        return QStringLiteral("Name used twice");
    }
    return QString();
}

QString UploadPlan::issueDetails(int index) const
{
    const Entry &e = m_entries.at(index);
    switch (issue(index)) {
    case Issue::None:
        return clashesWithExisting(index)
                       ? QStringLiteral("Replaces the task's artifact \"%1\"; its other "
                                        "artifacts are kept.")
                                 .arg(e.name)
                       : QString();
    case Issue::Inspecting:
        return QStringLiteral("Checking size and readability…");
    case Issue::Unusable:
        return QStringLiteral("%1 cannot be uploaded: %2.").arg(e.path.path, e.path.problem);
    case Issue::EmptyName:
        return QStringLiteral("The artifact name must not be empty.");
    case Issue::ClashExisting:
        return QStringLiteral("The task already has an artifact \"%1\": replace it, or "
                              "rename this one (e.g. \"%2\").")
                .arg(e.name, suggestedName(index));
    case Issue::ClashInDrop:
        return QStringLiteral("Another dropped item is also named \"%1\": rename one (e.g. "
                              "\"%2\").")
                .arg(e.name, suggestedName(index));
    }
    return QString();
}

QString UploadPlan::suggestedName(int index) const
{
    QSet<QString> taken = m_existing;
    for (int i = 0; i < m_entries.size(); ++i)
        if (i != index)
            taken.insert(m_entries.at(i).name);
    const Entry &e = m_entries.at(index);
    const QString base = e.name.isEmpty()
                                 ? DroppedPath::defaultArtifactName(e.path.path, e.path.isFolder())
                                 : e.name;
    return freeName(base, taken);
}

QList<int> UploadPlan::uploadable() const
{
    QList<int> out;
    for (int i = 0; i < m_entries.size(); ++i)
        if (m_entries.at(i).inspected && m_entries.at(i).path.isUsable())
            out << i;
    return out;
}

bool UploadPlan::isAcceptable() const
{
    bool any = false;
    for (int i = 0; i < m_entries.size(); ++i) {
        switch (issue(i)) {
        case Issue::None:
            any = true;
            break;
        case Issue::Unusable:
            break;
        case Issue::Inspecting:
        case Issue::EmptyName:
        case Issue::ClashExisting:
        case Issue::ClashInDrop:
            return false;
        }
    }
    return any;
}

QString UploadPlan::freeName(const QString &base, const QSet<QString> &taken)
{
    if (!taken.contains(base))
        return base;
    for (int n = 2;; ++n) {
        const QString candidate = QStringLiteral("%1_%2").arg(base).arg(n);
        if (!taken.contains(candidate))
            return candidate;
    }
}

} // namespace Trove

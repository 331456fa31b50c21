#include "storagekeys.h"

namespace Trove {

QString StorageKeys::pyQuote(const QString &text, const QByteArray &safe)
{
    static const char hex[] = "0123456789ABCDEF";
    const QByteArray utf8 = text.toUtf8();
    QString out;
    out.reserve(utf8.size());
    for (char c : utf8) {
        const bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                          || c == '_' || c == '.' || c == '-' || c == '~' || safe.contains(c);
        if (keep) {
            out += QLatin1Char(c);
        } else {
            const auto u = static_cast<unsigned char>(c);
            out += QLatin1Char('%');
            out += QLatin1Char(hex[u >> 4]);
            out += QLatin1Char(hex[u & 0xF]);
        }
    }
    return out;
}

namespace {

/// The characters the SDK leaves unquoted in the folders of a task (Task._get_output_
/// destination_suffix): subproject and task names with "/" become nested folders.
const QByteArray kFolderSafe = "'[]{}()$^,.; -_+=/";

/// The SDK's limit_folder_name(): cut the raw name so that "<name>.<id>" stays within
/// maxLength, keeping at least 2 characters of the name.
QString
limitFolderName(const QString &name, const QString &id, qsizetype maxLength, bool alwaysAddId)
{
    if (!alwaysAddId && name.size() < maxLength)
        return name;
    return name.left(std::max<qsizetype>(2, maxLength - id.size() - 1)) + QLatin1Char('.') + id;
}

} // namespace

QString StorageKeys::projectPath(const QString &projectName, const QString &projectId)
{
    if (projectName.isEmpty())
        return QString();
    return pyQuote(limitFolderName(projectName, projectId, 256, false), kFolderSafe);
}

QString StorageKeys::taskFolder(const QString &taskName, const QString &taskId)
{
    return pyQuote(limitFolderName(taskName, taskId, 128, true), kFolderSafe);
}

QString StorageKeys::artifactFolder(const QString &artifactName)
{
    QString out;
    const QString name = QString(artifactName).replace(QLatin1Char('/'), QStringLiteral(".slash."));
    static const QString special = QStringLiteral("#\"';?:@&=+$,%!\r\n");
    for (const QChar c : name) {
        if (special.contains(c))
            out += QStringLiteral("0x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out;
}

QString StorageKeys::taskPrefix(const QString &projectName,
                                const QString &projectId,
                                const QString &taskName,
                                const QString &taskId)
{
    // As the SDK joins its parts: a task without a project has no project folder (not "//").
    const QString project = projectPath(projectName, projectId);
    const QString task = taskFolder(taskName, taskId);
    return project.isEmpty() ? task : project + QLatin1Char('/') + task;
}

QString StorageKeys::artifactKey(const QString &projectName,
                                 const QString &projectId,
                                 const QString &taskName,
                                 const QString &taskId,
                                 const QString &artifactName,
                                 const QString &fileName)
{
    return taskPrefix(projectName, projectId, taskName, taskId) + QStringLiteral("/artifacts/")
           + artifactFolder(artifactName) + QLatin1Char('/') + fileName;
}

QString StorageKeys::modelKey(const QString &projectName,
                              const QString &projectId,
                              const QString &taskName,
                              const QString &taskId,
                              const QString &weightsFileName)
{
    return taskPrefix(projectName, projectId, taskName, taskId) + QStringLiteral("/models/")
           + weightsFileName;
}

QString StorageKeys::registeredUri(const QString &destination, const QString &key)
{
    QString base = destination;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return base + QLatin1Char('/') + pyQuote(key, "/");
}

} // namespace Trove

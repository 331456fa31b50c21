#pragma once

#include <QString>
#include <QUrl>

namespace Trove {

/// Where the SDK puts uploaded artifacts and model weights, and how it names them (contract
/// §5.1, §5.2, §6). Pure functions, no I/O.
///
///   artifacts: <project path>/<task name>.<task id>/artifacts/<artifact folder>/<file name>
///   models:    <project path>/<task name>.<task id>/models/<weights file name>
class StorageKeys final
{
public:
    /// Python's urllib.parse.quote(text, safe): UTF-8 bytes; letters, digits, "_.-~" and
    /// `safe` stay, everything else becomes %XX.
    static QString pyQuote(const QString &text, const QByteArray &safe = "/");

    /// The project name quoted with the safe set `'[]{}()$^,.; -_+=/` (subprojects become
    /// folders); a name of 256 characters or more is first cut and `.<project id>` appended.
    static QString projectPath(const QString &projectName, const QString &projectId);
    /// `<task name>.<task id>`, the name cut to keep it within 128 characters, then quoted
    /// as the project path (a `"` becomes %22, as the SDK writes it).
    static QString taskFolder(const QString &taskName, const QString &taskId);
    /// The artifact name with "/" → ".slash." and # " ' ; ? : @ & = + $ , % ! CR LF → 0x<hex>.
    static QString artifactFolder(const QString &artifactName);

    /// "<project path>/<task folder>", or the task folder alone for a task without a project.
    static QString taskPrefix(const QString &projectName,
                              const QString &projectId,
                              const QString &taskName,
                              const QString &taskId);

    static QString artifactKey(const QString &projectName,
                               const QString &projectId,
                               const QString &taskName,
                               const QString &taskId,
                               const QString &artifactName,
                               const QString &fileName);
    static QString modelKey(const QString &projectName,
                            const QString &projectId,
                            const QString &taskName,
                            const QString &taskId,
                            const QString &weightsFileName);

    /// The multipart part name and filename: the key with a leading slash, raw.
    static QString multipartName(const QString &key) { return QLatin1Char('/') + key; }

    /// The URI to register: `<destination>/` + key, the key percent-quoted ("/" kept).
    /// Works for http(s) files servers and s3:// prefixes alike.
    static QString registeredUri(const QString &destination, const QString &key);
};

} // namespace Trove

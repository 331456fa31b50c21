#pragma once

#include <QJsonObject>
#include <QString>

namespace Trove {

/// Everything `tasks.add_or_update_artifacts` needs for one uploaded artifact, shaped as the
/// SDK sends it (contract §4.3, §6). Registration itself belongs to the API client.
struct ArtifactSpec
{
    QString key;  ///< the artifact name, verbatim
    QString type; ///< "custom" (a file) or "archive" (a zipped folder)
    QString uri;  ///< the registered, percent-quoted URI
    qint64 contentSize = 0;
    QString hash;         ///< sha256 hex of the uploaded bytes
    qint64 timestamp = 0; ///< epoch seconds
    QString preview;
    QString contentType; ///< may be empty (mimetypes found nothing): sent as null

    /// {key, type, uri, content_size, hash, timestamp, type_data{preview, content_type}}
    QJsonObject toJson() const;

    /// Python's humanfriendly-style decimal size: "1 byte", "12 bytes", "1 KB", "1.5 MB".
    static QString formatSize(qint64 bytes);
    /// "<file> - <size>\n"
    static QString filePreview(const QString &fileName, qint64 size);
    /// Like Python's mimetypes.guess_type(name)[0]: empty when unknown. ".csv.gz" → text/csv.
    static QString guessContentType(const QString &fileName);
    /// The part Content-Type the SDK sends: the guess, else "binary/octet-stream".
    static QString uploadContentType(const QString &fileName);
    /// Cuts a preview over 65536 + 1024 characters the SDK's way.
    static QString limitPreview(const QString &preview);
};

} // namespace Trove

#include "artifactspec.h"

#include <QHash>
#include <QJsonValue>

#include <cmath>

namespace Trove {

QJsonObject ArtifactSpec::toJson() const
{
    QJsonObject typeData;
    typeData.insert(QStringLiteral("preview"), preview);
    typeData.insert(QStringLiteral("content_type"),
                    contentType.isEmpty() ? QJsonValue() : QJsonValue(contentType));
    QJsonObject o;
    o.insert(QStringLiteral("key"), key);
    o.insert(QStringLiteral("type"), type);
    o.insert(QStringLiteral("uri"), uri);
    o.insert(QStringLiteral("content_size"), contentSize);
    o.insert(QStringLiteral("hash"), hash);
    o.insert(QStringLiteral("timestamp"), timestamp);
    o.insert(QStringLiteral("type_data"), typeData);
    return o;
}

QString ArtifactSpec::formatSize(qint64 bytes)
{
    if (bytes == 1)
        return QStringLiteral("1 byte");
    static const char *const units[] = {"bytes", "KB", "MB", "GB", "TB", "PB"};
    const double size = double(bytes);
    for (int i = 0; i < 6; ++i) {
        if (size < std::pow(1000.0, i + 1) || i == 5) {
            if (i == 0)
                return QStringLiteral("%1 bytes").arg(bytes);
            QString number = QString::number(size / std::pow(1000.0, i), 'f', 2);
            while (number.endsWith(QLatin1Char('0')))
                number.chop(1);
            if (number.endsWith(QLatin1Char('.')))
                number.chop(1);
            return number + QLatin1Char(' ') + QLatin1String(units[i]);
        }
    }
    return QString();
}

QString ArtifactSpec::filePreview(const QString &fileName, qint64 size)
{
    return fileName + QStringLiteral(" - ") + formatSize(size) + QLatin1Char('\n');
}

QString ArtifactSpec::guessContentType(const QString &fileName)
{
    static const QHash<QString, QString> types = {
            {QStringLiteral("csv"), QStringLiteral("text/csv")},
            {QStringLiteral("txt"), QStringLiteral("text/plain")},
            {QStringLiteral("log"), QStringLiteral("text/plain")},
            {QStringLiteral("json"), QStringLiteral("application/json")},
            {QStringLiteral("html"), QStringLiteral("text/html")},
            {QStringLiteral("htm"), QStringLiteral("text/html")},
            {QStringLiteral("xml"), QStringLiteral("text/xml")},
            {QStringLiteral("md"), QStringLiteral("text/markdown")},
            {QStringLiteral("py"), QStringLiteral("text/x-python")},
            {QStringLiteral("png"), QStringLiteral("image/png")},
            {QStringLiteral("jpg"), QStringLiteral("image/jpeg")},
            {QStringLiteral("jpeg"), QStringLiteral("image/jpeg")},
            {QStringLiteral("gif"), QStringLiteral("image/gif")},
            {QStringLiteral("bmp"), QStringLiteral("image/bmp")},
            {QStringLiteral("tif"), QStringLiteral("image/tiff")},
            {QStringLiteral("tiff"), QStringLiteral("image/tiff")},
            {QStringLiteral("svg"), QStringLiteral("image/svg+xml")},
            {QStringLiteral("webp"), QStringLiteral("image/webp")},
            {QStringLiteral("zip"), QStringLiteral("application/zip")},
            {QStringLiteral("tar"), QStringLiteral("application/x-tar")},
            {QStringLiteral("tgz"), QStringLiteral("application/x-tar")},
            {QStringLiteral("pdf"), QStringLiteral("application/pdf")},
            {QStringLiteral("bin"), QStringLiteral("application/octet-stream")},
            {QStringLiteral("exe"), QStringLiteral("application/octet-stream")},
            {QStringLiteral("wav"), QStringLiteral("audio/x-wav")},
            {QStringLiteral("mp3"), QStringLiteral("audio/mpeg")},
            {QStringLiteral("mp4"), QStringLiteral("video/mp4")},
            {QStringLiteral("yaml"), QStringLiteral("application/yaml")},
            {QStringLiteral("yml"), QStringLiteral("application/yaml")},
    };
    QString name = fileName.section(QLatin1Char('/'), -1).toLower();
    // mimetypes strips an encoding suffix first: data.csv.gz → text/csv (encoding gzip).
    for (const char *enc : {".gz", ".bz2", ".xz", ".br", ".z"}) {
        const QLatin1String s(enc);
        if (name.endsWith(s) && name.size() > s.size()) {
            const QString inner = name.left(name.size() - s.size());
            if (inner.contains(QLatin1Char('.'))) {
                name = inner;
                break;
            }
            return QString();
        }
    }
    const int dot = name.lastIndexOf(QLatin1Char('.'));
    if (dot < 0)
        return QString();
    return types.value(name.mid(dot + 1));
}

QString ArtifactSpec::uploadContentType(const QString &fileName)
{
    const QString guess = guessContentType(fileName);
    return guess.isEmpty() ? QStringLiteral("binary/octet-stream") : guess;
}

QString ArtifactSpec::limitPreview(const QString &preview)
{
    if (preview.size() <= 65536 + 1024)
        return preview;
    return QStringLiteral("# full preview too large to store, storing first 64kb\n")
           + preview.left(65536);
}

} // namespace Trove

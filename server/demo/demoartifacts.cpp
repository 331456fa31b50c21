#include "demoartifacts.h"

#include "writers/gzipwriter.h"
#include "writers/npywriter.h"
#include "writers/pyvalue.h"
#include "writers/tablegenerator.h"
#include "writers/zipwriter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QPainter>

#include <cmath>

namespace Trove::Server {

QString guessMimeType(const QString &fileName)
{
    static const std::pair<const char *, const char *> table[]
            = {{".csv.gz", "text/csv"},         {".csv", "text/csv"},
               {".txt", "text/plain"},          {".json", "application/json"},
               {".yaml", "application/x-yaml"}, {".zip", "application/zip"},
               {".png", "image/png"},           {".jpg", "image/jpeg"},
               {".jpeg", "image/jpeg"},         {".bin", "application/octet-stream"},
               {".md", "text/markdown"},        {".html", "text/html"}};
    const QString lower = fileName.toLower();
    for (const auto &[ext, mime] : table)
        if (lower.endsWith(QLatin1String(ext)))
            return QLatin1String(mime);
    return {};
}

QString artifactFolderName(const QString &name)
{
    QString out;
    for (QChar c : name) {
        if (c == QLatin1Char('/'))
            out += QStringLiteral(".slash.");
        else if (QStringLiteral("#\"';?:@&=+$,%!\r\n").contains(c))
            out += QStringLiteral("0x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out;
}

DemoArtifactFactory::DemoArtifactFactory(const QString &scratchDir)
    : m_dir(scratchDir)
{}

QString DemoArtifactFactory::limitPreview(const QString &preview)
{
    constexpr int limit = 65536;
    if (preview.size() <= limit + 1024)
        return preview;
    return QStringLiteral("# full preview too large to store, storing first 64kb\n")
           + preview.left(limit);
}

QString DemoArtifactFactory::pathFor(const QString &key, const QString &fileName) const
{
    // One sub-folder per artifact so that equal file names never collide.
    const QString dir = m_dir + QLatin1Char('/') + artifactFolderName(key);
    QDir().mkpath(dir);
    return dir + QLatin1Char('/') + fileName;
}

bool DemoArtifactFactory::writeBytes(const QString &path,
                                     const QByteArray &bytes,
                                     QString *error) const
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size()) {
        *error = QStringLiteral("%1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

static void fill(DemoArtifact *out,
                 const QString &key,
                 const QString &type,
                 const QString &path,
                 const QString &contentType,
                 const QString &preview)
{
    out->key = key;
    out->type = type;
    out->localPath = path;
    out->fileName = QFileInfo(path).fileName();
    out->contentType = contentType;
    const QString guessed = guessMimeType(out->fileName);
    out->uploadMime = guessed.isEmpty() ? QStringLiteral("binary/octet-stream") : guessed;
    out->preview = DemoArtifactFactory::limitPreview(preview);
}

bool DemoArtifactFactory::file(const QString &key,
                               const QString &fileName,
                               const QByteArray &bytes,
                               DemoArtifact *out,
                               QString *error)
{
    const QString path = pathFor(key, fileName);
    if (!writeBytes(path, bytes, error))
        return false;
    fill(out, key, QStringLiteral("custom"), path, guessMimeType(fileName),
         fileName + QStringLiteral(" - ") + formatSize(bytes.size()) + QLatin1Char('\n'));
    return true;
}

bool DemoArtifactFactory::bigTable(const QString &key,
                                   const QString &fileName,
                                   qint64 bytes,
                                   DemoArtifact *out,
                                   QString *error)
{
    const QString path = pathFor(key, fileName);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = f.errorString();
        return false;
    }
    TableGenerator gen(7);
    const qint64 rows = gen.generate(
            [&f](const QByteArray &chunk) { return f.write(chunk) == chunk.size(); }, bytes);
    f.close();
    if (rows < 0) {
        *error = QStringLiteral("%1: %2").arg(path, f.errorString());
        return false;
    }
    fill(out, key, QStringLiteral("custom"), path, guessMimeType(fileName),
         fileName + QStringLiteral(" - ") + formatSize(QFileInfo(path).size()) + QLatin1Char('\n'));
    return true;
}

bool DemoArtifactFactory::folder(const QString &key,
                                 const QString &folderName,
                                 const std::vector<std::pair<QString, QByteArray>> &files,
                                 DemoArtifact *out,
                                 QString *error)
{
    const QString src = m_dir + QStringLiteral("/src-") + artifactFolderName(key) + QLatin1Char('/')
                        + folderName;
    for (const auto &[rel, bytes] : files) {
        const QString path = src + QLatin1Char('/') + rel;
        QDir().mkpath(QFileInfo(path).absolutePath());
        if (!writeBytes(path, bytes, error))
            return false;
    }
    const QString zipPath = pathFor(key, folderName + QStringLiteral(".zip"));
    QString preview;
    if (!ZipWriter::zipFolder(src, zipPath, &preview, error))
        return false;
    // The SDK names the glob after the folder as the user gave it.
    preview.replace(src, folderName);
    fill(out, key, QStringLiteral("archive"), zipPath, QStringLiteral("application/zip"), preview);
    return true;
}

bool DemoArtifactFactory::numpyMatrix(const QString &key,
                                      qint64 rows,
                                      qint64 cols,
                                      const std::vector<double> &values,
                                      DemoArtifact *out,
                                      QString *error)
{
    const QString path = pathFor(key, key + QStringLiteral(".npz"));
    const QByteArray npy
            = Npy::file(QStringLiteral("<f8"), {rows, cols}, Npy::float64Bytes(values));
    if (!Npy::writeNpz(path, {{key, npy}}, error))
        return false;
    fill(out, key, QStringLiteral("numpy"), path, QStringLiteral("application/numpy"),
         Npy::reprFloat2d(values, rows, cols));
    return true;
}

namespace {

/// repr(df) the way pandas prints a frame: right-aligned columns, head and tail 5 rows with a
/// "..." row past 60 rows, NaN for nulls, then "[N rows x M columns]".
QString dataFrameRepr(const QByteArray &csv, qint64 rows)
{
    QList<QByteArray> lines = csv.split('\n');
    while (!lines.isEmpty() && lines.back().isEmpty())
        lines.removeLast();
    auto splitCsv = [](const QByteArray &line) {
        QStringList fields;
        QString cur;
        bool quoted = false;
        const QString text = QString::fromUtf8(line);
        for (qsizetype i = 0; i < text.size(); ++i) {
            const QChar c = text[i];
            if (quoted) {
                if (c == QLatin1Char('"') && i + 1 < text.size()
                    && text[i + 1] == QLatin1Char('"')) {
                    cur += c;
                    ++i;
                } else if (c == QLatin1Char('"')) {
                    quoted = false;
                } else {
                    cur += c;
                }
            } else if (c == QLatin1Char('"')) {
                quoted = true;
            } else if (c == QLatin1Char(',')) {
                fields << cur;
                cur.clear();
            } else {
                cur += c;
            }
        }
        fields << cur;
        return fields;
    };
    std::vector<QStringList> table;
    table.push_back(splitCsv(lines.value(0)));
    const qsizetype dataRows = lines.size() - 1;
    const bool cut = dataRows > 60;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        if (cut && i == 6) {
            table.push_back(QStringList(table.front().size(), QStringLiteral("...")));
            table.back()[0] = QStringLiteral("..");
            i = lines.size() - 5;
        }
        QStringList row = splitCsv(lines[i]);
        for (QString &f : row)
            if (f.isEmpty())
                f = QStringLiteral("NaN");
        table.push_back(row);
    }
    const qsizetype cols = table.front().size();
    std::vector<qsizetype> width(size_t(cols), 0);
    for (const QStringList &row : table)
        for (qsizetype c = 0; c < cols && c < row.size(); ++c)
            width[size_t(c)] = std::max(width[size_t(c)], row[c].size());
    QStringList out;
    for (const QStringList &row : table) {
        QStringList cells;
        for (qsizetype c = 0; c < cols; ++c) {
            const QString cell = row.value(c);
            cells << (c == 0 ? cell.leftJustified(width[0])
                             : cell.rightJustified(width[size_t(c)]));
        }
        out << cells.join(QStringLiteral("  "));
    }
    return out.join(QLatin1Char('\n'))
           + QStringLiteral("\n\n[%1 rows x %2 columns]").arg(rows).arg(cols - 1);
}

} // namespace

bool DemoArtifactFactory::pandasTable(const QString &key,
                                      qint64 rows,
                                      DemoArtifact *out,
                                      QString *error)
{
    const QString path = pathFor(key, key + QStringLiteral(".csv.gz"));
    GzipWriter gz(path, (key + QStringLiteral(".csv")).toUtf8());
    if (!gz.open()) {
        *error = gz.errorString();
        return false;
    }
    TableGenerator gen(11);
    QByteArray text; // demo frames are small: keep the text for the preview
    const qint64 n = gen.generate(
            [&](const QByteArray &chunk) {
                text += chunk;
                return gz.write(chunk);
            },
            0, rows);
    if (n < 0 || !gz.close()) {
        *error = gz.errorString();
        return false;
    }
    fill(out, key, QStringLiteral("pandas"), path, QStringLiteral("text/csv"),
         dataFrameRepr(text, n));
    return true;
}

bool DemoArtifactFactory::image(const QString &key,
                                const QString &extension,
                                int width,
                                int height,
                                DemoArtifact *out,
                                QString *error)
{
    QImage img(width, height, QImage::Format_RGB888);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            img.setPixel(x, y,
                         qRgb(255 * x / std::max(1, width - 1), 255 * y / std::max(1, height - 1),
                              int(127.5 + 127.5 * std::sin((x + y) / 6.0))));
    QPainter p(&img);
    p.setPen(Qt::white);
    p.drawEllipse(QRect(width / 4, height / 4, width / 2, height / 2));
    p.end();
    const QString path = pathFor(key, key + extension);
    const QByteArray format = extension.mid(1).toUpper().toLatin1();
    if (!img.save(path, format.constData(), format == "JPG" ? 90 : -1)) {
        *error = QStringLiteral("could not encode %1").arg(path);
        return false;
    }
    // PIL's repr, trimmed like the SDK does: "PIL.Image.Image image mode=RGB size=64x64".
    fill(out, key, QStringLiteral("image"), path,
         extension == QLatin1String(".png") ? QStringLiteral("image/png")
                                            : QStringLiteral("image/unknown-type"),
         QStringLiteral("PIL.Image.Image image mode=RGB size=%1x%2").arg(width).arg(height));
    // PIL would open a JPEG as a JpegImageFile; the SDK still labels it with its repr.
    if (extension != QLatin1String(".png"))
        out->preview = QStringLiteral("PIL.JpegImagePlugin.JpegImageFile image mode=RGB size=%1x%2")
                               .arg(width)
                               .arg(height);
    return true;
}

bool DemoArtifactFactory::dict(
        const QString &key, const PyValue &value, bool yaml, DemoArtifact *out, QString *error)
{
    const QString text = yaml ? value.yaml() : value.json();
    const QString path
            = pathFor(key, key + (yaml ? QStringLiteral(".yaml") : QStringLiteral(".json")));
    if (!writeBytes(path, text.toUtf8(), error))
        return false;
    fill(out, key, QStringLiteral("dict"), path,
         yaml ? QStringLiteral("application/yaml") : QStringLiteral("application/json"), text);
    return true;
}

bool DemoArtifactFactory::text(const QString &key,
                               const QString &text,
                               DemoArtifact *out,
                               QString *error)
{
    const QString path = pathFor(key, key + QStringLiteral(".txt"));
    if (!writeBytes(path, text.toUtf8(), error))
        return false;
    fill(out, key, QStringLiteral("string"), path, QStringLiteral("text/plain"), text);
    return true;
}

bool DemoArtifactFactory::pickle(const QString &key,
                                 const PyValue &value,
                                 DemoArtifact *out,
                                 QString *error)
{
    const QString path = pathFor(key, key + QStringLiteral(".pkl"));
    if (!writeBytes(path, value.pickled(4), error))
        return false;
    fill(out, key, QStringLiteral("pickle"), path, QStringLiteral("application/pickle"),
         value.repr().left(65536));
    return true;
}

DemoArtifact DemoArtifactFactory::url(const QString &key, const QString &uri)
{
    DemoArtifact a;
    a.key = key;
    a.type = QStringLiteral("custom");
    a.externalUri = uri;
    a.fileName = uri.section(QLatin1Char('/'), -1);
    a.contentType = guessMimeType(a.fileName);
    return a;
}

} // namespace Trove::Server

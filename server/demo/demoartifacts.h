#pragma once

#include <QString>

#include <utility>
#include <vector>

namespace Trove::Server {

class PyValue;

/// One artifact as the SDK's upload_artifact() would prepare it: the serialized file on
/// disk, its file name in the URI, and the registration fields.
struct DemoArtifact
{
    QString key;
    QString type;        ///< custom, archive, numpy, pandas, image, dict, string, pickle
    QString localPath;   ///< empty for a registered-only URL artifact
    QString fileName;    ///< last segment of the storage path
    QString contentType; ///< type_data.content_type (empty = null)
    QString uploadMime;  ///< Content-Type of the multipart part
    QString preview;
    QString externalUri; ///< set for URL artifacts (not uploaded)
    std::vector<std::pair<QString, QString>> displayData;
};

/// Serializes Python-like objects into files exactly as the SDK does (see the wire contract
/// §6), inside one scratch folder.
class DemoArtifactFactory final
{
public:
    explicit DemoArtifactFactory(const QString &scratchDir);

    bool file(const QString &key,
              const QString &fileName,
              const QByteArray &bytes,
              DemoArtifact *out,
              QString *error);
    /// A generated pandas-style CSV of about `bytes` bytes, uploaded as a plain file.
    bool bigTable(const QString &key,
                  const QString &fileName,
                  qint64 bytes,
                  DemoArtifact *out,
                  QString *error);
    bool folder(const QString &key,
                const QString &folderName,
                const std::vector<std::pair<QString, QByteArray>> &files,
                DemoArtifact *out,
                QString *error);
    bool numpyMatrix(const QString &key,
                     qint64 rows,
                     qint64 cols,
                     const std::vector<double> &values,
                     DemoArtifact *out,
                     QString *error);
    bool pandasTable(const QString &key, qint64 rows, DemoArtifact *out, QString *error);
    bool image(const QString &key,
               const QString &extension,
               int width,
               int height,
               DemoArtifact *out,
               QString *error);
    bool
    dict(const QString &key, const PyValue &value, bool yaml, DemoArtifact *out, QString *error);
    bool text(const QString &key, const QString &text, DemoArtifact *out, QString *error);
    bool pickle(const QString &key, const PyValue &value, DemoArtifact *out, QString *error);
    static DemoArtifact url(const QString &key, const QString &uri);

    /// The SDK's cut of previews past 64 KiB + 1 KiB.
    static QString limitPreview(const QString &preview);

private:
    QString pathFor(const QString &key, const QString &fileName) const;
    bool writeBytes(const QString &path, const QByteArray &bytes, QString *error) const;

    QString m_dir;
};

/// Python's mimetypes.guess_type for the extensions the demo writes (empty if unknown).
QString guessMimeType(const QString &fileName);

/// The storage folder of an artifact name (wire contract §5.2): '/' → ".slash.", and
/// # " ' ; ? : @ & = + $ , % ! CR LF → "0x<hex>".
QString artifactFolderName(const QString &name);

} // namespace Trove::Server

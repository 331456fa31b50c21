#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QFile>
#include <QString>

#include <vector>

namespace Trove::Server {

/// Writes a plain (non-zip64) ZIP archive member by member, the way Python's zipfile,
/// numpy.savez_compressed and torch.save lay their archives out. Members are held in memory one
/// at a time only; the archive streams to disk.
class ZipWriter final
{
public:
    enum class Method { Stored = 0, Deflated = 8 };

    explicit ZipWriter(const QString &path);
    ~ZipWriter();
    ZipWriter(const ZipWriter &) = delete;
    ZipWriter &operator=(const ZipWriter &) = delete;

    bool open();
    /// Adds one member. `alignment` > 0 pads the local header's extra field (id "FB", as
    /// PyTorch's writer does) so that the member's data starts at a multiple of it.
    bool addFile(const QString &name,
                 const QByteArray &data,
                 Method method,
                 const QDateTime &modified = QDateTime::currentDateTime(),
                 int alignment = 0,
                 quint32 unixMode = 0100644);
    /// Writes the central directory and closes the file.
    bool close();
    QString errorString() const { return m_error; }

    /// Zips every file under `folder` (recursively, sorted, deflated) with member names
    /// relative to it, like the SDK's folder artifact. `listing` receives "rel - size" lines.
    static bool
    zipFolder(const QString &folder, const QString &zipPath, QString *preview, QString *error);

    static QByteArray rawDeflate(const QByteArray &data, int level = -1);

private:
    struct Entry
    {
        QByteArray name;
        quint32 crc = 0;
        quint32 compressedSize = 0;
        quint32 size = 0;
        quint16 method = 0;
        quint16 dosTime = 0;
        quint16 dosDate = 0;
        quint32 offset = 0;
        quint32 unixMode = 0;
    };

    QFile m_file;
    std::vector<Entry> m_entries;
    QString m_error;
    bool m_closed = false;
};

/// "1 byte", "12 bytes", "1.5 MB": the SDK's decimal format_size.
QString formatSize(qint64 bytes);

} // namespace Trove::Server

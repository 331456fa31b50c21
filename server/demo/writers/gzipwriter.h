#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

#include <zlib.h>

namespace Trove::Server {

/// Streams a gzip file the way Python's gzip.GzipFile(name, 'wb', mtime=0) does (the SDK's
/// pandas .csv.gz): mtime 0, compression level 9 (XFL 2), OS 255, and FNAME when given.
/// Nothing but one output buffer is held in memory.
class GzipWriter final
{
public:
    explicit GzipWriter(const QString &path, const QByteArray &originalName = {});
    ~GzipWriter();
    GzipWriter(const GzipWriter &) = delete;
    GzipWriter &operator=(const GzipWriter &) = delete;

    bool open();
    bool write(const char *data, qsizetype size);
    bool write(const QByteArray &data) { return write(data.constData(), data.size()); }
    bool close();
    QString errorString() const { return m_error; }

    /// Gzips a whole buffer in memory (for small fixtures).
    static QByteArray compress(const QByteArray &data, const QByteArray &originalName = {});

private:
    bool pump(int flush);

    QFile m_file;
    QByteArray m_name;
    z_stream m_zs{};
    bool m_open = false;
    quint32 m_crc = 0;
    quint32 m_size = 0;
    QByteArray m_buffer;
    QString m_error;
};

} // namespace Trove::Server

#include "gzipwriter.h"

#include <QTemporaryFile>

namespace Trove::Server {

GzipWriter::GzipWriter(const QString &path, const QByteArray &originalName)
    : m_file(path)
    , m_name(originalName)
{}

GzipWriter::~GzipWriter()
{
    if (m_open)
        close();
}

bool GzipWriter::open()
{
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        m_error = m_file.errorString();
        return false;
    }
    if (deflateInit2(&m_zs, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        m_error = QStringLiteral("deflateInit2 failed");
        return false;
    }
    m_open = true;
    m_crc = quint32(crc32(0L, Z_NULL, 0));
    QByteArray header("\x1f\x8b\x08", 3);
    header.append(char(m_name.isEmpty() ? 0 : 0x08)); // FNAME
    header.append(QByteArray(4, '\0'));               // mtime = 0
    header.append(char(2));                           // XFL: best compression
    header.append(char(0xff));                        // OS: unknown, as Python writes
    if (!m_name.isEmpty()) {
        header.append(m_name);
        header.append('\0');
    }
    m_buffer.resize(1 << 16);
    return m_file.write(header) == header.size();
}

bool GzipWriter::pump(int flush)
{
    int rc = Z_OK;
    do {
        m_zs.next_out = reinterpret_cast<Bytef *>(m_buffer.data());
        m_zs.avail_out = uInt(m_buffer.size());
        rc = deflate(&m_zs, flush);
        if (rc == Z_STREAM_ERROR) {
            m_error = QStringLiteral("deflate failed");
            return false;
        }
        const qsizetype produced = m_buffer.size() - qsizetype(m_zs.avail_out);
        if (produced > 0 && m_file.write(m_buffer.constData(), produced) != produced) {
            m_error = m_file.errorString();
            return false;
        }
    } while (m_zs.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
    return true;
}

bool GzipWriter::write(const char *data, qsizetype size)
{
    if (!m_open)
        return false;
    m_crc = quint32(crc32(m_crc, reinterpret_cast<const Bytef *>(data), uInt(size)));
    m_size += quint32(size);
    m_zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data));
    m_zs.avail_in = uInt(size);
    return pump(Z_NO_FLUSH);
}

bool GzipWriter::close()
{
    if (!m_open)
        return false;
    m_open = false;
    m_zs.next_in = nullptr;
    m_zs.avail_in = 0;
    bool ok = pump(Z_FINISH);
    deflateEnd(&m_zs);
    QByteArray trailer;
    for (quint32 v : {m_crc, m_size})
        for (int i = 0; i < 4; ++i)
            trailer.append(char((v >> (8 * i)) & 0xff));
    ok = ok && m_file.write(trailer) == trailer.size();
    m_file.close();
    return ok;
}

QByteArray GzipWriter::compress(const QByteArray &data, const QByteArray &originalName)
{
    QTemporaryFile tmp;
    if (!tmp.open())
        return {};
    const QString path = tmp.fileName();
    tmp.close();
    GzipWriter w(path, originalName);
    if (!w.open() || !w.write(data) || !w.close())
        return {};
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

} // namespace Trove::Server

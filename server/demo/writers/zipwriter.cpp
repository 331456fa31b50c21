#include "zipwriter.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

#include <zlib.h>

#include <algorithm>

namespace Trove::Server {

namespace {

void put16(QByteArray &out, quint16 v)
{
    out.append(char(v & 0xff));
    out.append(char((v >> 8) & 0xff));
}

void put32(QByteArray &out, quint32 v)
{
    for (int i = 0; i < 4; ++i)
        out.append(char((v >> (8 * i)) & 0xff));
}

} // namespace

QString formatSize(qint64 bytes)
{
    if (bytes == 1)
        return QStringLiteral("1 byte");
    static const char *const scale[] = {"bytes", "KB", "MB", "GB", "TB", "PB"};
    const double size = double(bytes);
    double k = 1.0;
    for (int i = 0; i < 6; ++i) {
        if (size < k * 1000.0 || i == 5) {
            if (i == 0)
                return QString::number(bytes) + QStringLiteral(" bytes");
            QString s = QString::number(size / k, 'f', 2);
            while (s.endsWith(QLatin1Char('0')))
                s.chop(1);
            if (s.endsWith(QLatin1Char('.')))
                s.chop(1);
            return s + QLatin1Char(' ') + QLatin1String(scale[i]);
        }
        k *= 1000.0;
    }
    return QString::number(bytes) + QStringLiteral(" bytes");
}

ZipWriter::ZipWriter(const QString &path)
    : m_file(path)
{}

ZipWriter::~ZipWriter()
{
    if (m_file.isOpen() && !m_closed)
        close();
}

bool ZipWriter::open()
{
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        m_error = m_file.errorString();
        return false;
    }
    return true;
}

QByteArray ZipWriter::rawDeflate(const QByteArray &data, int level)
{
    z_stream zs{};
    if (deflateInit2(&zs, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out;
    out.resize(qsizetype(deflateBound(&zs, uLong(data.size()))));
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    zs.avail_in = uInt(data.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = uInt(out.size());
    const int rc = deflate(&zs, Z_FINISH);
    out.resize(qsizetype(zs.total_out));
    deflateEnd(&zs);
    return rc == Z_STREAM_END ? out : QByteArray();
}

bool ZipWriter::addFile(const QString &name,
                        const QByteArray &data,
                        Method method,
                        const QDateTime &modified,
                        int alignment,
                        quint32 unixMode)
{
    Entry e;
    e.name = name.toUtf8();
    e.crc = quint32(
            crc32(0L, reinterpret_cast<const Bytef *>(data.constData()), uInt(data.size())));
    e.size = quint32(data.size());
    e.method = quint16(method);
    const QByteArray payload = method == Method::Deflated ? rawDeflate(data) : data;
    e.compressedSize = quint32(payload.size());
    const QDate d = modified.date();
    const QTime t = modified.time();
    e.dosTime = quint16((t.hour() << 11) | (t.minute() << 5) | (t.second() / 2));
    e.dosDate = quint16(((std::max(d.year(), 1980) - 1980) << 9) | (d.month() << 5) | d.day());
    e.offset = quint32(m_file.pos());
    e.unixMode = unixMode;

    QByteArray header;
    put32(header, 0x04034b50);
    put16(header, 20);
    put16(header, 0);
    put16(header, e.method);
    put16(header, e.dosTime);
    put16(header, e.dosDate);
    put32(header, e.crc);
    put32(header, e.compressedSize);
    put32(header, e.size);
    put16(header, quint16(e.name.size()));
    QByteArray extra;
    if (alignment > 0) {
        const qint64 dataStart = m_file.pos() + 30 + e.name.size() + 4;
        const qint64 pad = (alignment - dataStart % alignment) % alignment;
        put16(extra, 0x4246); // "FB"
        put16(extra, quint16(pad));
        extra.append(QByteArray(pad, 'Z'));
    }
    put16(header, quint16(extra.size()));
    header.append(e.name);
    header.append(extra);
    if (m_file.write(header) != header.size() || m_file.write(payload) != payload.size()) {
        m_error = m_file.errorString();
        return false;
    }
    m_entries.push_back(e);
    return true;
}

bool ZipWriter::close()
{
    if (m_closed)
        return true;
    m_closed = true;
    const quint32 cdOffset = quint32(m_file.pos());
    QByteArray cd;
    for (const Entry &e : m_entries) {
        put32(cd, 0x02014b50);
        put16(cd, 0x0314); // made by: unix, 2.0
        put16(cd, 20);
        put16(cd, 0);
        put16(cd, e.method);
        put16(cd, e.dosTime);
        put16(cd, e.dosDate);
        put32(cd, e.crc);
        put32(cd, e.compressedSize);
        put32(cd, e.size);
        put16(cd, quint16(e.name.size()));
        put16(cd, 0);
        put16(cd, 0);
        put16(cd, 0);
        put16(cd, 0);
        put32(cd, e.unixMode << 16);
        put32(cd, e.offset);
        cd.append(e.name);
    }
    QByteArray end;
    put32(end, 0x06054b50);
    put16(end, 0);
    put16(end, 0);
    put16(end, quint16(m_entries.size()));
    put16(end, quint16(m_entries.size()));
    put32(end, quint32(cd.size()));
    put32(end, cdOffset);
    put16(end, 0);
    const bool ok = m_file.write(cd) == cd.size() && m_file.write(end) == end.size();
    if (!ok)
        m_error = m_file.errorString();
    m_file.close();
    return ok;
}

bool ZipWriter::zipFolder(const QString &folder,
                          const QString &zipPath,
                          QString *preview,
                          QString *error)
{
    QStringList files;
    QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    std::sort(files.begin(), files.end());
    ZipWriter zip(zipPath);
    if (!zip.open()) {
        *error = zip.errorString();
        return false;
    }
    const QDir base(folder);
    QString listing = QStringLiteral("Archive content %1/*:\n").arg(folder);
    for (const QString &path : files) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            *error = f.errorString();
            return false;
        }
        const QByteArray data = f.readAll();
        const QString rel = base.relativeFilePath(path);
        listing += rel + QStringLiteral(" - ") + formatSize(data.size()) + QLatin1Char('\n');
        if (!zip.addFile(rel, data, Method::Deflated, QFileInfo(path).lastModified())) {
            *error = zip.errorString();
            return false;
        }
    }
    if (!zip.close()) {
        *error = zip.errorString();
        return false;
    }
    if (preview)
        *preview = listing;
    return true;
}

} // namespace Trove::Server

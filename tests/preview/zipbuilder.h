#pragma once

// A minimal zip writer for tests: stored or deflated members, optional zip64 records, and
// knobs to produce hostile archives (lying sizes, CRCs, offsets). Test code only.

#include <QByteArray>
#include <QList>

#include <zlib.h>

#include <cstdint>

namespace TroveTest {

struct ZipMemberSpec
{
    QByteArray name;
    QByteArray data;
    bool deflate = false;
    bool forceZip64 = false; ///< write sizes/offset as 0xFFFFFFFF + zip64 extra field
    // Hostile knobs (applied to the central directory only unless noted):
    qint64 declaredSize = -1;       ///< override the uncompressed size
    qint64 declaredCompressed = -1; ///< override the compressed size
    qint64 offsetOverride = -1;     ///< override the local header offset
    qint64 crcOverride = -1;
    quint16 flags = 0x800; ///< UTF-8 names by default
};

class ZipBuilder
{
public:
    void add(ZipMemberSpec m) { m_members.append(std::move(m)); }
    void add(const QByteArray &name, const QByteArray &data, bool deflate = false)
    {
        ZipMemberSpec m;
        m.name = name;
        m.data = data;
        m.deflate = deflate;
        add(std::move(m));
    }
    void setZip64End(bool on) { m_zip64End = on; }
    void setPrefix(QByteArray prefix) { m_prefix = std::move(prefix); }

    static QByteArray rawDeflate(const QByteArray &in, int level = 9)
    {
        z_stream z{};
        deflateInit2(&z, level, Z_DEFLATED, -MAX_WBITS, 9, Z_DEFAULT_STRATEGY);
        QByteArray out(int(deflateBound(&z, uLong(in.size()))) + 16, '\0');
        z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.constData()));
        z.avail_in = uInt(in.size());
        z.next_out = reinterpret_cast<Bytef *>(out.data());
        z.avail_out = uInt(out.size());
        deflate(&z, Z_FINISH);
        out.resize(int(z.total_out));
        deflateEnd(&z);
        return out;
    }

    QByteArray build() const
    {
        QByteArray out = m_prefix;
        QByteArray cd;
        for (const auto &m : m_members) {
            const QByteArray payload = m.deflate ? rawDeflate(m.data) : m.data;
            const quint32 crc = quint32(crc32(
                    0, reinterpret_cast<const Bytef *>(m.data.constData()), uInt(m.data.size())));
            const quint64 offset = quint64(out.size() - m_prefix.size());
            // Local header
            put32(out, 0x04034b50);
            put16(out, 20);
            put16(out, m.flags);
            put16(out, m.deflate ? 8 : 0);
            put16(out, 0);
            put16(out, 0x21); // 1980-01-01
            put32(out, crc);
            put32(out, quint32(payload.size()));
            put32(out, quint32(m.data.size()));
            put16(out, quint16(m.name.size()));
            put16(out, 0);
            out += m.name;
            out += payload;
            // Central record
            const quint64 usize
                    = m.declaredSize >= 0 ? quint64(m.declaredSize) : quint64(m.data.size());
            const quint64 csize = m.declaredCompressed >= 0 ? quint64(m.declaredCompressed)
                                                            : quint64(payload.size());
            const quint64 off = m.offsetOverride >= 0 ? quint64(m.offsetOverride) : offset;
            QByteArray extra;
            if (m.forceZip64) {
                put16(extra, 1);
                put16(extra, 24);
                put64(extra, usize);
                put64(extra, csize);
                put64(extra, off);
            }
            put32(cd, 0x02014b50);
            put16(cd, 0x031e);
            put16(cd, m.forceZip64 ? 45 : 20);
            put16(cd, m.flags);
            put16(cd, m.deflate ? 8 : 0);
            put16(cd, 0);
            put16(cd, 0x21);
            put32(cd, m.crcOverride >= 0 ? quint32(m.crcOverride) : crc);
            put32(cd, m.forceZip64 ? 0xFFFFFFFF : quint32(csize));
            put32(cd, m.forceZip64 ? 0xFFFFFFFF : quint32(usize));
            put16(cd, quint16(m.name.size()));
            put16(cd, quint16(extra.size()));
            put16(cd, 0);
            put16(cd, 0);
            put16(cd, 0);
            put32(cd, 0);
            put32(cd, m.forceZip64 ? 0xFFFFFFFF : quint32(off));
            cd += m.name;
            cd += extra;
        }
        const quint64 cdOffset = quint64(out.size() - m_prefix.size());
        out += cd;
        if (m_zip64End) {
            const quint64 recOffset = quint64(out.size() - m_prefix.size());
            put32(out, 0x06064b50);
            put64(out, 44);
            put16(out, 45);
            put16(out, 45);
            put32(out, 0);
            put32(out, 0);
            put64(out, quint64(m_members.size()));
            put64(out, quint64(m_members.size()));
            put64(out, quint64(cd.size()));
            put64(out, cdOffset);
            put32(out, 0x07064b50);
            put32(out, 0);
            put64(out, recOffset + quint64(m_prefix.size()));
            put32(out, 1);
        }
        put32(out, 0x06054b50);
        put16(out, 0);
        put16(out, 0);
        put16(out, m_zip64End ? 0xFFFF : quint16(m_members.size()));
        put16(out, m_zip64End ? 0xFFFF : quint16(m_members.size()));
        put32(out, m_zip64End ? 0xFFFFFFFF : quint32(cd.size()));
        put32(out, m_zip64End ? 0xFFFFFFFF : quint32(cdOffset));
        put16(out, 0);
        return out;
    }

    static void put16(QByteArray &b, quint16 v)
    {
        b.append(char(v & 0xFF));
        b.append(char(v >> 8));
    }
    static void put32(QByteArray &b, quint32 v)
    {
        put16(b, quint16(v & 0xFFFF));
        put16(b, quint16(v >> 16));
    }
    static void put64(QByteArray &b, quint64 v)
    {
        put32(b, quint32(v & 0xFFFFFFFF));
        put32(b, quint32(v >> 32));
    }

private:
    QList<ZipMemberSpec> m_members;
    QByteArray m_prefix;
    bool m_zip64End = false;
};

} // namespace TroveTest

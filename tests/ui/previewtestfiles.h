#pragma once

// Small files written byte by byte for the preview tests: .npy arrays and stored zips (.npz),
// so the tests need neither numpy nor a zip library. Test code only.
#include <QByteArray>
#include <QFile>
#include <QList>
#include <QPair>
#include <QString>
#include <QtEndian>

#include <vector>

namespace PreviewTestFiles {

inline quint32 crc32(const QByteArray &data)
{
    quint32 crc = 0xffffffffu;
    for (char ch : data) {
        crc ^= quint8(ch);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

/// A version 1.0 .npy of little-endian float64 values, C order.
inline QByteArray npy(const std::vector<qint64> &shape, const std::vector<double> &values)
{
    QList<QByteArray> parts;
    for (qint64 d : shape)
        parts << QByteArray::number(d);
    QByteArray dims = parts.join(", ");
    if (shape.size() == 1)
        dims += ','; // "(3,)" as numpy writes a 1-tuple
    QByteArray header = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + dims + "), }";
    while ((10 + header.size() + 1) % 64 != 0)
        header += ' ';
    header += '\n';
    QByteArray out("\x93NUMPY\x01\x00", 8);
    const quint16 len = qToLittleEndian(quint16(header.size()));
    out.append(reinterpret_cast<const char *>(&len), 2);
    out += header;
    for (double v : values) {
        const double le = qToLittleEndian(v);
        out.append(reinterpret_cast<const char *>(&le), 8);
    }
    return out;
}

/// A zip of stored (uncompressed) members.
inline QByteArray storedZip(const QList<QPair<QByteArray, QByteArray>> &members)
{
    auto u16 = [](QByteArray &b, quint16 v) {
        const quint16 le = qToLittleEndian(v);
        b.append(reinterpret_cast<const char *>(&le), 2);
    };
    auto u32 = [](QByteArray &b, quint32 v) {
        const quint32 le = qToLittleEndian(v);
        b.append(reinterpret_cast<const char *>(&le), 4);
    };
    QByteArray out, central;
    for (const auto &[name, data] : members) {
        const quint32 offset = quint32(out.size());
        const quint32 crc = crc32(data);
        u32(out, 0x04034b50);
        u16(out, 20);
        u16(out, 0);
        u16(out, 0);
        u16(out, 0);
        u16(out, 0x21);
        u32(out, crc);
        u32(out, quint32(data.size()));
        u32(out, quint32(data.size()));
        u16(out, quint16(name.size()));
        u16(out, 0);
        out += name + data;
        u32(central, 0x02014b50);
        u16(central, 20);
        u16(central, 20);
        u16(central, 0);
        u16(central, 0);
        u16(central, 0);
        u16(central, 0x21);
        u32(central, crc);
        u32(central, quint32(data.size()));
        u32(central, quint32(data.size()));
        u16(central, quint16(name.size()));
        u16(central, 0);
        u16(central, 0);
        u16(central, 0);
        u16(central, 0);
        u32(central, 0);
        u32(central, offset);
        central += name;
    }
    const quint32 cdOffset = quint32(out.size());
    out += central;
    u32(out, 0x06054b50);
    u16(out, 0);
    u16(out, 0);
    u16(out, quint16(members.size()));
    u16(out, quint16(members.size()));
    u32(out, quint32(central.size()));
    u32(out, cdOffset);
    u16(out, 0);
    return out;
}

inline bool write(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace PreviewTestFiles

#pragma once

// Small helpers shared by the preview tests: gzip and raw-deflate compression of test data.
#include <QByteArray>

#include <zlib.h>

namespace Trove::TestUtil {

/// Compresses `data` as one gzip member (windowBits 31) or raw deflate (-15).
inline QByteArray deflateBytes(const QByteArray &data, int windowBits = 31, int level = 6)
{
    z_stream z{};
    deflateInit2(&z, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(int(deflateBound(&z, uLong(data.size()))) + 64, Qt::Uninitialized);
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    z.avail_in = uInt(data.size());
    z.next_out = reinterpret_cast<Bytef *>(out.data());
    z.avail_out = uInt(out.size());
    deflate(&z, Z_FINISH);
    out.resize(qsizetype(z.total_out));
    deflateEnd(&z);
    return out;
}

/// An .npy file: magic, version, the header dict text padded to 64 bytes, then `data`.
inline QByteArray makeNpy(const QByteArray &dict, const QByteArray &data, int major = 1)
{
    const int prefix = major == 1 ? 10 : 12;
    QByteArray header = dict;
    while ((prefix + header.size() + 1) % 64 != 0)
        header += ' ';
    header += '\n';
    QByteArray out("\x93NUMPY", 6);
    out += char(major);
    out += char(0);
    const quint32 len = quint32(header.size());
    out += char(len & 0xff);
    out += char((len >> 8) & 0xff);
    if (major != 1) {
        out += char((len >> 16) & 0xff);
        out += char((len >> 24) & 0xff);
    }
    return out + header + data;
}

inline QByteArray npyDict(const QByteArray &descr, bool fortran, const QByteArray &shape)
{
    return "{'descr': " + descr + ", 'fortran_order': " + (fortran ? "True" : "False")
           + ", 'shape': " + shape + ", }";
}

} // namespace Trove::TestUtil

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

} // namespace Trove::TestUtil

// Fuzzes the Content-Range header parser used by resumed downloads and Range reads.
#include "storage/s3error.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray header(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const Trove::ContentRange r = Trove::ContentRange::parse(header);
    if (r.valid && (r.start < 0 || r.end < r.start || (r.total >= 0 && r.end >= r.total)))
        std::abort(); // the parser must never accept an inconsistent range
    return 0;
}

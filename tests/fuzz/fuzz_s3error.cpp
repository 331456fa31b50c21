// Fuzzes the S3 XML error parser: bodies of 4xx/5xx answers from any S3-compatible server.
#include "storage/s3error.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const Trove::S3Error e = Trove::S3Error::parse(body);
    (void)e.text();
    return 0;
}

// Fuzz target: zip listing and extraction of every member under tight caps.
#include "common/bytesource.h"
#include "preview/zipmemberstream.h"
#include "preview/zipreader.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    auto src = Trove::memorySource(
            QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    Trove::PreviewOptions opts;
    opts.maxDecompressedBytes = 8 << 20;
    opts.maxBytesInMemory = 4 << 20;
    Trove::ZipReader zip(*src, opts);
    zip.setMaxEntries(1000);
    if (!zip.open())
        return 0;
    for (int i = 0; i < zip.entries().size() && i < 50; ++i) {
        auto r = zip.readMember(i, 1 << 20);
        (void)r;
        auto m = zip.memberSource(i);
        if (m.ok()) {
            auto a = (*m)->read(100, 50);
            auto b = (*m)->read(0, 10);
            (void)a;
            (void)b;
        }
    }
    return 0;
}

// Fuzzes .npz listing (zip central directory + member .npy headers) and member reads.
#include "preview/arrayinspect.h"
#include "preview/npzdecoder.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Trove;
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    PreviewOptions options;
    options.maxDecompressedBytes = 16 << 20;
    auto source = memorySource(bytes);
    NpzDecoder npz(*source, options);
    if (auto members = npz.open(); members.ok()) {
        for (int i = 0; i < members->size() && i < 8; ++i) {
            auto member = npz.member(i);
            if (member.ok() && (*member)->header().dataBytes < (1 << 20))
                (void)(*member)->stats();
        }
    }
    (void)inspectNpz(*source, {}, options, false);
    return 0;
}

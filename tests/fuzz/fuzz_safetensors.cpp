// Fuzz target: safetensors header decoding, and the torch zip checkpoint path.
#include "common/bytesource.h"
#include "preview/safetensorsdecoder.h"
#include "preview/torchdecoder.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    auto src = Trove::memorySource(
            QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    Trove::PreviewOptions opts;
    opts.maxBytesInMemory = 4 << 20;
    opts.maxDecompressedBytes = 8 << 20;
    auto r = Trove::SafetensorsDecoder::decode(*src, opts);
    if (r.ok())
        (void)r->toJson();
    auto t = Trove::TorchDecoder::decode(*src, opts);
    if (t.ok())
        (void)t->toJson();
    return 0;
}

// Fuzz target: the ONNX protobuf wire-format summary.
#include "common/bytesource.h"
#include "preview/onnxdecoder.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    auto src = Trove::memorySource(
            QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    auto r = Trove::OnnxDecoder::decode(*src, Trove::PreviewOptions{});
    if (r.ok())
        (void)r->toJson();
    return 0;
}

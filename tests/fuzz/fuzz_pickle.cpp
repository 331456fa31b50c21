// Fuzz target: the static pickle disassembler and its JSON/text rendering.
#include "common/bytesource.h"
#include "preview/pickledisassembler.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    auto src = Trove::memorySource(
            QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    Trove::PreviewOptions opts;
    Trove::PickleDisassembler::Limits limits;
    limits.maxObjects = 20000;
    limits.maxStack = 100000;
    limits.maxMemo = 100000;
    auto tree = Trove::PickleDisassembler::disassemble(*src, opts, limits);
    if (tree.ok()) {
        const auto j = tree->toJson();
        (void)Trove::PickleTree::renderJson(j, 20000);
    }
    return 0;
}

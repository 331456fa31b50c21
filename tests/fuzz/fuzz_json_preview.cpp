// Fuzz target: JSON outline (SAX, bounded), pretty-printer and text paging.
#include "common/bytesource.h"
#include "preview/jsonpreview.h"
#include "preview/textdecoder.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    auto src = Trove::memorySource(
            QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    Trove::PreviewOptions opts;
    Trove::JsonPreview::Limits limits;
    limits.maxNodes = 5000;
    (void)Trove::JsonPreview::outline(*src, opts, limits);
    (void)Trove::JsonPreview::prettyPrint(*src, opts, 1 << 16, 1 << 17);
    qint64 offset = 0;
    for (int i = 0; i < 64; ++i) {
        auto c = Trove::TextDecoder::readChunk(*src, offset, 97, opts);
        if (!c.ok() || c->atEnd || c->nextOffset <= offset)
            break;
        offset = c->nextOffset;
    }
    return 0;
}

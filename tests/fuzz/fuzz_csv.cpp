// Fuzzes the CSV/TSV(.gz) table decoder: sniffing, first screen, random row ranges, full scan.
#include "preview/tabledecoder.h"
#include "preview/tableinspect.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Trove;
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    PreviewOptions options;
    options.maxDecompressedBytes = 32 << 20; // keep gzip inputs cheap
    PreviewHints hints;
    hints.fileName = QStringLiteral("fuzz.csv");
    TableDecoder decoder(memorySource(bytes), hints, options);
    if (decoder.open().ok()) {
        (void)decoder.rows(3, 5);
        (void)decoder.scan();
        (void)decoder.rows(0, 2);
        (void)decoder.rows(1500, 3);
    }
    auto source = memorySource(bytes);
    (void)inspectTable(*source, hints, options, true);
    return 0;
}

// Fuzzes the .npy header parser, the viewport reader and the streamed statistics.
#include "preview/arrayinspect.h"
#include "preview/arrayview.h"
#include "preview/npydecoder.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Trove;
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)parsePythonLiteral(QByteArrayView(bytes));
    NpyDecoder decoder(memorySource(bytes));
    if (decoder.open().ok()) {
        ArrayView view(decoder);
        (void)view.text(0, 4, 0, 4);
        (void)view.values(view.rowCount() - 2, view.rowCount(), view.columnCount() - 3,
                          view.columnCount());
        const int nd = int(decoder.header().shape.size());
        if (nd >= 3) {
            (void)view.setAxes(0, nd - 1);
            (void)view.setFixedIndex(QList<qint64>(nd, 1));
            (void)view.text(0, 3, 0, 3);
        }
        if (decoder.header().dataBytes < (1 << 20))
            (void)decoder.stats();
    }
    auto source = memorySource(bytes);
    (void)inspectNpy(*source, {}, {}, false);
    return 0;
}

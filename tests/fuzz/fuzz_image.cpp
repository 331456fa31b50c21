// Fuzz target: image decoding through Qt's plugins with the preview caps.
#include "common/bytesource.h"
#include "preview/imagedecoder.h"

#include <QGuiApplication>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int argc = 1;
    static char arg0[] = "fuzz_image";
    static char *argv[] = {arg0, nullptr};
    static QGuiApplication *app
            = QGuiApplication::instance() ? nullptr : new QGuiApplication(argc, argv);
    (void)app;
    auto src = Trove::memorySource(
            QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    Trove::PreviewOptions opts;
    opts.maxBytesInMemory = 16 << 20;
    (void)Trove::ImageDecoder::decode(*src, opts, QSize(256, 256));
    return 0;
}

#include "textpager.h"

#include "previewloader.h"
#include "previewthreadpool.h"
#include "textviewer.h"

#include <QtConcurrent>

namespace Trove {

namespace {
/// UTF-16/32 BOM sizes (the first page knows whether there was one).
int bomSizeOf(const TextChunk &chunk)
{
    if (!chunk.hasBom)
        return 0;
    switch (chunk.encoding) {
    case TextEncoding::Utf8:
        return 3;
    case TextEncoding::Utf16LE:
    case TextEncoding::Utf16BE:
        return 2;
    case TextEncoding::Utf32LE:
    case TextEncoding::Utf32BE:
        return 4;
    case TextEncoding::Latin1:
    case TextEncoding::Windows1252:
        return 0;
    }
    return 0;
}
} // namespace

TextPager::TextPager(TextViewer *viewer, PreviewSourcePtr source, const TextChunk &first)
    : QObject(viewer)
    , m_viewer(viewer)
    , m_source(std::move(source))
    , m_encoding(first.encoding)
    , m_bomSize(bomSizeOf(first))
{
    m_viewer->setText(first.text, first.nextOffset,
                      first.atEnd ? first.nextOffset : m_source->size());
    connect(m_viewer, &TextViewer::moreRequested, this, &TextPager::readMore);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, [this] {
        const auto r = m_watcher.result();
        if (!r) {
            if (!r.error().isCancelled())
                m_viewer->moreFailed(r.error().userMessage());
            return;
        }
        m_viewer->appendChunk(r->text, r->nextOffset, r->atEnd);
    });
}

TextPager::~TextPager()
{
    m_watcher.disconnect(this);
}

void TextPager::readMore(qint64 offset)
{
    if (m_watcher.isRunning())
        return;
    m_watcher.setFuture(
            QtConcurrent::run(previewThreadPool(),
                              [source = m_source, offset, encoding = m_encoding, bom = m_bomSize] {
                                  return loadTextPage(source, offset, encoding, bom);
                              }));
}

} // namespace Trove

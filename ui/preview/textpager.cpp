#include "textpager.h"

#include "previewloader.h"
#include "previewthreadpool.h"
#include "textviewer.h"

#include <QtConcurrent>

namespace Trove {

TextPager::TextPager(TextViewer *viewer, PreviewSourcePtr source, const TextChunk &first)
    : QObject(viewer)
    , m_viewer(viewer)
    , m_source(std::move(source))
    , m_encoding(first.encoding)
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
    m_watcher.setFuture(QtConcurrent::run(previewThreadPool(),
                                          [source = m_source, offset, encoding = m_encoding] {
                                              // Only the first page starts at a BOM; later offsets
                                              // are past it.
                                              return loadTextPage(source, offset, encoding, 0);
                                          }));
}

} // namespace Trove

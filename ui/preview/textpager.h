#pragma once

#include "previewsource.h"

#include "preview/textdecoder.h"

#include <QFutureWatcher>
#include <QObject>

namespace Trove {

class TextViewer;

/// Feeds a TextViewer page by page: answers TextViewer::moreRequested(offset) by reading the
/// next page off the GUI thread (TextDecoder, same encoding as the first page), then
/// appendChunk() or moreFailed(). Lives as a child of the viewer.
class TextPager final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TextPager)

public:
    /// Shows `first` in `viewer` and serves the rest of `source` on demand.
    TextPager(TextViewer *viewer, PreviewSourcePtr source, const TextChunk &first);
    ~TextPager() override;

    bool isReading() const { return m_watcher.isRunning(); }

private:
    void readMore(qint64 offset);

    TextViewer *m_viewer;
    PreviewSourcePtr m_source;
    TextEncoding m_encoding;
    QFutureWatcher<Result<TextChunk>> m_watcher;
};

} // namespace Trove

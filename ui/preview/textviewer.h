#pragma once

#include "syntaxhighlighter.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace Trove {

class CodeEditor;
class FindBar;

/// Read-only text preview: monospace, line numbers, highlighting for JSON, YAML and Python,
/// a find bar (Ctrl+F) and paging. The widget never needs the whole file: it shows the first
/// chunk and, when the user scrolls to the end or presses "Load more", emits
/// moreRequested(offset) once; the owner answers with appendChunk() (or moreFailed()).
///
/// Offsets are byte offsets into the source, as the decoder counts them; the widget only keeps
/// them to ask for the next chunk and to show "1.0 MiB of 40 MiB".
class TextViewer final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TextViewer)

public:
    using Language = SyntaxHighlighter::Language;

    explicit TextViewer(QWidget *parent = nullptr);
    ~TextViewer() override;

    /// Replaces the content with the first chunk. `loadedBytes` is the source offset just past
    /// the chunk, `totalBytes` the source size (-1 if unknown: then more is offered until a
    /// chunk arrives with `atEnd`). With neither, the text is taken as complete.
    void setText(const QString &firstChunk, qint64 loadedBytes = -1, qint64 totalBytes = -1);
    void setLanguage(Language language);
    Language language() const;
    /// Picks the language from the file name.
    void setFileName(const QString &fileName);

    QString text() const;
    qint64 loadedBytes() const { return m_loaded; }
    qint64 totalBytes() const { return m_total; }
    bool hasMore() const;
    bool isRequestPending() const { return m_pending; }

    CodeEditor *editor() const { return m_editor; }
    FindBar *findBar() const { return m_findBar; }
    SyntaxHighlighter *highlighter() const { return m_highlighter; }

public slots:
    /// Appends the next chunk (continuing a partial last line). `loadedBytes` is the new
    /// offset past the data; `atEnd` marks the last chunk when the total is unknown.
    void appendChunk(const QString &text, qint64 loadedBytes, bool atEnd = false);
    /// The pending request failed: re-enable "Load more" and show `message`.
    void moreFailed(const QString &message);
    /// Emits moreRequested() unless everything is loaded or a request is pending.
    void requestMore();
    void showFindBar();

signals:
    void moreRequested(qint64 offset);

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateFooter();
    void checkScrolledToEnd();

    CodeEditor *m_editor = nullptr;
    SyntaxHighlighter *m_highlighter = nullptr;
    FindBar *m_findBar = nullptr;
    QWidget *m_footer = nullptr;
    QLabel *m_footerLabel = nullptr;
    QPushButton *m_moreButton = nullptr;
    qint64 m_loaded = -1;
    qint64 m_total = -1;
    bool m_atEnd = true;
    bool m_pending = false;
};

} // namespace Trove

#include "textviewer.h"

#include "codeeditor.h"
#include "findbar.h"
#include "widgets/palettehelpers.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QTextBlock>
#include <QVBoxLayout>

namespace Trove {

TextViewer::TextViewer(QWidget *parent)
    : QWidget(parent)
    , m_editor(new CodeEditor(this))
    , m_footer(new QWidget(this))
    , m_footerLabel(new QLabel(m_footer))
    , m_moreButton(new QPushButton(tr("Load &more"), m_footer))
{
    setAccessibleName(tr("Text viewer"));
    m_editor->setAccessibleName(tr("Text"));
    m_highlighter = new SyntaxHighlighter(m_editor->document());
    m_highlighter->setDarkTheme(PaletteHelpers::isDark(palette()));
    m_findBar = new FindBar(m_editor, this);

    auto *footerLayout = new QHBoxLayout(m_footer);
    footerLayout->setContentsMargins(6, 3, 6, 3);
    m_footerLabel->setAccessibleName(tr("Loaded amount"));
    m_moreButton->setAccessibleName(tr("Load more text"));
    m_moreButton->setAutoDefault(false);
    footerLayout->addWidget(m_footerLabel, 1);
    footerLayout->addWidget(m_moreButton);
    connect(m_moreButton, &QPushButton::clicked, this, &TextViewer::requestMore);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_findBar);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_footer);

    auto *find = new QAction(tr("Find"), this);
    find->setShortcut(QKeySequence::Find);
    find->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QAction::triggered, this, &TextViewer::showFindBar);
    addAction(find);
    auto *next = new QAction(tr("Find next"), this);
    next->setShortcut(QKeySequence::FindNext);
    next->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(next, &QAction::triggered, m_findBar, &FindBar::findNext);
    addAction(next);
    auto *prev = new QAction(tr("Find previous"), this);
    prev->setShortcut(QKeySequence::FindPrevious);
    prev->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(prev, &QAction::triggered, m_findBar, &FindBar::findPrevious);
    addAction(prev);

    connect(m_editor->verticalScrollBar(), &QScrollBar::valueChanged, this,
            &TextViewer::checkScrolledToEnd);
    updateFooter();
}

TextViewer::~TextViewer() = default;

void TextViewer::setText(const QString &firstChunk, qint64 loadedBytes, qint64 totalBytes)
{
    m_loaded = loadedBytes >= 0 ? loadedBytes : firstChunk.toUtf8().size();
    m_total = totalBytes;
    // Without offsets the caller passed the whole text; with an offset but no total, more is
    // offered until a chunk arrives with atEnd.
    m_atEnd = totalBytes >= 0 ? m_loaded >= totalBytes : loadedBytes < 0;
    m_pending = false;
    m_editor->setPlainText(firstChunk);
    m_editor->moveCursor(QTextCursor::Start);
    m_findBar->refreshHighlights();
    updateFooter();
}

void TextViewer::setLanguage(Language language)
{
    m_highlighter->setLanguage(language);
}

TextViewer::Language TextViewer::language() const
{
    return m_highlighter->language();
}

void TextViewer::setFileName(const QString &fileName)
{
    setLanguage(SyntaxHighlighter::languageForFileName(fileName));
}

QString TextViewer::text() const
{
    return m_editor->toPlainText();
}

bool TextViewer::hasMore() const
{
    if (m_total >= 0)
        return m_loaded < m_total;
    return !m_atEnd;
}

void TextViewer::appendChunk(const QString &text, qint64 loadedBytes, bool atEnd)
{
    m_pending = false;
    m_loaded = loadedBytes;
    m_atEnd = atEnd || (m_total >= 0 && m_loaded >= m_total);
    // Insert at the end without moving the user's cursor or scroll position.
    QScrollBar *vs = m_editor->verticalScrollBar();
    const int scroll = vs->value();
    QTextCursor c(m_editor->document());
    c.movePosition(QTextCursor::End);
    c.insertText(text);
    vs->setValue(scroll);
    if (!m_findBar->isHidden())
        m_findBar->refreshHighlights();
    updateFooter();
}

void TextViewer::moreFailed(const QString &message)
{
    m_pending = false;
    updateFooter();
    m_footerLabel->setText(tr("Could not load more: %1").arg(message));
    m_moreButton->setText(tr("&Retry"));
}

void TextViewer::requestMore()
{
    if (!hasMore() || m_pending)
        return;
    m_pending = true;
    updateFooter();
    emit moreRequested(m_loaded);
}

void TextViewer::showFindBar()
{
    m_findBar->activate();
}

void TextViewer::checkScrolledToEnd()
{
    QScrollBar *vs = m_editor->verticalScrollBar();
    if (vs->maximum() > 0 && vs->value() >= vs->maximum())
        requestMore();
}

void TextViewer::updateFooter()
{
    const bool more = hasMore();
    m_moreButton->setText(tr("Load &more"));
    m_moreButton->setVisible(more);
    m_moreButton->setEnabled(!m_pending);
    const QString lines
            = PaletteHelpers::countText(m_editor->blockCount(), tr("line"), tr("lines"));
    QString text;
    if (m_pending)
        text = tr("Loading more…");
    else if (m_total >= 0 && more)
        text = tr("%1  ·  showing %2 of %3")
                       .arg(lines, PaletteHelpers::formatBytes(m_loaded),
                            PaletteHelpers::formatBytes(m_total));
    else if (more)
        text = tr("%1  ·  showing the first %2").arg(lines, PaletteHelpers::formatBytes(m_loaded));
    else
        text = tr("%1  ·  %2")
                       .arg(lines, PaletteHelpers::formatBytes(std::max<qint64>(0, m_loaded)));
    m_footerLabel->setText(text);
}

void TextViewer::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        m_highlighter->setDarkTheme(PaletteHelpers::isDark(palette()));
}

} // namespace Trove

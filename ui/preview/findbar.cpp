#include "findbar.h"

#include "widgets/palettehelpers.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QStyle>
#include <QTextBlock>
#include <QToolButton>

namespace Trove {

FindBar::FindBar(QPlainTextEdit *editor, QWidget *parent)
    : QWidget(parent)
    , m_editor(editor)
    , m_edit(new QLineEdit(this))
    , m_caseSensitive(new QCheckBox(tr("Match &case"), this))
    , m_status(new QLabel(this))
{
    setAccessibleName(tr("Find bar"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->setSpacing(6);
    auto *label = new QLabel(tr("Find:"), this);
    label->setBuddy(m_edit);
    m_edit->setPlaceholderText(tr("Search loaded text"));
    m_edit->setClearButtonEnabled(true);
    m_edit->setAccessibleName(tr("Find text"));
    auto *prev = new QToolButton(this);
    prev->setArrowType(Qt::UpArrow);
    prev->setAutoRaise(true);
    prev->setToolTip(tr("Previous match (Shift+F3)"));
    prev->setAccessibleName(tr("Previous match"));
    auto *next = new QToolButton(this);
    next->setArrowType(Qt::DownArrow);
    next->setAutoRaise(true);
    next->setToolTip(tr("Next match (F3)"));
    next->setAccessibleName(tr("Next match"));
    auto *closeButton = new QToolButton(this);
    closeButton->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    closeButton->setAutoRaise(true);
    closeButton->setToolTip(tr("Close (Esc)"));
    closeButton->setAccessibleName(tr("Close find bar"));
    m_caseSensitive->setAccessibleName(tr("Match case"));
    m_status->setAccessibleName(tr("Find status"));
    layout->addWidget(label);
    layout->addWidget(m_edit, 1);
    layout->addWidget(prev);
    layout->addWidget(next);
    layout->addWidget(m_caseSensitive);
    layout->addWidget(m_status);
    layout->addWidget(closeButton);

    connect(m_edit, &QLineEdit::textChanged, this, [this] {
        refreshHighlights();
        // Incremental: search from the start of the current selection.
        QTextCursor c = m_editor->textCursor();
        c.setPosition(c.selectionStart());
        m_editor->setTextCursor(c);
        if (!m_edit->text().isEmpty())
            findNext();
    });
    connect(m_edit, &QLineEdit::returnPressed, this, &FindBar::findNext);
    connect(next, &QToolButton::clicked, this, &FindBar::findNext);
    connect(prev, &QToolButton::clicked, this, &FindBar::findPrevious);
    connect(m_caseSensitive, &QCheckBox::toggled, this, &FindBar::refreshHighlights);
    connect(closeButton, &QToolButton::clicked, this, &FindBar::close);
    hide();
}

void FindBar::activate()
{
    show();
    const QString selected = m_editor->textCursor().selectedText();
    if (!selected.isEmpty() && !selected.contains(QChar::ParagraphSeparator))
        m_edit->setText(selected);
    m_edit->setFocus();
    m_edit->selectAll();
}

QTextDocument::FindFlags FindBar::baseFlags() const
{
    return m_caseSensitive->isChecked() ? QTextDocument::FindCaseSensitively
                                        : QTextDocument::FindFlags();
}

bool FindBar::find(QTextDocument::FindFlags flags)
{
    const QString text = m_edit->text();
    if (text.isEmpty())
        return false;
    if (m_editor->find(text, flags))
        return true;
    // Wrap around.
    QTextCursor c = m_editor->textCursor();
    c.movePosition(flags & QTextDocument::FindBackward ? QTextCursor::End : QTextCursor::Start);
    m_editor->setTextCursor(c);
    const bool found = m_editor->find(text, flags);
    m_status->setText(found ? tr("Wrapped") : tr("Not found"));
    return found;
}

bool FindBar::findNext()
{
    return find(baseFlags());
}

bool FindBar::findPrevious()
{
    return find(baseFlags() | QTextDocument::FindBackward);
}

void FindBar::refreshHighlights()
{
    QList<QTextEdit::ExtraSelection> selections;
    m_matches = 0;
    const QString text = m_edit->text();
    if (!text.isEmpty() && !isHidden()) {
        QTextCharFormat fmt;
        fmt.setBackground(PaletteHelpers::mix(palette().color(QPalette::Base),
                                              QColor(0xf0, 0xc0, 0x20), 0.45));
        QTextCursor c(m_editor->document());
        constexpr int kMaxHighlights = 5000;
        while (true) {
            c = m_editor->document()->find(text, c, baseFlags());
            if (c.isNull())
                break;
            ++m_matches;
            if (selections.size() < kMaxHighlights)
                selections.append({c, fmt});
        }
    }
    m_editor->setExtraSelections(selections);
    m_status->setText(text.isEmpty()
                              ? QString()
                              : PaletteHelpers::countText(m_matches, tr("match"), tr("matches")));
}

void FindBar::close()
{
    hide();
    m_editor->setExtraSelections({});
    m_editor->setFocus();
}

void FindBar::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        close();
        return;
    }
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter)
        && (event->modifiers() & Qt::ShiftModifier)) {
        findPrevious();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace Trove

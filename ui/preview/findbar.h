#pragma once

#include <QTextDocument>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QToolButton;

namespace Trove {

/// Incremental find bar for a QPlainTextEdit (Ctrl+F shows it, Enter/F3 = next,
/// Shift+Enter/Shift+F3 = previous, Esc hides it). Highlights every match in the loaded text.
class FindBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FindBar)

public:
    explicit FindBar(QPlainTextEdit *editor, QWidget *parent = nullptr);

    QLineEdit *lineEdit() const { return m_edit; }
    /// Number of matches of the current text in the loaded document.
    int matchCount() const { return m_matches; }

public slots:
    void activate();
    bool findNext();
    bool findPrevious();
    void refreshHighlights();
    void close();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    bool find(QTextDocument::FindFlags flags);
    QTextDocument::FindFlags baseFlags() const;

    QPlainTextEdit *m_editor;
    QLineEdit *m_edit = nullptr;
    QCheckBox *m_caseSensitive = nullptr;
    QLabel *m_status = nullptr;
    int m_matches = 0;
};

} // namespace Trove

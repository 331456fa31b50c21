#pragma once

#include <QPlainTextEdit>

namespace Trove {

/// Read-only monospace QPlainTextEdit with a line-number gutter (the classic Qt "code editor"
/// pattern). `firstLineNumber` lets a paged view number lines from an offset.
class CodeEditor final : public QPlainTextEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CodeEditor)

public:
    explicit CodeEditor(QWidget *parent = nullptr);

    int gutterWidth() const;
    void paintGutter(QPaintEvent *event);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateGutterWidth();
    void updateGutter(const QRect &rect, int dy);

    QWidget *m_gutter = nullptr;
};

} // namespace Trove

#include "hexdumpwidget.h"

#include "widgets/palettehelpers.h"

#include <QFontDatabase>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>

namespace Trove {

namespace {
constexpr int kPad = 8;
QChar printable(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return (u >= 0x20 && u < 0x7f) ? QChar(QLatin1Char(c)) : QChar(QLatin1Char('.'));
}
} // namespace

HexDumpWidget::HexDumpWidget(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    setAccessibleName(tr("Hex dump"));
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setFocusPolicy(Qt::StrongFocus);
    setFrameShape(QFrame::NoFrame);
}

void HexDumpWidget::setData(const QByteArray &data, qint64 baseOffset)
{
    m_data = data;
    m_base = baseOffset;
    m_selected = data.isEmpty() ? -1 : 0;
    updateScrollBars();
    verticalScrollBar()->setValue(0);
    viewport()->update();
    emit selectionChanged(m_selected);
}

qint64 HexDumpWidget::rowCount() const
{
    return (m_data.size() + kBytesPerRow - 1) / kBytesPerRow;
}

int HexDumpWidget::lineHeight() const
{
    return fontMetrics().height() + 2;
}

int HexDumpWidget::charWidth() const
{
    return fontMetrics().horizontalAdvance(QLatin1Char('0'));
}

int HexDumpWidget::offsetDigits() const
{
    return (m_base + m_data.size()) > 0xffffffffLL ? 12 : 8;
}

int HexDumpWidget::hexColumnX(int byteInRow) const
{
    const int start = kPad + (offsetDigits() + 2) * charWidth();
    return start + (byteInRow * 3 + (byteInRow >= 8 ? 1 : 0)) * charWidth();
}

int HexDumpWidget::asciiColumnX(int byteInRow) const
{
    return hexColumnX(kBytesPerRow - 1) + 4 * charWidth() + byteInRow * charWidth();
}

QString HexDumpWidget::rowText(qint64 row) const
{
    const qint64 start = row * kBytesPerRow;
    if (row < 0 || start >= m_data.size())
        return {};
    QString text = QStringLiteral("%1  ").arg(m_base + start, offsetDigits(), 16, QLatin1Char('0'));
    QString ascii;
    for (int i = 0; i < kBytesPerRow; ++i) {
        if (i == 8)
            text += QLatin1Char(' ');
        if (start + i < m_data.size()) {
            const auto b = static_cast<unsigned char>(m_data.at(start + i));
            text += QStringLiteral("%1 ").arg(b, 2, 16, QLatin1Char('0'));
            ascii += printable(char(b));
        } else {
            text += QStringLiteral("   ");
        }
    }
    return text + QStringLiteral(" |") + ascii + QLatin1Char('|');
}

void HexDumpWidget::updateScrollBars()
{
    const int visibleRows = std::max(1, viewport()->height() / lineHeight());
    const qint64 rows = rowCount();
    // Scroll by rows; a QByteArray in a preview stays far below INT_MAX rows.
    verticalScrollBar()->setRange(0, int(std::max<qint64>(0, rows - visibleRows)));
    verticalScrollBar()->setPageStep(visibleRows);
    const int contentWidth = asciiColumnX(kBytesPerRow) + 2 * charWidth() + kPad;
    horizontalScrollBar()->setRange(0, std::max(0, contentWidth - viewport()->width()));
    horizontalScrollBar()->setPageStep(viewport()->width());
}

qint64 HexDumpWidget::byteAt(QPoint pos) const
{
    const qint64 row = verticalScrollBar()->value() + pos.y() / lineHeight();
    const int x = pos.x() + horizontalScrollBar()->value();
    int col = -1;
    for (int i = 0; i < kBytesPerRow; ++i) {
        if ((x >= hexColumnX(i) && x < hexColumnX(i) + 3 * charWidth())
            || (x >= asciiColumnX(i) && x < asciiColumnX(i) + charWidth())) {
            col = i;
            break;
        }
    }
    const qint64 index = row * kBytesPerRow + col;
    if (col < 0 || index >= m_data.size())
        return -1;
    return index;
}

void HexDumpWidget::setSelectedOffset(qint64 index)
{
    if (m_data.isEmpty())
        return;
    index = std::clamp<qint64>(index, 0, m_data.size() - 1);
    m_selected = index;
    const qint64 row = index / kBytesPerRow;
    const int first = verticalScrollBar()->value();
    const int visible = std::max(1, viewport()->height() / lineHeight());
    if (row < first)
        verticalScrollBar()->setValue(int(row));
    else if (row >= first + visible)
        verticalScrollBar()->setValue(int(row - visible + 1));
    viewport()->update();
    emit selectionChanged(m_selected);
}

void HexDumpWidget::paintEvent(QPaintEvent *)
{
    QPainter p(viewport());
    const QPalette &pal = palette();
    p.fillRect(viewport()->rect(), pal.color(QPalette::Base));
    p.setFont(font());
    p.translate(-horizontalScrollBar()->value(), 0);
    const int lh = lineHeight();
    const int cw = charWidth();
    const int ascent = fontMetrics().ascent() + 1;
    const QColor offsetColor
            = PaletteHelpers::mix(pal.color(QPalette::Text), pal.color(QPalette::Base), 0.45);
    const QColor zeroColor
            = PaletteHelpers::mix(pal.color(QPalette::Text), pal.color(QPalette::Base), 0.6);
    const QColor text = pal.color(QPalette::Text);
    const QColor asciiColor = PaletteHelpers::toneColor(PaletteHelpers::Tone::Information, pal);
    // Offset gutter.
    const int gutterRight = kPad + (offsetDigits() + 1) * cw;
    p.fillRect(QRect(0, 0, gutterRight, viewport()->height()),
               PaletteHelpers::mix(pal.color(QPalette::Base), pal.color(QPalette::Window), 0.6));
    const int separatorX = asciiColumnX(0) - 2 * cw + cw / 2;
    p.setPen(PaletteHelpers::mix(pal.color(QPalette::Base), text, 0.15));
    p.drawLine(separatorX, 0, separatorX, viewport()->height());

    const qint64 firstRow = verticalScrollBar()->value();
    const int visible = viewport()->height() / lh + 1;
    for (int r = 0; r < visible; ++r) {
        const qint64 row = firstRow + r;
        const qint64 start = row * kBytesPerRow;
        if (start >= m_data.size())
            break;
        const int y = r * lh;
        p.setPen(offsetColor);
        p.drawText(kPad, y + ascent,
                   QStringLiteral("%1").arg(m_base + start, offsetDigits(), 16, QLatin1Char('0')));
        for (int i = 0; i < kBytesPerRow && start + i < m_data.size(); ++i) {
            const auto b = static_cast<unsigned char>(m_data.at(start + i));
            if (start + i == m_selected) {
                const QColor hl = pal.color(QPalette::Highlight);
                p.fillRect(QRect(hexColumnX(i) - 2, y, 2 * cw + 4, lh), hl);
                p.fillRect(QRect(asciiColumnX(i), y, cw, lh), hl);
            }
            const bool sel = start + i == m_selected;
            p.setPen(sel ? pal.color(QPalette::HighlightedText) : (b == 0 ? zeroColor : text));
            p.drawText(hexColumnX(i), y + ascent,
                       QStringLiteral("%1").arg(b, 2, 16, QLatin1Char('0')));
            const QChar ch = printable(char(b));
            p.setPen(sel ? pal.color(QPalette::HighlightedText)
                         : (ch == QLatin1Char('.') && b != '.' ? zeroColor : asciiColor));
            p.drawText(asciiColumnX(i), y + ascent, QString(ch));
        }
    }
}

void HexDumpWidget::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

void HexDumpWidget::changeEvent(QEvent *event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        updateScrollBars();
}

void HexDumpWidget::mousePressEvent(QMouseEvent *event)
{
    const qint64 index = byteAt(event->position().toPoint());
    if (index >= 0)
        setSelectedOffset(index);
}

void HexDumpWidget::keyPressEvent(QKeyEvent *event)
{
    if (m_data.isEmpty())
        return QAbstractScrollArea::keyPressEvent(event);
    const int page = std::max(1, viewport()->height() / lineHeight()) * kBytesPerRow;
    switch (event->key()) {
    case Qt::Key_Left:
        setSelectedOffset(m_selected - 1);
        return;
    case Qt::Key_Right:
        setSelectedOffset(m_selected + 1);
        return;
    case Qt::Key_Up:
        setSelectedOffset(m_selected - kBytesPerRow);
        return;
    case Qt::Key_Down:
        setSelectedOffset(m_selected + kBytesPerRow);
        return;
    case Qt::Key_PageUp:
        setSelectedOffset(m_selected - page);
        return;
    case Qt::Key_PageDown:
        setSelectedOffset(m_selected + page);
        return;
    case Qt::Key_Home:
        setSelectedOffset(0);
        return;
    case Qt::Key_End:
        setSelectedOffset(m_data.size() - 1);
        return;
    default:
        break;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

} // namespace Trove

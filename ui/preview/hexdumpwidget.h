#pragma once

#include <QAbstractScrollArea>
#include <QByteArray>

namespace Trove {

/// Classic hexdump (offset, 16 bytes in two groups of 8, ASCII) of a QByteArray. Paints only
/// the visible rows, so the cost is bounded by the viewport. Click or use the arrow keys to
/// select a byte; its offset and value are reported by selectionChanged().
class HexDumpWidget final : public QAbstractScrollArea
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HexDumpWidget)

public:
    static constexpr int kBytesPerRow = 16;

    explicit HexDumpWidget(QWidget *parent = nullptr);

    /// `baseOffset` is the source offset of data[0], shown in the offset column.
    void setData(const QByteArray &data, qint64 baseOffset = 0);
    const QByteArray &data() const { return m_data; }
    qint64 selectedOffset() const { return m_selected; }
    void setSelectedOffset(qint64 offset);
    /// The text of one row, exactly as painted ("00000010  48 65 ... |Hello...|").
    QString rowText(qint64 row) const;
    qint64 rowCount() const;
    /// Which byte (index into data) is at `viewportPos`, or -1.
    qint64 byteAt(QPoint viewportPos) const;

signals:
    void selectionChanged(qint64 index);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateScrollBars();
    int lineHeight() const;
    int charWidth() const;
    int offsetDigits() const;
    int hexColumnX(int byteInRow) const;
    int asciiColumnX(int byteInRow) const;

    QByteArray m_data;
    qint64 m_base = 0;
    qint64 m_selected = -1;
};

} // namespace Trove

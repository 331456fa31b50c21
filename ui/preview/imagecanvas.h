#pragma once

#include <QAbstractScrollArea>
#include <QImage>

namespace Trove {

/// The scrollable, zoomable surface of ImageViewer. It paints only the visible part of the
/// image (drawImage with a source rectangle), over a checkerboard where the image is
/// transparent. Scroll bars and the offset are in scaled-image pixels.
class ImageCanvas final : public QAbstractScrollArea
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImageCanvas)

public:
    static constexpr double kMinZoom = 1.0 / 64;
    static constexpr double kMaxZoom = 64.0;

    explicit ImageCanvas(QWidget *parent = nullptr);

    void setImage(const QImage &image);
    const QImage &image() const { return m_image; }

    double zoom() const { return m_zoom; }
    bool isFitToWindow() const { return m_fit; }
    /// Sets the zoom keeping the image point under `anchor` (viewport coordinates) still.
    /// A default anchor means the viewport centre. Leaves fit-to-window mode.
    void setZoom(double zoom, QPoint anchor = QPoint(-1, -1));
    void setFitToWindow(bool fit);
    /// The zoom at which the whole image fits the viewport (never above 1).
    double fitZoom() const;
    void setSmoothScaling(bool smooth);
    bool smoothScaling() const { return m_smooth; }

    /// Maps a viewport position to image coordinates (may lie outside the image).
    QPointF mapToImage(QPoint viewportPos) const;
    /// Maps an image position to viewport coordinates.
    QPointF mapFromImage(QPointF imagePos) const;

signals:
    void zoomChanged(double zoom);
    /// The pixel under the cursor, or (-1, -1) when the cursor left the image.
    void hoveredPixelChanged(QPoint pixel);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    QPointF imageOrigin() const;
    void updateScrollBars();
    void updateHover(QPoint viewportPos);

    QImage m_image;
    QPixmap m_checker;
    double m_zoom = 1.0;
    bool m_fit = true;
    bool m_smooth = true;
    bool m_dragging = false;
    QPoint m_dragStart;
    QPoint m_scrollStart;
    QPoint m_hovered{-1, -1};
};

} // namespace Trove

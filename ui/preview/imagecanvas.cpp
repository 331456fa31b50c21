#include "imagecanvas.h"

#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace Trove {

ImageCanvas::ImageCanvas(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    setAccessibleName(tr("Image"));
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setMouseTracking(true);
    viewport()->setCursor(Qt::OpenHandCursor);
    setFrameShape(QFrame::NoFrame);

    m_checker = QPixmap(16, 16);
    m_checker.fill(QColor(0xcc, 0xcc, 0xcc));
    QPainter p(&m_checker);
    p.fillRect(0, 0, 8, 8, QColor(0x99, 0x99, 0x99));
    p.fillRect(8, 8, 8, 8, QColor(0x99, 0x99, 0x99));
}

void ImageCanvas::setImage(const QImage &image)
{
    m_image = image;
    m_hovered = QPoint(-1, -1);
    if (m_fit) {
        m_zoom = fitZoom();
        emit zoomChanged(m_zoom);
    }
    updateScrollBars();
    viewport()->update();
}

double ImageCanvas::fitZoom() const
{
    if (m_image.isNull())
        return 1.0;
    const QSize vp = viewport()->size();
    const double z = std::min(double(vp.width()) / m_image.width(),
                              double(vp.height()) / m_image.height());
    return std::clamp(z, kMinZoom, 1.0);
}

void ImageCanvas::setZoom(double zoom, QPoint anchor)
{
    zoom = std::clamp(zoom, kMinZoom, kMaxZoom);
    if (anchor.x() < 0)
        anchor = viewport()->rect().center();
    const QPointF imagePoint = mapToImage(anchor);
    m_fit = false;
    const bool changed = !qFuzzyCompare(zoom, m_zoom);
    m_zoom = zoom;
    updateScrollBars();
    // Keep the anchored image point under the anchor.
    const QPointF after = mapFromImage(imagePoint);
    horizontalScrollBar()->setValue(horizontalScrollBar()->value()
                                    + int(std::lround(after.x() - anchor.x())));
    verticalScrollBar()->setValue(verticalScrollBar()->value()
                                  + int(std::lround(after.y() - anchor.y())));
    viewport()->update();
    if (changed)
        emit zoomChanged(m_zoom);
}

void ImageCanvas::setFitToWindow(bool fit)
{
    m_fit = fit;
    if (fit) {
        const double z = fitZoom();
        const bool changed = !qFuzzyCompare(z, m_zoom);
        m_zoom = z;
        updateScrollBars();
        viewport()->update();
        if (changed)
            emit zoomChanged(m_zoom);
    }
}

void ImageCanvas::setSmoothScaling(bool smooth)
{
    m_smooth = smooth;
    viewport()->update();
}

QPointF ImageCanvas::imageOrigin() const
{
    const QSizeF scaled = QSizeF(m_image.size()) * m_zoom;
    const QSize vp = viewport()->size();
    const double x = scaled.width() < vp.width() ? (vp.width() - scaled.width()) / 2.0
                                                 : -double(horizontalScrollBar()->value());
    const double y = scaled.height() < vp.height() ? (vp.height() - scaled.height()) / 2.0
                                                   : -double(verticalScrollBar()->value());
    return {std::floor(x), std::floor(y)};
}

QPointF ImageCanvas::mapToImage(QPoint viewportPos) const
{
    return (QPointF(viewportPos) - imageOrigin()) / m_zoom;
}

QPointF ImageCanvas::mapFromImage(QPointF imagePos) const
{
    return imagePos * m_zoom + imageOrigin();
}

void ImageCanvas::updateScrollBars()
{
    const QSize scaled = (QSizeF(m_image.size()) * m_zoom).toSize();
    const QSize vp = viewport()->size();
    horizontalScrollBar()->setRange(0, std::max(0, scaled.width() - vp.width()));
    verticalScrollBar()->setRange(0, std::max(0, scaled.height() - vp.height()));
    horizontalScrollBar()->setPageStep(vp.width());
    verticalScrollBar()->setPageStep(vp.height());
    horizontalScrollBar()->setSingleStep(std::max(1, vp.width() / 20));
    verticalScrollBar()->setSingleStep(std::max(1, vp.height() / 20));
}

void ImageCanvas::paintEvent(QPaintEvent *)
{
    QPainter p(viewport());
    p.fillRect(viewport()->rect(), palette().color(QPalette::Dark));
    if (m_image.isNull())
        return;
    const QPointF origin = imageOrigin();
    const QRectF target(origin, QSizeF(m_image.size()) * m_zoom);
    const QRectF visible = target.intersected(QRectF(viewport()->rect()));
    if (visible.isEmpty())
        return;
    if (m_image.hasAlphaChannel()) {
        p.setBrushOrigin(origin);
        p.fillRect(visible, QBrush(m_checker));
    }
    // Source rectangle of the visible part, expanded to whole pixels.
    QRectF source((visible.topLeft() - origin) / m_zoom, visible.size() / m_zoom);
    const QRect srcPixels = source.toAlignedRect().intersected(m_image.rect());
    const QRectF dst(origin + QPointF(srcPixels.topLeft()) * m_zoom,
                     QSizeF(srcPixels.size()) * m_zoom);
    // Smooth when shrinking or mildly enlarging; show crisp pixels when zoomed far in.
    p.setRenderHint(QPainter::SmoothPixmapTransform, m_smooth && m_zoom < 4.0);
    p.drawImage(dst, m_image, QRectF(srcPixels));
}

void ImageCanvas::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    if (m_fit) {
        const double z = fitZoom();
        const bool changed = !qFuzzyCompare(z, m_zoom);
        m_zoom = z;
        if (changed)
            emit zoomChanged(m_zoom);
    }
    updateScrollBars();
}

void ImageCanvas::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ShiftModifier) {
        QAbstractScrollArea::wheelEvent(event);
        return;
    }
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0)
        return;
    setZoom(m_zoom * std::pow(1.25, steps), event->position().toPoint());
    event->accept();
}

void ImageCanvas::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton || event->button() == Qt::MiddleButton) {
        m_dragging = true;
        m_dragStart = event->position().toPoint();
        m_scrollStart = QPoint(horizontalScrollBar()->value(), verticalScrollBar()->value());
        viewport()->setCursor(Qt::ClosedHandCursor);
    }
}

void ImageCanvas::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    if (m_dragging) {
        const QPoint delta = pos - m_dragStart;
        horizontalScrollBar()->setValue(m_scrollStart.x() - delta.x());
        verticalScrollBar()->setValue(m_scrollStart.y() - delta.y());
    }
    updateHover(pos);
}

void ImageCanvas::mouseReleaseEvent(QMouseEvent *)
{
    m_dragging = false;
    viewport()->setCursor(Qt::OpenHandCursor);
}

void ImageCanvas::leaveEvent(QEvent *event)
{
    QAbstractScrollArea::leaveEvent(event);
    updateHover(QPoint(-100000, -100000));
}

void ImageCanvas::updateHover(QPoint viewportPos)
{
    const QPointF ip = mapToImage(viewportPos);
    QPoint pixel(int(std::floor(ip.x())), int(std::floor(ip.y())));
    if (!m_image.rect().contains(pixel))
        pixel = QPoint(-1, -1);
    if (pixel != m_hovered) {
        m_hovered = pixel;
        emit hoveredPixelChanged(pixel);
    }
}

void ImageCanvas::keyPressEvent(QKeyEvent *event)
{
    const int step = 40;
    switch (event->key()) {
    case Qt::Key_Left:
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - step);
        return;
    case Qt::Key_Right:
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() + step);
        return;
    case Qt::Key_Up:
        verticalScrollBar()->setValue(verticalScrollBar()->value() - step);
        return;
    case Qt::Key_Down:
        verticalScrollBar()->setValue(verticalScrollBar()->value() + step);
        return;
    default:
        break;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

void ImageCanvas::scrollContentsBy(int, int)
{
    viewport()->update();
}

} // namespace Trove

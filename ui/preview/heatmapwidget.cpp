#include "heatmapwidget.h"

#include "colormap.h"
#include "widgets/palettehelpers.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>

#include <cmath>
#include <limits>

namespace Trove {

namespace {
constexpr qint64 kExactRangeCells = 4'000'000;
constexpr double kMinCell = 0.05;
constexpr double kMaxCell = 96;
} // namespace

HeatmapWidget::HeatmapWidget(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    setAccessibleName(tr("Heatmap"));
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setMouseTracking(true);
    setFrameShape(QFrame::NoFrame);
}

HeatmapWidget::~HeatmapWidget() = default;

void HeatmapWidget::setData(std::shared_ptr<const ArrayDataProvider> provider,
                            const ArraySlice &slice)
{
    m_provider = std::move(provider);
    m_slice = slice;
    m_shape = m_provider ? m_provider->shape() : QVector<qint64>();
    m_rows = m_provider ? slice.rows(m_shape) : 0;
    m_cols = m_provider ? slice.cols(m_shape) : 0;
    m_current = {0, 0};
    if (!m_userRange)
        computeRange();
    fitToView();
}

void HeatmapWidget::setRange(double min, double max)
{
    m_userRange = true;
    m_estimate = false;
    m_min = min;
    m_max = max;
    viewport()->update();
    emit rangeChanged(m_min, m_max);
}

void HeatmapWidget::resetRange()
{
    m_userRange = false;
    computeRange();
    viewport()->update();
}

void HeatmapWidget::computeRange()
{
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    const qint64 cells = m_rows * m_cols;
    m_estimate = cells > kExactRangeCells;
    if (m_provider && cells > 0) {
        // Exact for moderate slices; otherwise a strided grid of about 1M samples.
        const qint64 stride
                = m_estimate ? std::max<qint64>(1, qint64(std::sqrt(double(cells) / 1e6))) : 1;
        for (qint64 r = 0; r < m_rows; r += stride) {
            if (stride == 1) {
                const QVector<double> row = m_provider->block(m_slice, r, 0, 1, int(m_cols));
                for (double v : row) {
                    if (std::isfinite(v)) {
                        lo = std::min(lo, v);
                        hi = std::max(hi, v);
                    }
                }
            } else {
                for (qint64 c = 0; c < m_cols; c += stride) {
                    const double v = valueAt(r, c);
                    if (std::isfinite(v)) {
                        lo = std::min(lo, v);
                        hi = std::max(hi, v);
                    }
                }
            }
        }
    }
    if (!std::isfinite(lo)) {
        lo = 0;
        hi = 1;
    }
    m_min = lo;
    m_max = hi;
    emit rangeChanged(m_min, m_max);
}

double HeatmapWidget::valueAt(qint64 row, qint64 col) const
{
    return m_provider->value(m_slice.indexOf(m_shape, row, col));
}

QColor HeatmapWidget::colorForValue(double value) const
{
    if (std::isnan(value))
        return ColorMap::nanColor(PaletteHelpers::isDark(palette()));
    if (value == std::numeric_limits<double>::infinity())
        return ColorMap::viridis(1.0);
    if (value == -std::numeric_limits<double>::infinity())
        return ColorMap::viridis(0.0);
    const double span = m_max - m_min;
    const double t = span > 0 ? (value - m_min) / span : 0.5;
    return ColorMap::viridis(t);
}

void HeatmapWidget::setCellSize(double pixels)
{
    m_autoFit = false;
    applyCellSize(pixels);
}

void HeatmapWidget::applyCellSize(double pixels)
{
    m_cell = std::clamp(pixels, kMinCell, kMaxCell);
    updateScrollBars();
    viewport()->update();
}

void HeatmapWidget::fitToView()
{
    m_autoFit = true;
    if (m_rows <= 0 || m_cols <= 0) {
        applyCellSize(16);
        return;
    }
    const QSize vp = viewport()->size();
    const double fit = std::min(double(vp.width()) / m_cols, double(vp.height()) / m_rows);
    applyCellSize(std::clamp(fit, kMinCell, 48.0));
    horizontalScrollBar()->setValue(0);
    verticalScrollBar()->setValue(0);
}

void HeatmapWidget::updateScrollBars()
{
    const QSize vp = viewport()->size();
    const double w = m_cols * m_cell;
    const double h = m_rows * m_cell;
    horizontalScrollBar()->setRange(0, int(std::clamp(w - vp.width(), 0.0, 2e9)));
    verticalScrollBar()->setRange(0, int(std::clamp(h - vp.height(), 0.0, 2e9)));
    horizontalScrollBar()->setPageStep(vp.width());
    verticalScrollBar()->setPageStep(vp.height());
    horizontalScrollBar()->setSingleStep(std::max(1, int(m_cell)));
    verticalScrollBar()->setSingleStep(std::max(1, int(m_cell)));
}

std::pair<qint64, qint64> HeatmapWidget::cellAt(QPoint pos) const
{
    const double x = pos.x() + horizontalScrollBar()->value();
    const double y = pos.y() + verticalScrollBar()->value();
    const qint64 c = qint64(std::floor(x / m_cell));
    const qint64 r = qint64(std::floor(y / m_cell));
    if (r < 0 || c < 0 || r >= m_rows || c >= m_cols)
        return {-1, -1};
    return {r, c};
}

void HeatmapWidget::paintEvent(QPaintEvent *)
{
    QPainter p(viewport());
    const QPalette &pal = palette();
    p.fillRect(viewport()->rect(), pal.color(QPalette::Base));
    if (!m_provider || m_rows <= 0 || m_cols <= 0)
        return;
    const double ox = horizontalScrollBar()->value();
    const double oy = verticalScrollBar()->value();
    const QSize vp = viewport()->size();
    const bool dark = PaletteHelpers::isDark(pal);

    if (m_cell >= 1.0) {
        const qint64 c0 = qint64(ox / m_cell);
        const qint64 r0 = qint64(oy / m_cell);
        const int nc = int(std::min<qint64>(m_cols - c0, qint64(vp.width() / m_cell) + 2));
        const int nr = int(std::min<qint64>(m_rows - r0, qint64(vp.height() / m_cell) + 2));
        if (nc <= 0 || nr <= 0)
            return;
        const QVector<double> values = m_provider->block(m_slice, r0, c0, nr, nc);
        const bool grid = m_cell >= 10;
        for (int r = 0; r < nr; ++r) {
            for (int c = 0; c < nc; ++c) {
                const double v = values.value(qsizetype(r) * nc + c,
                                              std::numeric_limits<double>::quiet_NaN());
                // Whole-pixel edges shared with the neighbours: fractional rectangles are
                // rounded one by one and leave one-pixel seams between cells.
                const int x0 = int(std::lround((c0 + c) * m_cell - ox));
                const int x1 = int(std::lround((c0 + c + 1) * m_cell - ox));
                const int y0 = int(std::lround((r0 + r) * m_cell - oy));
                const int y1 = int(std::lround((r0 + r + 1) * m_cell - oy));
                const QRect cell(x0, y0, x1 - x0, y1 - y0);
                p.fillRect(cell, colorForValue(v));
                if (std::isnan(v) && m_cell >= 6)
                    p.fillRect(cell,
                               QBrush(dark ? QColor(0x30, 0x30, 0x30) : QColor(0xa0, 0xa0, 0xa0),
                                      Qt::BDiagPattern));
            }
        }
        if (grid) {
            p.setPen(QPen(pal.color(QPalette::Base), 1));
            for (int c = 0; c <= nc; ++c) {
                const double x = (c0 + c) * m_cell - ox;
                p.drawLine(QPointF(x, 0),
                           QPointF(x, std::min<double>(vp.height(), m_rows * m_cell - oy)));
            }
            for (int r = 0; r <= nr; ++r) {
                const double y = (r0 + r) * m_cell - oy;
                p.drawLine(QPointF(0, y),
                           QPointF(std::min<double>(vp.width(), m_cols * m_cell - ox), y));
            }
        }
    } else {
        // Smaller than a pixel: sample one value per device pixel.
        const int w = int(std::min<double>(vp.width(), m_cols * m_cell - ox));
        const int h = int(std::min<double>(vp.height(), m_rows * m_cell - oy));
        if (w <= 0 || h <= 0)
            return;
        QImage img(w, h, QImage::Format_RGB32);
        for (int y = 0; y < h; ++y) {
            const qint64 r = std::min<qint64>(m_rows - 1, qint64((y + oy) / m_cell));
            auto *line = reinterpret_cast<QRgb *>(img.scanLine(y));
            for (int x = 0; x < w; ++x) {
                const qint64 c = std::min<qint64>(m_cols - 1, qint64((x + ox) / m_cell));
                line[x] = colorForValue(valueAt(r, c)).rgb();
            }
        }
        p.drawImage(0, 0, img);
    }
    if (hasFocus() && m_rows > 0 && m_cols > 0) {
        const double size = std::max(m_cell, 3.0);
        const QRectF cell(m_current.second * m_cell - ox, m_current.first * m_cell - oy, size,
                          size);
        p.setPen(QPen(pal.color(QPalette::Highlight), 2));
        p.setBrush(Qt::NoBrush);
        p.drawRect(cell.adjusted(1, 1, -1, -1));
    }
}

void HeatmapWidget::setCurrentCell(qint64 row, qint64 col)
{
    if (m_rows <= 0 || m_cols <= 0)
        return;
    row = std::clamp<qint64>(row, 0, m_rows - 1);
    col = std::clamp<qint64>(col, 0, m_cols - 1);
    m_current = {row, col};
    // Keep the cursor visible.
    const QSize vp = viewport()->size();
    const double x = col * m_cell;
    const double y = row * m_cell;
    QScrollBar *h = horizontalScrollBar();
    QScrollBar *v = verticalScrollBar();
    if (x < h->value())
        h->setValue(int(x));
    else if (x + m_cell > h->value() + vp.width())
        h->setValue(int(x + m_cell - vp.width()));
    if (y < v->value())
        v->setValue(int(y));
    else if (y + m_cell > v->value() + vp.height())
        v->setValue(int(y + m_cell - vp.height()));
    viewport()->update();
    if (m_provider)
        emit hoveredCellChanged(row, col, valueAt(row, col));
}

void HeatmapWidget::keyPressEvent(QKeyEvent *event)
{
    const auto [r, c] = m_current;
    const qint64 page = std::max<qint64>(1, qint64(viewport()->height() / std::max(m_cell, 1.0)));
    switch (event->key()) {
    case Qt::Key_Left:
        return setCurrentCell(r, c - 1);
    case Qt::Key_Right:
        return setCurrentCell(r, c + 1);
    case Qt::Key_Up:
        return setCurrentCell(r - 1, c);
    case Qt::Key_Down:
        return setCurrentCell(r + 1, c);
    case Qt::Key_PageUp:
        return setCurrentCell(r - page, c);
    case Qt::Key_PageDown:
        return setCurrentCell(r + page, c);
    case Qt::Key_Home:
        return setCurrentCell(r, 0);
    case Qt::Key_End:
        return setCurrentCell(r, m_cols - 1);
    default:
        break;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

void HeatmapWidget::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    if (m_autoFit)
        fitToView();
    else
        updateScrollBars();
}

bool HeatmapWidget::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip && m_provider) {
        auto *he = static_cast<QHelpEvent *>(event);
        const auto [r, c] = cellAt(he->pos());
        if (r >= 0) {
            const double v = valueAt(r, c);
            QToolTip::showText(he->globalPos(),
                               QStringLiteral("[%1, %2] = %3")
                                       .arg(r)
                                       .arg(c)
                                       .arg(std::isnan(v) ? QStringLiteral("NaN")
                                                          : QLocale().toString(v, 'g', 8)),
                               viewport());
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

void HeatmapWidget::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0)
        return;
    const QPointF pos = event->position();
    const double cx = (pos.x() + horizontalScrollBar()->value()) / m_cell;
    const double cy = (pos.y() + verticalScrollBar()->value()) / m_cell;
    setCellSize(m_cell * std::pow(1.25, steps));
    horizontalScrollBar()->setValue(int(cx * m_cell - pos.x()));
    verticalScrollBar()->setValue(int(cy * m_cell - pos.y()));
    event->accept();
}

void HeatmapWidget::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        m_dragging = true;
        m_dragStart = event->position().toPoint();
        m_scrollStart = QPoint(horizontalScrollBar()->value(), verticalScrollBar()->value());
    }
}

void HeatmapWidget::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    if (m_dragging) {
        const QPoint d = pos - m_dragStart;
        horizontalScrollBar()->setValue(m_scrollStart.x() - d.x());
        verticalScrollBar()->setValue(m_scrollStart.y() - d.y());
    }
    const auto [r, c] = cellAt(pos);
    if (r >= 0 && m_provider)
        emit hoveredCellChanged(r, c, valueAt(r, c));
}

void HeatmapWidget::mouseReleaseEvent(QMouseEvent *)
{
    m_dragging = false;
}

} // namespace Trove

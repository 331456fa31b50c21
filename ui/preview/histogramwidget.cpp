#include "histogramwidget.h"

#include "arraydataprovider.h"
#include "widgets/palettehelpers.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>

#include <cmath>

namespace Trove {

namespace {
/// Tick step: 1, 2 or 5 times a power of ten, giving about `target` ticks over `span`.
double niceStep(double span, int target)
{
    if (span <= 0)
        return 1;
    const double raw = span / target;
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    const double f = raw / mag;
    return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
}

QString num(double v)
{
    if (std::abs(v) < 1e-12)
        v = 0;
    return QLocale().toString(v, 'g', 4);
}
} // namespace

HistogramWidget::HistogramWidget(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Histogram"));
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(240, 160);
    m_xLabel = tr("Value");
    m_yLabel = tr("Count");
}

void HistogramWidget::setData(const QVector<double> &edges, const QVector<qint64> &counts)
{
    if (edges.size() != counts.size() + 1) {
        m_edges.clear();
        m_counts.clear();
    } else {
        m_edges = edges;
        m_counts = counts;
    }
    m_maxCount = 0;
    for (qint64 c : std::as_const(m_counts))
        m_maxCount = std::max(m_maxCount, c);
    m_hovered = -1;
    update();
}

void HistogramWidget::setAxisLabels(const QString &x, const QString &y)
{
    m_xLabel = x;
    m_yLabel = y;
    update();
}

void HistogramWidget::setFootnote(const QString &text)
{
    m_footnote = text;
    update();
}

QRectF HistogramWidget::plotRect() const
{
    const QFontMetrics fm = fontMetrics();
    const QString widest = QLocale().toString(std::max<qint64>(m_maxCount, 10));
    const double left = 12 + fm.height() + fm.horizontalAdvance(widest) + 8;
    const double bottom = fm.height() * 2 + 14 + (m_footnote.isEmpty() ? 0 : fm.height() + 4);
    return QRectF(left, 12, std::max(10.0, width() - left - 16),
                  std::max(10.0, height() - 12 - bottom));
}

QRectF HistogramWidget::barRect(int bin) const
{
    if (bin < 0 || bin >= m_counts.size() || m_maxCount <= 0)
        return {};
    const QRectF plot = plotRect();
    const double w = plot.width() / m_counts.size();
    const double h = plot.height() * double(m_counts[bin]) / double(m_maxCount);
    return QRectF(plot.left() + bin * w, plot.bottom() - h, w, h);
}

int HistogramWidget::binAt(QPoint pos) const
{
    const QRectF plot = plotRect();
    if (m_counts.isEmpty() || !plot.contains(pos))
        return -1;
    const int bin = int((pos.x() - plot.left()) / plot.width() * m_counts.size());
    return std::clamp(bin, 0, int(m_counts.size()) - 1);
}

QString HistogramWidget::binText(int bin) const
{
    const bool last = bin == m_counts.size() - 1;
    return tr("[%1, %2%3: %4")
            .arg(num(m_edges[bin]), num(m_edges[bin + 1]),
                 last ? QStringLiteral("]") : QStringLiteral(")"),
                 QLocale().toString(m_counts[bin]));
}

void HistogramWidget::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QPalette &pal = palette();
    p.fillRect(rect(), pal.color(QPalette::Base));
    const QFontMetrics fm = fontMetrics();
    const QColor text = pal.color(QPalette::Text);
    const QColor axis = PaletteHelpers::mix(text, pal.color(QPalette::Base), 0.3);
    const QColor gridColor = PaletteHelpers::mix(text, pal.color(QPalette::Base), 0.88);
    const QRectF plot = plotRect();

    if (m_counts.isEmpty()) {
        p.setPen(PaletteHelpers::mix(text, pal.color(QPalette::Base), 0.5));
        p.drawText(rect(), Qt::AlignCenter, tr("No data"));
        return;
    }
    // Y grid and labels.
    const double yStep = std::max(1.0, std::ceil(niceStep(double(m_maxCount), 5)));
    p.setFont(font());
    for (double v = 0; v <= m_maxCount + 1e-9; v += yStep) {
        const double y = plot.bottom() - plot.height() * v / m_maxCount;
        p.setPen(gridColor);
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        p.setPen(text);
        const QString label = QLocale().toString(qint64(v));
        p.drawText(QRectF(0, y - fm.height() / 2.0, plot.left() - 6, fm.height()),
                   Qt::AlignRight | Qt::AlignVCenter, label);
    }
    // Bars.
    const QColor bar = PaletteHelpers::toneColor(PaletteHelpers::Tone::Information, pal);
    const QColor barHover = PaletteHelpers::toneColor(PaletteHelpers::Tone::Warning, pal);
    for (int b = 0; b < m_counts.size(); ++b) {
        QRectF r = barRect(b);
        if (r.width() > 3)
            r.adjust(0.5, 0, -0.5, 0);
        p.fillRect(r, b == m_hovered ? barHover : bar);
    }
    // X axis and ticks.
    p.setPen(axis);
    p.drawLine(plot.bottomLeft(), plot.bottomRight());
    p.drawLine(plot.bottomLeft(), plot.topLeft());
    const double x0 = m_edges.first();
    const double x1 = m_edges.last();
    const double span = x1 - x0;
    const int maxTicks = std::max(2, int(plot.width() / (fm.horizontalAdvance(num(x1)) + 24)));
    const double step = niceStep(span, std::min(maxTicks, 8));
    p.setPen(text);
    if (span > 0) {
        for (double v = std::ceil(x0 / step) * step; v <= x1 + step * 1e-9; v += step) {
            const double x = plot.left() + plot.width() * (v - x0) / span;
            p.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4));
            const QString label = num(v);
            const double w = fm.horizontalAdvance(label);
            p.drawText(QRectF(x - w / 2 - 2, plot.bottom() + 6, w + 4, fm.height()),
                       Qt::AlignCenter, label);
        }
    } else {
        p.drawText(QRectF(plot.left(), plot.bottom() + 6, plot.width(), fm.height()),
                   Qt::AlignCenter, num(x0));
    }
    // Axis titles.
    QFont titleFont = font();
    titleFont.setWeight(QFont::DemiBold);
    p.setFont(titleFont);
    p.drawText(QRectF(plot.left(), plot.bottom() + 8 + fm.height(), plot.width(), fm.height()),
               Qt::AlignCenter, m_xLabel);
    p.save();
    p.translate(4, plot.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-plot.height() / 2, 0, plot.height(), fm.height()), Qt::AlignCenter,
               m_yLabel);
    p.restore();
    p.setFont(font());
    if (!m_footnote.isEmpty()) {
        p.setPen(PaletteHelpers::mix(text, pal.color(QPalette::Base), 0.4));
        p.drawText(QRectF(plot.left(), height() - fm.height() - 4, plot.width(), fm.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, m_footnote);
    }
    if (m_hovered >= 0) {
        p.setPen(text);
        const QString t = binText(m_hovered);
        p.drawText(plot.adjusted(6, 2, -6, 0), Qt::AlignRight | Qt::AlignTop, t);
    }
    if (hasFocus()) {
        QPen focus(pal.color(QPalette::Highlight), 1, Qt::DotLine);
        p.setPen(focus);
        p.drawRect(rect().adjusted(0, 0, -1, -1));
    }
}

void HistogramWidget::setHovered(int bin)
{
    if (bin == m_hovered)
        return;
    m_hovered = bin;
    update();
    emit hoveredBinChanged(bin);
}

void HistogramWidget::mouseMoveEvent(QMouseEvent *event)
{
    setHovered(binAt(event->position().toPoint()));
}

void HistogramWidget::leaveEvent(QEvent *)
{
    setHovered(-1);
}

bool HistogramWidget::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *he = static_cast<QHelpEvent *>(event);
        const int bin = binAt(he->pos());
        if (bin >= 0)
            QToolTip::showText(he->globalPos(), binText(bin), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

void HistogramWidget::keyPressEvent(QKeyEvent *event)
{
    if (m_counts.isEmpty())
        return QWidget::keyPressEvent(event);
    if (event->key() == Qt::Key_Left)
        setHovered(std::max(0, m_hovered - 1));
    else if (event->key() == Qt::Key_Right)
        setHovered(std::min(int(m_counts.size()) - 1, m_hovered + 1));
    else
        QWidget::keyPressEvent(event);
}

HistogramWidget::Result HistogramWidget::compute(const ArrayDataProvider &provider,
                                                 const ArraySlice &slice,
                                                 int bins,
                                                 qint64 maxSamples)
{
    Result res;
    bins = std::max(1, bins);
    const QVector<qint64> shape = provider.shape();
    const qint64 rows = slice.rows(shape);
    const qint64 cols = slice.cols(shape);
    res.total = rows * cols;
    const qint64 stride
            = res.total > maxSamples ? std::max<qint64>(
                      1, qint64(std::ceil(std::sqrt(double(res.total) / double(maxSamples)))))
                                     : 1;
    QVector<double> values;
    for (qint64 r = 0; r < rows; r += stride) {
        for (qint64 c = 0; c < cols; c += stride) {
            const double v = provider.value(slice.indexOf(shape, r, c));
            ++res.sampled;
            if (std::isnan(v))
                ++res.nans;
            else if (std::isinf(v))
                ++res.infinities;
            else
                values.append(v);
        }
    }
    if (values.isEmpty())
        return res;
    const auto [mn, mx] = std::minmax_element(values.cbegin(), values.cend());
    double lo = *mn;
    double hi = *mx;
    if (hi == lo) {
        // A constant slice: one bin centred on the value.
        lo -= 0.5;
        hi += 0.5;
        bins = 1;
    }
    if (provider.isIntegral() && hi - lo + 1 <= bins) {
        // One bin per integer value.
        bins = int(hi - lo) + 1;
        lo -= 0.5;
        hi = lo + bins;
    }
    res.edges.resize(bins + 1);
    for (int i = 0; i <= bins; ++i)
        res.edges[i] = lo + (hi - lo) * i / bins;
    res.counts = QVector<qint64>(bins, 0);
    for (double v : std::as_const(values)) {
        const int b = std::clamp(int((v - lo) / (hi - lo) * bins), 0, bins - 1);
        ++res.counts[b];
    }
    return res;
}

} // namespace Trove

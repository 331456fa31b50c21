#include "colorscalebar.h"

#include "colormap.h"
#include "widgets/palettehelpers.h"

#include <QLocale>
#include <QPainter>

namespace Trove {

ColorScaleBar::ColorScaleBar(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Colour scale"));
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Expanding);
}

void ColorScaleBar::setRange(double min, double max, bool estimate)
{
    m_min = min;
    m_max = max;
    m_estimate = estimate;
    setAccessibleDescription(tr("From %1 to %2").arg(label(min), label(max)));
    setToolTip(estimate ? tr("Range estimated from a sample of the slice")
                        : tr("Range of the slice"));
    updateGeometry();
    update();
}

QString ColorScaleBar::label(double v) const
{
    return QLocale().toString(v, 'g', 5);
}

QSize ColorScaleBar::sizeHint() const
{
    const QFontMetrics fm = fontMetrics();
    int w = std::max({fm.horizontalAdvance(label(m_min)), fm.horizontalAdvance(label(m_max)),
                      fm.horizontalAdvance(label((m_min + m_max) / 2)),
                      fm.horizontalAdvance(QStringLiteral("NaN"))});
    if (m_estimate)
        w += fm.horizontalAdvance(QStringLiteral("≈ "));
    return {18 + 8 + w + 8, 200};
}

QSize ColorScaleBar::minimumSizeHint() const
{
    return {sizeHint().width(), 80};
}

void ColorScaleBar::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QFontMetrics fm = fontMetrics();
    const int barW = 18;
    const int top = fm.height() / 2 + 2;
    const int swatch = fm.height() + 6;
    const int bottom = height() - top - swatch;
    const QRect bar(4, top, barW, std::max(10, bottom - top));
    QLinearGradient g(bar.bottomLeft(), bar.topLeft());
    for (int i = 0; i <= 10; ++i)
        g.setColorAt(i / 10.0, ColorMap::viridis(i / 10.0));
    p.fillRect(bar, g);
    p.setPen(PaletteHelpers::mix(palette().color(QPalette::WindowText),
                                 palette().color(QPalette::Window), 0.5));
    p.drawRect(bar.adjusted(0, 0, -1, -1));
    p.setPen(palette().color(QPalette::WindowText));
    const int tx = bar.right() + 8;
    const QString approx = m_estimate ? QStringLiteral("≈ ") : QString();
    p.drawText(QRect(tx, bar.top() - fm.height() / 2, width() - tx, fm.height()),
               Qt::AlignLeft | Qt::AlignVCenter, approx + label(m_max));
    p.drawText(QRect(tx, bar.center().y() - fm.height() / 2, width() - tx, fm.height()),
               Qt::AlignLeft | Qt::AlignVCenter, label((m_min + m_max) / 2));
    p.drawText(QRect(tx, bar.bottom() - fm.height() / 2, width() - tx, fm.height()),
               Qt::AlignLeft | Qt::AlignVCenter, approx + label(m_min));
    // NaN swatch.
    const QRect nan(4, bar.bottom() + 8, barW, fm.height() - 2);
    p.fillRect(nan, ColorMap::nanColor(PaletteHelpers::isDark(palette())));
    p.fillRect(nan, QBrush(QColor(0x80, 0x80, 0x80), Qt::BDiagPattern));
    p.drawText(QRect(tx, nan.top(), width() - tx, nan.height()), Qt::AlignLeft | Qt::AlignVCenter,
               QStringLiteral("NaN"));
}

} // namespace Trove

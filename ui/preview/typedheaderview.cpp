#include "typedheaderview.h"

#include "widgets/palettehelpers.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

namespace Trove {

TypedHeaderView::TypedHeaderView(QWidget *parent)
    : QHeaderView(Qt::Horizontal, parent)
{
    setSectionsClickable(true);
    setHighlightSections(true);
    setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
}

void TypedHeaderView::setColumnStats(const QList<ColumnStatsView> &stats)
{
    m_stats = stats;
    viewport()->update();
    updateGeometry();
}

QString TypedHeaderView::typeOf(int section) const
{
    return section >= 0 && section < m_stats.size() ? m_stats.at(section).type : QString();
}

QSize TypedHeaderView::sectionSizeFromContents(int logicalIndex) const
{
    QSize s = QHeaderView::sectionSizeFromContents(logicalIndex);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    const QFontMetrics fm(small);
    s.setHeight(s.height() + fm.height() + 2);
    s.setWidth(std::max(s.width(), fm.horizontalAdvance(typeOf(logicalIndex)) + 16));
    return s;
}

void TypedHeaderView::paintSection(QPainter *painter, const QRect &rect, int logicalIndex) const
{
    // Let the style draw the section background, then the two text lines ourselves.
    QStyleOptionHeader opt;
    initStyleOption(&opt);
    opt.rect = rect;
    opt.section = logicalIndex;
    opt.text.clear();
    if (highlightSections() && selectionModel()
        && selectionModel()->columnIntersectsSelection(logicalIndex, rootIndex()))
        opt.state |= QStyle::State_On;
    style()->drawControl(QStyle::CE_Header, &opt, painter, this);

    const QString name
            = model() ? model()->headerData(logicalIndex, orientation()).toString() : QString();
    const QString type = typeOf(logicalIndex);
    const QRect r = rect.adjusted(6, 2, -6, -2);
    painter->save();
    QFont bold = font();
    bold.setWeight(QFont::DemiBold);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    const int nameHeight = QFontMetrics(bold).height();
    const int total = nameHeight + (type.isEmpty() ? 0 : QFontMetrics(small).height());
    const int top = r.top() + (r.height() - total) / 2;
    painter->setFont(bold);
    painter->setPen(palette().color(QPalette::ButtonText));
    painter->drawText(QRect(r.left(), top, r.width(), nameHeight), Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(bold).elidedText(name, Qt::ElideRight, r.width()));
    if (!type.isEmpty()) {
        painter->setFont(small);
        painter->setPen(PaletteHelpers::mix(palette().color(QPalette::ButtonText),
                                            palette().color(QPalette::Button), 0.4));
        painter->drawText(
                QRect(r.left(), top + nameHeight, r.width(), QFontMetrics(small).height()),
                Qt::AlignLeft | Qt::AlignVCenter, type);
    }
    painter->restore();
}

bool TypedHeaderView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *he = static_cast<QHelpEvent *>(event);
        const int section = logicalIndexAt(he->pos());
        if (section >= 0 && section < m_stats.size()) {
            QToolTip::showText(he->globalPos(), m_stats.at(section).toolTip(), viewport());
            return true;
        }
    }
    return QHeaderView::viewportEvent(event);
}

} // namespace Trove

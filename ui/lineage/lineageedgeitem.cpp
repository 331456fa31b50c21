#include "lineageedgeitem.h"

#include "widgets/palettehelpers.h"

#include <QApplication>
#include <QCoreApplication>
#include <QGraphicsScene>
#include <QPainter>
#include <QPainterPathStroker>

#include <cmath>

namespace Trove {

namespace {
QColor edgeColor(LineageGraphData::Edge::Kind kind, const QPalette &pal)
{
    switch (kind) {
    case LineageGraphData::Edge::Kind::Produced:
        return PaletteHelpers::toneColor(PaletteHelpers::Tone::Information, pal);
    case LineageGraphData::Edge::Kind::UsedBy:
        return PaletteHelpers::toneColor(PaletteHelpers::Tone::Positive, pal);
    case LineageGraphData::Edge::Kind::Parent:
        break;
    }
    return PaletteHelpers::mix(pal.color(QPalette::Text), pal.color(QPalette::Base), 0.45);
}
} // namespace

LineageEdgeItem::LineageEdgeItem(const LineageGraphData::Edge &edge,
                                 const QPolygonF &route,
                                 bool backward)
    : m_edge(edge)
{
    setZValue(0);
    if (route.size() < 2)
        return;
    m_path.moveTo(route.first());
    if (backward) {
        // Loop below: leave to the right, come back into the target from the right side.
        const QPointF a = route.first();
        const QPointF b = route.last();
        const double drop = 70 + std::abs(a.x() - b.x()) * 0.15;
        m_path.cubicTo(a + QPointF(-60, drop), b + QPointF(60, drop), b);
    } else {
        for (int i = 1; i < route.size(); ++i) {
            const QPointF p0 = route[i - 1];
            const QPointF p1 = route[i];
            const double dx = std::max(30.0, (p1.x() - p0.x()) * 0.5);
            if (std::abs(p1.y() - p0.y()) < 0.5 && i > 1 && i < route.size() - 1)
                m_path.lineTo(p1);
            else
                m_path.cubicTo(p0 + QPointF(dx, 0), p1 - QPointF(dx, 0), p1);
        }
    }
    // Arrow head at the end, along the final tangent.
    const QPointF tip = m_path.pointAtPercent(1.0);
    const double deg = m_path.angleAtPercent(0.995);
    const double rad = qDegreesToRadians(deg);
    const QPointF dir(std::cos(rad), -std::sin(rad));
    const QPointF normal(-dir.y(), dir.x());
    const double len = 10, half = 5;
    m_arrow << tip << tip - dir * len + normal * half << tip - dir * len - normal * half;
    m_labelPos = m_path.pointAtPercent(0.5);
    setToolTip(edge.label.isEmpty() ? label(edge.kind)
                                    : QStringLiteral("%1 (%2)").arg(label(edge.kind), edge.label));
}

QString LineageEdgeItem::label(LineageGraphData::Edge::Kind kind)
{
    switch (kind) {
    case LineageGraphData::Edge::Kind::Produced:
        return QCoreApplication::translate("LineageEdgeItem", "produced");
    case LineageGraphData::Edge::Kind::UsedBy:
        return QCoreApplication::translate("LineageEdgeItem", "used by");
    case LineageGraphData::Edge::Kind::Parent:
        return QCoreApplication::translate("LineageEdgeItem", "parent");
    }
    return {};
}

QRectF LineageEdgeItem::boundingRect() const
{
    return m_path.boundingRect().united(m_arrow.boundingRect()).adjusted(-60, -14, 60, 14);
}

QPainterPath LineageEdgeItem::shape() const
{
    QPainterPathStroker stroker;
    stroker.setWidth(8);
    return stroker.createStroke(m_path);
}

void LineageEdgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    if (m_path.isEmpty())
        return;
    const QPalette pal = scene() ? scene()->palette() : QApplication::palette();
    const QColor color = edgeColor(m_edge.kind, pal);
    painter->setRenderHint(QPainter::Antialiasing);
    QPen pen(color, 1.6);
    if (m_edge.kind == LineageGraphData::Edge::Kind::Parent)
        pen.setStyle(Qt::DashLine);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(m_path);
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawPolygon(m_arrow);

    QFont f = QApplication::font();
    f.setPointSizeF(f.pointSizeF() * 0.8);
    const QFontMetricsF fm(f);
    const QString text = label(m_edge.kind);
    const QRectF box(m_labelPos.x() - fm.horizontalAdvance(text) / 2 - 5,
                     m_labelPos.y() - fm.height() / 2 - 1, fm.horizontalAdvance(text) + 10,
                     fm.height() + 2);
    painter->setBrush(pal.color(QPalette::Base));
    painter->setPen(QPen(PaletteHelpers::mix(pal.color(QPalette::Base), color, 0.5), 1));
    painter->drawRoundedRect(box, box.height() / 2, box.height() / 2);
    painter->setFont(f);
    painter->setPen(PaletteHelpers::mix(color, pal.color(QPalette::Text), 0.3));
    painter->drawText(box, Qt::AlignCenter, text);
}

} // namespace Trove

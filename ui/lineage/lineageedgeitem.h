#pragma once

#include "lineagegraphdata.h"

#include <QGraphicsItem>
#include <QPainterPath>
#include <QPolygonF>

namespace Trove {

/// A curved arrow along a route computed by LineageLayout, with a small label
/// ("produced", "used by", "parent") at its middle.
class LineageEdgeItem final : public QGraphicsItem
{
public:
    LineageEdgeItem(const LineageGraphData::Edge &edge, const QPolygonF &route, bool backward);

    const LineageGraphData::Edge &edge() const { return m_edge; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;
    const QPainterPath &path() const { return m_path; }
    static QString label(LineageGraphData::Edge::Kind kind);

private:
    LineageGraphData::Edge m_edge;
    QPainterPath m_path;
    QPolygonF m_arrow;
    QPointF m_labelPos;
};

} // namespace Trove

#pragma once

#include "lineagegraphdata.h"

#include <QGraphicsObject>

namespace Trove {

/// A node card of LineageView: rounded rectangle, kind badge (TASK / MODEL), title, subtitle,
/// and a status pill. Tasks have a status-coloured accent stripe; models a tinted card with
/// pill corners. Expandable nodes show a "+" button on their right edge.
class LineageNodeItem final : public QGraphicsObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LineageNodeItem)

public:
    LineageNodeItem(const LineageGraphData::Node &node, QSizeF size);

    const LineageGraphData::Node &node() const { return m_node; }
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;
    /// The "+" button rectangle in item coordinates (empty when not expandable).
    QRectF expandButtonRect() const;
    QRectF cardRect() const { return QRectF(QPointF(0, 0), m_size); }
    /// Colour for a ClearML status string.
    static QColor statusColor(const QString &status, const QPalette &palette);

signals:
    void expandClicked(const QString &id);
    void doubleClicked(const QString &id);

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) override;
    void hoverEnterEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *event) override;

private:
    LineageGraphData::Node m_node;
    QSizeF m_size;
    bool m_hover = false;
};

} // namespace Trove

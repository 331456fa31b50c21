#include "lineagenodeitem.h"

#include "widgets/palettehelpers.h"

#include <QApplication>
#include <QGraphicsScene>
#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace Trove {

LineageNodeItem::LineageNodeItem(const LineageGraphData::Node &node, QSizeF size)
    : m_node(node)
    , m_size(size)
{
    setFlags(ItemIsSelectable | ItemIsFocusable);
    setAcceptHoverEvents(true);
    setToolTip(node.toolTip.isEmpty()
                       ? QStringLiteral("%1\n%2\n%3").arg(node.title, node.subtitle, node.status)
                       : node.toolTip);
    setCursor(Qt::PointingHandCursor);
    setZValue(1);
}

QRectF LineageNodeItem::boundingRect() const
{
    // Room for the selection ring and the + button sticking out on the right.
    return QRectF(-4, -4, m_size.width() + 18, m_size.height() + 8);
}

QRectF LineageNodeItem::expandButtonRect() const
{
    if (!m_node.expandable)
        return {};
    const double d = 20;
    return QRectF(m_size.width() - d / 2, m_size.height() / 2 - d / 2, d, d);
}

QColor LineageNodeItem::statusColor(const QString &status, const QPalette &palette)
{
    using PaletteHelpers::Tone;
    const QString s = status.toLower();
    Tone tone = Tone::Neutral;
    if (s == QLatin1String("completed") || s == QLatin1String("published")
        || s == QLatin1String("closed"))
        tone = Tone::Positive;
    else if (s == QLatin1String("in_progress") || s == QLatin1String("running")
             || s == QLatin1String("queued"))
        tone = Tone::Information;
    else if (s == QLatin1String("failed"))
        tone = Tone::Error;
    else if (s == QLatin1String("stopped") || s == QLatin1String("aborted"))
        tone = Tone::Warning;
    return PaletteHelpers::toneColor(tone, palette);
}

void LineageNodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const QPalette pal = scene() ? scene()->palette() : QApplication::palette();
    const bool isModel = m_node.kind == LineageGraphData::Node::Kind::Model;
    const bool selected = option->state & QStyle::State_Selected;
    const QColor base = pal.color(QPalette::Base);
    const QColor text = pal.color(QPalette::Text);
    const QColor accent = statusColor(m_node.status, pal);
    const QColor modelTint
            = PaletteHelpers::isDark(pal) ? QColor(0xa7, 0x8b, 0xfa) : QColor(0x6d, 0x28, 0xd9);
    const QColor kindColor
            = isModel ? modelTint
                      : PaletteHelpers::toneColor(PaletteHelpers::Tone::Information, pal);
    const QRectF card = cardRect();
    const double radius = isModel ? m_size.height() / 2.6 : 6;

    painter->setRenderHint(QPainter::Antialiasing);
    // Shadow.
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(0, 0, 0, PaletteHelpers::isDark(pal) ? 90 : 28));
    painter->drawRoundedRect(card.translated(0, 2), radius, radius);
    // Card.
    const QColor fill = isModel ? PaletteHelpers::mix(base, modelTint, 0.10)
                                : PaletteHelpers::mix(base, pal.color(QPalette::Window), 0.25);
    QColor border = PaletteHelpers::mix(base, text, m_hover ? 0.45 : 0.25);
    if (m_node.root)
        border = PaletteHelpers::mix(base, kindColor, 0.8);
    if (selected)
        border = pal.color(QPalette::Highlight);
    painter->setBrush(fill);
    painter->setPen(QPen(border, selected || m_node.root ? 2.0 : 1.0));
    painter->drawRoundedRect(card.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius);
    // Status accent: a stripe for tasks, a dot ring for models.
    const double left = isModel ? radius * 0.9 : 14;
    if (!isModel) {
        QPainterPath clip;
        clip.addRoundedRect(card, radius, radius);
        painter->save();
        painter->setClipPath(clip);
        painter->fillRect(QRectF(0, 0, 5, card.height()), accent);
        painter->restore();
    }

    // Kind badge.
    QFont small = QApplication::font();
    small.setPointSizeF(small.pointSizeF() * 0.75);
    small.setWeight(QFont::Bold);
    small.setLetterSpacing(QFont::PercentageSpacing, 108);
    const QString badge = isModel ? tr("MODEL") : tr("TASK");
    const QFontMetricsF smallFm(small);
    painter->setFont(small);
    painter->setPen(kindColor);
    painter->drawText(QPointF(left, 8 + smallFm.ascent()), badge);
    // Status pill, right-aligned on the badge line.
    if (!m_node.status.isEmpty()) {
        const QString status = m_node.status;
        const double w = smallFm.horizontalAdvance(status) + 16;
        const QRectF pill(card.right() - w - 14, 6, w, smallFm.height() + 4);
        painter->setPen(Qt::NoPen);
        painter->setBrush(PaletteHelpers::mix(base, accent, 0.2));
        painter->drawRoundedRect(pill, pill.height() / 2, pill.height() / 2);
        painter->setBrush(accent);
        painter->drawEllipse(QPointF(pill.left() + 7, pill.center().y()), 2.5, 2.5);
        painter->setPen(PaletteHelpers::mix(accent, text, 0.35));
        painter->drawText(pill.adjusted(11, 0, 0, 0), Qt::AlignCenter, status);
    }
    // Title and subtitle.
    QFont titleFont = QApplication::font();
    titleFont.setWeight(QFont::DemiBold);
    const QFontMetricsF titleFm(titleFont);
    const double textWidth = card.width() - left - 16;
    const double titleTop = 8 + smallFm.height() + 3;
    painter->setFont(titleFont);
    painter->setPen(text);
    painter->drawText(QRectF(left, titleTop, textWidth, titleFm.height()),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      titleFm.elidedText(m_node.title, Qt::ElideRight, textWidth));
    QFont subFont = QApplication::font();
    subFont.setPointSizeF(subFont.pointSizeF() * 0.9);
    const QFontMetricsF subFm(subFont);
    painter->setFont(subFont);
    painter->setPen(PaletteHelpers::mix(text, base, 0.4));
    painter->drawText(QRectF(left, titleTop + titleFm.height(), textWidth, subFm.height()),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      subFm.elidedText(m_node.subtitle, Qt::ElideRight, textWidth));

    // Expand button.
    if (m_node.expandable) {
        const QRectF b = expandButtonRect();
        painter->setPen(QPen(border, 1));
        painter->setBrush(m_hover ? pal.color(QPalette::Highlight) : base);
        painter->drawEllipse(b);
        painter->setPen(QPen(m_hover ? pal.color(QPalette::HighlightedText) : text, 1.6));
        const QPointF c = b.center();
        painter->drawLine(QPointF(c.x() - 5, c.y()), QPointF(c.x() + 5, c.y()));
        painter->drawLine(QPointF(c.x(), c.y() - 5), QPointF(c.x(), c.y() + 5));
    }
}

void LineageNodeItem::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && expandButtonRect().contains(event->pos())) {
        emit expandClicked(m_node.id);
        event->accept();
        return;
    }
    QGraphicsObject::mousePressEvent(event);
}

void LineageNodeItem::mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        emit doubleClicked(m_node.id);
        event->accept();
        return;
    }
    QGraphicsObject::mouseDoubleClickEvent(event);
}

void LineageNodeItem::hoverEnterEvent(QGraphicsSceneHoverEvent *)
{
    m_hover = true;
    update();
}

void LineageNodeItem::hoverLeaveEvent(QGraphicsSceneHoverEvent *)
{
    m_hover = false;
    update();
}

} // namespace Trove

#include "projectitemdelegate.h"

#include "models/projecttreemodel.h"
#include "widgets/palettehelpers.h"

#include <QApplication>
#include <QLocale>
#include <QPainter>

namespace Trove {

ProjectItemDelegate::ProjectItemDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

ProjectItemDelegate::~ProjectItemDelegate() = default;

QString ProjectItemDelegate::countText(const QModelIndex &index)
{
    const QVariant count = index.data(ProjectTreeModel::TaskCountRole);
    return count.isValid() ? QLocale().toString(count.toLongLong()) : QString();
}

void ProjectItemDelegate::paint(QPainter *painter,
                                const QStyleOptionViewItem &option,
                                const QModelIndex &index) const
{
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    const QString name = opt.text;
    const QString count = countText(index);
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();

    opt.text.clear();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    QRect text = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget);
    text.adjust(2, 0, -4, 0);
    const bool selected = opt.state & QStyle::State_Selected;
    const QPalette::ColorGroup group
            = (opt.state & QStyle::State_Enabled) ? QPalette::Normal : QPalette::Disabled;
    const QColor textColor
            = opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    painter->save();
    painter->setFont(opt.font);
    int countWidth = 0;
    if (!count.isEmpty()) {
        countWidth = opt.fontMetrics.horizontalAdvance(count) + 8;
        painter->setPen(selected ? textColor : PaletteHelpers::secondaryText(opt.palette));
        painter->drawText(text, Qt::AlignRight | Qt::AlignVCenter, count);
    }
    painter->setPen(textColor);
    const QRect nameRect = text.adjusted(0, 0, -countWidth, 0);
    painter->drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter,
                      opt.fontMetrics.elidedText(name, Qt::ElideRight, nameRect.width()));
    painter->restore();
}

QSize ProjectItemDelegate::sizeHint(const QStyleOptionViewItem &option,
                                    const QModelIndex &index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    const QString count = countText(index);
    if (!count.isEmpty())
        s.rwidth() += option.fontMetrics.horizontalAdvance(count) + 12;
    return s;
}

} // namespace Trove

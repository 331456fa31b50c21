#include "transferdelegate.h"

#include "palettehelpers.h"
#include "transferroles.h"

#include <QApplication>
#include <QMouseEvent>
#include <QPainter>
#include <QStyle>

namespace Trove {

namespace {
constexpr int kMargin = 8;
constexpr int kButtonWidth = 72;

QString statusLine(const QModelIndex &index)
{
    const auto state = TransferState(index.data(TransferRoles::StateRole).toInt());
    const qint64 done = index.data(TransferRoles::BytesDoneRole).toLongLong();
    const qint64 total = index.data(TransferRoles::BytesTotalRole).toLongLong();
    const double rate = index.data(TransferRoles::RateRole).toDouble();
    const qint64 eta = index.data(TransferRoles::EtaRole).toLongLong();
    const QString sep = QStringLiteral("  ·  ");
    const QString amount = total >= 0 ? QCoreApplication::translate("TransferDelegate", "%1 of %2")
                                                .arg(PaletteHelpers::formatBytes(done),
                                                     PaletteHelpers::formatBytes(total))
                                      : PaletteHelpers::formatBytes(done);
    switch (state) {
    case TransferState::Queued:
        return QCoreApplication::translate("TransferDelegate", "Queued");
    case TransferState::Running: {
        QString text = amount;
        if (rate > 0)
            text += sep + PaletteHelpers::formatBytes(qint64(rate)) + QStringLiteral("/s");
        if (eta >= 0)
            text += sep
                    + QCoreApplication::translate("TransferDelegate", "%1 left")
                              .arg(PaletteHelpers::formatDuration(eta));
        return text;
    }
    case TransferState::Finished:
        return QCoreApplication::translate("TransferDelegate", "Done  ·  %1")
                .arg(PaletteHelpers::formatBytes(total >= 0 ? total : done));
    case TransferState::Failed: {
        const QString error = index.data(TransferRoles::ErrorRole).toString();
        return error.isEmpty()
                       ? QCoreApplication::translate("TransferDelegate", "Failed")
                       : QCoreApplication::translate("TransferDelegate", "Failed: %1").arg(error);
    }
    case TransferState::Cancelled:
        return QCoreApplication::translate("TransferDelegate", "Cancelled  ·  %1").arg(amount);
    }
    return {};
}
} // namespace

TransferDelegate::TransferDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

TransferDelegate::Button TransferDelegate::buttonFor(const QModelIndex &index)
{
    switch (TransferState(index.data(TransferRoles::StateRole).toInt())) {
    case TransferState::Queued:
    case TransferState::Running:
        return Button::Cancel;
    case TransferState::Failed:
    case TransferState::Cancelled:
        return Button::Retry;
    case TransferState::Finished:
        return Button::Open;
    }
    return Button::None;
}

QString TransferDelegate::buttonText(Button button)
{
    switch (button) {
    case Button::Cancel:
        return tr("Cancel");
    case Button::Retry:
        return tr("Retry");
    case Button::Open:
        return tr("Open");
    case Button::None:
        break;
    }
    return {};
}

QRect TransferDelegate::buttonRect(const QRect &itemRect,
                                   const QStyleOptionViewItem &option,
                                   Button button) const
{
    if (button == Button::None)
        return {};
    const int h = option.fontMetrics.height() + 10;
    return QRect(itemRect.right() - kMargin - kButtonWidth + 1,
                 itemRect.top() + (itemRect.height() - h) / 2, kButtonWidth, h);
}

QSize TransferDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const int line = option.fontMetrics.height();
    return QSize(360, kMargin * 2 + line * 2 + 8 + 6);
}

void TransferDelegate::paint(QPainter *painter,
                             const QStyleOptionViewItem &opt,
                             const QModelIndex &index) const
{
    QStyleOptionViewItem option = opt;
    initStyleOption(&option, index);
    option.text.clear();
    option.icon = QIcon();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &option, painter, widget);

    painter->save();
    const QPalette &pal = option.palette;
    const bool selected = option.state & QStyle::State_Selected;
    const QColor text = pal.color(selected ? QPalette::HighlightedText : QPalette::Text);
    const QColor secondary = PaletteHelpers::mix(
            text, pal.color(selected ? QPalette::Highlight : QPalette::Base), 0.35);
    const auto state = TransferState(index.data(TransferRoles::StateRole).toInt());
    const auto direction = TransferDirection(index.data(TransferRoles::DirectionRole).toInt());

    const QRect r = option.rect.adjusted(kMargin, kMargin, -kMargin, -kMargin);
    const Button button = buttonFor(index);
    const QRect btnRect = buttonRect(option.rect, option, button);
    const int right = button == Button::None ? r.right() : btnRect.left() - kMargin;

    // Direction glyph.
    const int line = option.fontMetrics.height();
    const QRect iconRect(r.left(), r.top(), line + 4, line + 4);
    QStyle::StandardPixmap glyph = QStyle::SP_ArrowDown;
    if (direction == TransferDirection::Upload)
        glyph = QStyle::SP_ArrowUp;
    else if (direction == TransferDirection::Copy)
        glyph = QStyle::SP_DialogSaveButton;
    const QIcon icon = style->standardIcon(glyph, nullptr, widget);
    icon.paint(painter, iconRect);

    const int textLeft = iconRect.right() + 8;
    QFont bold = option.font;
    bold.setWeight(QFont::DemiBold);
    painter->setFont(bold);
    painter->setPen(text);
    const QRect nameRect(textLeft, r.top(), right - textLeft, line);
    const QString name = index.data(TransferRoles::NameRole).toString();
    painter->drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(bold).elidedText(name, Qt::ElideMiddle, nameRect.width()));

    // Progress bar.
    const qint64 done = index.data(TransferRoles::BytesDoneRole).toLongLong();
    const qint64 total = index.data(TransferRoles::BytesTotalRole).toLongLong();
    QStyleOptionProgressBar bar;
    bar.rect = QRect(textLeft, nameRect.bottom() + 4, right - textLeft, 6);
    bar.palette = pal;
    bar.state = QStyle::State_Enabled | QStyle::State_Horizontal;
    bar.minimum = 0;
    bar.maximum = 1000;
    bar.progress = total > 0 ? int(std::min<qint64>(1000, done * 1000 / total))
                             : (state == TransferState::Finished ? 1000 : 0);
    // Paint a slim bar ourselves: the style's bar is too tall for a list row.
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(PaletteHelpers::mix(pal.color(QPalette::Base), text, 0.15));
    painter->drawRoundedRect(bar.rect, 3, 3);
    PaletteHelpers::Tone tone = PaletteHelpers::Tone::Information;
    if (state == TransferState::Failed)
        tone = PaletteHelpers::Tone::Error;
    else if (state == TransferState::Finished)
        tone = PaletteHelpers::Tone::Positive;
    else if (state == TransferState::Cancelled || state == TransferState::Queued)
        tone = PaletteHelpers::Tone::Neutral;
    const QColor fill = PaletteHelpers::toneColor(tone, pal);
    QRect filled = bar.rect;
    filled.setWidth(bar.rect.width() * bar.progress / 1000);
    if (filled.width() > 0) {
        painter->setBrush(fill);
        painter->drawRoundedRect(filled, 3, 3);
    }

    // Status line.
    painter->setFont(option.font);
    painter->setPen(state == TransferState::Failed && !selected ? fill : secondary);
    const QRect statusRect(textLeft, bar.rect.bottom() + 4, right - textLeft, line);
    painter->drawText(
            statusRect, Qt::AlignLeft | Qt::AlignVCenter,
            option.fontMetrics.elidedText(statusLine(index), Qt::ElideRight, statusRect.width()));

    if (button != Button::None) {
        QStyleOptionButton b;
        b.rect = btnRect;
        b.text = buttonText(button);
        b.palette = pal;
        b.fontMetrics = option.fontMetrics;
        b.state = QStyle::State_Enabled | QStyle::State_Raised;
        if (option.state & QStyle::State_MouseOver) {
            const QPoint cursor = widget ? widget->mapFromGlobal(QCursor::pos()) : QPoint();
            if (btnRect.contains(cursor))
                b.state |= QStyle::State_MouseOver;
        }
        if (m_pressed == index)
            b.state |= QStyle::State_Sunken;
        style->drawControl(QStyle::CE_PushButton, &b, painter, widget);
    }
    painter->restore();
}

bool TransferDelegate::editorEvent(QEvent *event,
                                   QAbstractItemModel *model,
                                   const QStyleOptionViewItem &option,
                                   const QModelIndex &index)
{
    const Button button = buttonFor(index);
    if (button == Button::None)
        return QStyledItemDelegate::editorEvent(event, model, option, index);
    const QRect r = buttonRect(option.rect, option, button);
    if (event->type() == QEvent::MouseButtonPress) {
        auto *me = static_cast<QMouseEvent *>(event);
        if (me->button() == Qt::LeftButton && r.contains(me->position().toPoint())) {
            m_pressed = index;
            return true;
        }
    } else if (event->type() == QEvent::MouseButtonRelease) {
        auto *me = static_cast<QMouseEvent *>(event);
        const bool wasPressed = m_pressed == index;
        m_pressed = QPersistentModelIndex();
        if (wasPressed && r.contains(me->position().toPoint())) {
            switch (button) {
            case Button::Cancel:
                emit cancelRequested(index);
                break;
            case Button::Retry:
                emit retryRequested(index);
                break;
            case Button::Open:
                emit openRequested(index);
                break;
            case Button::None:
                break;
            }
            return true;
        }
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

} // namespace Trove

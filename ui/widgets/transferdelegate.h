#pragma once

#include <QPersistentModelIndex>
#include <QStyledItemDelegate>

namespace Trove {

/// Paints one transfer per row (see transferroles.h): direction, name, a progress bar, the
/// "12 MiB of 40 MiB · 2.1 MiB/s · 14 s left" line or the error, and inline buttons - Cancel
/// while queued/running, Retry after a failure or cancel, Open when finished. Clicking a button
/// emits the matching signal with the row's index.
class TransferDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransferDelegate)

public:
    enum class Button { None, Cancel, Retry, Open };

    explicit TransferDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter,
               const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    /// The button available for `index` in its current state.
    static Button buttonFor(const QModelIndex &index);
    /// Where the button is drawn inside the item rectangle `itemRect`.
    QRect
    buttonRect(const QRect &itemRect, const QStyleOptionViewItem &option, Button button) const;
    static QString buttonText(Button button);

signals:
    void cancelRequested(const QModelIndex &index);
    void retryRequested(const QModelIndex &index);
    void openRequested(const QModelIndex &index);

protected:
    bool editorEvent(QEvent *event,
                     QAbstractItemModel *model,
                     const QStyleOptionViewItem &option,
                     const QModelIndex &index) override;

private:
    QPersistentModelIndex m_pressed;
};

} // namespace Trove

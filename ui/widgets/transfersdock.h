#pragma once

#include <QDockWidget>

class QAbstractItemModel;
class QLabel;
class QListView;
class QStackedLayout;
class QModelIndex;
class QToolButton;

namespace Trove {

class TransferDelegate;

/// Dock listing transfers of any model that provides the roles of transferroles.h. Each row is
/// painted by TransferDelegate with an inline Cancel/Retry/Open button. The same actions are
/// reachable from the keyboard (Delete = cancel, R = retry, Enter = open) and the context menu.
/// The dock only emits requests; the integrator performs them on core's transfer manager.
class TransfersDock final : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransfersDock)

public:
    explicit TransfersDock(QWidget *parent = nullptr);
    ~TransfersDock() override;

    void setModel(QAbstractItemModel *model);
    QAbstractItemModel *model() const;
    QListView *view() const { return m_view; }
    TransferDelegate *delegate() const { return m_delegate; }

signals:
    void cancelRequested(int row);
    void retryRequested(int row);
    void openRequested(int row);
    void clearFinishedRequested();

private:
    void triggerForCurrent();
    void updateSummary();
    void showContextMenu(const QPoint &pos);

    QListView *m_view = nullptr;
    TransferDelegate *m_delegate = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_empty = nullptr;
    QStackedLayout *m_stack = nullptr;
    QToolButton *m_clearButton = nullptr;
};

} // namespace Trove

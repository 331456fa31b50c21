#pragma once

#include <QList>
#include <QObject>
#include <QPersistentModelIndex>
#include <QPoint>
#include <QPointer>
#include <QUrl>

#include <functional>

class QAbstractItemView;
class QDrag;

namespace Trove {

class LocalCopyProxyModel;

/// Drag-out of artifacts and models to a file manager (or any drop target that takes
/// files), installed on the item view that shows a LocalCopyProxyModel.
///
/// When a drag gesture starts on a row (button held, moved beyond the drag distance):
///  - the row (or the selected rows, when the pressed one is selected) is cached: a QDrag
///    with the local file URLs starts at once (text/uri-list from the model's mimeData());
///  - otherwise the missing downloads start (shown in the transfers dock), the rows say
///    "Preparing — keep holding to drag" (LocalHintRole / tooltip), and no drag starts yet.
///    When the last download finishes: if the mouse button is still held, the drag starts
///    then, carrying the files; if it was released meanwhile, the rows say "Ready — drag
///    again" until the next drag, which then starts at once. A failed download clears the
///    hint and reports errorOccurred().
/// This never blocks the GUI thread and runs no event loop of its own; the only loop is
/// Qt's platform drag inside QDrag::exec() (replaceable with setDragExecutor(), e.g. in
/// tests), started from the event loop, never from inside a model signal. The view's own
/// drag start is turned off (setDragEnabled(false)): this class owns the gesture.
class ArtifactDragSource final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ArtifactDragSource)

public:
    using DragExecutor = std::function<Qt::DropAction(QDrag *)>;
    enum class Outcome { Nothing, Dragged, Preparing };

    ArtifactDragSource(QAbstractItemView *view,
                       LocalCopyProxyModel *model,
                       QObject *parent = nullptr);
    ~ArtifactDragSource() override;

    /// Default: drag->exec(Qt::CopyAction).
    void setDragExecutor(DragExecutor executor);

    /// The decision for a drag gesture starting on `index` (what the mouse handling calls).
    Outcome beginDrag(const QModelIndex &index);
    /// Rows waiting for their download before a drag can start.
    QList<QPersistentModelIndex> pendingRows() const { return m_pending; }
    bool isButtonHeld() const { return m_buttonHeld; }

    static QString preparingHint();
    static QString readyHint();

Q_SIGNALS:
    /// A drag started with these local files.
    void dragStarted(const QList<QUrl> &urls);
    void errorOccurred(const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QModelIndexList rowsFor(const QModelIndex &index) const;
    void startDrag(const QModelIndexList &rows);
    void onModelChanged();
    void setHints(const QList<QPersistentModelIndex> &rows, const QString &text);

    QPointer<QAbstractItemView> m_view;
    QPointer<QWidget> m_viewport; ///< may go before the view (its child) at destruction
    QPointer<LocalCopyProxyModel> m_model;
    DragExecutor m_executor;
    QPersistentModelIndex m_pressIndex;
    QPoint m_pressPos;
    bool m_buttonHeld = false;
    bool m_gestureTaken = false;
    QList<QPersistentModelIndex> m_pending;
    QList<QPersistentModelIndex> m_ready;
    bool m_dragQueued = false;
};

} // namespace Trove

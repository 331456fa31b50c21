#include "artifactdragsource.h"

#include "models/localcopyproxymodel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QDrag>
#include <QItemSelectionModel>
#include <QMimeData>
#include <QMouseEvent>
#include <QTimer>

namespace Trove {

ArtifactDragSource::ArtifactDragSource(QAbstractItemView *view,
                                       LocalCopyProxyModel *model,
                                       QObject *parent)
    : QObject(parent)
    , m_view(view)
    , m_model(model)
    , m_executor([](QDrag *drag) { return drag->exec(Qt::CopyAction, Qt::CopyAction); })
{
    view->setDragEnabled(false); // the gesture is ours
    m_viewport = view->viewport();
    m_viewport->installEventFilter(this);
    connect(model, &QAbstractItemModel::dataChanged, this, &ArtifactDragSource::onModelChanged);
}

ArtifactDragSource::~ArtifactDragSource()
{
    if (m_viewport)
        m_viewport->removeEventFilter(this);
}

void ArtifactDragSource::setDragExecutor(DragExecutor executor)
{
    m_executor = std::move(executor);
}

QString ArtifactDragSource::preparingHint()
{
    return tr("Downloading — keep holding the button to drag it out");
}

QString ArtifactDragSource::readyHint()
{
    return tr("Ready — drag again");
}

QModelIndexList ArtifactDragSource::rowsFor(const QModelIndex &index) const
{
    QModelIndexList rows;
    QItemSelectionModel *selection = m_view ? m_view->selectionModel() : nullptr;
    if (selection && selection->isRowSelected(index.row(), index.parent()))
        rows = selection->selectedRows(0);
    if (rows.isEmpty())
        rows << index.siblingAtColumn(0);
    return rows;
}

ArtifactDragSource::Outcome ArtifactDragSource::beginDrag(const QModelIndex &index)
{
    if (!m_model || !index.isValid())
        return Outcome::Nothing;
    const QModelIndexList rows = rowsFor(index);
    setHints(m_ready, QString()); // a new gesture replaces "drag again"
    m_ready.clear();
    QList<QPersistentModelIndex> missing;
    bool failedToStart = false;
    for (const QModelIndex &row : rows) {
        if (!m_model->localPath(row).isEmpty())
            continue;
        if (!m_model->request(row)) {
            failedToStart = true; // nothing to download (no uri)
            continue;
        }
        m_model->ensureLocal(row);
        if (m_model->localPath(row).isEmpty())
            missing << QPersistentModelIndex(row);
    }
    if (missing.isEmpty()) {
        if (failedToStart && rows.size() == 1)
            return Outcome::Nothing;
        startDrag(rows);
        return Outcome::Dragged;
    }
    setHints(m_pending, QString());
    m_pending = missing;
    setHints(m_pending, preparingHint());
    return Outcome::Preparing;
}

void ArtifactDragSource::startDrag(const QModelIndexList &rows)
{
    if (!m_model || !m_view)
        return;
    QMimeData *mime = m_model->mimeData(rows);
    if (!mime)
        return;
    const QList<QUrl> urls = mime->urls();
    auto *drag = new QDrag(m_view->viewport());
    drag->setMimeData(mime);
    Q_EMIT dragStarted(urls);
    m_executor(drag);
    drag->deleteLater();
}

void ArtifactDragSource::onModelChanged()
{
    if (m_pending.isEmpty() || !m_model)
        return;
    QStringList failures;
    bool waiting = false;
    for (const QPersistentModelIndex &row : std::as_const(m_pending)) {
        if (!row.isValid())
            continue;
        const auto state = m_model->localState(row);
        if (state == LocalCopyTracker::State::Failed) {
            const auto r = m_model->request(row);
            failures << (r ? m_model->tracker()->error(*r).userMessage() : QString());
        } else if (state != LocalCopyTracker::State::Cached) {
            waiting = true;
        }
    }
    if (!failures.isEmpty()) {
        setHints(m_pending, QString());
        m_pending.clear();
        Q_EMIT errorOccurred(tr("Cannot drag it out: the download failed (%1).")
                                     .arg(failures.join(QStringLiteral("; "))));
        return;
    }
    if (waiting)
        return;
    const QList<QPersistentModelIndex> ready = std::exchange(m_pending, {});
    if (m_buttonHeld && !m_dragQueued) {
        setHints(ready, QString());
        m_dragQueued = true;
        // From the event loop, not from inside the model's signal.
        QTimer::singleShot(0, this, [this, ready] {
            m_dragQueued = false;
            QModelIndexList rows;
            for (const QPersistentModelIndex &row : ready)
                if (row.isValid())
                    rows << row;
            if (m_buttonHeld && !rows.isEmpty()) {
                m_buttonHeld = false; // the drag takes the button over
                startDrag(rows);
            } else {
                m_ready = ready;
                setHints(m_ready, readyHint());
            }
        });
        return;
    }
    m_ready = ready;
    setHints(m_ready, readyHint());
}

void ArtifactDragSource::setHints(const QList<QPersistentModelIndex> &rows, const QString &text)
{
    if (!m_model)
        return;
    for (const QPersistentModelIndex &row : rows)
        if (row.isValid())
            m_model->setHint(row, text);
}

bool ArtifactDragSource::eventFilter(QObject *watched, QEvent *event)
{
    // The viewport's own pointer first: while the view is being destroyed its viewport (a
    // child) still sends events, and reading QPointer<QAbstractItemView> then downcasts a
    // half-destroyed object (UBSan). Only the mouse and drag cases below use the view.
    const QEvent::Type type = event->type();
    if (!m_viewport || watched != m_viewport.data()
        || (type != QEvent::MouseButtonPress && type != QEvent::MouseMove
            && type != QEvent::MouseButtonRelease)
        || !m_view)
        return QObject::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::MouseButtonPress: {
        auto *e = static_cast<QMouseEvent *>(event);
        if (e->button() == Qt::LeftButton) {
            m_buttonHeld = true;
            m_gestureTaken = false;
            m_pressPos = e->position().toPoint();
            m_pressIndex = m_view->indexAt(m_pressPos);
        }
        break;
    }
    case QEvent::MouseMove: {
        auto *e = static_cast<QMouseEvent *>(event);
        if (!(e->buttons() & Qt::LeftButton) || !m_pressIndex.isValid())
            break;
        if (m_gestureTaken)
            return true; // waiting for the download: the view must not rubber-band
        if ((e->position().toPoint() - m_pressPos).manhattanLength()
            < QApplication::startDragDistance())
            break;
        m_gestureTaken = true;
        const Outcome outcome = beginDrag(m_pressIndex);
        if (outcome == Outcome::Dragged) {
            m_buttonHeld = false; // the drag consumed the release
            m_pressIndex = QPersistentModelIndex();
        }
        return outcome != Outcome::Nothing;
    }
    case QEvent::MouseButtonRelease: {
        auto *e = static_cast<QMouseEvent *>(event);
        if (e->button() == Qt::LeftButton) {
            m_buttonHeld = false;
            m_pressIndex = QPersistentModelIndex();
            if (m_gestureTaken) {
                m_gestureTaken = false;
                return true;
            }
        }
        break;
    }
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace Trove

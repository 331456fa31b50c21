#pragma once

#include <QObject>
#include <QPointer>
#include <QStringList>

class QMimeData;
class QWidget;

namespace Trove {

class DropOverlay;

/// Lets any widget take drops of local files and folders — a task's artifact table, the
/// Models tab, a whole page — without subclassing it: an event filter on the widget (on the
/// viewport of a scroll area or item view). While a drag hovers, an overlay says what a drop
/// will do ("Drop to upload to task “train”"), or why it is refused:
///  - the zone is disabled with a reason (no task selected, a published task…);
///  - the drag carries no local files (web links, text);
///  - it comes from Trove itself (an artifact dragged out of a table is already on the
///    server);
///  - more items than allowed (the Models tab takes one weights file).
/// A refused drag gets the "no drop" cursor and refused(reason) is emitted once per drag.
/// An accepted drop emits dropped(paths) with local paths; nothing touches the disk here —
/// the upload dialog inspects the paths off the GUI thread.
class DropZone final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DropZone)

public:
    /// Watches `target` (or its viewport, for a QAbstractScrollArea) and enables drops on it.
    explicit DropZone(QWidget *target, QObject *parent = nullptr);
    ~DropZone() override;

    /// Disabled zones refuse every drag with `reason`.
    void setEnabled(bool enabled, const QString &reason = QString());
    bool isEnabled() const { return m_enabled; }
    /// What the overlay says for an acceptable drag.
    void setPrompt(const QString &prompt);
    /// At most this many items per drop (0 = any number).
    void setMaxItems(int count);

    QWidget *target() const { return m_target; }
    /// True while a drag hovers the zone (the overlay is shown).
    bool isHovered() const;
    /// The overlay text currently shown (prompt or refusal).
    QString overlayText() const;

    /// Why a drag of `mime` would be refused; empty when it is accepted.
    QString refusalFor(const QMimeData *mime, bool fromThisApplication) const;
    /// The local file paths of `mime`'s URLs (non-local URLs are left out).
    static QStringList localPaths(const QMimeData *mime);

Q_SIGNALS:
    void dropped(const QStringList &paths);
    void refused(const QString &reason);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showOverlay(const QString &text, bool refused);
    void hideOverlay();

    QPointer<QWidget> m_target;
    QPointer<DropOverlay> m_overlay; // a child of the target: it may go first
    bool m_enabled = true;
    QString m_disabledReason;
    QString m_prompt;
    int m_maxItems = 0;
    QString m_currentRefusal;
};

} // namespace Trove

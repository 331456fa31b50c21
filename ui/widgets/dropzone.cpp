#include "dropzone.h"

#include "palettehelpers.h"

#include <QAbstractScrollArea>
#include <QDragEnterEvent>
#include <QMimeData>
#include <QPainter>
#include <QPainterPath>
#include <QUrl>
#include <QWidget>

namespace Trove {

/// The hint painted over the zone while a drag hovers it. Mouse-transparent.
class DropOverlay final : public QWidget
{
public:
    explicit DropOverlay(QWidget *parent)
        : QWidget(parent)
    {
        setAttribute(Qt::WA_TransparentForMouseEvents);
        setAttribute(Qt::WA_NoSystemBackground);
        setAccessibleName(tr("Drop hint"));
        hide();
    }

    void setMessage(const QString &text, bool refused)
    {
        m_text = text;
        m_refused = refused;
        setAccessibleDescription(text);
        update();
    }
    QString text() const { return m_text; }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        const auto tone
                = m_refused ? PaletteHelpers::Tone::Error : PaletteHelpers::Tone::Information;
        QColor fill = PaletteHelpers::toneBackground(tone, palette());
        fill.setAlpha(225);
        const QRectF box = QRectF(rect()).adjusted(6, 6, -6, -6);
        QPen pen(PaletteHelpers::toneColor(tone, palette()), 2, Qt::DashLine);
        p.setPen(pen);
        p.setBrush(fill);
        p.drawRoundedRect(box, 8, 8);
        QFont f = font();
        f.setPointSizeF(f.pointSizeF() * 1.15);
        f.setWeight(QFont::DemiBold);
        p.setFont(f);
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(box.adjusted(16, 16, -16, -16), Qt::AlignCenter | Qt::TextWordWrap, m_text);
    }

private:
    QString m_text;
    bool m_refused = false;
};

DropZone::DropZone(QWidget *target, QObject *parent)
    : QObject(parent)
{
    if (auto *area = qobject_cast<QAbstractScrollArea *>(target))
        target = area->viewport();
    m_target = target;
    m_prompt = tr("Drop files or folders to upload them");
    if (!target)
        return;
    target->setAcceptDrops(true);
    target->installEventFilter(this);
    m_overlay = new DropOverlay(target);
}

DropZone::~DropZone()
{
    if (m_target)
        m_target->removeEventFilter(this);
    delete m_overlay;
}

void DropZone::setEnabled(bool enabled, const QString &reason)
{
    m_enabled = enabled;
    m_disabledReason = reason;
}

void DropZone::setPrompt(const QString &prompt)
{
    m_prompt = prompt;
}

void DropZone::setMaxItems(int count)
{
    m_maxItems = std::max(0, count);
}

bool DropZone::isHovered() const
{
    return m_overlay && m_overlay->isVisible();
}

QString DropZone::overlayText() const
{
    return m_overlay ? m_overlay->text() : QString();
}

QStringList DropZone::localPaths(const QMimeData *mime)
{
    QStringList out;
    if (!mime || !mime->hasUrls())
        return out;
    const QList<QUrl> urls = mime->urls();
    for (const QUrl &url : urls)
        if (url.isLocalFile() && !url.toLocalFile().isEmpty())
            out << url.toLocalFile();
    return out;
}

QString DropZone::refusalFor(const QMimeData *mime, bool fromThisApplication) const
{
    if (!m_enabled)
        return m_disabledReason.isEmpty() ? tr("Uploads are not possible here.") : m_disabledReason;
    if (fromThisApplication)
        return tr("This is already on the server. Drop files from your file manager.");
    const int urls = mime && mime->hasUrls() ? int(mime->urls().size()) : 0;
    const QStringList paths = localPaths(mime);
    if (paths.isEmpty())
        return tr("Only files and folders from this computer can be dropped here.");
    if (paths.size() < urls)
        return tr("Some of the dropped items are not local files (web links?). Drop local "
                  "files and folders only.");
    if (m_maxItems > 0 && paths.size() > m_maxItems)
        return m_maxItems == 1 ? tr("Drop one file at a time here.")
                               : tr("Drop at most %1 items here.").arg(m_maxItems);
    return QString();
}

void DropZone::showOverlay(const QString &text, bool refused)
{
    if (!m_overlay || !m_target)
        return;
    m_overlay->setGeometry(m_target->rect());
    m_overlay->setMessage(text, refused);
    m_overlay->raise();
    m_overlay->show();
}

void DropZone::hideOverlay()
{
    if (m_overlay)
        m_overlay->hide();
}

bool DropZone::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_target)
        return QObject::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::DragEnter: {
        auto *e = static_cast<QDragEnterEvent *>(event);
        m_currentRefusal = refusalFor(e->mimeData(), e->source() != nullptr);
        // Accept the enter either way, so that the overlay can explain a refusal; the
        // drop action says whether a drop is possible.
        e->accept();
        if (m_currentRefusal.isEmpty()) {
            e->setDropAction(Qt::CopyAction);
            showOverlay(m_prompt, false);
        } else {
            e->setDropAction(Qt::IgnoreAction);
            showOverlay(m_currentRefusal, true);
            Q_EMIT refused(m_currentRefusal);
        }
        return true;
    }
    case QEvent::DragMove: {
        auto *e = static_cast<QDragMoveEvent *>(event);
        if (m_currentRefusal.isEmpty()) {
            e->setDropAction(Qt::CopyAction);
            e->accept();
        } else {
            e->setDropAction(Qt::IgnoreAction);
            e->ignore();
        }
        return true;
    }
    case QEvent::DragLeave:
        hideOverlay();
        return true;
    case QEvent::Drop: {
        auto *e = static_cast<QDropEvent *>(event);
        hideOverlay();
        const QString refusal = refusalFor(e->mimeData(), e->source() != nullptr);
        if (!refusal.isEmpty()) {
            e->ignore();
            return true;
        }
        e->setDropAction(Qt::CopyAction);
        e->accept();
        Q_EMIT dropped(localPaths(e->mimeData()));
        return true;
    }
    case QEvent::Resize:
        if (m_overlay && m_overlay->isVisible())
            m_overlay->setGeometry(m_target->rect());
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace Trove

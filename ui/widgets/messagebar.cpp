#include "messagebar.h"

#include "palettehelpers.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>

namespace Trove {

namespace {
PaletteHelpers::Tone toneFor(MessageBar::Type type)
{
    switch (type) {
    case MessageBar::Type::Information:
        return PaletteHelpers::Tone::Information;
    case MessageBar::Type::Positive:
        return PaletteHelpers::Tone::Positive;
    case MessageBar::Type::Warning:
        return PaletteHelpers::Tone::Warning;
    case MessageBar::Type::Error:
        return PaletteHelpers::Tone::Error;
    }
    return PaletteHelpers::Tone::Neutral;
}
} // namespace

MessageBar::MessageBar(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_label(new QLabel(this))
    , m_closeButton(new QToolButton(this))
{
    setObjectName(QStringLiteral("MessageBar"));
    setAccessibleName(tr("Message"));
    setFocusPolicy(Qt::TabFocus);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);

    m_icon->setAccessibleName(tr("Message icon"));
    m_icon->setAlignment(Qt::AlignTop);
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse);
    m_label->setAccessibleName(tr("Message text"));
    m_label->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);

    m_closeButton->setAutoRaise(true);
    m_closeButton->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_closeButton->setToolTip(tr("Dismiss (Esc)"));
    m_closeButton->setAccessibleName(tr("Dismiss message"));
    connect(m_closeButton, &QToolButton::clicked, this, &MessageBar::dismiss);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    layout->setSpacing(8);
    layout->addWidget(m_icon, 0, Qt::AlignVCenter);
    layout->addWidget(m_label, 1);
    m_buttons = new QHBoxLayout;
    m_buttons->setSpacing(6);
    layout->addLayout(m_buttons);
    layout->addWidget(m_closeButton, 0, Qt::AlignVCenter);

    updateIcon();
    hide();
}

MessageBar::~MessageBar() = default;

void MessageBar::showMessage(const QString &text, Type type, Action action)
{
    clearButtons();
    m_type = type;
    m_label->setText(text);
    setAccessibleDescription(text);
    updateIcon();
    if (action == Action::Retry) {
        m_retryButton = addButton(tr("&Retry"), QStringLiteral("retry"));
        connect(m_retryButton, &QPushButton::clicked, this, &MessageBar::retryRequested);
    }
    show();
    update();
}

QPushButton *MessageBar::addButton(const QString &text, const QString &id)
{
    auto *button = new QPushButton(text, this);
    button->setAccessibleName(QString(text).remove(QLatin1Char('&')));
    button->setProperty("messageBarId", id);
    button->setAutoDefault(false);
    connect(button, &QPushButton::clicked, this, [this, id] { emit buttonClicked(id); });
    m_buttons->addWidget(button);
    return button;
}

void MessageBar::setCloseButtonVisible(bool visible)
{
    m_closeButton->setVisible(visible);
}

QString MessageBar::text() const
{
    return m_label->text();
}

void MessageBar::dismiss()
{
    hide();
    emit dismissed();
}

void MessageBar::clearButtons()
{
    while (QLayoutItem *item = m_buttons->takeAt(0)) {
        if (QWidget *w = item->widget())
            w->deleteLater();
        delete item;
    }
    m_retryButton = nullptr;
}

void MessageBar::updateIcon()
{
    QStyle::StandardPixmap sp = QStyle::SP_MessageBoxInformation;
    switch (m_type) {
    case Type::Information:
    case Type::Positive:
        sp = QStyle::SP_MessageBoxInformation;
        break;
    case Type::Warning:
        sp = QStyle::SP_MessageBoxWarning;
        break;
    case Type::Error:
        sp = QStyle::SP_MessageBoxCritical;
        break;
    }
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(style()->standardIcon(sp, nullptr, this).pixmap(size, size));
}

void MessageBar::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const auto tone = toneFor(m_type);
    const QRectF r = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    p.setPen(QPen(PaletteHelpers::toneColor(tone, palette()), 1.0));
    p.setBrush(PaletteHelpers::toneBackground(tone, palette()));
    p.drawRoundedRect(r, 4, 4);
    // Accent stripe on the leading edge, as in KMessageWidget.
    p.setPen(Qt::NoPen);
    p.setBrush(PaletteHelpers::toneColor(tone, palette()));
    p.drawRoundedRect(QRectF(r.left(), r.top(), 4, r.height()), 2, 2);
}

void MessageBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        updateIcon();
    QFrame::changeEvent(event);
}

void MessageBar::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape && m_closeButton->isVisible()) {
        dismiss();
        return;
    }
    QFrame::keyPressEvent(event);
}

} // namespace Trove

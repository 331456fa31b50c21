#include "previewframe.h"
#include "widgets/elidedlabel.h"

#include "widgets/messagebar.h"
#include "widgets/palettehelpers.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace Trove {

PreviewFrame::PreviewFrame(QWidget *content, QWidget *parent)
    : QWidget(parent)
    , m_content(content)
    , m_title(new QLabel)
    , m_details(new ElidedLabel)
    , m_status(new QLabel)
    , m_bar(new MessageBar)
{
    setAccessibleName(tr("Preview of the selection"));
    m_title->setAccessibleName(tr("Previewed file"));
    m_details->setAccessibleName(tr("File details"));
    m_status->setAccessibleName(tr("Preview status"));
    for (QLabel *l : {m_title, m_details, m_status})
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_title->font();
    bold.setWeight(QFont::DemiBold);
    m_title->setFont(bold);
    m_title->setTextFormat(Qt::PlainText);
    m_details->setTextFormat(Qt::PlainText);
    m_status->setTextFormat(Qt::PlainText);
    for (QLabel *l : {m_details, m_status}) {
        QPalette pal = l->palette();
        pal.setColor(QPalette::WindowText, PaletteHelpers::secondaryText(palette()));
        l->setPalette(pal);
    }

    auto *header = new QHBoxLayout;
    header->setContentsMargins(8, 4, 8, 4);
    header->setSpacing(8);
    header->addWidget(m_title);
    header->addWidget(m_details, 1);
    header->addWidget(m_status);

    auto *line = new QFrame;
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);

    m_bar->hide();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(header);
    layout->addWidget(line);
    layout->addWidget(m_bar);
    layout->addWidget(m_content, 1);
}

PreviewFrame::~PreviewFrame() = default;

void PreviewFrame::setTitle(const QString &title, const QString &details)
{
    m_title->setText(title);
    m_details->setText(details);
    m_details->setToolTip(details);
}

void PreviewFrame::setStatus(const QString &status)
{
    m_status->setText(status);
}

void PreviewFrame::setNotes(const QStringList &notes)
{
    QStringList shown;
    for (const QString &n : notes)
        if (!n.trimmed().isEmpty() && !shown.contains(n.trimmed()))
            shown << n.trimmed();
    if (shown.isEmpty()) {
        m_bar->hide();
        return;
    }
    if (shown.size() > 6)
        shown = shown.mid(0, 5) << tr("… and %n more", nullptr, int(shown.size() - 5));
    m_bar->showMessage(shown.join(QLatin1Char('\n')), MessageBar::Type::Warning);
}

} // namespace Trove

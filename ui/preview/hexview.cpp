#include "hexview.h"

#include "hexdumpwidget.h"
#include "widgets/palettehelpers.h"

#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QVBoxLayout>

namespace Trove {

HexView::HexView(QWidget *parent)
    : QWidget(parent)
    , m_hex(new HexDumpWidget)
    , m_preview(new QPlainTextEdit)
    , m_header(new QLabel)
    , m_status(new QLabel)
{
    setAccessibleName(tr("Binary preview"));
    m_header->setAccessibleName(tr("Binary summary"));
    m_status->setAccessibleName(tr("Selected byte"));
    m_status->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setReadOnly(true);
    m_preview->setAccessibleName(tr("Stored preview text"));
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setFrameShape(QFrame::NoFrame);

    m_previewPanel = new QWidget;
    auto *previewLayout = new QVBoxLayout(m_previewPanel);
    previewLayout->setContentsMargins(0, 0, 0, 0);
    previewLayout->setSpacing(0);
    auto *previewTitle = new QLabel(tr("Preview stored with the artifact"));
    QFont bold = previewTitle->font();
    bold.setWeight(QFont::DemiBold);
    previewTitle->setFont(bold);
    previewTitle->setContentsMargins(6, 4, 6, 4);
    previewTitle->setBuddy(m_preview);
    previewLayout->addWidget(previewTitle);
    previewLayout->addWidget(m_preview, 1);

    auto *hexPanel = new QWidget;
    auto *hexLayout = new QVBoxLayout(hexPanel);
    hexLayout->setContentsMargins(0, 0, 0, 0);
    hexLayout->setSpacing(0);
    m_header->setContentsMargins(6, 4, 6, 4);
    m_status->setContentsMargins(6, 3, 6, 3);
    hexLayout->addWidget(m_header);
    hexLayout->addWidget(m_hex, 1);
    hexLayout->addWidget(m_status);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(hexPanel);
    splitter->addWidget(m_previewPanel);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(m_hex, &HexDumpWidget::selectionChanged, this, &HexView::updateStatus);
    m_previewPanel->hide();
    setData({});
}

HexView::~HexView() = default;

void HexView::setData(const QByteArray &data, qint64 totalBytes)
{
    m_total = totalBytes;
    m_hex->setData(data);
    if (data.isEmpty())
        m_header->setText(tr("No data"));
    else if (totalBytes > data.size())
        m_header->setText(tr("Binary data  ·  first %1 of %2")
                                  .arg(PaletteHelpers::formatBytes(data.size()),
                                       PaletteHelpers::formatBytes(totalBytes)));
    else
        m_header->setText(tr("Binary data  ·  %1").arg(PaletteHelpers::formatBytes(data.size())));
}

void HexView::setStoredPreview(const QString &text)
{
    m_preview->setPlainText(text);
    m_previewPanel->setVisible(!text.isEmpty());
}

void HexView::updateStatus(qint64 index)
{
    if (index < 0) {
        m_status->clear();
        return;
    }
    const auto b = static_cast<unsigned char>(m_hex->data().at(index));
    m_status->setText(tr("Offset 0x%1 (%2)  ·  0x%3  %4  0b%5")
                              .arg(index, 0, 16)
                              .arg(index)
                              .arg(b, 2, 16, QLatin1Char('0'))
                              .arg(b)
                              .arg(b, 8, 2, QLatin1Char('0')));
}

} // namespace Trove

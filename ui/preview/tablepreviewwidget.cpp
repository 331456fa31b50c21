#include "tablepreviewwidget.h"

#include "previewadapters.h"
#include "tableviewer.h"
#include "widgets/messagebar.h"
#include "widgets/palettehelpers.h"

#include "preview/tabledecoder.h"
#include "preview/tablepreviewmodel.h"

#include <QVBoxLayout>

namespace Trove {

namespace {
const QString kScanButton = QStringLiteral("scan");

/// Rows of an uncompressed file from its size and the bytes of the first rows; -1 if unknown.
qint64 estimateRows(const TableDecoder &decoder, qint64 sourceSize)
{
    const TableSchema &schema = decoder.schema();
    const auto &rows = decoder.firstRows();
    if (schema.gzip || sourceSize <= 0 || rows.isEmpty())
        return -1;
    qint64 bytes = 0;
    for (const QStringList &row : rows) {
        for (const QString &cell : row)
            bytes += cell.toUtf8().size() + 1; // the delimiter or the line end
    }
    const double perRow = double(bytes) / double(rows.size());
    return perRow > 0 ? qint64(double(sourceSize - schema.dataOffset) / perRow) : -1;
}
} // namespace

TablePreviewWidget::TablePreviewWidget(std::shared_ptr<TableDecoder> decoder,
                                       qint64 sourceSize,
                                       bool scanAtOnce,
                                       QWidget *parent)
    : QWidget(parent)
    , m_viewer(new TableViewer)
    , m_model(new TablePreviewModel(this))
    , m_bar(new MessageBar)
{
    setAccessibleName(tr("Table preview"));
    const TableSchema schema = decoder->schema();
    const qint64 rows = decoder->knownRowCount();
    m_model->setDecoder(std::move(decoder));
    m_viewer->setModel(m_model);
    m_viewer->setColumnStats(PreviewAdapters::columnStats(schema, std::nullopt));
    m_viewer->setTotalRowCount(rows);
    if (rows < 0)
        m_viewer->setRowCountEstimate(estimateRows(*m_model->decoder(), sourceSize));

    m_bar->hide();
    connect(m_bar, &MessageBar::buttonClicked, this, [this](const QString &id) {
        if (id == kScanButton)
            startScan();
    });
    connect(m_bar, &MessageBar::retryRequested, this, [this] {
        m_bar->hide();
        startScan(); // no-op once scanned; failed blocks are read again when shown
        m_viewer->update();
    });
    connect(m_model, &TablePreviewModel::scanProgress, this, [this](qint64 done, qint64 total) {
        if (!m_scanning)
            return;
        m_bar->showMessage(total > 0 ? tr("Counting rows and computing column statistics… %1 of %2")
                                               .arg(PaletteHelpers::formatBytes(done),
                                                    PaletteHelpers::formatBytes(total))
                                     : tr("Counting rows and computing column statistics… %1")
                                               .arg(PaletteHelpers::formatBytes(done)));
        m_bar->setCloseButtonVisible(false);
    });
    connect(m_model, &TablePreviewModel::scanFinished, this, [this] {
        m_scanning = false;
        m_bar->setCloseButtonVisible(true);
        m_bar->hide();
        const auto &stats = m_model->stats();
        if (stats) {
            m_viewer->setColumnStats(
                    PreviewAdapters::columnStats(m_model->decoder()->schema(), stats));
            m_viewer->setTotalRowCount(stats->rowCount);
            m_viewer->setRowCountEstimate(-1);
            if (!stats->notes.isEmpty())
                m_bar->showMessage(stats->notes.join(QLatin1Char('\n')), MessageBar::Type::Warning);
        }
        emit scanFinished();
    });
    connect(m_model, &TablePreviewModel::loadFailed, this, [this](const QString &message) {
        m_scanning = false;
        m_bar->setCloseButtonVisible(true);
        m_bar->showMessage(tr("Some rows could not be read: %1").arg(message),
                           MessageBar::Type::Error, MessageBar::Action::Retry);
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_bar);
    layout->addWidget(m_viewer, 1);

    if (m_model->decoder()->knownRowCount() >= 0 || scanAtOnce) {
        startScan();
    } else {
        m_bar->showMessage(tr("Showing the first rows. Counting all rows and computing column "
                              "statistics reads the whole file over the network."),
                           MessageBar::Type::Information);
        m_bar->addButton(tr("&Scan whole file"), kScanButton);
    }
}

TablePreviewWidget::~TablePreviewWidget() = default;

bool TablePreviewWidget::isScanned() const
{
    return m_model->stats().has_value();
}

void TablePreviewWidget::startScan()
{
    if (m_scanning || isScanned())
        return;
    m_scanning = true;
    m_bar->showMessage(tr("Counting rows and computing column statistics…"));
    m_bar->setCloseButtonVisible(false);
    m_model->startScan();
}

} // namespace Trove

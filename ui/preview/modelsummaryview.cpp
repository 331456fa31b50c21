#include "modelsummaryview.h"

#include "widgets/palettehelpers.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMap>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace Trove {

namespace {
constexpr int kSortRole = Qt::UserRole + 1;

QTableView *makeTable(const QString &name)
{
    auto *t = new QTableView;
    t->setAccessibleName(name);
    t->setAlternatingRowColors(true);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setWordWrap(false);
    t->verticalHeader()->hide();
    t->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    t->verticalHeader()->setDefaultSectionSize(t->fontMetrics().height() + 8);
    t->setFrameShape(QFrame::NoFrame);
    t->horizontalHeader()->setHighlightSections(false);
    return t;
}
} // namespace

qint64 ModelTensorView::parameters() const
{
    qint64 n = 1;
    for (qint64 d : shape)
        n *= std::max<qint64>(d, 0);
    return n;
}

ModelSummaryView::ModelSummaryView(QWidget *parent)
    : QWidget(parent)
    , m_totals(new QLabel)
    , m_filter(new QLineEdit)
    , m_tensors(makeTable(tr("Tensors")))
    , m_tensorModel(new QStandardItemModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_metadata(makeTable(tr("Metadata")))
    , m_metadataModel(new QStandardItemModel(this))
{
    setAccessibleName(tr("Model summary"));
    m_totals->setAccessibleName(tr("Model totals"));
    m_totals->setTextFormat(Qt::RichText);
    m_totals->setWordWrap(true);
    m_totals->setContentsMargins(8, 6, 8, 6);
    m_filter->setPlaceholderText(tr("Filter tensors by name"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter tensors"));

    m_tensorModel->setHorizontalHeaderLabels(
            {tr("Name"), tr("dtype"), tr("Shape"), tr("Parameters")});
    m_proxy->setSourceModel(m_tensorModel);
    m_proxy->setSortRole(kSortRole);
    m_proxy->setFilterKeyColumn(NameColumn);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    connect(m_filter, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
    m_tensors->setModel(m_proxy);
    m_tensors->setSortingEnabled(true);
    m_tensors->sortByColumn(-1, Qt::AscendingOrder);
    m_tensors->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    for (int c = DTypeColumn; c <= ParametersColumn; ++c)
        m_tensors->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);

    m_metadataModel->setHorizontalHeaderLabels({tr("Key"), tr("Value")});
    m_metadata->setModel(m_metadataModel);
    m_metadata->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_metadata->horizontalHeader()->setStretchLastSection(true);

    auto *tensorPanel = new QWidget;
    auto *tl = new QVBoxLayout(tensorPanel);
    tl->setContentsMargins(0, 0, 0, 0);
    tl->setSpacing(4);
    auto *filterRow = new QHBoxLayout;
    filterRow->setContentsMargins(6, 0, 6, 0);
    filterRow->addWidget(m_filter);
    tl->addLayout(filterRow);
    tl->addWidget(m_tensors, 1);

    auto *metaPanel = new QWidget;
    auto *ml = new QVBoxLayout(metaPanel);
    ml->setContentsMargins(0, 0, 0, 0);
    ml->setSpacing(2);
    auto *metaTitle = new QLabel(tr("Metadata"));
    QFont bold = metaTitle->font();
    bold.setWeight(QFont::DemiBold);
    metaTitle->setFont(bold);
    metaTitle->setContentsMargins(8, 4, 8, 2);
    metaTitle->setBuddy(m_metadata);
    ml->addWidget(metaTitle);
    ml->addWidget(m_metadata, 1);

    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(tensorPanel);
    splitter->addWidget(metaPanel);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_totals);
    layout->addWidget(splitter, 1);
}

ModelSummaryView::~ModelSummaryView() = default;

QString ModelSummaryView::formatCount(qint64 count)
{
    const QLocale locale;
    if (count >= 1'000'000'000)
        return tr("%1 B").arg(locale.toString(count / 1e9, 'f', 2));
    if (count >= 1'000'000)
        return tr("%1 M").arg(locale.toString(count / 1e6, 'f', 2));
    if (count >= 10'000)
        return tr("%1 K").arg(locale.toString(count / 1e3, 'f', 1));
    return locale.toString(count);
}

int ModelSummaryView::dtypeSize(const QString &dtype)
{
    const QString t = dtype.toLower();
    // ONNX spells some types without a width (FLOAT, DOUBLE).
    if (t == QLatin1String("float"))
        return 4;
    if (t == QLatin1String("double") || t == QLatin1String("complex64"))
        return 8;
    if (t == QLatin1String("complex128"))
        return 16;
    if (t.contains(QLatin1String("64")))
        return 8;
    if (t.contains(QLatin1String("32")))
        return 4;
    if (t.contains(QLatin1String("16")))
        return 2;
    if (t.contains(QLatin1String("8")) || t == QLatin1String("bool"))
        return 1;
    return 0;
}

void ModelSummaryView::setSummary(const ModelSummaryData &data)
{
    const QLocale locale;
    m_tensorModel->removeRows(0, m_tensorModel->rowCount());
    m_metadataModel->removeRows(0, m_metadataModel->rowCount());
    m_totalParameters = 0;
    QMap<QString, qint64> bytesByType;
    for (const ModelTensorView &t : data.tensors) {
        const qint64 params = t.parameters();
        m_totalParameters += params;
        bytesByType[t.dtype] += params * dtypeSize(t.dtype);
        QStringList dims;
        for (qint64 d : t.shape)
            dims << QString::number(d);
        QList<QStandardItem *> row{
                new QStandardItem(t.name), new QStandardItem(t.dtype),
                new QStandardItem(QStringLiteral("[%1]").arg(dims.join(QStringLiteral(", ")))),
                new QStandardItem(locale.toString(params))};
        row[NameColumn]->setData(t.name, kSortRole);
        row[NameColumn]->setToolTip(t.name);
        row[DTypeColumn]->setData(t.dtype, kSortRole);
        row[ShapeColumn]->setData(params, kSortRole);
        row[ParametersColumn]->setData(params, kSortRole);
        row[ParametersColumn]->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        for (auto *item : row)
            item->setEditable(false);
        m_tensorModel->appendRow(row);
    }
    for (const auto &[key, value] : data.metadata) {
        QList<QStandardItem *> row{new QStandardItem(key), new QStandardItem(value)};
        row[1]->setToolTip(value.left(2000));
        for (auto *item : row)
            item->setEditable(false);
        m_metadataModel->appendRow(row);
    }

    qint64 totalBytes = 0;
    QStringList perType;
    for (auto it = bytesByType.cbegin(); it != bytesByType.cend(); ++it) {
        totalBytes += it.value();
        perType << QStringLiteral("%1 %2").arg(it.key(), PaletteHelpers::formatBytes(it.value()));
    }
    const QColor secondary = PaletteHelpers::secondaryText(palette());
    QString html
            = QStringLiteral("<span style='font-size:large'><b>%1</b></span> "
                             "<span style='color:%2'>%3</span><br>")
                      .arg(formatCount(m_totalParameters) + QLatin1Char(' ') + tr("parameters"),
                           secondary.name(), data.format.toHtmlEscaped());
    html += tr("%1 tensors  ·  %2 parameters  ·  %3")
                    .arg(locale.toString(qint64(data.tensors.size())),
                         locale.toString(m_totalParameters),
                         PaletteHelpers::formatBytes(totalBytes));
    if (!perType.isEmpty())
        html += QStringLiteral(" <span style='color:%1'>(%2)</span>")
                        .arg(secondary.name(), perType.join(QStringLiteral(", ")).toHtmlEscaped());
    if (data.truncated)
        html += QStringLiteral("<br><span style='color:%1'>%2</span>")
                        .arg(PaletteHelpers::toneColor(PaletteHelpers::Tone::Warning, palette())
                                     .name(),
                             tr("Only the first tensors are listed; totals cover those."));
    m_totals->setText(html);
}

} // namespace Trove

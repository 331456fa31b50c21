#include "arrayviewer.h"

#include "arraygridmodel.h"
#include "colorscalebar.h"
#include "heatmapwidget.h"
#include "histogramwidget.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTabBar>
#include <QTableView>
#include <QVBoxLayout>

#include <cmath>

namespace Trove {

namespace {
QString shapeText(const QVector<qint64> &shape)
{
    QStringList parts;
    for (qint64 d : shape)
        parts << QString::number(d);
    return QStringLiteral("(%1%2)").arg(parts.join(QStringLiteral(", ")),
                                        shape.size() == 1 ? QStringLiteral(",") : QString());
}
} // namespace

ArrayViewer::ArrayViewer(QWidget *parent)
    : QWidget(parent)
    , m_info(new QLabel)
    , m_statsLine(new QLabel)
    , m_rowAxis(new QComboBox)
    , m_colAxis(new QComboBox)
    , m_modes(new QTabBar)
    , m_stack(new QStackedWidget)
    , m_heatmap(new HeatmapWidget)
    , m_scale(new ColorScaleBar)
    , m_hover(new QLabel)
    , m_grid(new QTableView)
    , m_gridModel(new ArrayGridModel(this))
    , m_histogram(new HistogramWidget)
{
    setAccessibleName(tr("Array viewer"));
    m_info->setAccessibleName(tr("Array shape and type"));
    m_statsLine->setAccessibleName(tr("Array statistics"));
    m_statsLine->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_statsLine->setContentsMargins(6, 0, 6, 4);
    m_statsLine->setWordWrap(true);
    m_statsLine->hide();
    m_rowAxis->setAccessibleName(tr("Axis shown as rows"));
    m_colAxis->setAccessibleName(tr("Axis shown as columns"));
    m_modes->setAccessibleName(tr("View mode"));
    m_modes->addTab(tr("Heatmap"));
    m_modes->addTab(tr("Grid"));
    m_modes->addTab(tr("Histogram"));
    m_modes->setDrawBase(false);
    m_modes->setExpanding(false);

    auto *top = new QHBoxLayout;
    top->setContentsMargins(6, 4, 6, 4);
    top->setSpacing(6);
    top->addWidget(m_info);
    top->addStretch(1);
    top->addWidget(m_modes);

    auto *sliceBar = new QHBoxLayout;
    sliceBar->setContentsMargins(6, 0, 6, 4);
    sliceBar->setSpacing(6);
    auto *rowsLabel = new QLabel(tr("&Rows:"));
    rowsLabel->setBuddy(m_rowAxis);
    auto *colsLabel = new QLabel(tr("C&olumns:"));
    colsLabel->setBuddy(m_colAxis);
    sliceBar->addWidget(rowsLabel);
    sliceBar->addWidget(m_rowAxis);
    sliceBar->addWidget(colsLabel);
    sliceBar->addWidget(m_colAxis);
    m_indexLayout = new QHBoxLayout;
    m_indexLayout->setSpacing(6);
    sliceBar->addSpacing(12);
    sliceBar->addLayout(m_indexLayout);
    sliceBar->addStretch(1);

    // Heatmap page: map, scale bar, hover line.
    auto *heatPage = new QWidget;
    auto *heatLayout = new QGridLayout(heatPage);
    heatLayout->setContentsMargins(0, 0, 6, 0);
    heatLayout->setSpacing(6);
    heatLayout->addWidget(m_heatmap, 0, 0);
    heatLayout->addWidget(m_scale, 0, 1);
    m_hover->setAccessibleName(tr("Value under the pointer"));
    m_hover->setContentsMargins(6, 2, 6, 2);
    heatLayout->addWidget(m_hover, 1, 0, 1, 2);
    connect(m_heatmap, &HeatmapWidget::rangeChanged, this, [this](double lo, double hi) {
        m_scale->setRange(lo, hi, m_heatmap->rangeIsEstimate());
    });
    connect(m_heatmap, &HeatmapWidget::hoveredCellChanged, this,
            [this](qint64 r, qint64 c, double v) {
                m_hover->setText(QStringLiteral("[%1, %2] = %3")
                                         .arg(r)
                                         .arg(c)
                                         .arg(ArrayGridModel::formatValue(
                                                 v, m_provider && m_provider->isIntegral())));
            });

    m_grid->setModel(m_gridModel);
    m_grid->setAccessibleName(tr("Array values"));
    m_grid->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_grid->verticalHeader()->setDefaultSectionSize(m_grid->fontMetrics().height() + 6);
    m_grid->horizontalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_grid->horizontalHeader()->setDefaultSectionSize(
            m_grid->fontMetrics().horizontalAdvance(QStringLiteral("-0.0000000e+00")) + 12);
    m_grid->setFrameShape(QFrame::NoFrame);

    m_stack->addWidget(heatPage);
    m_stack->addWidget(m_grid);
    m_stack->addWidget(m_histogram);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(top);
    layout->addWidget(m_statsLine);
    layout->addLayout(sliceBar);
    layout->addWidget(m_stack, 1);

    connect(m_modes, &QTabBar::currentChanged, this, [this](int i) {
        m_stack->setCurrentIndex(i);
        if (Mode(i) == Mode::Histogram && m_histogramDirty)
            updateHistogram();
    });
    auto axisChanged = [this] {
        if (m_updating || !m_provider)
            return;
        ArraySlice s = m_slice;
        s.rowAxis = m_rowAxis->currentData().toInt();
        s.colAxis = m_colAxis->currentData().toInt();
        if (s.rowAxis == s.colAxis) {
            // Swap instead of allowing the same axis twice.
            if (sender() == m_rowAxis)
                s.colAxis = m_slice.rowAxis;
            else
                s.rowAxis = m_slice.colAxis;
        }
        setSlice(s);
    };
    connect(m_rowAxis, &QComboBox::currentIndexChanged, this, axisChanged);
    connect(m_colAxis, &QComboBox::currentIndexChanged, this, axisChanged);
}

ArrayViewer::~ArrayViewer() = default;

void ArrayViewer::setProvider(std::shared_ptr<const ArrayDataProvider> provider)
{
    m_provider = std::move(provider);
    const QVector<qint64> shape = m_provider ? m_provider->shape() : QVector<qint64>();
    m_slice = ArraySlice::defaultFor(shape);
    if (m_provider)
        m_info->setText(tr("<b>%1</b>  %2  ·  %3 elements")
                                .arg(m_provider->dtype().toHtmlEscaped(), shapeText(shape),
                                     QLocale().toString(m_provider->elementCount())));
    else
        m_info->setText(tr("No array"));
    rebuildControls();
    applySlice();
}

void ArrayViewer::setSlice(const ArraySlice &slice)
{
    if (!m_provider)
        return;
    const QVector<qint64> shape = m_provider->shape();
    const int n = int(shape.size());
    ArraySlice s = slice;
    s.fixed.resize(n);
    if (n >= 2) {
        s.rowAxis = std::clamp(s.rowAxis, 0, n - 1);
        s.colAxis = std::clamp(s.colAxis, 0, n - 1);
        if (s.rowAxis == s.colAxis)
            s.colAxis = (s.rowAxis + 1) % n;
    }
    for (int a = 0; a < n; ++a)
        s.fixed[a] = std::clamp<qint64>(s.fixed[a], 0, std::max<qint64>(0, shape[a] - 1));
    m_slice = s;
    rebuildControls();
    applySlice();
}

void ArrayViewer::setMode(Mode mode)
{
    m_modes->setCurrentIndex(int(mode));
}

ArrayViewer::Mode ArrayViewer::mode() const
{
    return Mode(m_modes->currentIndex());
}

QSpinBox *ArrayViewer::indexSpinBox(int axis) const
{
    for (QSpinBox *box : m_indexBoxes)
        if (box->property("axis").toInt() == axis)
            return box;
    return nullptr;
}

void ArrayViewer::rebuildControls()
{
    m_updating = true;
    const QVector<qint64> shape = m_provider ? m_provider->shape() : QVector<qint64>();
    const int n = int(shape.size());
    m_rowAxis->clear();
    m_colAxis->clear();
    for (int a = 0; a < n; ++a) {
        const QString label = tr("axis %1 (%2)").arg(a).arg(shape[a]);
        m_rowAxis->addItem(label, a);
        m_colAxis->addItem(label, a);
    }
    m_rowAxis->setCurrentIndex(m_rowAxis->findData(m_slice.rowAxis));
    m_colAxis->setCurrentIndex(m_colAxis->findData(m_slice.colAxis));
    m_rowAxis->setEnabled(n >= 2);
    m_colAxis->setEnabled(n >= 2);

    while (QLayoutItem *item = m_indexLayout->takeAt(0)) {
        if (QWidget *w = item->widget())
            w->deleteLater();
        delete item;
    }
    m_indexBoxes.clear();
    for (int a = 0; a < n; ++a) {
        if (a == m_slice.rowAxis || a == m_slice.colAxis)
            continue;
        auto *label = new QLabel(tr("axis %1:").arg(a));
        auto *box = new QSpinBox;
        box->setProperty("axis", a);
        box->setRange(0, int(std::min<qint64>(std::numeric_limits<int>::max(),
                                              std::max<qint64>(0, shape[a] - 1))));
        box->setValue(int(m_slice.fixed.value(a)));
        box->setAccessibleName(tr("Index along axis %1").arg(a));
        box->setToolTip(tr("Index along axis %1 (0 to %2)").arg(a).arg(shape[a] - 1));
        label->setBuddy(box);
        connect(box, &QSpinBox::valueChanged, this, [this, a](int v) {
            if (m_updating)
                return;
            m_slice.fixed[a] = v;
            applySlice();
        });
        m_indexLayout->addWidget(label);
        m_indexLayout->addWidget(box);
        m_indexBoxes.append(box);
    }
    m_updating = false;
}

void ArrayViewer::applySlice()
{
    m_heatmap->setData(m_provider, m_slice);
    m_scale->setRange(m_heatmap->rangeMin(), m_heatmap->rangeMax(), m_heatmap->rangeIsEstimate());
    m_gridModel->setData(m_provider, m_slice);
    m_histogramDirty = true;
    if (mode() == Mode::Histogram)
        updateHistogram();
    emit sliceChanged();
}

void ArrayViewer::setStats(const ArrayStatsView &stats)
{
    m_stats = stats;
    updateStatsLine();
    m_histogramDirty = true;
    if (mode() == Mode::Histogram)
        updateHistogram();
}

void ArrayViewer::clearStats()
{
    m_stats.reset();
    updateStatsLine();
    m_histogramDirty = true;
    if (mode() == Mode::Histogram)
        updateHistogram();
}

void ArrayViewer::refreshValues()
{
    m_heatmap->viewport()->update();
    m_gridModel->refresh();
    if (!m_stats) {
        m_histogramDirty = true;
        if (mode() == Mode::Histogram)
            updateHistogram();
    }
}

void ArrayViewer::updateStatsLine()
{
    if (!m_stats) {
        m_statsLine->hide();
        return;
    }
    QString text = m_stats->valid ? m_stats->summary() : QString();
    if (!m_stats->note.isEmpty())
        text += (text.isEmpty() ? QString() : QStringLiteral("  ·  ")) + m_stats->note;
    m_statsLine->setText(text);
    m_statsLine->setVisible(!text.isEmpty());
}

void ArrayViewer::updateHistogram()
{
    m_histogramDirty = false;
    if (m_stats) {
        // The owner's statistics cover the whole array, not just this slice.
        const QLocale locale;
        if (m_stats->valid) {
            m_histogram->setData(m_stats->edges, m_stats->counts);
            m_histogram->setFootnote(tr("Whole array (%1 values)  ·  NaN: %2  ·  ±inf: %3")
                                             .arg(locale.toString(m_stats->count),
                                                  locale.toString(m_stats->nans),
                                                  locale.toString(m_stats->infinities)));
        } else {
            m_histogram->setData({}, {});
            m_histogram->setFootnote(m_stats->note);
        }
        return;
    }
    if (!m_provider) {
        m_histogram->setData({}, {});
        return;
    }
    const auto res = HistogramWidget::compute(*m_provider, m_slice, 40);
    m_histogram->setData(res.edges, res.counts);
    const QLocale locale;
    QString note = tr("NaN: %1  ·  ±inf: %2")
                           .arg(locale.toString(res.nans), locale.toString(res.infinities));
    if (res.sampled < res.total)
        note += tr("  ·  sampled %1 of %2 values")
                        .arg(locale.toString(res.sampled), locale.toString(res.total));
    m_histogram->setFootnote(note);
}

} // namespace Trove

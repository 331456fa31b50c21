#include "tableviewer.h"

#include "typedheaderproxymodel.h"

#include <QAbstractItemModel>
#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Trove {

TableViewer::TableViewer(QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableView)
    , m_proxy(new TypedHeaderProxyModel(this))
    , m_counter(new QLabel)
    , m_goTo(new QSpinBox)
    , m_statsButton(new QToolButton)
    , m_stats(new QTreeWidget)
{
    setAccessibleName(tr("Table viewer"));
    m_table->setAccessibleName(tr("Table"));
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->setWordWrap(false);
    m_table->setFrameShape(QFrame::NoFrame);
    // Virtual scrolling: fixed row heights, never measured per row.
    QHeaderView *vh = m_table->verticalHeader();
    vh->setSectionResizeMode(QHeaderView::Fixed);
    vh->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    vh->setDefaultAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setDefaultSectionSize(130);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->setModel(m_proxy);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentColumnChanged, this,
            &TableViewer::updateStatsPanel);

    m_counter->setAccessibleName(tr("Visible rows"));
    auto *goLabel = new QLabel(tr("&Go to row:"));
    goLabel->setBuddy(m_goTo);
    m_goTo->setAccessibleName(tr("Go to row"));
    m_goTo->setRange(1, 1);
    m_goTo->setGroupSeparatorShown(true);
    m_goTo->setKeyboardTracking(false);
    m_goTo->setMinimumWidth(m_goTo->fontMetrics().horizontalAdvance(QStringLiteral("999,999,999"))
                            + 40);
    connect(m_goTo, &QSpinBox::editingFinished, this, [this] { goToRow(m_goTo->value()); });
    m_statsButton->setText(tr("Column statistics"));
    m_statsButton->setAccessibleName(tr("Show column statistics"));
    m_statsButton->setCheckable(true);
    m_statsButton->setAutoRaise(true);
    connect(m_statsButton, &QToolButton::toggled, this, &TableViewer::setStatsPanelVisible);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(6, 4, 6, 4);
    bar->setSpacing(6);
    bar->addWidget(m_counter, 1);
    bar->addWidget(goLabel);
    bar->addWidget(m_goTo);
    bar->addSpacing(8);
    bar->addWidget(m_statsButton);

    m_stats->setAccessibleName(tr("Column statistics"));
    m_stats->setColumnCount(2);
    m_stats->setHeaderLabels({tr("Statistic"), tr("Value")});
    m_stats->setRootIsDecorated(false);
    m_stats->setFrameShape(QFrame::NoFrame);
    m_stats->setMinimumWidth(200);
    m_stats->hide();

    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(m_table);
    splitter->addWidget(m_stats);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);

    auto *goAction = new QAction(this);
    goAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
    goAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(goAction, &QAction::triggered, this, &TableViewer::focusGoToRow);
    addAction(goAction);

    connect(m_table->verticalScrollBar(), &QScrollBar::valueChanged, this,
            &TableViewer::updateCounter);
    connect(m_table->verticalScrollBar(), &QScrollBar::rangeChanged, this,
            &TableViewer::updateCounter);
    updateCounter();
}

TableViewer::~TableViewer()
{
    // Focus leaving the spin box during destruction must not scroll a dying view.
    disconnect(m_goTo, nullptr, this, nullptr);
}

void TableViewer::setModel(QAbstractItemModel *model)
{
    if (m_source)
        disconnect(m_source, nullptr, this, nullptr);
    m_source = model;
    m_proxy->setSourceModel(model);
    if (model) {
        connect(model, &QAbstractItemModel::rowsInserted, this, &TableViewer::updateCounter);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &TableViewer::updateCounter);
        connect(model, &QAbstractItemModel::modelReset, this, &TableViewer::updateCounter);
    }
    updateCounter();
    updateStatsPanel();
}

QAbstractItemModel *TableViewer::model() const
{
    return m_source;
}

void TableViewer::setColumnStats(const QList<ColumnStatsView> &stats)
{
    m_proxy->setColumnStats(stats);
    m_statsButton->setEnabled(!stats.isEmpty());
    updateStatsPanel();
}

void TableViewer::setTotalRowCount(qint64 rows)
{
    m_totalRows = rows;
    updateCounter();
}

void TableViewer::setRowCountEstimate(qint64 rows)
{
    m_estimate = rows;
    updateCounter();
}

qint64 TableViewer::totalRowCount() const
{
    const qint64 modelRows = model() ? model()->rowCount() : 0;
    return std::max(m_totalRows, modelRows);
}

std::pair<int, int> TableViewer::visibleRows() const
{
    if (!model() || model()->rowCount() == 0)
        return {-1, -1};
    const int first = m_table->rowAt(0);
    int last = m_table->rowAt(m_table->viewport()->height() - 1);
    if (last < 0)
        last = model()->rowCount() - 1;
    return {std::max(first, 0), last};
}

QString TableViewer::rowCounterText() const
{
    const QLocale locale;
    const auto [first, last] = visibleRows();
    if (first < 0)
        return tr("No rows");
    if (m_totalRows < 0 && m_estimate > totalRowCount())
        return tr("Rows %1–%2 of about %3")
                .arg(locale.toString(first + 1), locale.toString(last + 1),
                     locale.toString(m_estimate));
    return tr("Rows %1–%2 of %3")
            .arg(locale.toString(first + 1), locale.toString(last + 1),
                 locale.toString(totalRowCount()));
}

void TableViewer::updateCounter()
{
    m_counter->setText(rowCounterText());
    const qint64 rows = model() ? model()->rowCount() : 0;
    m_goTo->setRange(1, int(std::clamp<qint64>(rows, 1, std::numeric_limits<int>::max())));
    m_goTo->setEnabled(rows > 0);
    const auto visible = visibleRows();
    if (visible != m_lastVisible) {
        m_lastVisible = visible;
        emit visibleRowsChanged(visible.first, visible.second);
    }
}

void TableViewer::goToRow(qint64 row)
{
    if (!model() || model()->rowCount() == 0)
        return;
    const int r = int(std::clamp<qint64>(row - 1, 0, model()->rowCount() - 1));
    const int column = std::max(0, m_table->currentIndex().column());
    const QModelIndex index = m_proxy->index(r, column);
    m_table->scrollTo(index, QAbstractItemView::PositionAtTop);
    m_table->setCurrentIndex(index);
    m_table->selectRow(r);
    m_goTo->setValue(r + 1);
    updateCounter();
}

void TableViewer::focusGoToRow()
{
    m_goTo->setFocus();
    m_goTo->selectAll();
}

void TableViewer::setStatsPanelVisible(bool visible)
{
    m_stats->setVisible(visible);
    if (m_statsButton->isChecked() != visible)
        m_statsButton->setChecked(visible);
    updateStatsPanel();
}

void TableViewer::updateStatsPanel()
{
    if (m_stats->isHidden())
        return;
    m_stats->clear();
    const auto &all = m_proxy->columnStats();
    const int column = std::max(0, m_table->currentIndex().column());
    if (column >= all.size())
        return;
    const ColumnStatsView &s = all.at(column);
    const QLocale locale;
    const QString dash = QStringLiteral("—");
    auto add = [this](const QString &k, const QString &v) {
        auto *item = new QTreeWidgetItem(m_stats, {k, v});
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        item->setToolTip(1, v);
    };
    add(tr("Column"), s.name);
    add(tr("Type"), s.type);
    add(tr("Nulls"), s.nulls >= 0 ? locale.toString(s.nulls) : dash);
    add(tr("Distinct"), s.distinct >= 0 ? locale.toString(s.distinct) : dash);
    add(tr("Min"), s.min.isEmpty() ? dash : s.min);
    add(tr("Max"), s.max.isEmpty() ? dash : s.max);
    add(tr("Mean"), s.mean ? locale.toString(*s.mean, 'g', 8) : dash);
    if (s.rowsScanned >= 0)
        add(tr("Rows scanned"), locale.toString(s.rowsScanned));
    m_stats->resizeColumnToContents(0);
}

} // namespace Trove

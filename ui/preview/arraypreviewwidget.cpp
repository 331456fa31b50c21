#include "arraypreviewwidget.h"

#include "arrayviewer.h"
#include "heatmapwidget.h"
#include "previewthreadpool.h"
#include "widgets/messagebar.h"
#include "widgets/palettehelpers.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace Trove {

namespace {
enum MemberColumn { NameColumn, ShapeColumn, SizeColumn };
const QString kStatsButton = QStringLiteral("stats");
} // namespace

ArrayPreviewWidget::ArrayPreviewWidget(ArrayDocumentPtr document,
                                       ArrayMemberLoad first,
                                       QWidget *parent)
    : QWidget(parent)
    , m_document(std::move(document))
    , m_members(new QTreeWidget)
    , m_bar(new MessageBar)
    , m_stack(new QStackedWidget)
    , m_viewer(new ArrayViewer)
    , m_placeholder(new QLabel)
    , m_statsDone(std::make_shared<std::atomic<qint64>>(0))
{
    setAccessibleName(tr("Array preview"));
    m_members->setAccessibleName(tr("Arrays in the file"));
    m_members->setRootIsDecorated(false);
    m_members->setUniformRowHeights(true);
    m_members->setHeaderLabels({tr("Array"), tr("dtype and shape"), tr("Size")});
    m_members->header()->setStretchLastSection(false);
    m_members->header()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_members->header()->setSectionResizeMode(ShapeColumn, QHeaderView::ResizeToContents);
    m_members->header()->setSectionResizeMode(SizeColumn, QHeaderView::ResizeToContents);
    const auto &members = m_document->members();
    for (int i = 0; i < members.size(); ++i) {
        const ArrayMemberInfo &m = members[i];
        auto *item = new QTreeWidgetItem(m_members);
        item->setText(NameColumn, m.name);
        item->setText(ShapeColumn, m.description());
        item->setText(SizeColumn,
                      m.dataBytes >= 0 ? PaletteHelpers::formatBytes(m.dataBytes) : QString());
        item->setTextAlignment(SizeColumn, Qt::AlignRight | Qt::AlignVCenter);
        item->setData(NameColumn, Qt::UserRole, i);
        if (!m.error.isEmpty() || !m.numeric)
            item->setForeground(NameColumn, PaletteHelpers::secondaryText(palette()));
        item->setToolTip(NameColumn,
                         m.compressed ? tr("%1 — compressed (np.savez_compressed)").arg(m.name)
                                      : m.name);
    }
    connect(m_members, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (item)
            showMember(item->data(NameColumn, Qt::UserRole).toInt());
    });

    m_bar->hide();
    connect(m_bar, &MessageBar::buttonClicked, this, [this](const QString &id) {
        if (id == kStatsButton)
            computeStats();
    });
    connect(&m_loadWatcher, &QFutureWatcherBase::finished, this, [this] {
        auto r = m_loadWatcher.result();
        if (!r) {
            if (!r.error().isCancelled())
                m_bar->showMessage(
                        tr("This array cannot be shown: %1").arg(r.error().userMessage()),
                        MessageBar::Type::Error);
            return;
        }
        if (r->member == m_requested)
            present(std::move(r.value()));
    });
    connect(&m_statsWatcher, &QFutureWatcherBase::finished, this,
            &ArrayPreviewWidget::statsFinished);

    auto *right = new QWidget;
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->setSpacing(0);
    rightLayout->addWidget(m_bar);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setMargin(24);
    m_placeholder->setAccessibleName(tr("Array description"));
    m_stack->addWidget(m_viewer);
    m_stack->addWidget(m_placeholder);
    rightLayout->addWidget(m_stack, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    if (m_document->isNpz() && members.size() > 1) {
        auto *splitter = new QSplitter(Qt::Horizontal);
        splitter->addWidget(m_members);
        splitter->addWidget(right);
        splitter->setStretchFactor(0, 1);
        splitter->setStretchFactor(1, 3);
        splitter->setSizes({240, 720});
        layout->addWidget(splitter);
    } else {
        // One array: no choice to offer; the list stays a (hidden) child for its data.
        m_members->setParent(this);
        m_members->hide();
        layout->addWidget(right);
    }
    m_requested = first.member;
    present(std::move(first));
    if (QTreeWidgetItem *item = m_members->topLevelItem(m_current)) {
        QSignalBlocker block(m_members);
        m_members->setCurrentItem(item);
    }
}

ArrayPreviewWidget::~ArrayPreviewWidget()
{
    m_loadWatcher.disconnect(this);
    m_statsWatcher.disconnect(this);
}

void ArrayPreviewWidget::showMember(int index)
{
    if (index == m_requested || index < 0 || index >= m_document->members().size())
        return;
    m_requested = index;
    m_bar->showMessage(tr("Loading %1…").arg(m_document->members().at(index).name));
    m_bar->setCloseButtonVisible(false);
    m_loadWatcher.setFuture(QtConcurrent::run(previewThreadPool(), [doc = m_document, index] {
        return loadArrayMember(doc, index);
    }));
}

void ArrayPreviewWidget::present(ArrayMemberLoad load)
{
    m_current = load.member;
    m_bar->hide();
    m_bar->setCloseButtonVisible(true);
    m_viewer->clearStats();
    m_offeringStats = false;
    if (!load.reader) {
        m_provider.reset();
        m_viewer->setProvider(nullptr);
        const ArrayMemberInfo *m = m_current >= 0 && m_current < m_document->members().size()
                                           ? &m_document->members().at(m_current)
                                           : nullptr;
        m_placeholder->setText(
                QStringLiteral("<p><b>%1</b></p><p>%2</p>")
                        .arg(m ? (m->name + QStringLiteral(": ") + m->description()).toHtmlEscaped()
                               : tr("No arrays"),
                             load.notes.join(QLatin1Char('\n'))
                                     .toHtmlEscaped()
                                     .replace(QLatin1Char('\n'), QStringLiteral("<br>"))));
        m_stack->setCurrentWidget(m_placeholder);
        showNotes(m_document->warnings());
        emit memberShown(m_current);
        return;
    }
    m_stack->setCurrentWidget(m_viewer);
    auto provider
            = std::make_shared<NpyArrayProvider>(load.reader, m_document->source()->cancelFlag());
    provider->seed(load.prefetch.values);
    connect(provider.get(), &NpyArrayProvider::valuesArrived, m_viewer,
            &ArrayViewer::refreshValues);
    connect(provider.get(), &NpyArrayProvider::readFailed, this, [this](const QString &message) {
        m_bar->showMessage(tr("Some values could not be read: %1").arg(message),
                           MessageBar::Type::Error);
    });
    // A colour range known up front: the heatmap then never reads the slice to find one.
    const auto range = load.prefetch.range.value_or(std::make_pair(0.0, 1.0));
    m_viewer->heatmap()->setRange(range.first, range.second);
    ArrayStatsView pending;
    pending.note = tr("Computing statistics…");
    m_viewer->setStats(pending);
    m_provider = provider;
    m_viewer->setProvider(provider);
    // Long vectors read best as a column of numbers; very thin slices are invisible as a
    // heatmap of square cells, so they open in the grid.
    const QVector<qint64> shape = provider->shape();
    if (shape.size() == 1) {
        ArraySlice column;
        column.rowAxis = 0;
        column.colAxis = -1;
        column.fixed = {0};
        m_viewer->setSlice(column);
    }
    const qint64 rows = m_viewer->slice().rows(shape);
    const qint64 cols = m_viewer->slice().cols(shape);
    const bool thin = std::max(rows, cols) > 100 * std::max<qint64>(1, std::min(rows, cols));
    m_viewer->setMode(thin ? ArrayViewer::Mode::Grid : ArrayViewer::Mode::Heatmap);
    showNotes(load.notes + m_document->warnings());
    if (load.truncated) {
        pending.note = tr("No statistics: the values are truncated.");
        m_viewer->setStats(pending);
    } else if (arrayStatsAreCheap(*m_document, m_current)) {
        computeStats();
    } else {
        const ArrayMemberInfo &m = m_document->members().at(m_current);
        pending.note = tr("Statistics not computed: they need all %1 of the values, read over "
                          "the network.")
                               .arg(PaletteHelpers::formatBytes(m.compressed ? m.storedBytes
                                                                             : m.dataBytes));
        m_viewer->setStats(pending);
        m_bar->showMessage(pending.note, MessageBar::Type::Information);
        m_bar->addButton(tr("Compute &statistics"), kStatsButton);
        m_offeringStats = true;
    }
    emit memberShown(m_current);
}

void ArrayPreviewWidget::showNotes(const QStringList &notes)
{
    if (notes.isEmpty())
        return;
    m_bar->showMessage(notes.join(QLatin1Char('\n')), MessageBar::Type::Warning);
}

void ArrayPreviewWidget::computeStats()
{
    if (!m_provider)
        return;
    if (m_statsWatcher.isRunning()) {
        m_statsQueued = true; // after the pass of the member shown before
        return;
    }
    m_statsQueued = false;
    if (m_offeringStats)
        m_bar->hide();
    m_offeringStats = false;
    m_statsMember = m_current;
    m_statsDone->store(0);
    const qint64 total = m_document->members().at(m_current).dataBytes;
    auto *ticker = new QTimer(this);
    ticker->setInterval(250);
    connect(ticker, &QTimer::timeout, this, [this, ticker, total] {
        if (!m_statsWatcher.isRunning() || m_statsMember != m_current) {
            ticker->deleteLater();
            return;
        }
        ArrayStatsView pending;
        pending.note
                = total > 0 ? tr("Computing statistics… %1%").arg(m_statsDone->load() * 100 / total)
                            : tr("Computing statistics…");
        m_viewer->setStats(pending);
    });
    ticker->start();
    m_statsWatcher.setFuture(QtConcurrent::run(
            previewThreadPool(), [doc = m_document, index = m_current, done = m_statsDone] {
                return computeArrayStats(doc, index, [done](qint64 d, qint64) { done->store(d); });
            }));
}

void ArrayPreviewWidget::statsFinished()
{
    const auto r = m_statsWatcher.result();
    if (m_statsMember != m_current) {
        // The user chose another member meanwhile.
        if (m_statsQueued)
            computeStats();
        return;
    }
    if (!r) {
        if (r.error().isCancelled())
            return;
        ArrayStatsView failed;
        failed.note = tr("Statistics failed: %1").arg(r.error().userMessage());
        m_viewer->setStats(failed);
        return;
    }
    m_viewer->setStats(*r);
    if (r->valid && r->count > 0 && r->max >= r->min)
        m_viewer->heatmap()->setRange(r->min, r->max);
    emit statsReady();
}

} // namespace Trove

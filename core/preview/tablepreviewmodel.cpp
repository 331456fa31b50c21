#include "tablepreviewmodel.h"

#include <QPointer>
#include <QtConcurrent>

namespace Trove {

TablePreviewModel::TablePreviewModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

TablePreviewModel::~TablePreviewModel()
{
    if (m_decoder && m_scanWatcher && m_scanWatcher->isRunning())
        m_decoder->stopScan();
    for (auto *w : std::as_const(m_watchers)) {
        w->disconnect(this);
        w->waitForFinished();
    }
    if (m_scanWatcher)
        m_scanWatcher->disconnect(this);
}

void TablePreviewModel::setDecoder(std::shared_ptr<TableDecoder> decoder)
{
    beginResetModel();
    ++m_generation;
    m_decoder = std::move(decoder);
    m_cache.clear();
    m_lru.clear();
    m_inFlight.clear();
    m_stats.reset();
    m_fetching = false;
    m_firstRows = m_decoder ? m_decoder->firstRows() : QList<QStringList>();
    const qint64 known = m_decoder ? m_decoder->knownRowCount() : 0;
    m_rows = known >= 0 ? known : m_firstRows.size();
    m_atEnd = known >= 0;
    endResetModel();
}

int TablePreviewModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(std::min<qint64>(m_rows, std::numeric_limits<int>::max()));
}

int TablePreviewModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_decoder ? 0 : int(m_decoder->schema().columns.size());
}

QVariant TablePreviewModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows || index.column() >= columnCount())
        return {};
    if (role == ColumnTypeRole)
        return columnTypeName(m_decoder->schema().columns[index.column()].type);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    const qint64 row = index.row();
    if (row < m_firstRows.size())
        return m_firstRows[row].value(index.column());
    const qint64 block = row / kBlockRows;
    auto it = m_cache.constFind(block);
    if (it == m_cache.constEnd()) {
        requestBlock(block);
        return {};
    }
    if (m_lru.isEmpty() || m_lru.constLast() != block) {
        m_lru.removeOne(block);
        m_lru.append(block);
    }
    return it->value(row % kBlockRows).value(index.column());
}

QVariant TablePreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || !m_decoder)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    const auto &columns = m_decoder->schema().columns;
    return section >= 0 && section < columns.size() ? QVariant(columns[section].name) : QVariant();
}

bool TablePreviewModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_decoder && !m_atEnd && !m_fetching && !m_growing;
}

void TablePreviewModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_fetching = true;
    m_fetchBlock = m_rows / kBlockRows;
    if (m_inFlight.contains(m_fetchBlock))
        return; // already loading for a view; blockLoaded() completes the fetch
    if (auto it = m_cache.constFind(m_fetchBlock); it != m_cache.constEnd()) {
        Block cached;
        cached.index = m_fetchBlock;
        cached.generation = m_generation;
        cached.rows = *it;
        blockLoaded(cached);
        return;
    }
    requestBlock(m_fetchBlock);
}

void TablePreviewModel::requestBlock(qint64 block) const
{
    if (!m_decoder || m_inFlight.contains(block))
        return;
    m_inFlight.insert(block);
    auto *self = const_cast<TablePreviewModel *>(this);
    auto *watcher = new QFutureWatcher<Block>(self);
    m_watchers.append(watcher);
    connect(watcher, &QFutureWatcher<Block>::finished, self, [self, watcher] {
        self->m_watchers.removeOne(watcher);
        watcher->deleteLater();
        self->blockLoaded(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([decoder = m_decoder, block, generation = m_generation] {
        Block b;
        b.index = block;
        b.generation = generation;
        auto rows = decoder->rows(block * kBlockRows, kBlockRows);
        if (rows)
            b.rows = std::move(rows.value());
        else
            b.error = rows.error().userMessage();
        return b;
    }));
}

void TablePreviewModel::blockLoaded(const Block &b)
{
    if (b.generation != m_generation)
        return;
    m_inFlight.remove(b.index);
    const bool wasFetch = m_fetching && b.index == m_fetchBlock;
    if (wasFetch)
        m_fetching = false;
    if (!b.error.isEmpty()) {
        emit loadFailed(b.error);
        return;
    }
    m_cache.insert(b.index, b.rows);
    m_lru.removeOne(b.index);
    m_lru.append(b.index);
    while (m_cache.size() > m_cacheLimit && !m_lru.isEmpty())
        m_cache.remove(m_lru.takeFirst());
    const qint64 first = b.index * kBlockRows;
    const qint64 end = first + b.rows.size();
    if (wasFetch) {
        if (b.rows.size() < kBlockRows)
            m_atEnd = true;
        growTo(end);
    }
    const qint64 last = std::min(end, m_rows) - 1;
    if (last >= first && columnCount() > 0)
        emit dataChanged(index(int(first), 0), index(int(last), columnCount() - 1));
}

void TablePreviewModel::growTo(qint64 rows)
{
    rows = std::min<qint64>(rows, std::numeric_limits<int>::max());
    if (rows <= m_rows)
        return;
    m_growing = true; // no fetchMore() from inside the insertion signals
    beginInsertRows({}, int(m_rows), int(rows - 1));
    m_rows = rows;
    endInsertRows();
    m_growing = false;
}

void TablePreviewModel::startScan()
{
    if (!m_decoder || (m_scanWatcher && m_scanWatcher->isRunning()))
        return;
    if (!m_scanWatcher) {
        m_scanWatcher = new QFutureWatcher<ScanResult>(this);
        connect(m_scanWatcher, &QFutureWatcher<ScanResult>::finished, this, [this] {
            ScanResult r = m_scanWatcher->result();
            if (r.cancelled)
                return;
            if (!r.stats) {
                emit loadFailed(r.error);
                return;
            }
            m_stats = r.stats;
            m_atEnd = true;
            m_fetching = false;
            growTo(r.stats->rowCount);
            emit scanFinished();
        });
    }
    // Progress crosses threads through a context object living in this thread.
    std::shared_ptr<QObject> relay(new QObject, [](QObject *o) { o->deleteLater(); });
    QPointer<TablePreviewModel> self(this);
    m_scanWatcher->setFuture(QtConcurrent::run([decoder = m_decoder, relay, self] {
        ScanResult r;
        auto stats = decoder->scan([relay, self](qint64 done, qint64 total) {
            QMetaObject::invokeMethod(
                    relay.get(),
                    [self, done, total] {
                        if (self)
                            emit self->scanProgress(done, total);
                    },
                    Qt::QueuedConnection);
        });
        if (stats)
            r.stats = std::move(stats.value());
        else {
            r.cancelled = stats.error().isCancelled();
            r.error = stats.error().userMessage();
        }
        return r;
    }));
}

} // namespace Trove

#pragma once

#include "preview/tabledecoder.h"

#include <QAbstractTableModel>
#include <QFutureWatcher>
#include <QHash>
#include <QList>
#include <QSet>

#include <memory>

namespace Trove {

/// A table model over a TableDecoder for a virtual-scrolling view: rows are served lazily in
/// blocks of kBlockRows, each read on a worker thread (QtConcurrent) the first time a visible
/// cell asks for it, and kept in a bounded LRU cache (cacheLimit() blocks), so memory follows
/// the screen, not the file. Until a block arrives its cells return an invalid QVariant; then
/// dataChanged() is emitted for it.
///
/// Rows appear with the usual fetchMore pattern (one block per call, canFetchMore() false while
/// a fetch is in flight and after the last row), and all at once when startScan() has counted
/// them. The first screen that open() read is always kept. The model never blocks the GUI
/// thread except in its destructor, which waits for the (bounded) block reads in flight; a
/// running scan is stopped with TableDecoder::stopScan() and left to finish on its own.
class TablePreviewModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TablePreviewModel)

public:
    static constexpr int kBlockRows = 256;
    enum Role { ColumnTypeRole = Qt::UserRole + 1 };

    explicit TablePreviewModel(QObject *parent = nullptr);
    ~TablePreviewModel() override;

    /// Shows an opened decoder (TableDecoder::open() succeeded). Resets the model.
    void setDecoder(std::shared_ptr<TableDecoder> decoder);
    std::shared_ptr<TableDecoder> decoder() const { return m_decoder; }

    /// Counts every row on a worker thread (TableDecoder::scan), then shows them all.
    void startScan();
    const std::optional<TableStats> &stats() const { return m_stats; }

    void setCacheLimit(int blocks) { m_cacheLimit = std::max(1, blocks); }
    int cacheLimit() const { return m_cacheLimit; }
    int cachedBlocks() const { return int(m_cache.size()); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant
    headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    void loadFailed(const QString &message);
    void scanProgress(qint64 done, qint64 total);
    void scanFinished();

private:
    struct Block
    {
        qint64 index = 0;
        quint64 generation = 0;
        QList<QStringList> rows;
        QString error;
    };

    struct ScanResult
    {
        std::optional<TableStats> stats;
        QString error;
        bool cancelled = false;
    };

    void requestBlock(qint64 block) const;
    void blockLoaded(const Block &block);
    void growTo(qint64 rows);

    std::shared_ptr<TableDecoder> m_decoder;
    QList<QStringList> m_firstRows;
    qint64 m_rows = 0;
    bool m_atEnd = false;
    bool m_fetching = false;
    bool m_growing = false;
    qint64 m_fetchBlock = -1;
    int m_cacheLimit = 64;
    quint64 m_generation = 0;
    std::optional<TableStats> m_stats;
    mutable QHash<qint64, QList<QStringList>> m_cache;
    mutable QList<qint64> m_lru; ///< most recently used last
    mutable QSet<qint64> m_inFlight;
    mutable QList<QFutureWatcher<Block> *> m_watchers;
    QFutureWatcher<ScanResult> *m_scanWatcher = nullptr;
};

} // namespace Trove

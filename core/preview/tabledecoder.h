#pragma once

#include "common/bytesource.h"
#include "preview/columnstats.h"
#include "preview/csvreader.h"
#include "preview/previewtypes.h"

#include <QList>
#include <QMutex>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>

namespace Trove {

struct InflateIndex;

struct TableColumn
{
    QString name;
    ColumnType type = ColumnType::Empty; ///< guessed from the first screen; scan() refines it
};

/// What open() learned from the first bytes.
struct TableSchema
{
    CsvDialect dialect;
    bool gzip = false;
    bool hasBom = false;
    bool hasHeader = true;
    bool pandasIndex = false; ///< column 0 is a pandas index (empty/"Unnamed: 0" name, 0..n-1)
    QList<TableColumn> columns;
    qint64 dataOffset = 0; ///< (uncompressed) byte offset of the first data row
    qint64 rowCount = -1;  ///< known when the whole file fitted in the first screen
    QStringList notes;     ///< truncation, ragged rows, damaged gzip, ...
};

/// What scan() learned from every row.
struct TableStats
{
    qint64 rowCount = 0;
    QList<ColumnStats> columns; ///< at most TableDecoder::kMaxStatsColumns
    qint64 raggedRows = 0;      ///< rows whose field count differs from the column count
    qint64 truncatedRows = 0;   ///< rows cut by the per-record limits
    qint64 bytes = 0;           ///< (uncompressed) bytes scanned
    bool pandasIndex = false;   ///< column 0 confirmed to be exactly 0..rowCount-1
    QStringList notes;
};

/// Progress of a long operation: `done` out of `total` bytes of the source (compressed bytes
/// for gzip); `total` is -1 when unknown.
using ProgressFn = std::function<void(qint64 done, qint64 total)>;

/// Reads CSV/TSV tables (optionally gzip-compressed) from a ByteSource without reading it whole.
///
/// open() sniffs the delimiter, header, BOM and compression from the first 64 KiB and reads the
/// first screen. rows() serves any row range: a sparse row index (the byte offset of every
/// `rowIndexStride()`-th row, quote-aware since it comes from the parser) is built by scan() and
/// by rows() itself as they pass; a range is read from the nearest indexed row before it. For
/// gzip, offsets are uncompressed and the shared InflateIndex keeps inflate checkpoints
/// (32 KiB window every few MiB), so a late range inflates from the nearest checkpoint only.
/// Memory: one read chunk, one record (CsvLimits), the row index (capped at 1 Mi entries by
/// doubling the stride), the checkpoints (capped at 256) and ~1 KiB of stats per column.
///
/// Threads: every method blocks; call them from worker threads, never the GUI thread. After
/// open(), rows() and scan() may run concurrently on different threads (the model's block
/// loads and the background scan); rows() calls are serialized internally.
class TableDecoder final
{
public:
    static constexpr int kFirstScreenRows = 200;
    static constexpr int kMaxStatsColumns = 1024;

    TableDecoder(ByteSource &source, PreviewHints hints, PreviewOptions options = {});
    TableDecoder(std::unique_ptr<ByteSource> source,
                 PreviewHints hints,
                 PreviewOptions options = {});
    ~TableDecoder();
    Q_DISABLE_COPY_MOVE(TableDecoder)

    Result<TableSchema> open();
    const TableSchema &schema() const { return m_schema; }
    /// The first data rows read by open() (up to kFirstScreenRows).
    const QList<QStringList> &firstRows() const { return m_firstRows; }

    /// Rows [first, first+count) as text (UTF-8, invalid bytes shown as U+FFFD). Fewer rows
    /// past the end; rows keep their own field count (ragged rows are not padded).
    Result<QList<QStringList>> rows(qint64 first, int count);

    /// Reads every row once: row count, per-column stats, the full row index. Cancellable
    /// through PreviewOptions::cancel; `progress` is called every few MiB.
    Result<TableStats> scan(const ProgressFn &progress = {});

    /// Makes a running scan() return Cancelled soon. Thread-safe.
    void stopScan() { m_stopScan.store(true, std::memory_order_relaxed); }

    /// Total data rows if known (scan finished, or the end was reached), else -1.
    qint64 knownRowCount() const;
    int rowIndexStride() const;
    qint64 rowIndexSize() const;
    int inflateCheckpoints() const;

    /// A cell's bytes as text: UTF-8, invalid sequences replaced by U+FFFD (never dropped).
    static QString cellText(QByteArrayView bytes);

private:
    void noteRow(qint64 row, qint64 offset);
    std::unique_ptr<ByteSource> makeReadSource();
    QStringList toStrings(const CsvRecord &record) const;

    std::unique_ptr<ByteSource> m_owned;
    ByteSource &m_source;
    PreviewHints m_hints;
    PreviewOptions m_options;
    TableSchema m_schema;
    QList<QStringList> m_firstRows;
    std::shared_ptr<InflateIndex> m_inflateIndex;

    mutable QMutex m_indexMutex; ///< guards m_rowOffsets, m_stride, m_rowCount
    QList<qint64> m_rowOffsets;
    int m_stride = 1024;
    qint64 m_rowCount = -1;

    QMutex m_readMutex; ///< serializes rows(); guards m_readSource and the cursor
    std::unique_ptr<ByteSource> m_readSource;
    qint64 m_cursorRow = -1;
    qint64 m_cursorOffset = 0;
    std::atomic<bool> m_stopScan{false};
};

} // namespace Trove

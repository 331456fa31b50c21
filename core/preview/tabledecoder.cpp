#include "tabledecoder.h"

#include "preview/inflatesource.h"

#include <QMutexLocker>

namespace Trove {
namespace {
constexpr qint64 kSniffBytes = 64 * 1024;
constexpr qint64 kProgressBytes = 4 << 20;
constexpr int kMaxIndexEntries = 1 << 20;

bool isGzipName(const QString &name)
{
    return name.endsWith(QLatin1String(".gz"), Qt::CaseInsensitive)
           || name.endsWith(QLatin1String(".gzip"), Qt::CaseInsensitive);
}

bool isTabName(const QString &name)
{
    QString n = name;
    if (isGzipName(n))
        n.chop(n.size() - n.lastIndexOf(QLatin1Char('.')));
    return n.endsWith(QLatin1String(".tsv"), Qt::CaseInsensitive)
           || n.endsWith(QLatin1String(".tab"), Qt::CaseInsensitive);
}

// pandas writes its index with an empty header cell, and re-saving a read file names it so.
bool looksLikeIndexName(const QByteArray &name)
{
    return name.isEmpty() || name == "Unnamed: 0";
}

// Votes, column by column, whether the first record is a header: a text cell above a column
// of numbers, booleans or dates says header; a cell of the same type as its column says data.
bool detectHeader(const QList<QList<QByteArray>> &records)
{
    if (records.size() < 2) {
        for (const auto &cell : records.value(0))
            if (ColumnStatsBuilder::classify(cell) != ColumnType::Text)
                return false;
        return true;
    }
    int header = 0;
    int data = 0;
    const auto &first = records.front();
    for (int col = 0; col < first.size(); ++col) {
        ColumnStatsBuilder column;
        for (int r = 1; r < records.size(); ++r)
            column.add(records[r].value(col));
        const ColumnType type = column.result().type;
        if (type == ColumnType::Text || type == ColumnType::Empty)
            continue;
        const QByteArray &cell = first[col];
        if (ColumnStatsBuilder::isNull(cell)
            || ColumnStatsBuilder::classify(cell) == ColumnType::Text)
            ++header;
        else
            ++data;
    }
    return data <= header;
}

QList<QByteArray> fieldsOf(const CsvRecord &rec)
{
    return rec.fields.mid(0, rec.fieldCount);
}
} // namespace

TableDecoder::TableDecoder(ByteSource &source, PreviewHints hints, PreviewOptions options)
    : m_source(source)
    , m_hints(std::move(hints))
    , m_options(options)
    , m_inflateIndex(std::make_shared<InflateIndex>())
{}

TableDecoder::TableDecoder(std::unique_ptr<ByteSource> source,
                           PreviewHints hints,
                           PreviewOptions options)
    : m_owned(std::move(source))
    , m_source(*m_owned)
    , m_hints(std::move(hints))
    , m_options(options)
    , m_inflateIndex(std::make_shared<InflateIndex>())
{}

TableDecoder::~TableDecoder() = default;

QString TableDecoder::cellText(QByteArrayView bytes)
{
    return QString::fromUtf8(bytes);
}

std::unique_ptr<ByteSource> TableDecoder::makeReadSource()
{
    if (!m_schema.gzip)
        return nullptr;
    return std::make_unique<InflateSource>(m_source, InflateSource::Format::Gzip, m_options, 0, -1,
                                           -1, m_inflateIndex);
}

QStringList TableDecoder::toStrings(const CsvRecord &rec) const
{
    QStringList out;
    out.reserve(rec.fieldCount);
    for (int i = 0; i < rec.fieldCount; ++i)
        out.append(cellText(rec.fields[i]));
    if (rec.truncated && !out.isEmpty())
        out.last().append(QStringLiteral(" \u2026[truncated]"));
    return out;
}

void TableDecoder::noteRow(qint64 row, qint64 offset)
{
    QMutexLocker lock(&m_indexMutex);
    if (row % m_stride != 0 || row / m_stride != m_rowOffsets.size())
        return;
    m_rowOffsets.append(offset);
    if (m_rowOffsets.size() > kMaxIndexEntries) {
        QList<qint64> thinned;
        thinned.reserve(m_rowOffsets.size() / 2 + 1);
        for (qsizetype i = 0; i < m_rowOffsets.size(); i += 2)
            thinned.append(m_rowOffsets[i]);
        m_rowOffsets.swap(thinned);
        m_stride *= 2;
    }
}

Result<TableSchema> TableDecoder::open()
{
    m_schema = TableSchema();
    m_firstRows.clear();
    auto head = m_source.read(0, 2);
    if (!head)
        return head.error();
    m_schema.gzip
            = isGzipName(m_hints.fileName)
              || (head->size() == 2 && uchar(head->at(0)) == 0x1f && uchar(head->at(1)) == 0x8b);
    {
        QMutexLocker lock(&m_readMutex);
        m_readSource = makeReadSource();
    }
    ByteSource &text = m_readSource ? *m_readSource : m_source;
    auto sample = text.read(0, kSniffBytes);
    if (!sample)
        return sample.error();
    if (auto *inflate = dynamic_cast<InflateSource *>(m_readSource.get());
        inflate && inflate->streamError()) {
        if (sample->isEmpty())
            return *inflate->streamError();
        m_schema.notes.append(inflate->streamError()->message);
    }
    QByteArray bytes = std::move(sample.value());
    if (bytes.startsWith("\xEF\xBB\xBF")) {
        m_schema.hasBom = true;
        bytes.remove(0, 3);
    } else if (bytes.startsWith("\xFF\xFE") || bytes.startsWith("\xFE\xFF")) {
        return Error::make(Error::Kind::Unsupported, QStringLiteral("UTF-16 text tables"),
                           m_source.name());
    }
    if (bytes.left(4096).contains('\0'))
        return Error::make(Error::Kind::Parse, QStringLiteral("binary data, not a text table"),
                           m_source.name());
    m_schema.dialect = CsvReader::sniff(bytes, isTabName(m_hints.fileName));
    const qint64 start = m_schema.hasBom ? 3 : 0;

    CsvReader reader(text, m_schema.dialect, start, m_options);
    CsvRecord rec;
    QList<QList<QByteArray>> raw;
    QList<qint64> offsets;
    bool truncated = false;
    while (raw.size() <= kFirstScreenRows && reader.next(rec)) {
        raw.append(fieldsOf(rec));
        offsets.append(rec.offset);
        truncated = truncated || rec.truncated;
    }
    if (reader.error())
        return *reader.error();
    const bool atEnd = raw.size() <= kFirstScreenRows;
    if (raw.isEmpty()) {
        m_schema.dataOffset = start;
        m_schema.rowCount = 0;
        m_schema.notes.append(QStringLiteral("empty table"));
        QMutexLocker lock(&m_indexMutex);
        m_rowOffsets = {start};
        m_rowCount = 0;
        return m_schema;
    }

    m_schema.hasHeader = detectHeader(raw.mid(0, 50));
    QList<QByteArray> header;
    if (m_schema.hasHeader) {
        header = raw.takeFirst();
        offsets.removeFirst();
        m_schema.dataOffset = offsets.isEmpty() ? reader.position() : offsets.front();
    } else {
        m_schema.dataOffset = offsets.front();
        if (!atEnd)
            raw.removeLast();
    }
    if (raw.size() > kFirstScreenRows)
        raw.removeLast();

    qsizetype width = header.size();
    bool ragged = false;
    for (const auto &r : raw) {
        ragged = ragged || (m_schema.hasHeader && r.size() != header.size());
        width = std::max(width, r.size());
    }
    for (qsizetype c = 0; c < width; ++c) {
        TableColumn column;
        const QByteArray name = header.value(c);
        if (!m_schema.hasHeader)
            column.name = QStringLiteral("Column %1").arg(c + 1);
        else if (name.isEmpty())
            column.name = QStringLiteral("Unnamed: %1").arg(c);
        else
            column.name = cellText(name);
        ColumnStatsBuilder stats;
        for (const auto &r : raw)
            stats.add(r.value(c));
        column.type = stats.result().type;
        m_schema.columns.append(column);
    }
    if (m_schema.hasHeader && !header.isEmpty() && looksLikeIndexName(header.front())
        && !raw.isEmpty()) {
        bool sequence = true;
        for (qsizetype r = 0; r < raw.size() && sequence; ++r)
            sequence = raw[r].value(0) == QByteArray::number(r);
        m_schema.pandasIndex = sequence;
    }
    for (const auto &r : raw) {
        QStringList row;
        for (const auto &cell : r)
            row.append(cellText(cell));
        m_firstRows.append(row);
    }
    if (ragged)
        m_schema.notes.append(QStringLiteral("some rows have a different number of fields"));
    if (truncated)
        m_schema.notes.append(QStringLiteral("some fields exceed the display limit and are "
                                             "truncated"));
    if (reader.unterminatedQuote())
        m_schema.notes.append(QStringLiteral("the file ends inside a quoted field"));
    {
        QMutexLocker lock(&m_indexMutex);
        m_rowOffsets = {m_schema.dataOffset};
        m_stride = 1024;
        if (atEnd) {
            m_rowCount = raw.size();
            m_schema.rowCount = m_rowCount;
        }
    }
    return m_schema;
}

qint64 TableDecoder::knownRowCount() const
{
    QMutexLocker lock(&m_indexMutex);
    return m_rowCount;
}

int TableDecoder::rowIndexStride() const
{
    QMutexLocker lock(&m_indexMutex);
    return m_stride;
}

qint64 TableDecoder::rowIndexSize() const
{
    QMutexLocker lock(&m_indexMutex);
    return m_rowOffsets.size();
}

int TableDecoder::inflateCheckpoints() const
{
    QMutexLocker lock(&m_inflateIndex->mutex);
    return int(m_inflateIndex->points.size());
}

Result<QList<QStringList>> TableDecoder::rows(qint64 first, int count)
{
    QList<QStringList> out;
    if (first < 0 || count <= 0)
        return out;
    QMutexLocker readLock(&m_readMutex);
    qint64 row = 0;
    qint64 offset = m_schema.dataOffset;
    {
        QMutexLocker lock(&m_indexMutex);
        if (m_rowCount >= 0 && first >= m_rowCount)
            return out;
        if (!m_rowOffsets.isEmpty()) {
            const qint64 k = std::min<qint64>(first / m_stride, m_rowOffsets.size() - 1);
            row = k * m_stride;
            offset = m_rowOffsets[k];
        }
    }
    if (m_cursorRow > row && m_cursorRow <= first) {
        row = m_cursorRow;
        offset = m_cursorOffset;
    }
    ByteSource &text = m_readSource ? *m_readSource : m_source;
    CsvReader reader(text, m_schema.dialect, offset, m_options);
    CsvRecord rec;
    while (row < first + count && reader.next(rec)) {
        noteRow(row, rec.offset);
        if (row >= first)
            out.append(toStrings(rec));
        ++row;
    }
    if (reader.error())
        return *reader.error();
    m_cursorRow = row;
    m_cursorOffset = reader.position();
    if (row < first + count) {
        QMutexLocker lock(&m_indexMutex);
        m_rowCount = row;
    }
    return out;
}

Result<TableStats> TableDecoder::scan(const ProgressFn &progress)
{
    TableStats stats;
    std::unique_ptr<ByteSource> own = makeReadSource();
    auto *inflate = static_cast<InflateSource *>(own.get());
    ByteSource &text = own ? *own : m_source;
    const qint64 total = m_source.size();
    const qsizetype width = m_schema.columns.size();
    std::vector<ColumnStatsBuilder> builders(std::min<qsizetype>(width, kMaxStatsColumns));

    CsvReader reader(text, m_schema.dialect, m_schema.dataOffset, m_options);
    CsvRecord rec;
    qint64 row = 0;
    qint64 nextProgress = kProgressBytes;
    m_stopScan.store(false, std::memory_order_relaxed);
    while (reader.next(rec)) {
        if ((row & 1023) == 0 && m_stopScan.load(std::memory_order_relaxed))
            return Error::make(Error::Kind::Cancelled, QStringLiteral("scan stopped"),
                               m_source.name());
        noteRow(row, rec.offset);
        for (size_t c = 0; c < builders.size(); ++c)
            builders[c].add(int(c) < rec.fieldCount ? QByteArrayView(rec.fields[c])
                                                    : QByteArrayView());
        if (rec.fieldCount != width)
            ++stats.raggedRows;
        if (rec.truncated)
            ++stats.truncatedRows;
        ++row;
        if (progress && reader.position() >= nextProgress) {
            nextProgress = reader.position() + kProgressBytes;
            progress(inflate ? inflate->compressedPosition() : reader.position(), total);
        }
    }
    if (reader.error())
        return *reader.error();
    if (progress)
        progress(total, total);
    stats.rowCount = row;
    stats.bytes = reader.position();
    for (const auto &b : builders)
        stats.columns.append(b.result());
    if (width > kMaxStatsColumns)
        stats.notes.append(
                QStringLiteral("statistics cover the first %1 columns").arg(kMaxStatsColumns));
    if (inflate && inflate->streamError())
        stats.notes.append(inflate->streamError()->message);
    if (reader.unterminatedQuote())
        stats.notes.append(QStringLiteral("the file ends inside a quoted field"));
    if (m_schema.pandasIndex && !stats.columns.isEmpty()) {
        const ColumnStats &c0 = stats.columns.front();
        stats.pandasIndex = c0.type == ColumnType::Int && c0.nullCount == 0 && c0.min == 0.0
                            && c0.max == double(row - 1);
    }
    QMutexLocker lock(&m_indexMutex);
    m_rowCount = row;
    return stats;
}

} // namespace Trove

#pragma once

#include "common/bytesource.h"
#include "preview/previewtypes.h"

#include <QByteArray>
#include <QList>

#include <optional>

namespace Trove {

/// How a delimited text file is written. Filled by CsvReader::sniff() or given by the caller.
struct CsvDialect
{
    char delimiter = ',';
    char quote = '"';
};

/// One parsed record: raw field bytes (UTF-8 expected, not validated here).
struct CsvRecord
{
    QList<QByteArray> fields;
    int fieldCount = 0;     ///< valid entries of `fields` (the list is reused between records)
    bool truncated = false; ///< a field, the field count or the record size hit a limit
    qint64 offset = 0;      ///< byte offset of the record's first byte
};

/// Limits that keep one record bounded whatever the input (a 10 GB line without newline).
struct CsvLimits
{
    int maxFieldBytes = 64 * 1024;
    int maxFields = 16384;
    qint64 maxRecordBytes = 4 << 20;
};

/// A streaming RFC 4180 reader: quoted fields with embedded delimiters, newlines and doubled
/// quotes; LF, CRLF and CR line ends; blank lines skipped (as pandas does). Lenient: a stray
/// quote inside an unquoted field is kept as text, an unterminated quote ends at end of file.
/// Reads the ByteSource in chunks from a starting offset; memory is one chunk plus one record,
/// the record capped by CsvLimits (excess bytes are skipped and the record marked truncated).
///
/// Blocking; call from a worker thread.
class CsvReader final
{
public:
    CsvReader(ByteSource &source,
              CsvDialect dialect,
              qint64 startOffset,
              PreviewOptions options = {},
              CsvLimits limits = {});

    /// Reads the next record. Returns false at the end of the data; error() then tells whether
    /// the end was an error (I/O, cancelled) rather than the end of the file.
    bool next(CsvRecord &record);
    const std::optional<Error> &error() const { return m_error; }
    /// Offset of the first byte not yet consumed (the start of the next record, blank lines
    /// aside).
    qint64 position() const { return m_bufStart + m_bufPos; }
    /// True if the data ended inside a quoted field.
    bool unterminatedQuote() const { return m_unterminatedQuote; }

    /// Guesses the delimiter among , \t ; | from a sample (the first bytes of the file), by
    /// the most consistent non-trivial field count over its complete records. `preferTab`
    /// breaks ties for .tsv files.
    static CsvDialect sniff(const QByteArray &sample, bool preferTab = false);

private:
    bool fill();

    ByteSource &m_source;
    CsvDialect m_dialect;
    PreviewOptions m_options;
    CsvLimits m_limits;
    QByteArray m_buf;
    qint64 m_bufStart = 0;
    qint64 m_bufPos = 0;
    bool m_eof = false;
    bool m_unterminatedQuote = false;
    std::optional<Error> m_error;
};

} // namespace Trove

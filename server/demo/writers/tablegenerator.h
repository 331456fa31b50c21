#pragma once

#include <QByteArray>
#include <QString>

#include <functional>

namespace Trove::Server {

/// Generates a deterministic mixed-type table as pandas' DataFrame.to_csv() writes it: an
/// unnamed index column, QUOTE_MINIMAL, floats as Python repr, True/False, ISO dates, empty
/// fields for nulls, '\n' line ends. Rows stream to a sink in ~1 MB chunks, so a 100 MB table
/// never sits in memory.
class TableGenerator final
{
public:
    using Sink = std::function<bool(const QByteArray &chunk)>;

    explicit TableGenerator(quint64 seed = 42);

    /// The header line, "…,id,date,…\n".
    static QByteArray headerLine();
    /// Writes the header and rows until at least `targetBytes` were produced (or `maxRows`,
    /// if > 0). Returns the number of rows, or -1 if the sink failed.
    qint64 generate(const Sink &sink, qint64 targetBytes, qint64 maxRows = 0);

    /// Quotes a field the way Python's csv module does with QUOTE_MINIMAL.
    static QByteArray quoteField(const QByteArray &field);

    /// Python's repr() of a float (shortest round trip), as pandas writes floats.
    static void appendFloat(QByteArray &out, double v);

    qint64 bytesWritten() const { return m_bytes; }

private:
    quint64 next();
    void appendRow(QByteArray &out, qint64 index);

    quint64 m_state;
    qint64 m_bytes = 0;
};

} // namespace Trove::Server

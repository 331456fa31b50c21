#include "output.h"

#include "transfers/artifactspec.h"

#include <algorithm>

namespace Trove::Cli {

TextTable::TextTable(QStringList headers)
    : m_headers(std::move(headers))
{}

void TextTable::addRow(QStringList cells)
{
    while (cells.size() < m_headers.size())
        cells << QString();
    for (QString &c : cells) {
        // One line per cell; leading indentation is kept (the projects tree).
        qsizetype indent = 0;
        while (indent < c.size() && c.at(indent) == QLatin1Char(' '))
            ++indent;
        c = QString(indent, QLatin1Char(' ')) + oneLine(c);
    }
    m_rows << cells;
}

void TextTable::print(QTextStream &out) const
{
    QList<qsizetype> widths;
    for (const QString &h : m_headers)
        widths << h.size();
    for (const QStringList &row : m_rows)
        for (qsizetype i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], row[i].size());
    auto printRow = [&](const QStringList &row) {
        QString line;
        for (qsizetype i = 0; i < row.size(); ++i) {
            if (i > 0)
                line += QStringLiteral("  ");
            line += i + 1 < row.size() ? row[i].leftJustified(widths[i]) : row[i];
        }
        while (line.endsWith(QLatin1Char(' ')))
            line.chop(1);
        out << line << '\n';
    };
    printRow(m_headers);
    for (const QStringList &row : m_rows)
        printRow(row);
}

QString humanSize(qint64 bytes)
{
    return bytes < 0 ? QStringLiteral("-") : ArtifactSpec::formatSize(bytes);
}

QString textTime(const QDateTime &time)
{
    if (!time.isValid())
        return QStringLiteral("-");
    return time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

nlohmann::json jsonTime(const QDateTime &time)
{
    if (!time.isValid())
        return nlohmann::json();
    return time.toUTC().toString(Qt::ISODate).toStdString();
}

void printJson(QTextStream &out, const nlohmann::json &value)
{
    out << QString::fromStdString(
            value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace))
        << '\n';
}

QString oneLine(QString text)
{
    text.replace(QLatin1String("\r\n"), QLatin1String(" "));
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    text.replace(QLatin1Char('\r'), QLatin1Char(' '));
    text.replace(QLatin1Char('\t'), QLatin1Char(' '));
    return text.trimmed();
}

} // namespace Trove::Cli

#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <nlohmann/json.hpp>

namespace Trove::Cli {

/// A plain-text table for listings: a header row, columns padded to the widest cell, the last
/// column left unpadded so long URIs do not pad every line.
class TextTable final
{
public:
    explicit TextTable(QStringList headers);
    void addRow(QStringList cells);
    bool isEmpty() const { return m_rows.isEmpty(); }
    void print(QTextStream &out) const;

private:
    QStringList m_headers;
    QList<QStringList> m_rows;
};

/// SDK-style decimal size ("12 bytes", "1.5 MB"), "-" when unknown (negative).
QString humanSize(qint64 bytes);
/// "2026-12-03 19:58:45" in UTC, "-" when invalid.
QString textTime(const QDateTime &time);
/// ISO 8601 UTC with "Z", or null when invalid (stable JSON field values).
nlohmann::json jsonTime(const QDateTime &time);
/// A QString as a JSON string.
inline nlohmann::json js(const QString &s)
{
    return nlohmann::json(s.toStdString());
}
/// A QString as a JSON string, or null when empty.
inline nlohmann::json jsOrNull(const QString &s)
{
    return s.isEmpty() ? nlohmann::json() : nlohmann::json(s.toStdString());
}
/// Pretty-printed JSON and a newline.
void printJson(QTextStream &out, const nlohmann::json &value);
/// Collapses newlines and tabs to spaces: one line per table cell or error message.
QString oneLine(QString text);

} // namespace Trove::Cli

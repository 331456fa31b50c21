#include "tableinspect.h"

#include "preview/tabledecoder.h"

namespace Trove {
namespace {
std::string delimiterName(char d)
{
    switch (d) {
    case '\t':
        return "tab";
    case ',':
        return "comma";
    case ';':
        return "semicolon";
    case '|':
        return "pipe";
    default:
        return std::string(1, d);
    }
}

nlohmann::json strings(const QStringList &list)
{
    auto j = nlohmann::json::array();
    for (const auto &s : list)
        j.push_back(s.toStdString());
    return j;
}
} // namespace

nlohmann::json tableStatsJson(const TableStats &stats, const QStringList &columnNames)
{
    nlohmann::json j;
    j["rowCount"] = stats.rowCount;
    j["bytes"] = stats.bytes;
    j["raggedRows"] = stats.raggedRows;
    j["truncatedRows"] = stats.truncatedRows;
    j["pandasIndex"] = stats.pandasIndex;
    auto columns = nlohmann::json::array();
    for (qsizetype i = 0; i < stats.columns.size(); ++i) {
        const ColumnStats &c = stats.columns[i];
        nlohmann::json cj;
        cj["name"] = columnNames.value(i).toStdString();
        cj["type"] = columnTypeName(c.type).toStdString();
        cj["count"] = c.count;
        cj["nulls"] = c.nullCount;
        cj["distinct"] = c.distinctEstimate;
        if (c.min)
            cj["min"] = *c.min;
        if (c.max)
            cj["max"] = *c.max;
        if (c.mean)
            cj["mean"] = *c.mean;
        if (!c.minText.isEmpty()) {
            cj["min"] = c.minText.toStdString();
            cj["max"] = c.maxText.toStdString();
        }
        columns.push_back(std::move(cj));
    }
    j["columns"] = std::move(columns);
    if (!stats.notes.isEmpty())
        j["notes"] = strings(stats.notes);
    return j;
}

Result<nlohmann::json> inspectTable(ByteSource &source,
                                    const PreviewHints &hints,
                                    const PreviewOptions &options,
                                    bool withStats)
{
    TableDecoder decoder(source, hints, options);
    auto schema = decoder.open();
    if (!schema)
        return schema.error();
    nlohmann::json j;
    j["kind"] = "table";
    j["format"] = schema->dialect.delimiter == '\t' ? "tsv" : "csv";
    j["gzip"] = schema->gzip;
    j["delimiter"] = delimiterName(schema->dialect.delimiter);
    j["header"] = schema->hasHeader;
    j["bom"] = schema->hasBom;
    j["pandasIndex"] = schema->pandasIndex;
    QStringList names;
    auto columns = nlohmann::json::array();
    for (const auto &c : schema->columns) {
        names.append(c.name);
        columns.push_back(
                {{"name", c.name.toStdString()}, {"type", columnTypeName(c.type).toStdString()}});
    }
    j["columns"] = std::move(columns);
    auto rows = nlohmann::json::array();
    for (const auto &row : decoder.firstRows().mid(0, std::max(0, options.maxRows)))
        rows.push_back(strings(row));
    j["rows"] = std::move(rows);
    if (schema->rowCount >= 0)
        j["rowCount"] = schema->rowCount;
    if (!schema->notes.isEmpty())
        j["notes"] = strings(schema->notes);
    if (withStats) {
        auto stats = decoder.scan();
        if (!stats)
            return stats.error();
        j["rowCount"] = stats->rowCount;
        j["stats"] = tableStatsJson(stats.value(), names);
    }
    return j;
}

} // namespace Trove

#include "tablegenerator.h"

#include <QDate>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <vector>

namespace Trove::Server {

namespace {

const char *const cities[] = {"Berlin",  "Lyon",          "São Paulo", "Zürich, CH", "Osaka",
                              "Nairobi", "Quebec \"QC\"", "Austin",    "Oslo",       "Pune"};
const char *const labels[] = {"cat", "dog", "bird", "fish", "horse", "cow", "sheep", "frog"};
const char *const words[] = {"fast",   "blurry", "sharp", "night",  "rain",   "crowd",
                             "indoor", "noisy",  "clean", "tilted", "backlit"};

void appendInt(QByteArray &out, qint64 v)
{
    char buf[24];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, res.ptr - buf);
}

} // namespace

TableGenerator::TableGenerator(quint64 seed)
    : m_state(seed * 0x9E3779B97F4A7C15ULL + 1)
{}

quint64 TableGenerator::next()
{
    // splitmix64: fast and deterministic across platforms.
    quint64 z = (m_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

QByteArray TableGenerator::headerLine()
{
    return QByteArrayLiteral(",id,date,city,score,count,valid,label,note\n");
}

QByteArray TableGenerator::quoteField(const QByteArray &field)
{
    if (!field.contains(',') && !field.contains('"') && !field.contains('\n')
        && !field.contains('\r'))
        return field;
    QByteArray out = field;
    out.replace("\"", "\"\"");
    return '"' + out + '"';
}

void TableGenerator::appendFloat(QByteArray &out, double v)
{
    char buf[64];
    const double a = std::fabs(v);
    if (a == 0.0 || (a >= 1e-4 && a < 1e16)) {
        const auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
        out.append(buf, res.ptr - buf);
        if (std::find(buf, res.ptr, '.') == res.ptr)
            out.append(".0");
        return;
    }
    const auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
    out.append(buf, res.ptr - buf);
}

void TableGenerator::appendRow(QByteArray &out, qint64 index)
{
    // Dates and quoted cities are formatted once: this loop writes ~1.4 M rows per 100 MB.
    static const std::vector<QByteArray> dates = [] {
        std::vector<QByteArray> v;
        for (int i = 0; i < 1500; ++i) {
            const QDate date = QDate(2020, 1, 1).addDays(i);
            char d[16];
            std::snprintf(d, sizeof d, "%04d-%02d-%02d", date.year(), date.month(), date.day());
            v.emplace_back(d, 10);
        }
        return v;
    }();
    static const std::vector<QByteArray> quotedCities = [] {
        std::vector<QByteArray> v;
        for (const char *c : cities)
            v.push_back(quoteField(QByteArray(c)));
        return v;
    }();
    const quint64 r = next();
    appendInt(out, index);
    out.append(',');
    appendInt(out, 100000 + index);
    out.append(',');
    out.append(dates[r % 1500]);
    out.append(',');
    out.append(quotedCities[(r >> 12) % 10]);
    out.append(',');
    if ((r >> 20) % 17 != 0) // some nulls
        appendFloat(out, double(qint64((r >> 24) % 2000001) - 1000000) / 10000.0);
    out.append(',');
    appendInt(out, qint64((r >> 36) % 5000));
    out.append(',');
    out.append(((r >> 50) & 1) ? "True" : "False");
    out.append(',');
    out.append(labels[(r >> 52) % 8]);
    out.append(',');
    if ((r >> 56) % 5 != 0) {
        out.append(words[(r >> 40) % 11]);
        out.append(' ');
        out.append(words[(r >> 44) % 11]);
    }
    out.append('\n');
}

qint64 TableGenerator::generate(const Sink &sink, qint64 targetBytes, qint64 maxRows)
{
    QByteArray chunk = headerLine();
    chunk.reserve((1 << 20) + 4096);
    qint64 rows = 0;
    m_bytes = 0;
    for (;;) {
        const bool done = (maxRows > 0 && rows >= maxRows)
                          || (maxRows <= 0 && m_bytes + chunk.size() >= targetBytes);
        if (chunk.size() >= (1 << 20) || done) {
            if (!sink(chunk))
                return -1;
            m_bytes += chunk.size();
            chunk.clear();
        }
        if (done)
            return rows;
        appendRow(chunk, rows++);
    }
}

} // namespace Trove::Server

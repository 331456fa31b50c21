#include "columnstats.h"

#include <charconv>
#include <cmath>

namespace Trove {
namespace {

QByteArrayView trimmed(QByteArrayView v)
{
    while (!v.isEmpty() && (v.front() == ' ' || v.front() == '\t'))
        v = v.sliced(1);
    while (!v.isEmpty() && (v.back() == ' ' || v.back() == '\t'))
        v.chop(1);
    return v;
}

bool digits(QByteArrayView v, qsizetype from, qsizetype n)
{
    if (from + n > v.size())
        return false;
    for (qsizetype i = from; i < from + n; ++i)
        if (v[i] < '0' || v[i] > '9')
            return false;
    return true;
}

// YYYY-MM-DD (or YYYY/MM/DD)
bool isDate(QByteArrayView v)
{
    return v.size() >= 10 && digits(v, 0, 4) && (v[4] == '-' || v[4] == '/') && digits(v, 5, 2)
           && v[7] == v[4] && digits(v, 8, 2) && v.sliced(5, 2) >= "01" && v.sliced(5, 2) <= "12"
           && v.sliced(8, 2) >= "01" && v.sliced(8, 2) <= "31";
}

// date [T ] HH:MM[:SS[.fff]] [Z | +HH:MM | +HHMM]
bool isDateTime(QByteArrayView v)
{
    if (!isDate(v) || v.size() < 16 || (v[10] != 'T' && v[10] != ' '))
        return false;
    if (!digits(v, 11, 2) || v[13] != ':' || !digits(v, 14, 2))
        return false;
    qsizetype i = 16;
    if (i < v.size() && v[i] == ':') {
        if (!digits(v, i + 1, 2))
            return false;
        i += 3;
        if (i < v.size() && v[i] == '.') {
            ++i;
            const qsizetype start = i;
            while (i < v.size() && v[i] >= '0' && v[i] <= '9')
                ++i;
            if (i == start)
                return false;
        }
    }
    if (i == v.size())
        return true;
    if (v[i] == 'Z')
        return i + 1 == v.size();
    if (v[i] == '+' || v[i] == '-') {
        const QByteArrayView tz = v.sliced(i + 1);
        return (tz.size() == 5 && digits(tz, 0, 2) && tz[2] == ':' && digits(tz, 3, 2))
               || (tz.size() == 4 && digits(tz, 0, 4)) || (tz.size() == 2 && digits(tz, 0, 2));
    }
    return false;
}

} // namespace

QString columnTypeName(ColumnType type)
{
    switch (type) {
    case ColumnType::Empty:
        return QStringLiteral("empty");
    case ColumnType::Int:
        return QStringLiteral("int");
    case ColumnType::Float:
        return QStringLiteral("float");
    case ColumnType::Bool:
        return QStringLiteral("bool");
    case ColumnType::Date:
        return QStringLiteral("date");
    case ColumnType::DateTime:
        return QStringLiteral("datetime");
    case ColumnType::Text:
        return QStringLiteral("text");
    }
    return QString();
}

bool ColumnStatsBuilder::isNull(QByteArrayView v)
{
    if (v.isEmpty())
        return true;
    if (v.size() > 8)
        return false;
    switch (v.front()) { // every token starts with one of these
    case '#':
    case '-':
    case '1':
    case '<':
    case 'N':
    case 'n':
        break;
    default:
        return false;
    }
    static const char *const tokens[] = {
            "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
            "<NA>", "N/A",      "NA",  "NULL",    "NaN",      "None", "n/a",  "nan",    "null"};
    for (const char *t : tokens)
        if (v == QByteArrayView(t))
            return true;
    return false;
}

unsigned ColumnStatsBuilder::fits(QByteArrayView v, double *number, unsigned wanted)
{
    unsigned mask = 0;
    if (wanted & (IntBit | FloatBit)) {
        const char *b = v.data();
        const char *e = b + v.size();
        if (b != e && *b == '+')
            ++b;
        long long i = 0;
        auto ir = std::from_chars(b, e, i);
        if (ir.ec == std::errc() && ir.ptr == e) {
            *number = double(i);
            return IntBit | FloatBit;
        }
        double d = 0;
        auto dr = std::from_chars(b, e, d);
        if (b != e && dr.ptr == e
            && (dr.ec == std::errc() || dr.ec == std::errc::result_out_of_range)) {
            *number = d;
            mask |= FloatBit;
        }
    }
    if ((wanted & BoolBit)
        && (v == "true" || v == "false" || v == "True" || v == "False" || v == "TRUE"
            || v == "FALSE"))
        mask |= BoolBit;
    if ((wanted & (DateBit | DateTimeBit)) && isDate(v)) {
        if (v.size() == 10)
            mask |= DateBit | DateTimeBit;
        else if (isDateTime(v))
            mask |= DateTimeBit;
    }
    return mask;
}

ColumnType ColumnStatsBuilder::classify(QByteArrayView cell)
{
    double n = 0;
    const unsigned m = fits(trimmed(cell), &n, ~0u);
    if (m & IntBit)
        return ColumnType::Int;
    if (m & FloatBit)
        return ColumnType::Float;
    if (m & BoolBit)
        return ColumnType::Bool;
    if (m & DateBit)
        return ColumnType::Date;
    if (m & DateTimeBit)
        return ColumnType::DateTime;
    return ColumnType::Text;
}

void ColumnStatsBuilder::add(QByteArrayView cell)
{
    const QByteArrayView v = trimmed(cell);
    if (isNull(v)) {
        ++m_nulls;
        return;
    }
    ++m_count;
    m_maxLength = std::max<qint64>(m_maxLength, cell.size());
    m_distinct.add(v);
    if (!m_mask)
        return;
    double number = 0;
    const unsigned fit = fits(v, &number, m_mask);
    m_mask &= fit;
    if ((m_mask & FloatBit) && std::isfinite(number)) {
        if (m_numbers == 0 || number < m_min)
            m_min = number;
        if (m_numbers == 0 || number > m_max)
            m_max = number;
        m_sum += number;
        ++m_numbers;
    }
    if (m_mask & DateTimeBit) {
        if (m_minText.isNull() || v < m_minText)
            m_minText = v.toByteArray();
        if (m_maxText.isNull() || v > m_maxText)
            m_maxText = v.toByteArray();
    }
}

ColumnStats ColumnStatsBuilder::result() const
{
    ColumnStats s;
    s.count = m_count;
    s.nullCount = m_nulls;
    s.maxLength = m_maxLength;
    s.distinctEstimate = m_count ? std::round(m_distinct.estimate()) : 0;
    if (m_count == 0)
        s.type = ColumnType::Empty;
    else if (m_mask & IntBit)
        s.type = ColumnType::Int;
    else if (m_mask & FloatBit)
        s.type = ColumnType::Float;
    else if (m_mask & BoolBit)
        s.type = ColumnType::Bool;
    else if (m_mask & DateBit)
        s.type = ColumnType::Date;
    else if (m_mask & DateTimeBit)
        s.type = ColumnType::DateTime;
    else
        s.type = ColumnType::Text;
    if ((s.type == ColumnType::Int || s.type == ColumnType::Float) && m_numbers > 0) {
        s.min = m_min;
        s.max = m_max;
        s.mean = double(m_sum / m_numbers);
    }
    if (s.type == ColumnType::Date || s.type == ColumnType::DateTime) {
        s.minText = QString::fromUtf8(m_minText);
        s.maxText = QString::fromUtf8(m_maxText);
    }
    return s;
}

} // namespace Trove

#include "util.h"

#include <QByteArray>
#include <QDateTime>
#include <QRandomGenerator>

#include <algorithm>
#include <cctype>

namespace Trove::Server::Util {

std::string newId()
{
    static const char hex[] = "0123456789abcdef";
    std::string id(32, '0');
    auto *rng = QRandomGenerator::system();
    for (char &c : id)
        c = hex[rng->bounded(16)];
    return id;
}

std::string nowIso()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const int ms = now.time().msec();
    QString text = now.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
    if (ms != 0)
        text += QStringLiteral(".") + QStringLiteral("%1").arg(ms, 3, 10, QLatin1Char('0'))
                + QStringLiteral("000");
    text += QStringLiteral("+00:00");
    return text.toStdString();
}

std::int64_t nowSeconds()
{
    return QDateTime::currentSecsSinceEpoch();
}

std::int64_t parseIsoMs(const std::string &text)
{
    QDateTime dt = QDateTime::fromString(QString::fromStdString(text), Qt::ISODateWithMs);
    if (!dt.isValid())
        dt = QDateTime::fromString(QString::fromStdString(text), Qt::ISODate);
    if (!dt.isValid()) {
        // Python's isoformat may carry microseconds; Qt only reads milliseconds.
        QString t = QString::fromStdString(text);
        const int dot = t.indexOf(QLatin1Char('.'));
        if (dot > 0) {
            int end = dot + 1;
            while (end < t.size() && t.at(end).isDigit())
                ++end;
            QString frac = t.mid(dot + 1, end - dot - 1).left(3);
            t = t.left(dot + 1) + frac.leftJustified(3, QLatin1Char('0')) + t.mid(end);
            dt = QDateTime::fromString(t, Qt::ISODateWithMs);
        }
    }
    if (!dt.isValid())
        return -1;
    if (dt.timeSpec() == Qt::LocalTime)
        dt.setTimeSpec(Qt::UTC);
    return dt.toMSecsSinceEpoch();
}

std::vector<std::string> split(std::string_view text, char sep)
{
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t pos = text.find(sep, start);
        if (pos == std::string_view::npos) {
            parts.emplace_back(text.substr(start));
            break;
        }
        parts.emplace_back(text.substr(start, pos - start));
        start = pos + 1;
    }
    return parts;
}

bool startsWith(std::string_view text, std::string_view prefix)
{
    return text.substr(0, prefix.size()) == prefix;
}

std::string toLower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

static int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool percentDecode(std::string_view in, std::string *out)
{
    out->clear();
    out->reserve(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] != '%') {
            out->push_back(in[i]);
            continue;
        }
        if (i + 2 >= in.size())
            return false;
        const int hi = hexValue(in[i + 1]);
        const int lo = hexValue(in[i + 2]);
        if (hi < 0 || lo < 0)
            return false;
        out->push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
    }
    return true;
}

std::string base64UrlEncode(std::string_view data)
{
    const QByteArray bytes(data.data(), static_cast<qsizetype>(data.size()));
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
            .toStdString();
}

bool base64UrlDecode(std::string_view data, std::string *out)
{
    const auto result = QByteArray::fromBase64Encoding(
            QByteArray(data.data(), static_cast<qsizetype>(data.size())),
            QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals
                    | QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return false;
    *out = result.decoded.toStdString();
    return true;
}

bool base64Decode(std::string_view data, std::string *out)
{
    const auto result = QByteArray::fromBase64Encoding(
            QByteArray(data.data(), static_cast<qsizetype>(data.size())),
            QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return false;
    *out = result.decoded.toStdString();
    return true;
}

} // namespace Trove::Server::Util

#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

/// The QString ⇄ JSON adapters, in one header. Lenient on purpose: the wire types read
/// optional fields with these, so a missing key, a null or a value of an unexpected type
/// gives the default instead of an exception. Required fields use `.at()` directly.
namespace Trove::Json {

using json = nlohmann::json;

inline QString toQString(const json &v)
{
    if (v.is_string())
        return QString::fromStdString(v.get_ref<const std::string &>());
    if (v.is_number_integer())
        return QString::number(v.get<qint64>());
    if (v.is_number_unsigned())
        return QString::number(v.get<quint64>());
    if (v.is_number_float())
        return QString::number(v.get<double>());
    if (v.is_boolean())
        return v.get<bool>() ? QStringLiteral("true") : QStringLiteral("false");
    return QString();
}

inline json fromQString(const QString &s)
{
    return json(s.toStdString());
}

inline json fromStringList(const QStringList &list)
{
    json a = json::array();
    for (const QString &s : list)
        a.push_back(s.toStdString());
    return a;
}

inline const json *member(const json &obj, const char *key)
{
    if (!obj.is_object())
        return nullptr;
    auto it = obj.find(key);
    return it == obj.end() || it->is_null() ? nullptr : &*it;
}

inline QString str(const json &obj, const char *key, const QString &fallback = QString())
{
    const json *v = member(obj, key);
    return v && !v->is_object() && !v->is_array() ? toQString(*v) : fallback;
}

inline qint64 integer(const json &obj, const char *key, qint64 fallback = 0)
{
    const json *v = member(obj, key);
    if (!v)
        return fallback;
    if (v->is_number_integer() || v->is_number_unsigned())
        return v->get<qint64>();
    if (v->is_number_float()) {
        const double d = v->get<double>();
        return d > -9.2e18 && d < 9.2e18 ? qint64(d) : fallback;
    }
    if (v->is_string()) {
        bool ok = false;
        const qint64 n = toQString(*v).toLongLong(&ok);
        return ok ? n : fallback;
    }
    return fallback;
}

inline bool boolean(const json &obj, const char *key, bool fallback = false)
{
    const json *v = member(obj, key);
    return v && v->is_boolean() ? v->get<bool>() : fallback;
}

inline QStringList strList(const json &obj, const char *key)
{
    QStringList out;
    const json *v = member(obj, key);
    if (v && v->is_array())
        for (const json &item : *v)
            if (item.is_string())
                out << toQString(item);
    return out;
}

/// Any ISO-8601 form the servers send ("…+00:00", "…Z", no zone = UTC, fractions or not).
inline QDateTime parseDateTime(const QString &s)
{
    if (s.isEmpty())
        return QDateTime();
    QDateTime dt = QDateTime::fromString(s, Qt::ISODateWithMs);
    if (!dt.isValid())
        dt = QDateTime::fromString(s, Qt::ISODate);
    if (dt.isValid() && dt.timeSpec() == Qt::LocalTime)
        dt.setTimeSpec(Qt::UTC);
    return dt.isValid() ? dt.toUTC() : QDateTime();
}

inline QDateTime dateTime(const json &obj, const char *key)
{
    const json *v = member(obj, key);
    if (v && v->is_number()) // epoch seconds
        return QDateTime::fromSecsSinceEpoch(integer(obj, key), Qt::UTC);
    return v && v->is_string() ? parseDateTime(toQString(*v)) : QDateTime();
}

inline json fromDateTime(const QDateTime &dt)
{
    return dt.isValid() ? json(dt.toUTC().toString(Qt::ISODateWithMs).toStdString()) : json();
}

} // namespace Trove::Json

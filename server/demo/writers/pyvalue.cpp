#include "pyvalue.h"

#include "npywriter.h"
#include "picklewriter.h"

#include <QStringList>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace Trove::Server {

PyValue PyValue::boolean(bool v)
{
    PyValue p;
    p.m_kind = Kind::Bool;
    p.m_bool = v;
    return p;
}

PyValue PyValue::integer(qint64 v)
{
    PyValue p;
    p.m_kind = Kind::Int;
    p.m_int = v;
    return p;
}

PyValue PyValue::floating(double v)
{
    PyValue p;
    p.m_kind = Kind::Float;
    p.m_float = v;
    return p;
}

PyValue PyValue::str(const QString &v)
{
    PyValue p;
    p.m_kind = Kind::Str;
    p.m_str = v;
    return p;
}

PyValue PyValue::bytes(const QByteArray &v)
{
    PyValue p;
    p.m_kind = Kind::Bytes;
    p.m_bytes = v;
    return p;
}

PyValue PyValue::list(std::vector<PyValue> items)
{
    PyValue p;
    p.m_kind = Kind::List;
    p.m_items = std::move(items);
    return p;
}

PyValue PyValue::tuple(std::vector<PyValue> items)
{
    PyValue p;
    p.m_kind = Kind::Tuple;
    p.m_items = std::move(items);
    return p;
}

PyValue PyValue::dict(std::vector<std::pair<PyValue, PyValue>> items)
{
    PyValue p;
    p.m_kind = Kind::Dict;
    p.m_dict = std::move(items);
    return p;
}

PyValue PyValue::ndarray(std::vector<qint64> shape, std::vector<double> values)
{
    PyValue p;
    p.m_kind = Kind::NdArray;
    p.m_shape = std::move(shape);
    p.m_values = std::move(values);
    return p;
}

QString PyValue::floatRepr(double v)
{
    if (std::isnan(v))
        return QStringLiteral("nan");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    char buf[64];
    const double a = std::fabs(v);
    if (a == 0.0 || (a >= 1e-4 && a < 1e16)) {
        const auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
        QString s = QString::fromLatin1(buf, int(res.ptr - buf));
        if (!s.contains(QLatin1Char('.')))
            s += QStringLiteral(".0");
        return s;
    }
    const auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
    return QString::fromLatin1(buf, int(res.ptr - buf));
}

QString PyValue::strRepr(const QString &s)
{
    const QChar quote = (s.contains(QLatin1Char('\'')) && !s.contains(QLatin1Char('"')))
                                ? QLatin1Char('"')
                                : QLatin1Char('\'');
    QString out(quote);
    for (QChar c : s) {
        if (c == quote || c == QLatin1Char('\\'))
            out += QLatin1Char('\\') + c;
        else if (c == QLatin1Char('\n'))
            out += QStringLiteral("\\n");
        else if (c == QLatin1Char('\r'))
            out += QStringLiteral("\\r");
        else if (c == QLatin1Char('\t'))
            out += QStringLiteral("\\t");
        else if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out + quote;
}

namespace {

QString bytesRepr(const QByteArray &b)
{
    QString out = QStringLiteral("b'");
    for (char ch : b) {
        const auto c = quint8(ch);
        if (c == '\'' || c == '\\')
            out += QString(QLatin1Char('\\')) + QLatin1Char(char(c));
        else if (c == '\n')
            out += QStringLiteral("\\n");
        else if (c == '\r')
            out += QStringLiteral("\\r");
        else if (c == '\t')
            out += QStringLiteral("\\t");
        else if (c < 0x20 || c >= 0x7f)
            out += QStringLiteral("\\x%1").arg(c, 2, 16, QLatin1Char('0'));
        else
            out += QLatin1Char(char(c));
    }
    return out + QLatin1Char('\'');
}

QString jsonString(const QString &s)
{
    QString out(QLatin1Char('"'));
    for (QChar c : s) {
        const ushort u = c.unicode();
        if (c == QLatin1Char('"'))
            out += QStringLiteral("\\\"");
        else if (c == QLatin1Char('\\'))
            out += QStringLiteral("\\\\");
        else if (c == QLatin1Char('\n'))
            out += QStringLiteral("\\n");
        else if (c == QLatin1Char('\r'))
            out += QStringLiteral("\\r");
        else if (c == QLatin1Char('\t'))
            out += QStringLiteral("\\t");
        else if (u == 0x08)
            out += QStringLiteral("\\b");
        else if (u == 0x0c)
            out += QStringLiteral("\\f");
        else if (u < 0x20 || u > 0x7e)
            out += QStringLiteral("\\u%1").arg(u, 4, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out + QLatin1Char('"');
}

// The key order of json.dumps(sort_keys=True): keys are compared as Python strings.
bool keyLess(const std::pair<PyValue, PyValue> &a, const std::pair<PyValue, PyValue> &b)
{
    return a.first.repr() < b.first.repr();
}

} // namespace

QString PyValue::repr() const
{
    switch (m_kind) {
    case Kind::None:
        return QStringLiteral("None");
    case Kind::Bool:
        return m_bool ? QStringLiteral("True") : QStringLiteral("False");
    case Kind::Int:
        return QString::number(m_int);
    case Kind::Float:
        return floatRepr(m_float);
    case Kind::Str:
        return strRepr(m_str);
    case Kind::Bytes:
        return bytesRepr(m_bytes);
    case Kind::List:
    case Kind::Tuple: {
        QStringList parts;
        for (const PyValue &v : m_items)
            parts << v.repr();
        const QString inner = parts.join(QStringLiteral(", "));
        if (m_kind == Kind::List)
            return QLatin1Char('[') + inner + QLatin1Char(']');
        return QLatin1Char('(') + inner
               + (m_items.size() == 1 ? QStringLiteral(",)") : QStringLiteral(")"));
    }
    case Kind::Dict: {
        QStringList parts;
        for (const auto &[k, v] : m_dict)
            parts << k.repr() + QStringLiteral(": ") + v.repr();
        return QLatin1Char('{') + parts.join(QStringLiteral(", ")) + QLatin1Char('}');
    }
    case Kind::NdArray:
        if (m_shape.size() == 2)
            return Npy::reprFloat2d(m_values, m_shape[0], m_shape[1]);
        return Npy::reprFloat2d(m_values, 1, qint64(m_values.size()))
                .replace(QStringLiteral("array([["), QStringLiteral("array(["))
                .replace(QStringLiteral("]])"), QStringLiteral("])"));
    }
    return {};
}

void PyValue::jsonInto(QString &out, int indent) const
{
    const QString pad(indent + 4, QLatin1Char(' '));
    const QString closePad(indent, QLatin1Char(' '));
    switch (m_kind) {
    case Kind::None:
        out += QStringLiteral("null");
        return;
    case Kind::Bool:
        out += m_bool ? QStringLiteral("true") : QStringLiteral("false");
        return;
    case Kind::Int:
        out += QString::number(m_int);
        return;
    case Kind::Float:
        out += std::isnan(m_float) ? QStringLiteral("NaN")
               : std::isinf(m_float)
                       ? (m_float > 0 ? QStringLiteral("Infinity") : QStringLiteral("-Infinity"))
                       : floatRepr(m_float);
        return;
    case Kind::Str:
        out += jsonString(m_str);
        return;
    case Kind::Bytes:
    case Kind::NdArray:
        out += jsonString(repr()); // not JSON-serializable in Python; never used in a dict artifact
        return;
    case Kind::List:
    case Kind::Tuple:
        if (m_items.empty()) {
            out += QStringLiteral("[]");
            return;
        }
        out += QStringLiteral("[\n");
        for (size_t i = 0; i < m_items.size(); ++i) {
            out += pad;
            m_items[i].jsonInto(out, indent + 4);
            out += i + 1 < m_items.size() ? QStringLiteral(",\n") : QStringLiteral("\n");
        }
        out += closePad + QLatin1Char(']');
        return;
    case Kind::Dict: {
        if (m_dict.empty()) {
            out += QStringLiteral("{}");
            return;
        }
        auto sorted = m_dict;
        std::stable_sort(sorted.begin(), sorted.end(), keyLess);
        out += QStringLiteral("{\n");
        for (size_t i = 0; i < sorted.size(); ++i) {
            out += pad;
            const PyValue &k = sorted[i].first;
            out += jsonString(k.m_kind == Kind::Str ? k.m_str : k.repr());
            out += QStringLiteral(": ");
            sorted[i].second.jsonInto(out, indent + 4);
            out += i + 1 < sorted.size() ? QStringLiteral(",\n") : QStringLiteral("\n");
        }
        out += closePad + QLatin1Char('}');
        return;
    }
    }
}

QString PyValue::json() const
{
    QString out;
    jsonInto(out, 0);
    return out;
}

QString PyValue::yamlScalar() const
{
    switch (m_kind) {
    case Kind::None:
        return QStringLiteral("null");
    case Kind::Bool:
        return m_bool ? QStringLiteral("true") : QStringLiteral("false");
    case Kind::Int:
        return QString::number(m_int);
    case Kind::Float:
        return std::isnan(m_float) ? QStringLiteral(".nan") : floatRepr(m_float);
    case Kind::Str: {
        static const QString special = QStringLiteral("-?:,[]{}#&*!|>'\"%@`");
        bool plain = !m_str.isEmpty() && !special.contains(m_str.front())
                     && !m_str.contains(QStringLiteral(": "))
                     && !m_str.contains(QStringLiteral(" #")) && !m_str.startsWith(QLatin1Char(' '))
                     && !m_str.endsWith(QLatin1Char(' ')) && !m_str.contains(QLatin1Char('\n'));
        bool okNumber = false;
        m_str.toDouble(&okNumber);
        static const QStringList reserved{QStringLiteral("true"), QStringLiteral("false"),
                                          QStringLiteral("yes"),  QStringLiteral("no"),
                                          QStringLiteral("null"), QStringLiteral("on"),
                                          QStringLiteral("off"),  QStringLiteral("~")};
        if (okNumber || reserved.contains(m_str.toLower()))
            plain = false;
        if (plain)
            return m_str;
        QString quoted = m_str;
        quoted.replace(QLatin1Char('\''), QStringLiteral("''"));
        return QLatin1Char('\'') + quoted + QLatin1Char('\'');
    }
    default:
        return repr();
    }
}

void PyValue::yamlInto(QString &out, int indent, bool inSequence) const
{
    const QString pad(indent, QLatin1Char(' '));
    if (m_kind == Kind::Dict && !m_dict.empty()) {
        auto sorted = m_dict;
        std::stable_sort(sorted.begin(), sorted.end(), keyLess);
        bool first = true;
        for (const auto &[k, v] : sorted) {
            out += (first && inSequence) ? QString() : pad;
            first = false;
            out += k.yamlScalar() + QLatin1Char(':');
            const bool nested = (v.m_kind == Kind::Dict && !v.m_dict.empty())
                                || ((v.m_kind == Kind::List || v.m_kind == Kind::Tuple)
                                    && !v.m_items.empty());
            if (!nested) {
                out += QLatin1Char(' ')
                       + (v.m_kind == Kind::Dict                              ? QStringLiteral("{}")
                          : v.m_kind == Kind::List || v.m_kind == Kind::Tuple ? QStringLiteral("[]")
                                                                              : v.yamlScalar())
                       + QLatin1Char('\n');
            } else if (v.m_kind == Kind::Dict) {
                out += QLatin1Char('\n');
                v.yamlInto(out, indent + 4, false);
            } else {
                out += QLatin1Char('\n');
                v.yamlInto(out, indent, false); // PyYAML: sequences are not indented
            }
        }
        return;
    }
    if ((m_kind == Kind::List || m_kind == Kind::Tuple) && !m_items.empty()) {
        for (const PyValue &v : m_items) {
            if ((v.m_kind == Kind::Dict && !v.m_dict.empty())) {
                out += pad + QStringLiteral("-   ");
                v.yamlInto(out, indent + 4, true);
                continue;
            }
            out += pad + QStringLiteral("- ");
            if ((v.m_kind == Kind::List || v.m_kind == Kind::Tuple) && !v.m_items.empty()) {
                out += QLatin1Char('\n');
                v.yamlInto(out, indent + 4, false);
            } else {
                out += v.yamlScalar() + QLatin1Char('\n');
            }
        }
        return;
    }
    out += pad + yamlScalar() + QLatin1Char('\n');
}

QString PyValue::yaml() const
{
    QString out;
    yamlInto(out, 0, false);
    return out;
}

void PyValue::pickle(PickleWriter &w) const
{
    switch (m_kind) {
    case Kind::None:
        w.none();
        return;
    case Kind::Bool:
        w.boolean(m_bool);
        return;
    case Kind::Int:
        w.integer(m_int);
        return;
    case Kind::Float:
        w.floating(m_float);
        return;
    case Kind::Str:
        w.string(m_str);
        return;
    case Kind::Bytes:
        w.bytes(m_bytes);
        return;
    case Kind::List:
        w.emptyList();
        if (m_items.size() == 1) {
            m_items.front().pickle(w);
            w.append();
        } else if (!m_items.empty()) {
            w.mark();
            for (const PyValue &v : m_items)
                v.pickle(w);
            w.appends();
        }
        return;
    case Kind::Tuple:
        if (m_items.empty()) {
            w.emptyTuple();
        } else if (m_items.size() <= 3) {
            for (const PyValue &v : m_items)
                v.pickle(w);
            w.tupleN(int(m_items.size()));
        } else {
            w.mark();
            for (const PyValue &v : m_items)
                v.pickle(w);
            w.tuple();
        }
        return;
    case Kind::Dict:
        w.emptyDict();
        if (m_dict.size() == 1) {
            m_dict.front().first.pickle(w);
            m_dict.front().second.pickle(w);
            w.setItem();
        } else if (!m_dict.empty()) {
            w.mark();
            for (const auto &[k, v] : m_dict) {
                k.pickle(w);
                v.pickle(w);
            }
            w.setItems();
        }
        return;
    case Kind::NdArray: {
        // ndarray.__reduce__: _reconstruct(ndarray, (0,), b'b') then BUILD with
        // (1, shape, dtype('<f8'), False, raw bytes).
        const QString mod = QStringLiteral("numpy.core.multiarray");
        w.global(mod, QStringLiteral("_reconstruct"));
        w.global(QStringLiteral("numpy"), QStringLiteral("ndarray"));
        w.integer(0);
        w.tupleN(1);
        w.bytes(QByteArrayLiteral("b"));
        w.tupleN(3);
        w.reduce();
        w.mark();
        w.integer(1);
        PyValue::tuple([&] {
            std::vector<PyValue> dims;
            for (qint64 d : m_shape)
                dims.push_back(PyValue::integer(d));
            return dims;
        }())
                .pickle(w);
        w.global(QStringLiteral("numpy"), QStringLiteral("dtype"));
        w.string(QStringLiteral("f8"));
        w.boolean(false);
        w.boolean(true);
        w.tupleN(3);
        w.reduce();
        w.mark();
        w.integer(3);
        w.string(QStringLiteral("<"));
        w.none();
        w.none();
        w.none();
        w.integer(-1);
        w.integer(-1);
        w.integer(0);
        w.tuple();
        w.build();
        w.boolean(false);
        w.bytes(Npy::float64Bytes(m_values));
        w.tuple();
        w.build();
        return;
    }
    }
}

QByteArray PyValue::pickled(int protocol) const
{
    PickleWriter w(protocol);
    pickle(w);
    return w.finish();
}

} // namespace Trove::Server

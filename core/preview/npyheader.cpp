#include "npyheader.h"

#include <charconv>

namespace Trove {
namespace {
constexpr int kMaxDepth = 16;
constexpr qint64 kMaxHeaderBytes = 1 << 20;
constexpr int kMaxDims = 64;

Error bad(const QString &what, const QString &name = {})
{
    return Error::make(Error::Kind::Parse, QStringLiteral("npy header: %1").arg(what), name);
}

class LiteralParser
{
public:
    explicit LiteralParser(QByteArrayView t)
        : m_t(t)
    {}

    Result<nlohmann::json> parseAll()
    {
        auto v = value(0);
        if (!v)
            return v;
        skipSpace();
        if (m_i != m_t.size())
            return fail("unexpected text after the literal");
        return v;
    }

private:
    Error fail(const char *what) const
    {
        return bad(QStringLiteral("%1 at offset %2").arg(QLatin1String(what)).arg(m_i));
    }
    void skipSpace()
    {
        while (m_i < m_t.size()
               && (m_t[m_i] == ' ' || m_t[m_i] == '\n' || m_t[m_i] == '\t' || m_t[m_i] == '\r'))
            ++m_i;
    }
    bool eat(char c)
    {
        skipSpace();
        if (m_i < m_t.size() && m_t[m_i] == c) {
            ++m_i;
            return true;
        }
        return false;
    }
    bool word(const char *w)
    {
        const QByteArrayView v(w);
        if (m_t.sliced(m_i).startsWith(v)) {
            m_i += v.size();
            return true;
        }
        return false;
    }

    Result<nlohmann::json> sequence(char close, int depth, bool isDict)
    {
        nlohmann::json out = isDict ? nlohmann::json::object() : nlohmann::json::array();
        for (;;) {
            if (eat(close))
                return out;
            if (isDict) {
                auto key = value(depth + 1);
                if (!key)
                    return key;
                if (!key->is_string())
                    return fail("dict key is not a string");
                if (!eat(':'))
                    return fail("expected ':'");
                auto v = value(depth + 1);
                if (!v)
                    return v;
                const std::string k = key->get<std::string>();
                if (out.contains(k))
                    return fail("duplicate key");
                out[k] = std::move(v.value());
            } else {
                auto v = value(depth + 1);
                if (!v)
                    return v;
                out.push_back(std::move(v.value()));
            }
            if (eat(close))
                return out;
            if (!eat(','))
                return fail("expected ',' or a closing bracket");
        }
    }

    Result<nlohmann::json> value(int depth)
    {
        if (depth > kMaxDepth)
            return fail("nesting too deep");
        skipSpace();
        if (m_i >= m_t.size())
            return fail("unterminated literal");
        const char c = m_t[m_i];
        if (c == '{' || c == '[' || c == '(') {
            ++m_i;
            return sequence(c == '{' ? '}' : (c == '[' ? ']' : ')'), depth, c == '{');
        }
        if (c == '\'' || c == '"') {
            ++m_i;
            std::string s;
            while (m_i < m_t.size() && m_t[m_i] != c) {
                if (m_t[m_i] == '\\') {
                    if (++m_i >= m_t.size())
                        break;
                }
                s.push_back(m_t[m_i++]);
            }
            if (m_i >= m_t.size())
                return fail("unterminated string");
            ++m_i;
            return nlohmann::json(QString::fromUtf8(s.data(), qsizetype(s.size())).toStdString());
        }
        if (word("True"))
            return nlohmann::json(true);
        if (word("False"))
            return nlohmann::json(false);
        if (word("None"))
            return nlohmann::json(nullptr);
        if (c == '-' || (c >= '0' && c <= '9')) {
            long long v = 0;
            const char *b = m_t.data() + m_i;
            const char *e = m_t.data() + m_t.size();
            auto r = std::from_chars(b, e, v);
            if (r.ec == std::errc::result_out_of_range)
                return fail("integer out of range");
            if (r.ec != std::errc())
                return fail("bad number");
            m_i += r.ptr - b;
            if (m_i < m_t.size() && m_t[m_i] == 'L') // Python 2 long suffix
                ++m_i;
            return nlohmann::json(qint64(v));
        }
        return fail("unexpected character");
    }

    QByteArrayView m_t;
    qsizetype m_i = 0;
};

Result<QList<qint64>> parseShape(const nlohmann::json &shape)
{
    if (!shape.is_array())
        return bad(QStringLiteral("shape is not a tuple"));
    if (shape.size() > kMaxDims)
        return bad(QStringLiteral("too many dimensions"));
    QList<qint64> out;
    for (const auto &d : shape) {
        if (!d.is_number_integer())
            return bad(QStringLiteral("shape holds a non-integer"));
        const qint64 v = d.get<qint64>();
        if (v < 0)
            return bad(QStringLiteral("negative dimension"));
        out.append(v);
    }
    return out;
}

bool mulOverflows(qint64 a, qint64 b, qint64 *out)
{
    return __builtin_mul_overflow(a, b, out) || *out > (qint64(1) << 62);
}
} // namespace

Result<nlohmann::json> parsePythonLiteral(QByteArrayView text)
{
    return LiteralParser(text).parseAll();
}

bool NpyDtype::isNumeric() const
{
    switch (kind) {
    case Kind::Bool:
        return itemSize == 1;
    case Kind::Int:
    case Kind::UInt:
        return itemSize == 1 || itemSize == 2 || itemSize == 4 || itemSize == 8;
    case Kind::Float:
        return itemSize == 2 || itemSize == 4 || itemSize == 8;
    case Kind::Complex:
        return itemSize == 8 || itemSize == 16;
    default:
        return false;
    }
}

QString NpyDtype::name() const
{
    const QString bits = QString::number(itemSize * 8);
    switch (kind) {
    case Kind::Bool:
        return QStringLiteral("bool");
    case Kind::Int:
        return QStringLiteral("int") + bits;
    case Kind::UInt:
        return QStringLiteral("uint") + bits;
    case Kind::Float:
        return QStringLiteral("float") + bits;
    case Kind::Complex:
        return QStringLiteral("complex") + bits;
    case Kind::Bytes:
        return QStringLiteral("bytes%1").arg(itemSize);
    case Kind::Unicode:
        return QStringLiteral("str%1").arg(itemSize / 4);
    case Kind::Object:
        return QStringLiteral("object");
    case Kind::Void:
        return QStringLiteral("void%1").arg(itemSize * 8);
    case Kind::DateTime:
        return QStringLiteral("datetime64");
    case Kind::TimeDelta:
        return QStringLiteral("timedelta64");
    case Kind::Structured:
        return QStringLiteral("structured");
    }
    return QString();
}

nlohmann::json NpyDtype::toJson() const
{
    nlohmann::json j;
    j["name"] = name().toStdString();
    j["descr"] = descr.toStdString();
    j["itemsize"] = itemSize;
    if (itemSize > 1 && kind != Kind::Structured)
        j["byteorder"] = bigEndian ? "big" : "little";
    if (kind == Kind::Structured) {
        auto fields = nlohmann::json::array();
        for (const auto &f : this->fields) {
            nlohmann::json fj = f.dtype.toJson();
            fj["field"] = f.name.toStdString();
            if (!f.shape.isEmpty())
                fj["shape"] = std::vector<qint64>(f.shape.begin(), f.shape.end());
            fields.push_back(std::move(fj));
        }
        j["fields"] = std::move(fields);
    }
    return j;
}

Result<NpyDtype> parseNpyDtype(const nlohmann::json &descr, int depth)
{
    if (depth > kMaxDepth)
        return bad(QStringLiteral("dtype nesting too deep"));
    NpyDtype d;
    if (descr.is_array()) {
        d.kind = NpyDtype::Kind::Structured;
        d.descr = QStringLiteral("structured");
        d.itemSize = 0;
        if (descr.empty() || descr.size() > 4096)
            return bad(QStringLiteral("structured dtype with %1 fields").arg(descr.size()));
        for (const auto &f : descr) {
            if (!f.is_array() || f.size() < 2 || f.size() > 3)
                return bad(QStringLiteral("structured field is not (name, dtype[, shape])"));
            NpyField field;
            const auto &n = f.at(0);
            if (n.is_string())
                field.name = QString::fromStdString(n.get<std::string>());
            else if (n.is_array() && n.size() == 2 && n.at(1).is_string()) // (title, name)
                field.name = QString::fromStdString(n.at(1).get<std::string>());
            else
                return bad(QStringLiteral("structured field name"));
            auto sub = parseNpyDtype(f.at(1), depth + 1);
            if (!sub)
                return sub.error();
            field.dtype = std::move(sub.value());
            qint64 size = field.dtype.itemSize;
            if (f.size() == 3) {
                auto shape = parseShape(
                        f.at(2).is_number_integer() ? nlohmann::json::array({f.at(2)}) : f.at(2));
                if (!shape)
                    return shape.error();
                field.shape = shape.value();
                for (qint64 dim : field.shape)
                    if (mulOverflows(size, dim, &size))
                        return bad(QStringLiteral("field size overflows"));
            }
            if (__builtin_add_overflow(d.itemSize, size, &d.itemSize) || d.itemSize > (1 << 30))
                return bad(QStringLiteral("structured item size too large"));
            d.fields.push_back(std::move(field));
        }
        return d;
    }
    if (!descr.is_string())
        return bad(QStringLiteral("descr is neither a str nor a list"));
    const std::string s = descr.get<std::string>();
    d.descr = QString::fromStdString(s);
    QByteArrayView v(s.data(), qsizetype(s.size()));
    if (!v.isEmpty() && (v[0] == '<' || v[0] == '>' || v[0] == '|' || v[0] == '=')) {
        d.bigEndian = v[0] == '>'; // '=' is native: little-endian on every platform Trove runs
        v = v.sliced(1);
    }
    if (v.isEmpty())
        return bad(QStringLiteral("empty descr"));
    const char code = v[0];
    QByteArrayView rest = v.sliced(1);
    QByteArrayView unit;
    if (const qsizetype br = rest.indexOf('['); br >= 0) {
        unit = rest.sliced(br);
        rest = rest.first(br);
    }
    qint64 size = 0;
    if (!rest.isEmpty()) {
        auto r = std::from_chars(rest.data(), rest.data() + rest.size(), size);
        if (r.ec != std::errc() || r.ptr != rest.data() + rest.size() || size < 0
            || size > (1 << 30))
            return bad(QStringLiteral("bad item size in descr '%1'").arg(d.descr));
    }
    using K = NpyDtype::Kind;
    switch (code) {
    case 'b':
    case '?':
        d.kind = K::Bool;
        size = rest.isEmpty() ? 1 : size;
        break;
    case 'i':
        d.kind = K::Int;
        break;
    case 'u':
        d.kind = K::UInt;
        break;
    case 'f':
        d.kind = K::Float;
        break;
    case 'c':
        d.kind = K::Complex;
        break;
    case 'S':
    case 'a':
        d.kind = K::Bytes;
        break;
    case 'U':
        d.kind = K::Unicode;
        size *= 4;
        break;
    case 'V':
        d.kind = K::Void;
        break;
    case 'O':
        d.kind = K::Object;
        size = 8;
        break;
    case 'M':
        d.kind = K::DateTime;
        break;
    case 'm':
        d.kind = K::TimeDelta;
        break;
    default:
        return bad(QStringLiteral("unknown dtype '%1'").arg(d.descr));
    }
    if (!unit.isEmpty() && d.kind != K::DateTime && d.kind != K::TimeDelta)
        return bad(QStringLiteral("unexpected unit in '%1'").arg(d.descr));
    if (size <= 0 && d.kind != K::Bytes && d.kind != K::Unicode && d.kind != K::Void)
        return bad(QStringLiteral("missing item size in '%1'").arg(d.descr));
    d.itemSize = size;
    if ((d.kind == K::Int || d.kind == K::UInt || d.kind == K::Float || d.kind == K::Complex)
        && !d.isNumeric() && !(d.kind == K::Float && size == 16)
        && !(d.kind == K::Complex && size == 32))
        return bad(QStringLiteral("unsupported item size in '%1'").arg(d.descr));
    return d;
}

Result<qint64> NpyHeader::requiredBytes(const QByteArray &b, const QString &name)
{
    if (b.size() < 10 || !b.startsWith("\x93NUMPY"))
        return bad(QStringLiteral("not an .npy file (bad magic)"), name);
    const int major = uchar(b[6]);
    if (major == 1)
        return 10 + (qint64(uchar(b[8])) | qint64(uchar(b[9])) << 8);
    if (major != 2 && major != 3)
        return bad(QStringLiteral("unsupported format version %1.%2").arg(major).arg(uchar(b[7])),
                   name);
    if (b.size() < 12)
        return bad(QStringLiteral("truncated header"), name);
    const qint64 len = qint64(uchar(b[8])) | qint64(uchar(b[9])) << 8 | qint64(uchar(b[10])) << 16
                       | qint64(uchar(b[11])) << 24;
    if (len > kMaxHeaderBytes)
        return bad(QStringLiteral("header of %1 bytes is too large").arg(len), name);
    return 12 + len;
}

Result<NpyHeader> NpyHeader::parse(const QByteArray &bytes, const QString &name)
{
    auto need = requiredBytes(bytes.left(12), name);
    if (!need)
        return need.error();
    if (bytes.size() < need.value())
        return bad(QStringLiteral("truncated header"), name);
    NpyHeader h;
    h.major = uchar(bytes[6]);
    h.minor = uchar(bytes[7]);
    h.dataOffset = need.value();
    const qsizetype start = h.major == 1 ? 10 : 12;
    auto dict = parsePythonLiteral(QByteArrayView(bytes).sliced(start, h.dataOffset - start));
    if (!dict)
        return Error::make(Error::Kind::Parse, dict.error().message, name);
    const nlohmann::json &j = dict.value();
    if (!j.is_object() || j.size() != 3 || !j.contains("descr") || !j.contains("fortran_order")
        || !j.contains("shape"))
        return bad(QStringLiteral("expected a dict with exactly descr, fortran_order, shape"),
                   name);
    if (!j.at("fortran_order").is_boolean())
        return bad(QStringLiteral("fortran_order is not a bool"), name);
    h.fortranOrder = j.at("fortran_order").get<bool>();
    auto dtype = parseNpyDtype(j.at("descr"));
    if (!dtype)
        return Error::make(Error::Kind::Parse, dtype.error().message, name);
    h.dtype = std::move(dtype.value());
    auto shape = parseShape(j.at("shape"));
    if (!shape)
        return Error::make(Error::Kind::Parse, shape.error().message, name);
    h.shape = shape.value();
    h.count = 1;
    for (qint64 d : h.shape)
        if (mulOverflows(h.count, d, &h.count))
            return bad(QStringLiteral("shape overflows"), name);
    if (mulOverflows(h.count, h.dtype.itemSize, &h.dataBytes))
        return bad(QStringLiteral("data size overflows"), name);
    return h;
}

} // namespace Trove

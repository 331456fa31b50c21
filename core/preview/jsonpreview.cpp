#include "jsonpreview.h"

#include "preview/textdecoder.h"

#include <istream>
#include <streambuf>

namespace Trove {
namespace {

using json = nlohmann::json;

/// A std::streambuf reading a ByteSource sequentially in 1 MiB chunks, with cancellation.
class SourceBuf final : public std::streambuf
{
public:
    SourceBuf(ByteSource &source, const PreviewOptions &options)
        : m_source(source)
        , m_options(options)
        , m_tokenCap(std::max<qint64>(1 << 20, options.maxBytesInMemory / 4))
    {}
    Error error;

    /// Called on every parser event: the lexer holds at most one token in memory, so a gap
    /// between events larger than the cap means one huge string or number; refuse it.
    void mark() { m_mark = m_pos - (egptr() - gptr()); }

protected:
    int_type underflow() override
    {
        if (gptr() < egptr())
            return traits_type::to_int_type(*gptr());
        if (m_options.cancelled()) {
            error = Error::make(Error::Kind::Cancelled, QString(), m_source.name());
            return traits_type::eof();
        }
        if (m_pos - m_mark > m_tokenCap) {
            error = Error::make(Error::Kind::Parse,
                                QStringLiteral("a single JSON value near byte %1 is larger than "
                                               "%2 bytes")
                                        .arg(m_mark)
                                        .arg(m_tokenCap),
                                m_source.name());
            return traits_type::eof();
        }
        auto r = m_source.read(m_pos, 1 << 20);
        if (!r) {
            error = r.error();
            return traits_type::eof();
        }
        if (r->isEmpty())
            return traits_type::eof();
        m_buf = std::move(r.value());
        m_pos += m_buf.size();
        setg(m_buf.data(), m_buf.data(), m_buf.data() + m_buf.size());
        return traits_type::to_int_type(*gptr());
    }

private:
    ByteSource &m_source;
    const PreviewOptions &m_options;
    qint64 m_tokenCap;
    QByteArray m_buf;
    qint64 m_pos = 0;
    qint64 m_mark = 0;
};

class OutlineSax final : public nlohmann::json_sax<json>
{
public:
    OutlineSax(const JsonPreview::Limits &limits, SourceBuf &buf)
        : m_limits(limits)
        , m_buf(buf)
    {}
    json root;
    QString failure;
    bool tooDeep = false;

    bool null() override { return scalar("null", nullptr); }
    bool boolean(bool v) override { return scalar("boolean", v); }
    bool number_integer(number_integer_t v) override { return scalar("number", v); }
    bool number_unsigned(number_unsigned_t v) override { return scalar("number", v); }
    bool number_float(number_float_t, const string_t &s) override
    {
        return scalar("number", json(s));
    }
    bool string(string_t &v) override
    {
        QString s = QString::fromStdString(v);
        const bool cut = s.size() > m_limits.maxStringChars;
        if (cut)
            s.truncate(m_limits.maxStringChars);
        json value = s.toStdString();
        if (!scalar("string", value))
            return false;
        if (cut && m_lastStored)
            (*m_lastStored)["truncated"] = true;
        return true;
    }
    bool binary(binary_t &) override { return scalar("binary", nullptr); }
    bool key(string_t &k) override
    {
        m_buf.mark();
        m_key = k;
        m_hasKey = true;
        return true;
    }
    bool start_object(std::size_t) override { return open("object"); }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override { return open("array"); }
    bool end_array() override { return close(); }
    bool parse_error(std::size_t position,
                     const std::string &,
                     const nlohmann::detail::exception &e) override
    {
        failure = QStringLiteral("invalid JSON at byte %1: %2")
                          .arg(position)
                          .arg(QString::fromUtf8(e.what()));
        return false;
    }

private:
    struct Frame
    {
        json *node; ///< null when this container is not stored
        qint64 count = 0;
    };

    json *add(json node)
    {
        m_buf.mark();
        json *stored = nullptr;
        if (m_hasKey)
            node["key"] = m_key;
        m_hasKey = false;
        if (m_stack.empty()) {
            root = std::move(node);
            stored = &root;
        } else {
            Frame &parent = m_stack.back();
            ++parent.count;
            if (parent.node && m_nodes < m_limits.maxNodes
                && parent.count <= m_limits.maxChildren) {
                json &children = (*parent.node)["children"];
                children.push_back(std::move(node));
                stored = &children.back();
                ++m_nodes;
            } else if (parent.node) {
                (*parent.node)["truncated"] = true;
            }
        }
        return stored;
    }
    bool scalar(const char *type, json value)
    {
        json node = {{"type", type}};
        if (!value.is_null() || std::string(type) == "null")
            node["value"] = value.is_string() ? value : json(value.dump());
        m_lastStored = add(std::move(node));
        return true;
    }
    bool open(const char *type)
    {
        if (int(m_stack.size()) >= m_limits.maxDepth) {
            tooDeep = true;
            failure = QStringLiteral("JSON nesting deeper than %1 levels").arg(m_limits.maxDepth);
            return false;
        }
        json *node = add({{"type", type}, {"children", json::array()}});
        m_stack.push_back({node, 0});
        return true;
    }
    bool close()
    {
        m_buf.mark();
        if (m_stack.back().node)
            (*m_stack.back().node)["count"] = m_stack.back().count;
        m_stack.pop_back();
        return true;
    }

    JsonPreview::Limits m_limits;
    SourceBuf &m_buf;
    std::vector<Frame> m_stack;
    std::string m_key;
    bool m_hasKey = false;
    int m_nodes = 0;
    json *m_lastStored = nullptr;
};

} // namespace

Result<QString> JsonPreview::prettyPrint(ByteSource &source,
                                         const PreviewOptions &options,
                                         qint64 maxInputBytes,
                                         qint64 maxOutputChars)
{
    auto chunk = TextDecoder::readChunk(source, 0, maxInputBytes, options);
    if (!chunk)
        return chunk.error();
    const QString &in = chunk->text;
    QString out;
    out.reserve(std::min<qint64>(in.size() * 2, maxOutputChars));
    int indent = 0;
    bool inString = false;
    bool escape = false;
    auto newline = [&]() {
        out += QLatin1Char('\n');
        out += QString(std::min(indent, 64) * 2, QLatin1Char(' '));
    };
    for (qsizetype i = 0; i < in.size() && out.size() < maxOutputChars; ++i) {
        const QChar c = in.at(i);
        if (inString) {
            out += c;
            if (escape)
                escape = false;
            else if (c == QLatin1Char('\\'))
                escape = true;
            else if (c == QLatin1Char('"'))
                inString = false;
            continue;
        }
        switch (c.unicode()) {
        case '"':
            inString = true;
            out += c;
            break;
        case '{':
        case '[': {
            out += c;
            // Keep empty containers on one line.
            qsizetype j = i + 1;
            while (j < in.size() && in.at(j).isSpace())
                ++j;
            if (j < in.size() && (in.at(j) == QLatin1Char('}') || in.at(j) == QLatin1Char(']'))) {
                out += in.at(j);
                i = j;
                break;
            }
            ++indent;
            newline();
            break;
        }
        case '}':
        case ']':
            indent = std::max(0, indent - 1);
            newline();
            out += c;
            break;
        case ',':
            out += c;
            newline();
            break;
        case ':':
            out += QStringLiteral(": ");
            break;
        case ' ':
        case '\t':
        case '\n':
        case '\r':
            break;
        default:
            out += c;
        }
    }
    if (!chunk->atEnd || out.size() >= maxOutputChars)
        out += QStringLiteral("\n... (preview truncated)");
    return out;
}

Result<json> JsonPreview::outline(ByteSource &source, const PreviewOptions &options)
{
    return outline(source, options, Limits{});
}

Result<json>
JsonPreview::outline(ByteSource &source, const PreviewOptions &options, const Limits &limits)
{
    // Skip a UTF-8 BOM; other encodings are not JSON (RFC 8259 requires UTF-8).
    SourceBuf buf(source, options);
    std::istream in(&buf);
    auto head = source.read(0, 3);
    if (head.ok() && head->startsWith("\xEF\xBB\xBF"))
        in.ignore(3);
    OutlineSax sax(limits, buf);
    bool ok = false;
    try {
        ok = json::sax_parse(in, &sax, json::input_format_t::json, true, true);
    } catch (const std::exception &e) {
        return Error::make(Error::Kind::Parse,
                           QStringLiteral("invalid JSON: %1").arg(QString::fromUtf8(e.what())),
                           source.name());
    }
    if (buf.error.kind != Error::Kind::None)
        return buf.error;
    if (!ok)
        return Error::make(Error::Kind::Parse,
                           sax.failure.isEmpty() ? QStringLiteral("invalid JSON") : sax.failure,
                           source.name());
    return sax.root;
}

} // namespace Trove

#include "hoconparser.h"

#include <map>
#include <memory>
#include <set>
#include <vector>

namespace Trove {

namespace {

struct Node;
using NodePtr = std::shared_ptr<Node>;

/// The parse tree before substitutions are resolved.
struct Node
{
    enum class Kind { Null, Bool, Int, Double, String, Object, List, Concat, Subst };
    Kind kind = Kind::Null;
    bool boolean = false;
    qint64 integer = 0;
    double real = 0;
    QString text;                                    // String; path for Subst
    bool optional = false;                           // Subst
    std::vector<std::pair<QString, NodePtr>> fields; // Object, in order
    std::vector<NodePtr> items;                      // List items; Concat parts
    NodePtr prior; // the value this one replaced (kept for an unresolved ${?x})
    int line = 0;
    int column = 0;

    NodePtr field(const QString &key) const
    {
        for (const auto &f : fields)
            if (f.first == key)
                return f.second;
        return nullptr;
    }
    void setField(const QString &key, NodePtr value)
    {
        for (auto &f : fields) {
            if (f.first == key) {
                f.second = std::move(value);
                return;
            }
        }
        fields.emplace_back(key, std::move(value));
    }
    void removeField(const QString &key)
    {
        std::erase_if(fields, [&](const auto &f) { return f.first == key; });
    }
};

NodePtr makeNode(Node::Kind kind, int line, int column)
{
    auto n = std::make_shared<Node>();
    n->kind = kind;
    n->line = line;
    n->column = column;
    return n;
}

struct ParseError
{
    int line;
    int column;
    QString message;
};

/// Recursive-descent parser over the decoded text. Throws ParseError, caught in parse().
class Parser
{
public:
    Parser(const QString &text, int maxDepth, QStringList *warnings, QString fileName)
        : m_text(text)
        , m_maxDepth(maxDepth)
        , m_warnings(warnings)
        , m_fileName(std::move(fileName))
    {}

    NodePtr parseRoot()
    {
        skipBlank(true);
        NodePtr root;
        if (peek() == QLatin1Char('{')) {
            root = parseObject();
            skipBlank(true);
            if (!atEnd())
                fail(QStringLiteral("unexpected '%1' after the root object").arg(peek()));
        } else {
            root = makeNode(Node::Kind::Object, m_line, m_col);
            parseFields(*root, QChar());
        }
        return root;
    }

private:
    [[noreturn]] void fail(const QString &message) { throw ParseError{m_line, m_col, message}; }
    [[noreturn]] void failAt(int line, int col, const QString &message)
    {
        throw ParseError{line, col, message};
    }

    bool atEnd() const { return m_pos >= m_text.size(); }
    QChar peek(int ahead = 0) const
    {
        const qsizetype p = m_pos + ahead;
        return p < m_text.size() ? m_text.at(p) : QChar();
    }
    QChar get()
    {
        const QChar c = m_text.at(m_pos++);
        if (c == QLatin1Char('\n')) {
            ++m_line;
            m_col = 1;
        } else {
            ++m_col;
        }
        return c;
    }
    bool startsWith(QLatin1String s) const { return QStringView(m_text).mid(m_pos).startsWith(s); }
    bool atComment() const
    {
        return peek() == QLatin1Char('#')
               || (peek() == QLatin1Char('/') && peek(1) == QLatin1Char('/'));
    }
    static bool isSpace(QChar c)
    {
        return c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\r')
               || c == QChar(0xFEFF) || c == QChar(0x00A0);
    }
    void skipComment()
    {
        while (!atEnd() && peek() != QLatin1Char('\n'))
            get();
    }
    /// Skips spaces and comments; newlines too when `newlines` is set. Returns true if at
    /// least one newline was crossed.
    bool skipBlank(bool newlines)
    {
        bool crossed = false;
        while (!atEnd()) {
            const QChar c = peek();
            if (isSpace(c)) {
                get();
            } else if (c == QLatin1Char('\n') && newlines) {
                crossed = true;
                get();
            } else if (atComment()) {
                skipComment();
            } else {
                break;
            }
        }
        return crossed;
    }

    void enter()
    {
        if (++m_depth > m_maxDepth)
            fail(QStringLiteral("nesting deeper than %1 levels").arg(m_maxDepth));
    }
    void leave() { --m_depth; }

    NodePtr parseObject()
    {
        enter();
        auto obj = makeNode(Node::Kind::Object, m_line, m_col);
        get(); // '{'
        parseFields(*obj, QLatin1Char('}'));
        leave();
        return obj;
    }

    /// Fields until `end` ('}' consumed here) or the end of input when `end` is null.
    void parseFields(Node &obj, QChar end)
    {
        const int openLine = m_line;
        const int openCol = m_col;
        for (;;) {
            skipBlank(true);
            while (peek() == QLatin1Char(',')) {
                get();
                skipBlank(true);
            }
            if (atEnd()) {
                if (!end.isNull())
                    failAt(openLine, openCol - 1,
                           QStringLiteral("unterminated object: missing '}'"));
                return;
            }
            if (!end.isNull() && peek() == end) {
                get();
                return;
            }
            if (peek() == QLatin1Char('}') || peek() == QLatin1Char(']'))
                fail(QStringLiteral("unexpected '%1'").arg(peek()));
            if (startsWith(QLatin1String("include")) && isIncludeStatement()) {
                skipInclude();
            } else {
                parseField(obj);
            }
            // A field ends at a newline, a comma, or the closing brace.
            const bool newline = skipBlank(false) || peek() == QLatin1Char('\n');
            if (atEnd() || newline || peek() == QLatin1Char(','))
                continue;
            if (!end.isNull() && peek() == end)
                continue;
            fail(QStringLiteral("expected a newline or ',' after a value, found '%1'").arg(peek()));
        }
    }

    bool isIncludeStatement() const
    {
        qsizetype p = m_pos + 7;
        while (p < m_text.size() && isSpace(m_text.at(p)))
            ++p;
        if (p == m_pos + 7 || p >= m_text.size())
            return false;
        const QChar c = m_text.at(p);
        return c == QLatin1Char('"')
               || QStringView(m_text).mid(p).startsWith(QLatin1String("file("))
               || QStringView(m_text).mid(p).startsWith(QLatin1String("url("))
               || QStringView(m_text).mid(p).startsWith(QLatin1String("classpath("))
               || QStringView(m_text).mid(p).startsWith(QLatin1String("required("));
    }

    void skipInclude()
    {
        const int line = m_line;
        QString stmt;
        while (!atEnd() && peek() != QLatin1Char('\n') && peek() != QLatin1Char(',')
               && !atComment())
            stmt += get();
        if (m_warnings)
            m_warnings->append(QStringLiteral("%1:%2: include ignored: %3")
                                       .arg(m_fileName)
                                       .arg(line)
                                       .arg(stmt.trimmed()));
    }

    QStringList parseKeyPath()
    {
        QStringList path;
        QString segment;
        bool haveSegment = false;
        for (;;) {
            const QChar c = peek();
            if (c == QLatin1Char('"')) {
                if (startsWith(QLatin1String("\"\"\"")))
                    fail(QStringLiteral("triple-quoted keys are not allowed"));
                segment += parseQuoted();
                haveSegment = true;
            } else if (c == QLatin1Char('.')) {
                if (!haveSegment)
                    fail(QStringLiteral("empty key segment"));
                get();
                path << segment;
                segment.clear();
                haveSegment = false;
            } else if (atEnd() || isSpace(c) || c == QLatin1Char('\n') || c == QLatin1Char(':')
                       || c == QLatin1Char('=') || c == QLatin1Char('{')
                       || (c == QLatin1Char('+') && peek(1) == QLatin1Char('='))) {
                break;
            } else if (atComment() || QStringLiteral("}[],$\\").contains(c)) {
                fail(QStringLiteral("unexpected '%1' in a key").arg(c));
            } else {
                segment += get();
                haveSegment = true;
            }
        }
        if (!haveSegment)
            fail(path.isEmpty() ? QStringLiteral("expected a key")
                                : QStringLiteral("empty key segment"));
        path << segment;
        return path;
    }

    void parseField(Node &obj)
    {
        const QStringList path = parseKeyPath();
        skipBlank(false);
        NodePtr value;
        bool append = false;
        if (peek() == QLatin1Char('{')) {
            value = parseValue();
        } else if (peek() == QLatin1Char(':') || peek() == QLatin1Char('=')) {
            get();
            skipBlank(true);
            value = parseValue();
        } else if (peek() == QLatin1Char('+') && peek(1) == QLatin1Char('=')) {
            get();
            get();
            skipBlank(true);
            value = parseValue();
            append = true;
        } else {
            fail(atEnd() || peek() == QLatin1Char('\n')
                         ? QStringLiteral("expected ':' or '=' after key '%1'")
                                   .arg(path.join(QLatin1Char('.')))
                         : QStringLiteral("expected ':' or '=' after key '%1', found '%2'")
                                   .arg(path.join(QLatin1Char('.')), peek()));
        }
        assign(obj, path, value, append);
    }

    /// Sets `path` in `obj`, merging objects the HOCON way.
    void assign(Node &obj, const QStringList &path, NodePtr value, bool append)
    {
        Node *target = &obj;
        for (qsizetype i = 0; i + 1 < path.size(); ++i) {
            NodePtr child = target->field(path.at(i));
            if (!child || child->kind != Node::Kind::Object) {
                auto fresh = makeNode(Node::Kind::Object, value->line, value->column);
                target->setField(path.at(i), fresh);
                child = fresh;
            }
            target = child.get();
        }
        const QString &key = path.last();
        NodePtr existing = target->field(key);
        if (append) {
            if (existing && existing->kind == Node::Kind::List) {
                existing->items.push_back(value);
                return;
            }
            auto list = makeNode(Node::Kind::List, value->line, value->column);
            list->items.push_back(value);
            if (existing) {
                auto concat = makeNode(Node::Kind::Concat, value->line, value->column);
                concat->items = {existing, list};
                target->setField(key, concat);
            } else {
                target->setField(key, list);
            }
            return;
        }
        if (existing && existing->kind == Node::Kind::Object && value->kind == Node::Kind::Object) {
            mergeInto(*existing, *value);
            return;
        }
        if (existing && (value->kind == Node::Kind::Concat || value->kind == Node::Kind::Subst))
            value->prior = existing;
        target->setField(key, value);
    }

    static void mergeInto(Node &into, const Node &from)
    {
        for (const auto &[key, value] : from.fields) {
            NodePtr existing = into.field(key);
            if (existing && existing->kind == Node::Kind::Object
                && value->kind == Node::Kind::Object)
                mergeInto(*existing, *value);
            else
                into.setField(key, value);
        }
    }

    static bool isValueEnd(QChar c)
    {
        return c == QLatin1Char('\n') || c == QLatin1Char(',') || c == QLatin1Char('}')
               || c == QLatin1Char(']');
    }

    /// A value: one part, or several parts on one line concatenated.
    NodePtr parseValue()
    {
        const int line = m_line;
        const int col = m_col;
        std::vector<NodePtr> parts;
        for (;;) {
            if (atEnd() || isValueEnd(peek()) || atComment())
                break;
            if (isSpace(peek())) {
                QString ws;
                while (!atEnd() && isSpace(peek()))
                    ws += get();
                if (atEnd() || isValueEnd(peek()) || atComment())
                    break;
                auto w = makeNode(Node::Kind::String, m_line, m_col);
                w->text = ws;
                w->optional = true; // marks whitespace between parts
                parts.push_back(w);
                continue;
            }
            parts.push_back(parsePart());
        }
        if (parts.empty())
            failAt(line, col, QStringLiteral("expected a value"));
        if (parts.size() == 1)
            return parts.front();
        auto concat = makeNode(Node::Kind::Concat, line, col);
        concat->items = std::move(parts);
        return concat;
    }

    NodePtr parsePart()
    {
        const QChar c = peek();
        if (c == QLatin1Char('{'))
            return parseObject();
        if (c == QLatin1Char('['))
            return parseList();
        if (c == QLatin1Char('"')) {
            auto n = makeNode(Node::Kind::String, m_line, m_col);
            n->text = startsWith(QLatin1String("\"\"\"")) ? parseTripleQuoted() : parseQuoted();
            return n;
        }
        if (c == QLatin1Char('$') && peek(1) == QLatin1Char('{'))
            return parseSubstitution();
        return parseUnquoted();
    }

    NodePtr parseList()
    {
        enter();
        const int line = m_line;
        const int col = m_col;
        auto list = makeNode(Node::Kind::List, line, col);
        get(); // '['
        for (;;) {
            skipBlank(true);
            if (atEnd())
                failAt(line, col, QStringLiteral("unterminated list: missing ']'"));
            if (peek() == QLatin1Char(']')) {
                get();
                break;
            }
            if (peek() == QLatin1Char(','))
                fail(QStringLiteral("unexpected ',' in a list"));
            list->items.push_back(parseValue());
            const bool newline = skipBlank(true);
            if (peek() == QLatin1Char(',')) {
                get();
                continue;
            }
            if (peek() == QLatin1Char(']') || newline || atEnd())
                continue;
            fail(QStringLiteral("expected ',' or ']' in a list, found '%1'").arg(peek()));
        }
        leave();
        return list;
    }

    QString parseQuoted()
    {
        const int line = m_line;
        const int col = m_col;
        get(); // '"'
        QString out;
        for (;;) {
            if (atEnd() || peek() == QLatin1Char('\n'))
                failAt(line, col, QStringLiteral("unterminated string"));
            const QChar c = get();
            if (c == QLatin1Char('"'))
                return out;
            if (c != QLatin1Char('\\')) {
                out += c;
                continue;
            }
            if (atEnd())
                failAt(line, col, QStringLiteral("unterminated string"));
            const QChar e = get();
            switch (e.unicode()) {
            case '"':
                out += QLatin1Char('"');
                break;
            case '\\':
                out += QLatin1Char('\\');
                break;
            case '/':
                out += QLatin1Char('/');
                break;
            case 'b':
                out += QLatin1Char('\b');
                break;
            case 'f':
                out += QLatin1Char('\f');
                break;
            case 'n':
                out += QLatin1Char('\n');
                break;
            case 'r':
                out += QLatin1Char('\r');
                break;
            case 't':
                out += QLatin1Char('\t');
                break;
            case 'u': {
                bool ok = false;
                const QString hex = QStringView(m_text).mid(m_pos, 4).toString();
                const uint code = hex.size() == 4 ? hex.toUInt(&ok, 16) : 0;
                if (!ok)
                    fail(QStringLiteral("bad \\u escape"));
                for (int i = 0; i < 4; ++i)
                    get();
                out += QChar(char16_t(code));
                break;
            }
            default:
                fail(QStringLiteral("unknown escape '\\%1'").arg(e));
            }
        }
    }

    QString parseTripleQuoted()
    {
        const int line = m_line;
        const int col = m_col;
        for (int i = 0; i < 3; ++i)
            get();
        QString out;
        for (;;) {
            if (atEnd())
                failAt(line, col, QStringLiteral("unterminated \"\"\" string"));
            if (startsWith(QLatin1String("\"\"\"")) && peek(3) != QLatin1Char('"')) {
                for (int i = 0; i < 3; ++i)
                    get();
                return out;
            }
            out += get();
        }
    }

    NodePtr parseSubstitution()
    {
        auto n = makeNode(Node::Kind::Subst, m_line, m_col);
        get();
        get(); // "${"
        if (peek() == QLatin1Char('?')) {
            get();
            n->optional = true;
        }
        QString path;
        while (!atEnd() && peek() != QLatin1Char('}')) {
            const QChar c = peek();
            if (c == QLatin1Char('\n') || c == QLatin1Char('{') || c == QLatin1Char('$'))
                fail(QStringLiteral("unterminated substitution"));
            if (c == QLatin1Char('"')) {
                path += parseQuoted();
                continue;
            }
            if (!isSpace(c))
                path += c;
            get();
        }
        if (atEnd())
            failAt(n->line, n->column, QStringLiteral("unterminated substitution"));
        get(); // '}'
        if (path.isEmpty() || path.startsWith(QLatin1Char('.')) || path.endsWith(QLatin1Char('.'))
            || path.contains(QLatin1String("..")))
            failAt(n->line, n->column, QStringLiteral("bad substitution path '%1'").arg(path));
        n->text = path;
        return n;
    }

    NodePtr parseUnquoted()
    {
        const int line = m_line;
        const int col = m_col;
        QString s;
        while (!atEnd()) {
            const QChar c = peek();
            if (isSpace(c) || isValueEnd(c) || c == QLatin1Char('"') || c == QLatin1Char('{')
                || c == QLatin1Char('[') || c == QLatin1Char('#'))
                break;
            if (c == QLatin1Char('$') && peek(1) == QLatin1Char('{'))
                break;
            // "//" starts a comment only at the start of a token (URLs keep theirs).
            if (c == QLatin1Char('/') && peek(1) == QLatin1Char('/') && s.isEmpty())
                break;
            if (c == QLatin1Char('=') || c == QLatin1Char('\\') || c == QLatin1Char('`'))
                fail(QStringLiteral("unexpected '%1' in an unquoted value").arg(c));
            s += get();
        }
        if (s.isEmpty())
            failAt(line, col, QStringLiteral("unexpected '%1'").arg(peek()));
        return typedLiteral(s, line, col);
    }

    static NodePtr typedLiteral(const QString &s, int line, int col)
    {
        if (s == QLatin1String("true") || s == QLatin1String("false")) {
            auto n = makeNode(Node::Kind::Bool, line, col);
            n->boolean = s == QLatin1String("true");
            n->text = s;
            return n;
        }
        if (s == QLatin1String("null")) {
            auto n = makeNode(Node::Kind::Null, line, col);
            n->text = s;
            return n;
        }
        bool ok = false;
        const qint64 i = s.toLongLong(&ok);
        if (ok && !s.startsWith(QLatin1Char('+'))) {
            auto n = makeNode(Node::Kind::Int, line, col);
            n->integer = i;
            n->text = s;
            return n;
        }
        const QChar first = s.at(0);
        if (first.isDigit() || (first == QLatin1Char('-') && s.size() > 1)) {
            const double d = s.toDouble(&ok);
            if (ok) {
                auto n = makeNode(Node::Kind::Double, line, col);
                n->real = d;
                n->text = s;
                return n;
            }
        }
        auto n = makeNode(Node::Kind::String, line, col);
        n->text = s;
        return n;
    }

    const QString &m_text;
    qsizetype m_pos = 0;
    int m_line = 1;
    int m_col = 1;
    int m_depth = 0;
    int m_maxDepth;
    QStringList *m_warnings;
    QString m_fileName;
};

/// Resolves substitutions and converts the tree to JSON.
class Resolver
{
public:
    Resolver(NodePtr root, const QProcessEnvironment &env)
        : m_root(std::move(root))
        , m_env(env)
    {}

    nlohmann::json toJson() { return convert(m_root); }

private:
    /// Resolves `node` in place until no Concat or Subst is left in it.
    /// Returns nullptr when the node is an optional substitution that resolves to nothing.
    NodePtr resolve(const NodePtr &node)
    {
        if (node->kind == Node::Kind::Object) {
            std::vector<QString> drop;
            for (auto &[key, value] : node->fields) {
                NodePtr r = resolve(value);
                if (r)
                    value = r;
                else
                    drop.push_back(key);
            }
            for (const QString &k : drop)
                node->removeField(k);
            return node;
        }
        if (node->kind == Node::Kind::List) {
            std::vector<NodePtr> kept;
            for (auto &item : node->items)
                if (NodePtr r = resolve(item))
                    kept.push_back(r);
            node->items = std::move(kept);
            return node;
        }
        if (node->kind != Node::Kind::Concat && node->kind != Node::Kind::Subst)
            return node;

        if (m_resolving.count(node.get()))
            throw ParseError{node->line, node->column, QStringLiteral("substitution cycle")};
        if (m_resolving.size() > 256)
            throw ParseError{node->line, node->column,
                             QStringLiteral("substitutions nested too deeply")};
        m_resolving.insert(node.get());
        NodePtr result = node->kind == Node::Kind::Subst ? resolveSubst(node) : resolveConcat(node);
        m_resolving.erase(node.get());
        if (!result && node->prior)
            return resolve(node->prior);
        // Replace in place so that later lookups see the resolved value.
        if (result) {
            Node copy = *result;
            *node = copy;
            return node;
        }
        return nullptr;
    }

    NodePtr lookup(const QString &dotted)
    {
        NodePtr cur = m_root;
        const QStringList path = dotted.split(QLatin1Char('.'));
        for (const QString &seg : path) {
            if (!cur || cur->kind != Node::Kind::Object)
                return nullptr;
            cur = cur->field(seg);
            if (cur && (cur->kind == Node::Kind::Concat || cur->kind == Node::Kind::Subst))
                cur = resolve(cur);
        }
        return cur;
    }

    NodePtr resolveSubst(const NodePtr &node)
    {
        NodePtr found = lookup(node->text);
        if (found)
            return resolve(found);
        if (m_env.contains(node->text)) {
            auto s = makeNode(Node::Kind::String, node->line, node->column);
            s->text = m_env.value(node->text);
            return s;
        }
        if (node->optional)
            return nullptr;
        throw ParseError{node->line, node->column,
                         QStringLiteral("unresolved substitution ${%1}").arg(node->text)};
    }

    NodePtr resolveConcat(const NodePtr &node)
    {
        std::vector<NodePtr> parts;
        for (const auto &part : node->items) {
            NodePtr r = resolve(part);
            if (r)
                parts.push_back(r);
        }
        // Whitespace between objects or lists is not significant.
        std::vector<NodePtr> solid;
        for (const auto &p : parts)
            if (!(p->kind == Node::Kind::String && p->optional))
                solid.push_back(p);
        if (solid.empty())
            return parts.empty() ? nullptr : stringOf(parts, node);
        const bool allObjects = std::all_of(solid.begin(), solid.end(), [](const NodePtr &p) {
            return p->kind == Node::Kind::Object;
        });
        const bool allLists = std::all_of(solid.begin(), solid.end(), [](const NodePtr &p) {
            return p->kind == Node::Kind::List;
        });
        if (allObjects) {
            auto obj = makeNode(Node::Kind::Object, node->line, node->column);
            for (const auto &p : solid)
                mergeResolved(*obj, *p);
            return obj;
        }
        if (allLists) {
            auto list = makeNode(Node::Kind::List, node->line, node->column);
            for (const auto &p : solid)
                list->items.insert(list->items.end(), p->items.begin(), p->items.end());
            return list;
        }
        for (const auto &p : solid)
            if (p->kind == Node::Kind::Object || p->kind == Node::Kind::List)
                throw ParseError{node->line, node->column,
                                 QStringLiteral("cannot concatenate an object or list with text")};
        return stringOf(parts, node);
    }

    static void mergeResolved(Node &into, const Node &from)
    {
        for (const auto &[key, value] : from.fields) {
            NodePtr existing = into.field(key);
            if (existing && existing->kind == Node::Kind::Object
                && value->kind == Node::Kind::Object) {
                auto copy = std::make_shared<Node>(*existing);
                mergeResolved(*copy, *value);
                into.setField(key, copy);
            } else {
                into.setField(key, value);
            }
        }
    }

    static NodePtr stringOf(const std::vector<NodePtr> &parts, const NodePtr &at)
    {
        auto s = makeNode(Node::Kind::String, at->line, at->column);
        for (const auto &p : parts)
            s->text += p->kind == Node::Kind::Null && p->text.isEmpty() ? QString() : p->text;
        return s;
    }

    nlohmann::json convert(const NodePtr &node)
    {
        NodePtr n = resolve(node);
        if (!n)
            return nullptr;
        switch (n->kind) {
        case Node::Kind::Null:
            return nullptr;
        case Node::Kind::Bool:
            return n->boolean;
        case Node::Kind::Int:
            return n->integer;
        case Node::Kind::Double:
            return n->real;
        case Node::Kind::String:
            return n->text.toStdString();
        case Node::Kind::Object: {
            nlohmann::json obj = nlohmann::json::object();
            for (const auto &[key, value] : n->fields)
                obj[key.toStdString()] = convert(value);
            return obj;
        }
        case Node::Kind::List: {
            nlohmann::json arr = nlohmann::json::array();
            for (const auto &item : n->items)
                arr.push_back(convert(item));
            return arr;
        }
        case Node::Kind::Concat:
        case Node::Kind::Subst:
            break;
        }
        return nullptr;
    }

    NodePtr m_root;
    const QProcessEnvironment &m_env;
    std::set<const Node *> m_resolving;
};

} // namespace

Result<nlohmann::json> HoconParser::parse(const QByteArray &text,
                                          const QString &fileName,
                                          const Options &options,
                                          QStringList *warnings)
{
    const QString name = fileName.isEmpty() ? QStringLiteral("<config>") : fileName;
    const QString decoded = QString::fromUtf8(text);
    try {
        Parser parser(decoded, options.maxDepth, warnings, name);
        NodePtr root = parser.parseRoot();
        Resolver resolver(root, options.environment);
        return resolver.toJson();
    } catch (const ParseError &e) {
        Error err = Error::make(
                Error::Kind::Parse,
                QStringLiteral("line %1, column %2: %3").arg(e.line).arg(e.column).arg(e.message),
                name);
        return err;
    }
}

} // namespace Trove

#include "pickledisassembler.h"

#include "preview/pickleinput.h"

#include <QHash>

#include <array>
#include <cstring>

namespace Trove {
namespace {

constexpr int kStringRing = 256;

using Type = PickleNode::Type;

class Machine
{
public:
    Machine(ByteSource &source,
            const PreviewOptions &options,
            const PickleDisassembler::Limits &limits,
            qint64 offset)
        : m_in(source, offset)
        , m_source(source)
        , m_options(options)
        , m_limits(limits)
    {
        m_tree.nodes.emplace_back(); // node 0: the shared "elided" placeholder
        m_tree.nodes[0].type = Type::Elided;
    }

    Result<PickleTree> run();

private:
    Error fail(const QString &what) const
    {
        return Error::make(Error::Kind::Parse,
                           QStringLiteral("%1 (pickle offset %2)").arg(what).arg(m_opPos),
                           m_source.name());
    }
    int make(Type type)
    {
        if (int(m_tree.nodes.size()) >= m_limits.maxObjects) {
            if (!m_tree.truncated) {
                m_tree.truncated = true;
                m_tree.warnings << QStringLiteral(
                                           "more than %1 objects: later ones are elided (imports "
                                           "are still listed)")
                                           .arg(m_limits.maxObjects);
            }
            return 0;
        }
        m_tree.nodes.emplace_back();
        m_tree.nodes.back().type = type;
        return int(m_tree.nodes.size()) - 1;
    }
    PickleNode &at(int id) { return m_tree.nodes[size_t(id)]; }
    Status push(int id)
    {
        if (int(m_stack.size()) >= m_limits.maxStack)
            return fail(QStringLiteral("pickle stack exceeds %1 entries").arg(m_limits.maxStack));
        m_stack.push_back(id);
        return {};
    }
    Result<int> pop()
    {
        if (m_stack.size() <= m_markBase())
            return fail(QStringLiteral("stack underflow"));
        const int id = m_stack.back();
        m_stack.pop_back();
        return id;
    }
    size_t m_markBase() const { return m_marks.empty() ? 0 : m_marks.back(); }
    Result<std::vector<int>> popMark()
    {
        if (m_marks.empty())
            return fail(QStringLiteral("MARK expected"));
        const size_t base = m_marks.back();
        m_marks.pop_back();
        std::vector<int> items(m_stack.begin() + qsizetype(base), m_stack.end());
        m_stack.resize(base);
        return items;
    }
    Status pushString(const QByteArray &utf8, qint64 fullLength, bool isText = true);
    Status pushInt(qint64 v)
    {
        const int id = make(Type::Int);
        if (id) {
            at(id).integer = v;
            at(id).fitsInt = true;
            at(id).text = QString::number(v);
        }
        return push(id);
    }
    Status pushLongBytes(const QByteArray &le, qint64 fullLength);
    Status addItems(int target, const std::vector<int> &items, bool pairs);
    Status memoPut(quint32 key);
    Status memoGet(quint32 key);
    Status global(const QString &module, const QString &name);
    Status stackGlobal();
    Status step(unsigned char op);

    PickleInput m_in;
    ByteSource &m_source;
    PreviewOptions m_options;
    PickleDisassembler::Limits m_limits;
    PickleTree m_tree;
    std::vector<int> m_stack;
    std::vector<size_t> m_marks;
    QHash<quint32, int> m_memo;
    /// Strings pushed while objects are elided, so STACK_GLOBAL can still name its import:
    /// stack ids <= -2 refer to this ring.
    std::array<QString, kStringRing> m_ring;
    int m_ringNext = 0;
    QHash<QString, int> m_importIndex;
    qint64 m_opPos = 0;
    qint64 m_storedItems = 0;
    bool m_stopped = false;
};

Status Machine::pushString(const QByteArray &utf8, qint64 fullLength, bool isText)
{
    const int id = make(isText ? Type::Str : Type::Bytes);
    if (id == 0 && isText) {
        // Keep short strings reachable for STACK_GLOBAL even when elided.
        m_ring[size_t(m_ringNext)] = QString::fromUtf8(utf8.left(512));
        const int ref = -2 - m_ringNext;
        m_ringNext = (m_ringNext + 1) % kStringRing;
        return push(ref);
    }
    if (id) {
        PickleNode &n = at(id);
        n.length = fullLength;
        if (isText) {
            QString s = QString::fromUtf8(utf8);
            if (s.size() > m_limits.maxStringChars)
                s.truncate(m_limits.maxStringChars);
            n.truncated = fullLength > utf8.size() || s.size() < QString::fromUtf8(utf8).size();
            n.text = s;
        } else {
            n.head = utf8.left(m_limits.maxBytesHead);
            n.truncated = fullLength > n.head.size();
        }
    }
    return push(id);
}

Status Machine::pushLongBytes(const QByteArray &le, qint64 fullLength)
{
    const int id = make(Type::Int);
    if (id) {
        PickleNode &n = at(id);
        if (fullLength == 0) {
            n.integer = 0;
            n.fitsInt = true;
            n.text = QStringLiteral("0");
        } else if (fullLength <= 8) {
            quint64 v = 0;
            for (qsizetype i = le.size() - 1; i >= 0; --i)
                v = (v << 8) | static_cast<unsigned char>(le.at(i));
            if (fullLength < 8 && (static_cast<unsigned char>(le.back()) & 0x80))
                v |= ~quint64(0) << (8 * fullLength); // sign-extend
            n.integer = qint64(v);
            n.fitsInt = true;
            n.text = QString::number(n.integer);
        } else {
            n.text = QStringLiteral("<int of %1 bytes>").arg(fullLength);
        }
    }
    return push(id);
}

Status Machine::addItems(int target, const std::vector<int> &items, bool pairs)
{
    if (target <= 0)
        return {}; // elided or string-ring reference: nothing to store
    PickleNode &n = at(target);
    if (pairs && items.size() % 2)
        return fail(QStringLiteral("SETITEMS with an odd number of items"));
    std::vector<int> &dst = pairs ? n.pairs : n.items;
    // Items are references, so a few objects can be appended many times: cap what is stored
    // over the whole pickle (counted beyond that, not stored).
    for (int id : items) {
        if (m_storedItems >= qint64(m_limits.maxObjects) * 4) {
            if (!m_tree.truncated) {
                m_tree.truncated = true;
                m_tree.warnings << QStringLiteral("too many container items: later ones are "
                                                  "counted, not shown");
            }
            break;
        }
        dst.push_back(std::max(id, 0));
        ++m_storedItems;
    }
    n.itemCount += qint64(pairs ? items.size() / 2 : items.size());
    return {};
}

Status Machine::memoPut(quint32 key)
{
    if (m_stack.empty())
        return fail(QStringLiteral("memo store with an empty stack"));
    if (!m_memo.contains(key) && m_memo.size() >= m_limits.maxMemo)
        return fail(QStringLiteral("memo exceeds %1 entries").arg(m_limits.maxMemo));
    m_memo.insert(key, m_stack.back());
    return {};
}

Status Machine::memoGet(quint32 key)
{
    const auto it = m_memo.constFind(key);
    if (it == m_memo.constEnd())
        return fail(QStringLiteral("memo key %1 is missing").arg(key));
    return push(it.value());
}

Status Machine::global(const QString &module, const QString &name)
{
    const QString full = module + QLatin1Char('.') + name;
    auto it = m_importIndex.find(full);
    if (it == m_importIndex.end()) {
        PickleImport imp;
        imp.module = module;
        imp.name = name;
        imp.safety = PickleSafetyClassifier::classify(module, name);
        if (m_tree.imports.size() < 10000) {
            it = m_importIndex.insert(full, int(m_tree.imports.size()));
            m_tree.imports.append(imp);
        }
    }
    if (it != m_importIndex.end())
        ++m_tree.imports[it.value()].count;
    const int id = make(Type::Global);
    if (id) {
        at(id).text = module.left(512);
        at(id).text2 = name.left(512);
    }
    return push(id);
}

Status Machine::stackGlobal()
{
    auto name = pop();
    if (!name)
        return name.error();
    auto module = pop();
    if (!module)
        return module.error();
    auto text = [this](int id) -> std::optional<QString> {
        if (id <= -2)
            return m_ring[size_t(-2 - id)];
        if (id > 0 && at(id).type == Type::Str)
            return at(id).text;
        if (id == 0)
            return QStringLiteral("?");
        return std::nullopt;
    };
    const auto m = text(*module);
    const auto n = text(*name);
    if (!m || !n)
        return fail(QStringLiteral("STACK_GLOBAL needs two strings"));
    return global(*m, *n);
}

Result<PickleTree> Machine::run()
{
    while (!m_stopped) {
        if (m_tree.opcodeCount++ >= m_limits.maxOpcodes)
            return fail(QStringLiteral("too many opcodes"));
        if ((m_tree.opcodeCount & 0xFFF) == 0 && m_options.cancelled())
            return Error::make(Error::Kind::Cancelled, QString(), m_source.name());
        m_opPos = m_in.pos();
        auto op = m_in.byte();
        if (!op) {
            if (m_tree.opcodeCount == 1)
                return fail(QStringLiteral("empty pickle"));
            return fail(QStringLiteral("pickle ends without STOP (truncated)"));
        }
        if (auto s = step(*op); !s)
            return s.error();
    }
    if (m_stack.empty())
        return fail(QStringLiteral("STOP with an empty stack"));
    m_tree.root = std::max(m_stack.back(), 0);
    if (!m_marks.empty())
        m_tree.warnings << QStringLiteral("unbalanced MARK at STOP");
    return std::move(m_tree);
}

Status Machine::step(unsigned char op)
{
    auto norm = [](int id) {
        return std::max(id, 0);
    };
    auto top = [this]() -> Result<int> {
        if (m_stack.size() <= m_markBase())
            return fail(QStringLiteral("stack underflow"));
        return m_stack.back();
    };
    auto intLine = [this](const QByteArray &l) -> Result<qint64> {
        bool ok = false;
        QByteArray t = l.trimmed();
        if (t.endsWith('L'))
            t.chop(1);
        const qint64 v = t.toLongLong(&ok);
        if (!ok)
            return fail(QStringLiteral("bad integer text"));
        return v;
    };
    auto u32At = [this](int n) -> Result<quint64> {
        auto b = m_in.take(n);
        if (!b)
            return b.error();
        quint64 v = 0;
        for (int i = n - 1; i >= 0; --i)
            v = (v << 8) | static_cast<unsigned char>(b->at(i));
        return v;
    };
    auto text = [&](qint64 len, bool isText) -> Status {
        const qint64 keep = isText ? qint64(m_limits.maxStringChars) * 4 : m_limits.maxBytesHead;
        auto h = m_in.head(len, keep);
        if (!h)
            return h.error();
        return pushString(*h, len, isText);
    };
    auto sized = [&](int lenBytes, bool isText, Type type = Type::Bytes) -> Status {
        auto n = u32At(lenBytes);
        if (!n)
            return n.error();
        if (*n > quint64(std::numeric_limits<qint64>::max()))
            return fail(QStringLiteral("length out of range"));
        if (auto s = text(qint64(*n), isText); !s)
            return s;
        if (type == Type::ByteArray && m_stack.back() > 0)
            at(m_stack.back()).type = Type::ByteArray;
        return {};
    };
    auto container = [&](Type type, std::vector<int> items, bool pairs) -> Status {
        if (pairs && items.size() % 2)
            return fail(QStringLiteral("DICT with an odd number of items"));
        const int id = make(type);
        if (auto s = addItems(id, items, pairs); !s)
            return s;
        return push(id);
    };
    auto pushNode = [&](Type type, std::vector<int> kids) -> Status {
        const int id = make(type);
        if (id) {
            for (int &k : kids)
                k = std::max(k, 0);
            at(id).kids = std::move(kids);
        }
        return push(id);
    };

    switch (op) {
    case '(':
        if (int(m_marks.size()) >= m_limits.maxStack)
            return fail(QStringLiteral("too many MARKs"));
        m_marks.push_back(m_stack.size());
        return {};
    case '.':
        m_stopped = true;
        return {};
    case '0':
        if (m_stack.size() > m_markBase()) {
            m_stack.pop_back();
            return {};
        }
        if (!m_marks.empty()) {
            m_marks.pop_back();
            return {};
        }
        return fail(QStringLiteral("stack underflow"));
    case '1': {
        auto items = popMark();
        return items ? Status() : Status(items.error());
    }
    case '2': {
        auto t = top();
        if (!t)
            return t.error();
        return push(*t);
    }
    case 'F': {
        auto l = m_in.line();
        if (!l)
            return l.error();
        const int id = make(Type::Float);
        if (id) {
            at(id).real = l->trimmed().toDouble();
            at(id).text = QString::fromLatin1(l->trimmed().left(64));
        }
        return push(id);
    }
    case 'G': {
        auto b = m_in.take(8);
        if (!b)
            return b.error();
        quint64 bits = 0;
        for (int i = 0; i < 8; ++i)
            bits = (bits << 8) | static_cast<unsigned char>(b->at(i));
        double d;
        std::memcpy(&d, &bits, sizeof d);
        const int id = make(Type::Float);
        if (id) {
            at(id).real = d;
            at(id).text = QString::number(d, 'g', 17);
        }
        return push(id);
    }
    case 'I': {
        auto l = m_in.line();
        if (!l)
            return l.error();
        if (*l == "01" || *l == "00") {
            const int id = make(Type::Bool);
            if (id)
                at(id).boolean = *l == "01";
            return push(id);
        }
        auto v = intLine(*l);
        if (!v)
            return v.error();
        return pushInt(*v);
    }
    case 'L': {
        auto l = m_in.line();
        if (!l)
            return l.error();
        auto v = intLine(*l);
        if (v)
            return pushInt(*v);
        const int id = make(Type::Int); // too big for 64 bits: keep the digits
        if (id)
            at(id).text = QString::fromLatin1(l->left(64));
        return push(id);
    }
    case 'J': {
        auto v = u32At(4);
        if (!v)
            return v.error();
        return pushInt(qint32(quint32(*v)));
    }
    case 'K':
    case 'M': {
        auto v = u32At(op == 'K' ? 1 : 2);
        if (!v)
            return v.error();
        return pushInt(qint64(*v));
    }
    case 0x8a:
    case 0x8b: {
        auto n = u32At(op == 0x8a ? 1 : 4);
        if (!n)
            return n.error();
        const qint64 len = op == 0x8a ? qint64(*n) : qint64(qint32(quint32(*n)));
        if (len < 0)
            return fail(QStringLiteral("LONG4 with a negative length"));
        auto h = m_in.head(len, 8);
        if (!h)
            return h.error();
        return pushLongBytes(*h, len);
    }
    case 'N':
        return push(make(Type::None));
    case 0x88:
    case 0x89: {
        const int id = make(Type::Bool);
        if (id)
            at(id).boolean = op == 0x88;
        return push(id);
    }
    case 'P': {
        auto l = m_in.line();
        if (!l)
            return l.error();
        if (auto s = pushString(*l, l->size()); !s)
            return s;
        const int pid = m_stack.back();
        m_stack.pop_back();
        return pushNode(Type::PersId, {pid});
    }
    case 'Q': {
        auto pid = pop();
        if (!pid)
            return pid.error();
        return pushNode(Type::PersId, {*pid});
    }
    case 'R': {
        auto args = pop();
        if (!args)
            return args.error();
        auto callable = pop();
        if (!callable)
            return callable.error();
        return pushNode(Type::Reduce, {*callable, *args});
    }
    case 'S': {
        auto l = m_in.line();
        if (!l)
            return l.error();
        QByteArray v = *l;
        if (v.size() >= 2 && (v.front() == '\'' || v.front() == '"') && v.back() == v.front())
            v = v.mid(1, v.size() - 2);
        return pushString(v, v.size());
    }
    case 'V': {
        auto l = m_in.line();
        if (!l)
            return l.error();
        const QString s = QString::fromLatin1(*l);
        return pushString(s.toUtf8(), l->size());
    }
    case 'T':
    case 'X':
        return sized(4, true);
    case 'U':
    case 0x8c:
        return sized(1, true);
    case 0x8d:
        return sized(8, true);
    case 'B':
        return sized(4, false);
    case 'C':
        return sized(1, false);
    case 0x8e:
        return sized(8, false);
    case 0x96:
        return sized(8, false, Type::ByteArray);
    case 'a': {
        auto v = pop();
        if (!v)
            return v.error();
        auto t = top();
        if (!t)
            return t.error();
        return addItems(*t, {norm(*v)}, false);
    }
    case 'e':
    case 0x90: {
        auto items = popMark();
        if (!items)
            return items.error();
        auto t = top();
        if (!t)
            return t.error();
        return addItems(*t, *items, false);
    }
    case 's': {
        auto v = pop();
        if (!v)
            return v.error();
        auto k = pop();
        if (!k)
            return k.error();
        auto t = top();
        if (!t)
            return t.error();
        return addItems(*t, {norm(*k), norm(*v)}, true);
    }
    case 'u': {
        auto items = popMark();
        if (!items)
            return items.error();
        auto t = top();
        if (!t)
            return t.error();
        return addItems(*t, *items, true);
    }
    case 'b': {
        auto state = pop();
        if (!state)
            return state.error();
        auto t = top();
        if (!t)
            return t.error();
        if (*t > 0)
            at(*t).state = norm(*state);
        return {};
    }
    case 'c':
    case 'i': {
        auto module = m_in.line();
        if (!module)
            return module.error();
        auto name = m_in.line();
        if (!name)
            return name.error();
        if (op == 'c')
            return global(QString::fromUtf8(*module), QString::fromUtf8(*name));
        auto args = popMark();
        if (!args)
            return args.error();
        if (auto s = global(QString::fromUtf8(*module), QString::fromUtf8(*name)); !s)
            return s;
        const int cls = m_stack.back();
        m_stack.pop_back();
        if (auto s = container(Type::Tuple, *args, false); !s)
            return s;
        const int tuple = m_stack.back();
        m_stack.pop_back();
        return pushNode(Type::Reduce, {cls, tuple});
    }
    case 'o': {
        auto items = popMark();
        if (!items)
            return items.error();
        if (items->empty())
            return fail(QStringLiteral("OBJ without a class"));
        const int cls = items->front();
        if (auto s = container(Type::Tuple, {items->begin() + 1, items->end()}, false); !s)
            return s;
        const int tuple = m_stack.back();
        m_stack.pop_back();
        return pushNode(Type::Reduce, {cls, tuple});
    }
    case 'd':
    case 'l':
    case 't':
    case 0x91: {
        auto items = popMark();
        if (!items)
            return items.error();
        const Type type = op == 'd'   ? Type::Dict
                          : op == 'l' ? Type::List
                          : op == 't' ? Type::Tuple
                                      : Type::FrozenSet;
        return container(type, *items, op == 'd');
    }
    case '}':
        return container(Type::Dict, {}, true);
    case ']':
        return container(Type::List, {}, false);
    case ')':
        return container(Type::Tuple, {}, false);
    case 0x8f:
        return container(Type::Set, {}, false);
    case 0x85:
    case 0x86:
    case 0x87: {
        const size_t n = size_t(op - 0x84);
        if (m_stack.size() < m_markBase() + n)
            return fail(QStringLiteral("stack underflow"));
        std::vector<int> items(m_stack.end() - qsizetype(n), m_stack.end());
        m_stack.resize(m_stack.size() - n);
        return container(Type::Tuple, items, false);
    }
    case 'g': {
        auto l = m_in.line();
        if (!l)
            return l.error();
        auto v = intLine(*l);
        if (!v)
            return v.error();
        return memoGet(quint32(*v));
    }
    case 'h':
    case 'j': {
        auto v = u32At(op == 'h' ? 1 : 4);
        if (!v)
            return v.error();
        return memoGet(quint32(*v));
    }
    case 'p': {
        auto l = m_in.line();
        if (!l)
            return l.error();
        auto v = intLine(*l);
        if (!v)
            return v.error();
        return memoPut(quint32(*v));
    }
    case 'q':
    case 'r': {
        auto v = u32At(op == 'q' ? 1 : 4);
        if (!v)
            return v.error();
        return memoPut(quint32(*v));
    }
    case 0x94:
        return memoPut(quint32(m_memo.size()));
    case 0x80: {
        auto v = u32At(1);
        if (!v)
            return v.error();
        if (*v > 5)
            return fail(QStringLiteral("unsupported pickle protocol %1").arg(*v));
        m_tree.protocol = int(*v);
        return {};
    }
    case 0x95: {
        auto v = u32At(8);
        return v ? Status() : Status(v.error());
    }
    case 0x81: {
        auto args = pop();
        if (!args)
            return args.error();
        auto cls = pop();
        if (!cls)
            return cls.error();
        return pushNode(Type::NewObj, {*cls, *args});
    }
    case 0x92: {
        auto kwargs = pop();
        if (!kwargs)
            return kwargs.error();
        auto args = pop();
        if (!args)
            return args.error();
        auto cls = pop();
        if (!cls)
            return cls.error();
        return pushNode(Type::NewObj, {*cls, *args, *kwargs});
    }
    case 0x93:
        return stackGlobal();
    case 0x82:
    case 0x83:
    case 0x84: {
        auto v = u32At(op == 0x82 ? 1 : op == 0x83 ? 2 : 4);
        if (!v)
            return v.error();
        const int id = make(Type::Ext);
        if (id)
            at(id).integer = qint64(*v);
        if (m_tree.warnings.size() < 100)
            m_tree.warnings << QStringLiteral("extension registry code %1 names an import "
                                              "Trove cannot resolve")
                                       .arg(*v);
        return push(id);
    }
    case 0x97:
        return push(make(Type::Buffer));
    case 0x98: {
        auto t = top();
        return t ? Status() : Status(t.error());
    }
    default:
        return fail(QStringLiteral("unknown opcode 0x%1").arg(op, 2, 16, QLatin1Char('0')));
    }
}
} // namespace

Result<PickleTree>
PickleDisassembler::disassemble(ByteSource &source, const PreviewOptions &options, qint64 offset)
{
    return disassemble(source, options, Limits{}, offset);
}

Result<PickleTree> PickleDisassembler::disassemble(ByteSource &source,
                                                   const PreviewOptions &options,
                                                   const Limits &limits,
                                                   qint64 offset)
{
    Limits l = limits;
    const qint64 byMemory = std::max<qint64>(1000, options.maxBytesInMemory / 256);
    l.maxObjects = int(std::min<qint64>(l.maxObjects, byMemory));
    Machine m(source, options, l, offset);
    return m.run();
}

bool PickleDisassembler::looksLikePickle(const QByteArray &head)
{
    return head.size() >= 2 && static_cast<unsigned char>(head.at(0)) == 0x80
           && static_cast<unsigned char>(head.at(1)) >= 2
           && static_cast<unsigned char>(head.at(1)) <= 5;
}

} // namespace Trove

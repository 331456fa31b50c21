// PickleInternal::Machine::step(): one opcode of protocols 0-5, interpreted symbolically.
#include "preview/picklemachine.h"

#include <cstring>
#include <limits>

namespace Trove::PickleInternal {

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

} // namespace Trove::PickleInternal

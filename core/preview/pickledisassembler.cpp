#include "pickledisassembler.h"

#include "preview/picklemachine.h"

namespace Trove {
namespace PickleInternal {

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

} // namespace PickleInternal

using PickleInternal::Machine;

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

#pragma once

// Internal to PickleDisassembler: the symbolic pickle machine. Opcodes are interpreted on a
// stack of object ids (PickleTree arena); nothing is ever executed.

#include "preview/pickledisassembler.h"
#include "preview/pickleinput.h"

#include <QHash>

#include <array>

namespace Trove::PickleInternal {

constexpr int kStringRing = 256;

using Type = PickleNode::Type;

class Machine final
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

} // namespace Trove::PickleInternal

#include "lineagegraph.h"

#include <QSet>

#include <functional>

namespace Trove {

using nlohmann::json;

namespace {

QString nodeLabel(const LineageNode &n)
{
    QString s = n.kind == LineageNode::Kind::Task ? QStringLiteral("task ")
                                                  : QStringLiteral("model ");
    s += n.name.isEmpty() ? n.id : QStringLiteral("%1 [%2]").arg(n.name, n.id);
    if (!n.detail.isEmpty())
        s += QStringLiteral(" (%1)").arg(n.detail);
    return s;
}

QString dotEscape(QString s)
{
    s.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    s.replace(QLatin1Char('"'), QLatin1String("\\\""));
    s.replace(QLatin1Char('\n'), QLatin1String("\\n"));
    return s;
}

} // namespace

QString LineageGraph::kindName(LineageEdge::Kind kind)
{
    switch (kind) {
    case LineageEdge::Kind::Produced:
        return QStringLiteral("produced");
    case LineageEdge::Kind::Consumed:
        return QStringLiteral("consumed");
    case LineageEdge::Kind::Derived:
        return QStringLiteral("derived");
    }
    return QString();
}

LineageNode &LineageGraph::addNode(LineageNode::Kind kind, const QString &id, int depth)
{
    const QString key = LineageNode::keyOf(kind, id);
    auto it = m_nodes.find(key);
    if (it != m_nodes.end()) {
        it->depth = std::min(it->depth, depth);
        return *it;
    }
    LineageNode n;
    n.kind = kind;
    n.id = id;
    n.depth = depth;
    return *m_nodes.insert(key, n);
}

LineageNode *LineageGraph::node(const QString &key)
{
    auto it = m_nodes.find(key);
    return it == m_nodes.end() ? nullptr : &*it;
}

const LineageNode *LineageGraph::node(const QString &key) const
{
    auto it = m_nodes.find(key);
    return it == m_nodes.end() ? nullptr : &*it;
}

bool LineageGraph::addEdge(LineageEdge::Kind kind,
                           const QString &from,
                           const QString &to,
                           const QString &label)
{
    LineageEdge e{kind, from, to, label};
    for (LineageEdge &existing : m_edges) {
        if (existing == e) {
            if (existing.label.isEmpty())
                existing.label = label;
            return false;
        }
    }
    m_edges << e;
    return true;
}

QList<LineageEdge> LineageGraph::edgesFrom(const QString &key) const
{
    QList<LineageEdge> out;
    for (const LineageEdge &e : m_edges)
        if (e.from == key)
            out << e;
    return out;
}

QList<LineageEdge> LineageGraph::edgesTo(const QString &key) const
{
    QList<LineageEdge> out;
    for (const LineageEdge &e : m_edges)
        if (e.to == key)
            out << e;
    return out;
}

json LineageGraph::toJson() const
{
    json nodes = json::array();
    for (const LineageNode &n : m_nodes) {
        nodes.push_back(json{{"key", n.key().toStdString()},
                             {"kind", n.kind == LineageNode::Kind::Task ? "task" : "model"},
                             {"id", n.id.toStdString()},
                             {"name", n.name.toStdString()},
                             {"detail", n.detail.toStdString()},
                             {"project", n.projectId.toStdString()},
                             {"depth", n.depth},
                             {"expanded", n.expanded}});
    }
    json edges = json::array();
    for (const LineageEdge &e : m_edges)
        edges.push_back(json{{"from", e.from.toStdString()},
                             {"to", e.to.toStdString()},
                             {"kind", kindName(e.kind).toStdString()},
                             {"label", e.label.toStdString()}});
    return json{{"root", m_root.toStdString()}, {"nodes", nodes}, {"edges", edges}};
}

QString LineageGraph::toDot() const
{
    QString out = QStringLiteral("digraph lineage {\n  rankdir=LR;\n");
    for (const LineageNode &n : m_nodes) {
        const bool task = n.kind == LineageNode::Kind::Task;
        QString label = (n.name.isEmpty() ? n.id : n.name);
        if (!n.detail.isEmpty())
            label += QLatin1Char('\n') + n.detail;
        out += QStringLiteral("  \"%1\" [shape=%2, label=\"%3\"%4];\n")
                       .arg(dotEscape(n.key()),
                            task ? QStringLiteral("box") : QStringLiteral("ellipse"),
                            dotEscape(label),
                            n.key() == m_root ? QStringLiteral(", penwidth=2") : QString());
    }
    for (const LineageEdge &e : m_edges)
        out += QStringLiteral("  \"%1\" -> \"%2\" [label=\"%3\"];\n")
                       .arg(dotEscape(e.from), dotEscape(e.to),
                            dotEscape(e.label.isEmpty()
                                              ? kindName(e.kind)
                                              : kindName(e.kind) + QLatin1Char(' ') + e.label));
    out += QStringLiteral("}\n");
    return out;
}

QString LineageGraph::toText() const
{
    const LineageNode *root = node(m_root);
    if (!root)
        return QString();
    QString out = nodeLabel(*root) + QLatin1Char('\n');
    // Depth-first in one direction, printing each node once.
    auto walk = [this, &out](const QString &start, bool downstream) {
        QSet<QString> seen{start};
        std::function<void(const QString &, int)> visit = [&](const QString &key, int indent) {
            const QList<LineageEdge> next = downstream ? edgesFrom(key) : edgesTo(key);
            for (const LineageEdge &e : next) {
                const QString other = downstream ? e.to : e.from;
                const LineageNode *n = node(other);
                if (!n)
                    continue;
                out += QString(indent * 2, QLatin1Char(' '))
                       + (downstream ? QStringLiteral("→ ") : QStringLiteral("← "))
                       + kindName(e.kind) + QStringLiteral(": ") + nodeLabel(*n);
                if (seen.contains(other)) {
                    out += QStringLiteral(" (see above)\n");
                    continue;
                }
                out += QLatin1Char('\n');
                seen.insert(other);
                visit(other, indent + 1);
            }
        };
        visit(start, 1);
    };
    walk(m_root, false);
    walk(m_root, true);
    return out;
}

} // namespace Trove

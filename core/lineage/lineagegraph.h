#pragma once

#include <QList>
#include <QMap>
#include <QString>

#include <nlohmann/json.hpp>

namespace Trove {

/// A node of the lineage graph: a task or a model.
struct LineageNode
{
    enum class Kind { Task, Model };
    Kind kind = Kind::Task;
    QString id;     ///< the ClearML id
    QString name;   ///< empty until described
    QString detail; ///< task status, or model framework
    QString type;   ///< task type ("training", "testing" ...); empty for models
    QString projectId;
    bool published = false; ///< models: ready (published)
    int depth = 0;          ///< distance from the root
    bool expanded = false;  ///< its neighbours are in the graph
    bool described = false;

    /// Graph-wide key: "task:<id>" or "model:<id>" (a task and a model may share an id).
    QString key() const { return keyOf(kind, id); }
    static QString keyOf(Kind kind, const QString &id)
    {
        return (kind == Kind::Task ? QStringLiteral("task:") : QStringLiteral("model:")) + id;
    }
};

/// A directed edge, always in data-flow direction.
struct LineageEdge
{
    enum class Kind {
        Produced, ///< task → model (model.task, task.models.output)
        Consumed, ///< model → task (task.models.input: the task used the model)
        Derived,  ///< parent model → model (model.parent)
    };
    Kind kind = Kind::Produced;
    QString from;  ///< node key
    QString to;    ///< node key
    QString label; ///< the task's entry name for the model, if known

    friend bool operator==(const LineageEdge &a, const LineageEdge &b)
    {
        return a.kind == b.kind && a.from == b.from && a.to == b.to;
    }
};

/// The lineage of tasks and models as plain data, with the exports trove-cli prints
/// (`lineage --format text|json|dot`). Nodes and edges are unique; cycles are allowed in
/// the data and handled by every export.
class LineageGraph final
{
public:
    QString rootKey() const { return m_root; }
    void setRoot(const QString &key) { m_root = key; }

    /// Adds the node, or returns the existing one with the same key (the depth kept is the
    /// smallest).
    LineageNode &addNode(LineageNode::Kind kind, const QString &id, int depth);
    LineageNode *node(const QString &key);
    const LineageNode *node(const QString &key) const;
    /// Adds the edge unless present; returns whether it was new.
    bool addEdge(LineageEdge::Kind kind,
                 const QString &from,
                 const QString &to,
                 const QString &label = QString());

    QList<LineageNode> nodes() const { return m_nodes.values(); }
    const QList<LineageEdge> &edges() const { return m_edges; }
    int nodeCount() const { return int(m_nodes.size()); }
    QList<LineageEdge> edgesFrom(const QString &key) const;
    QList<LineageEdge> edgesTo(const QString &key) const;

    /// {"root": key, "nodes": [{key, kind, id, name, detail, project, depth, expanded}],
    ///  "edges": [{from, to, kind, label}]}
    nlohmann::json toJson() const;
    /// Graphviz: tasks as boxes, models as ellipses, edges labelled by kind.
    QString toDot() const;
    /// An indented tree from the root: upstream ("← …") then downstream ("→ …"); a node met
    /// again is printed with "(see above)" and not descended into.
    QString toText() const;

    static QString kindName(LineageEdge::Kind kind);

private:
    QMap<QString, LineageNode> m_nodes;
    QList<LineageEdge> m_edges;
    QString m_root;
};

} // namespace Trove

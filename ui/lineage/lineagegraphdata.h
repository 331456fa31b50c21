#pragma once

#include <QList>
#include <QString>

namespace Trove {

/// A lineage graph as plain values; core/lineage's builder produces it, LineageView shows it.
struct LineageGraphData
{
    struct Node
    {
        enum class Kind { Task, Model };
        QString id;
        Kind kind = Kind::Task;
        QString title;           ///< task or model name
        QString subtitle;        ///< project, framework, date ...
        QString status;          ///< ClearML status: completed, published, in_progress, failed, ...
        bool expandable = false; ///< more neighbours can be loaded (shows the + button)
        QString toolTip = {};    ///< rich text; empty: title, subtitle and status
        bool root = false;       ///< the node the graph is built around (drawn emphasised)
    };
    struct Edge
    {
        enum class Kind {
            Produced, ///< task -> model it output
            UsedBy,   ///< model -> task that used it as input
            Parent,   ///< parent -> child (a model's parent model, a cloned task)
        };
        QString from;
        QString to;
        Kind kind = Kind::Produced;
        QString label = {}; ///< the task's name for the model ("classifier"), shown in the tooltip
    };

    QList<Node> nodes;
    QList<Edge> edges;
};

} // namespace Trove

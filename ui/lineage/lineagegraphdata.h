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
    };
    struct Edge
    {
        enum class Kind {
            Produced, ///< task -> model it output
            UsedBy,   ///< model -> task that used it as input
            Parent,   ///< parent task -> child task (cloned / pipeline step)
        };
        QString from;
        QString to;
        Kind kind = Kind::Produced;
    };

    QList<Node> nodes;
    QList<Edge> edges;
};

} // namespace Trove

#pragma once

#include "lineagegraphdata.h"

#include <QHash>
#include <QPointF>
#include <QPolygonF>
#include <QSizeF>
#include <QVector>

namespace Trove {

/// Layered ("Sugiyama") layout of a lineage graph, left to right:
/// 1. cycles are broken by reversing DFS back edges (the edges keep their direction for
///    drawing; only the layering ignores them),
/// 2. longest-path layering: every node sits one layer right of its furthest predecessor,
/// 3. edges spanning several layers get virtual nodes so they can bend around cards,
/// 4. barycentric crossing reduction, alternating down/up sweeps, keeping the best order,
/// 5. vertical placement pulls nodes towards their neighbours' mean without overlaps.
/// Pure computation on values: testable without a scene.
class LineageLayout final
{
public:
    struct Options
    {
        QSizeF nodeSize{220, 66};
        double layerGap = 90;   ///< horizontal space between layers
        double nodeGap = 28;    ///< vertical space between cards
        double virtualGap = 14; ///< vertical space taken by an edge passing a layer
        int sweeps = 12;
    };

    struct Result
    {
        QHash<QString, QPointF> positions; ///< top-left of each node's card
        QHash<QString, int> layers;
        /// Per input edge (same index as data.edges; empty for dropped edges): the points the
        /// edge passes through, from the source card's right side to the target's left side.
        QVector<QPolygonF> edgeRoutes;
        QVector<bool> reversed; ///< per edge: reversed to break a cycle
        int crossings = 0;
        QSizeF size;
    };

    static Result compute(const LineageGraphData &data, const Options &options);
    static Result compute(const LineageGraphData &data) { return compute(data, Options{}); }
};

} // namespace Trove

#pragma once

#include "lineage/lineagegraph.h"
#include "lineagegraphdata.h"

namespace Trove {

/// The one place where core's LineageGraph (LineageBuilder's result) becomes the plain
/// LineageGraphData that LineageView draws:
///  - node ids are the graph keys ("task:<id>", "model:<id>": a task and a model may share an
///    id); LineageGraph::node(key) maps them back,
///  - title = name (the id while undescribed), subtitle = task type or model framework and the
///    short id, status = task status or "published" for a published model,
///  - expandable = not expanded yet, root = the graph's root, a rich-text tooltip with the id,
///  - edges keep their data-flow direction: Produced → Produced, Consumed → UsedBy,
///    Derived (parent model → model) → Parent, with the task's name for the model as label.
class LineageAdapter final
{
public:
    static LineageGraphData toViewData(const LineageGraph &graph);
    static LineageGraphData::Node toViewNode(const LineageNode &node, bool root = false);
    static LineageGraphData::Edge toViewEdge(const LineageEdge &edge);
    static QString toolTip(const LineageNode &node);
};

} // namespace Trove

#include "lineageadapter.h"

#include <QCoreApplication>

namespace Trove {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("LineageAdapter", text);
}

QString shortId(const QString &id)
{
    return id.size() > 8 ? id.left(8) : id;
}

QString joinParts(const QString &a, const QString &b)
{
    if (a.isEmpty() || b.isEmpty())
        return a + b;
    return a + QStringLiteral(" · ") + b;
}

} // namespace

QString LineageAdapter::toolTip(const LineageNode &node)
{
    const bool task = node.kind == LineageNode::Kind::Task;
    QString html = QStringLiteral("<b>%1</b><br>%2")
                           .arg((node.name.isEmpty() ? node.id : node.name).toHtmlEscaped(),
                                task ? tr("Task") : tr("Model"));
    auto row = [&html](const QString &label, const QString &value) {
        if (!value.isEmpty())
            html += QStringLiteral("<br>%1: %2").arg(label, value.toHtmlEscaped());
    };
    row(tr("ID"), node.id);
    if (task) {
        row(tr("Status"), node.detail);
        row(tr("Type"), node.type);
    } else {
        row(tr("Framework"), node.detail);
        row(tr("Status"), node.published ? tr("published") : tr("draft"));
    }
    if (!node.described)
        html += QStringLiteral("<br><i>%1</i>").arg(tr("details unavailable"));
    if (!node.expanded)
        html += QStringLiteral("<br><i>%1</i>").arg(tr("more links: click + to expand"));
    return html;
}

LineageGraphData::Node LineageAdapter::toViewNode(const LineageNode &node, bool root)
{
    const bool task = node.kind == LineageNode::Kind::Task;
    LineageGraphData::Node out;
    out.id = node.key();
    out.kind = task ? LineageGraphData::Node::Kind::Task : LineageGraphData::Node::Kind::Model;
    out.title = node.name.isEmpty() ? node.id : node.name;
    out.subtitle = joinParts(task ? node.type : node.detail, shortId(node.id));
    out.status = task ? node.detail : (node.published ? QStringLiteral("published") : QString());
    out.expandable = !node.expanded;
    out.toolTip = toolTip(node);
    out.root = root;
    return out;
}

LineageGraphData::Edge LineageAdapter::toViewEdge(const LineageEdge &edge)
{
    LineageGraphData::Edge out;
    out.from = edge.from;
    out.to = edge.to;
    switch (edge.kind) {
    case LineageEdge::Kind::Produced:
        out.kind = LineageGraphData::Edge::Kind::Produced;
        break;
    case LineageEdge::Kind::Consumed:
        out.kind = LineageGraphData::Edge::Kind::UsedBy;
        break;
    case LineageEdge::Kind::Derived:
        out.kind = LineageGraphData::Edge::Kind::Parent;
        break;
    }
    out.label = edge.label;
    return out;
}

LineageGraphData LineageAdapter::toViewData(const LineageGraph &graph)
{
    LineageGraphData data;
    const QList<LineageNode> nodes = graph.nodes();
    data.nodes.reserve(nodes.size());
    for (const LineageNode &n : nodes)
        data.nodes << toViewNode(n, n.key() == graph.rootKey());
    data.edges.reserve(graph.edges().size());
    for (const LineageEdge &e : graph.edges())
        data.edges << toViewEdge(e);
    return data;
}

} // namespace Trove

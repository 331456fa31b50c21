#include "lineagelayout.h"

#include <QSet>

#include <algorithm>
#include <functional>
#include <limits>
#include <numeric>

namespace Trove {

namespace {
struct Graph
{
    int real = 0;              // nodes [0, real) are real, the rest virtual
    QVector<QVector<int>> out; // layered DAG successors (after reversal, split)
    QVector<QVector<int>> in;
    QVector<int> layer;
};

/// Crossings between two adjacent layers given positions of the lower layer's nodes.
int countCrossings(const QVector<int> &upper, const QVector<int> &pos, const Graph &g)
{
    QVector<std::pair<int, int>> segments;
    for (int i = 0; i < upper.size(); ++i)
        for (int t : g.out[upper[i]])
            segments.append({i, pos[t]});
    int crossings = 0;
    for (int a = 0; a < segments.size(); ++a)
        for (int b = a + 1; b < segments.size(); ++b)
            if ((segments[a].first - segments[b].first) * (segments[a].second - segments[b].second)
                < 0)
                ++crossings;
    return crossings;
}

int totalCrossings(const QVector<QVector<int>> &order, const Graph &g)
{
    QVector<int> pos(g.out.size());
    for (const auto &l : order)
        for (int i = 0; i < l.size(); ++i)
            pos[l[i]] = i;
    int total = 0;
    for (int l = 0; l + 1 < order.size(); ++l)
        total += countCrossings(order[l], pos, g);
    return total;
}
} // namespace

LineageLayout::Result LineageLayout::compute(const LineageGraphData &data, const Options &opt)
{
    Result result;
    const int n = int(data.nodes.size());
    result.edgeRoutes.resize(data.edges.size());
    result.reversed = QVector<bool>(data.edges.size(), false);
    if (n == 0)
        return result;

    QHash<QString, int> indexOf;
    for (int i = 0; i < n; ++i)
        indexOf.insert(data.nodes[i].id, i);

    // Valid, de-duplicated edges (u, v, edge index); self loops and dangling ends dropped.
    struct E
    {
        int u, v, index;
    };
    QVector<E> edges;
    QSet<QPair<int, int>> seen;
    QVector<QVector<std::pair<int, int>>> adj(n); // (target, edge slot)
    for (int e = 0; e < data.edges.size(); ++e) {
        const int u = indexOf.value(data.edges[e].from, -1);
        const int v = indexOf.value(data.edges[e].to, -1);
        if (u < 0 || v < 0 || u == v)
            continue;
        edges.append({u, v, e});
        adj[u].append({v, int(edges.size()) - 1});
    }

    // 1. Break cycles: iterative DFS, an edge to a node on the stack is a back edge.
    QVector<int> state(n, 0); // 0 new, 1 on stack, 2 done
    QVector<bool> reversedEdge(edges.size(), false);
    for (int s = 0; s < n; ++s) {
        if (state[s])
            continue;
        QVector<std::pair<int, int>> stack{{s, 0}};
        state[s] = 1;
        while (!stack.isEmpty()) {
            auto &[node, next] = stack.last();
            if (next < adj[node].size()) {
                const auto [t, slot] = adj[node][next++];
                if (state[t] == 1)
                    reversedEdge[slot] = true;
                else if (state[t] == 0) {
                    state[t] = 1;
                    stack.append({t, 0});
                }
            } else {
                state[node] = 2;
                stack.removeLast();
            }
        }
    }

    // 2. Longest-path layering on the DAG (Kahn order).
    Graph g;
    g.real = n;
    g.out.resize(n);
    g.in.resize(n);
    QVector<std::pair<int, int>> dagEdges; // per edges[] slot
    for (int i = 0; i < edges.size(); ++i) {
        int u = edges[i].u, v = edges[i].v;
        if (reversedEdge[i])
            std::swap(u, v);
        dagEdges.append({u, v});
        if (!seen.contains({u, v})) {
            seen.insert({u, v});
            g.out[u].append(v);
            g.in[v].append(u);
        }
    }
    g.layer = QVector<int>(n, 0);
    {
        QVector<int> indeg(n);
        for (int v = 0; v < n; ++v)
            indeg[v] = int(g.in[v].size());
        QVector<int> queue;
        for (int v = 0; v < n; ++v)
            if (indeg[v] == 0)
                queue.append(v);
        for (int qi = 0; qi < queue.size(); ++qi) {
            const int u = queue[qi];
            for (int v : std::as_const(g.out[u])) {
                g.layer[v] = std::max(g.layer[v], g.layer[u] + 1);
                if (--indeg[v] == 0)
                    queue.append(v);
            }
        }
    }

    // 3. Split long edges with virtual nodes; remember each edge's chain.
    QVector<QVector<int>> chains(edges.size());
    {
        QVector<QVector<int>> out(n), in(n);
        QHash<QPair<int, int>, QVector<int>> chainOf;
        for (int i = 0; i < edges.size(); ++i) {
            const auto [u, v] = dagEdges[i];
            auto it = chainOf.find({u, v});
            if (it == chainOf.end()) {
                QVector<int> chain{u};
                int prev = u;
                for (int l = g.layer[u] + 1; l < g.layer[v]; ++l) {
                    const int d = int(g.layer.size());
                    g.layer.append(l);
                    out.append(QVector<int>());
                    in.append(QVector<int>());
                    out[prev].append(d);
                    in[d].append(prev);
                    chain.append(d);
                    prev = d;
                }
                out[prev].append(v);
                in[v].append(prev);
                chain.append(v);
                it = chainOf.insert({u, v}, chain);
            }
            chains[i] = it.value();
        }
        g.out = out;
        g.in = in;
    }
    const int total = int(g.layer.size());
    const int layerCount = *std::max_element(g.layer.cbegin(), g.layer.cend()) + 1;

    // 4. Ordering: initial order by DFS discovery from the sources, then barycentric sweeps.
    QVector<QVector<int>> order(layerCount);
    {
        QVector<bool> placed(total, false);
        std::function<void(int)> visit = [&](int v) {
            if (placed[v])
                return;
            placed[v] = true;
            order[g.layer[v]].append(v);
            for (int t : std::as_const(g.out[v]))
                visit(t);
        };
        // Iterative depth is bounded by the layer count; recursion is fine for lineage sizes,
        // but guard pathological chains by visiting in layer order as a fallback.
        if (layerCount < 5000) {
            for (int v = 0; v < n; ++v)
                if (g.in[v].isEmpty())
                    visit(v);
        }
        for (int v = 0; v < total; ++v)
            if (!placed[v]) {
                placed[v] = true;
                order[g.layer[v]].append(v);
            }
    }
    QVector<double> pos(total);
    auto updatePos = [&](int l) {
        for (int i = 0; i < order[l].size(); ++i)
            pos[order[l][i]] = i;
    };
    for (int l = 0; l < layerCount; ++l)
        updatePos(l);
    auto best = order;
    int bestCrossings = totalCrossings(order, g);
    const bool small = total <= 3000;
    for (int sweep = 0; sweep < opt.sweeps && bestCrossings > 0 && small; ++sweep) {
        const bool down = sweep % 2 == 0;
        for (int step = 1; step < layerCount; ++step) {
            const int l = down ? step : layerCount - 1 - step;
            QVector<std::pair<double, int>> keyed;
            for (int i = 0; i < order[l].size(); ++i) {
                const int v = order[l][i];
                const auto &nb = down ? g.in[v] : g.out[v];
                double bc = pos[v];
                if (!nb.isEmpty()) {
                    double sum = 0;
                    for (int w : nb)
                        sum += pos[w];
                    bc = sum / nb.size();
                }
                keyed.append({bc, v});
            }
            std::stable_sort(keyed.begin(), keyed.end(),
                             [](const auto &a, const auto &b) { return a.first < b.first; });
            for (int i = 0; i < keyed.size(); ++i)
                order[l][i] = keyed[i].second;
            updatePos(l);
        }
        const int c = totalCrossings(order, g);
        if (c < bestCrossings) {
            bestCrossings = c;
            best = order;
        }
    }
    order = best;
    result.crossings = bestCrossings;

    // 5. Vertical placement.
    auto height = [&](int v) {
        return v < n ? opt.nodeSize.height() : 0.0;
    };
    auto gapAfter = [&](int v) {
        return v < n ? opt.nodeGap : opt.virtualGap;
    };
    QVector<double> y(total, 0); // centre y
    for (int l = 0; l < layerCount; ++l) {
        double cursor = 0;
        for (int v : std::as_const(order[l])) {
            y[v] = cursor + height(v) / 2;
            cursor += height(v) + gapAfter(v);
        }
    }
    auto placeLayer = [&](int l, bool useIn, bool useOut) {
        const auto &vs = order[l];
        if (vs.isEmpty())
            return;
        QVector<double> desired(vs.size());
        for (int i = 0; i < vs.size(); ++i) {
            double sum = 0;
            int count = 0;
            if (useIn)
                for (int w : g.in[vs[i]]) {
                    sum += y[w];
                    ++count;
                }
            if (useOut)
                for (int w : g.out[vs[i]]) {
                    sum += y[w];
                    ++count;
                }
            desired[i] = count ? sum / count : y[vs[i]];
        }
        // Forward pass respecting minimum separation, then centre the block on the desires.
        QVector<double> placed(vs.size());
        for (int i = 0; i < vs.size(); ++i) {
            placed[i] = desired[i];
            if (i > 0) {
                const double minY = placed[i - 1] + height(vs[i - 1]) / 2 + gapAfter(vs[i - 1])
                                    + height(vs[i]) / 2;
                placed[i] = std::max(placed[i], minY);
            }
        }
        double shift = 0;
        for (int i = 0; i < vs.size(); ++i)
            shift += desired[i] - placed[i];
        shift /= vs.size();
        for (int i = 0; i < vs.size(); ++i)
            y[vs[i]] = placed[i] + shift;
    };
    for (int iter = 0; iter < 4; ++iter) {
        for (int l = 1; l < layerCount; ++l)
            placeLayer(l, true, false);
        for (int l = layerCount - 2; l >= 0; --l)
            placeLayer(l, false, true);
    }
    double minTop = std::numeric_limits<double>::max();
    double maxBottom = std::numeric_limits<double>::lowest();
    for (int v = 0; v < total; ++v) {
        minTop = std::min(minTop, y[v] - height(v) / 2);
        maxBottom = std::max(maxBottom, y[v] + height(v) / 2);
    }
    const double layerStep = opt.nodeSize.width() + opt.layerGap;
    for (int v = 0; v < n; ++v) {
        const QString &id = data.nodes[v].id;
        result.positions.insert(id, QPointF(g.layer[v] * layerStep, y[v] - height(v) / 2 - minTop));
        result.layers.insert(id, g.layer[v]);
    }
    result.size = QSizeF(layerCount * layerStep - opt.layerGap, maxBottom - minTop);

    // Routes: from the right side of the source card to the left side of the target card.
    auto xLeft = [&](int v) {
        return g.layer[v] * layerStep;
    };
    for (int i = 0; i < edges.size(); ++i) {
        QPolygonF route;
        const QVector<int> &chain = chains[i];
        for (int k = 0; k < chain.size(); ++k) {
            const int v = chain[k];
            const double cy = y[v] - minTop;
            if (v >= n) {
                route << QPointF(xLeft(v), cy) << QPointF(xLeft(v) + opt.nodeSize.width(), cy);
            } else if (k == 0) {
                route << QPointF(xLeft(v) + opt.nodeSize.width(), cy);
            } else {
                route << QPointF(xLeft(v), cy);
            }
        }
        if (reversedEdge[i])
            std::reverse(route.begin(), route.end());
        result.edgeRoutes[edges[i].index] = route;
        result.reversed[edges[i].index] = reversedEdge[i];
    }
    return result;
}

} // namespace Trove

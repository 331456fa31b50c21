#pragma once

#include "api/clearmlapi.h"
#include "common/error.h"
#include "lineagegraph.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

namespace Trove {

/// Builds a LineageGraph from the server, breadth-first from a task or a model:
///  - task T: its input models (model → T), its output models
///    (models.get_all{task:[T]} ∪ T.models.output; T → model);
///  - model M: its producer (M.task → M), its consumers (tasks.get_all
///    {"models.input.model":[M]}; M → task), its parent (parent → M) and children
///    (models.get_all{parent:[M]}).
/// Every node is expanded at most once, so cycles terminate; build() stops expanding at
/// `maxDepth` hops from the root (those nodes stay expandable with expand()). At the end,
/// nodes known only by id get their names with one batched tasks.get_all / models.get_all.
/// A node whose requests failed or were cancelled stays unexpanded and can be expanded again
/// (retry); what its successful requests added stays in the graph.
class LineageBuilder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LineageBuilder)

public:
    explicit LineageBuilder(ClearmlApi *api, QObject *parent = nullptr);
    ~LineageBuilder() override;

    /// Starts from a root and expands up to `maxDepth` hops. Emits finished() when done.
    void build(LineageNode::Kind kind, const QString &id, int maxDepth = 3);
    /// Expands one more node (user action); emits finished() when done.
    void expand(const QString &nodeKey);
    void cancel();
    bool isRunning() const { return m_inFlight > 0; }

    const LineageGraph &graph() const { return m_graph; }
    int maxDepth() const { return m_maxDepth; }
    const Error &lastError() const { return m_lastError; }

    /// Blocking convenience for trove-cli and worker threads; NEVER on the GUI thread
    /// (runs a local event loop).
    static Result<LineageGraph>
    buildBlocking(ClearmlApi *api, LineageNode::Kind kind, const QString &id, int maxDepth);

signals:
    void graphChanged();
    void finished();
    void errorOccurred(const Trove::Error &error);

private:
    void expandNode(const QString &key, bool autoExpand);
    void expandTask(const QString &key, bool autoExpand);
    void expandModel(const QString &key, bool autoExpand);
    /// Adds a neighbour of `from` and queues it for expansion when within the depth limit.
    QString
    neighbour(const QString &from, LineageNode::Kind kind, const QString &id, bool autoExpand);
    /// Counts `reply` in flight; `nodeKey` (if any) may be expanded again when it fails.
    void track(ApiReply *reply, const QString &nodeKey, std::function<void(ApiReply &)> onOk);
    void stepDone();
    /// Marks a node as not expanded, so expand() asks for it again.
    void unexpand(const QString &key);
    void describeMissing();

    QPointer<ClearmlApi> m_api;
    LineageGraph m_graph;
    int m_maxDepth = 3;
    int m_inFlight = 0;
    bool m_describing = false;
    quint64 m_generation = 0;
    QSet<QString> m_queued;              ///< keys being or already expanded
    QHash<QString, int> m_pendingByNode; ///< requests in flight per expanded node
    QList<QPointer<ApiReply>> m_replies;
    Error m_lastError;
};

} // namespace Trove

#include "lineagebuilder.h"

#include <QEventLoop>

namespace Trove {

namespace {

void describe(LineageNode &n, const Task &t)
{
    n.name = t.name;
    n.detail = t.statusText;
    n.type = t.typeText;
    n.projectId = t.project.id;
    n.described = true;
}

void describe(LineageNode &n, const Model &m)
{
    n.name = m.name;
    n.detail = m.framework;
    n.published = m.ready;
    n.projectId = m.project.id;
    n.described = true;
}

QStringList modelFields()
{
    return {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("framework"),
            QStringLiteral("project"), QStringLiteral("ready")};
}

} // namespace

LineageBuilder::LineageBuilder(ClearmlApi *api, QObject *parent)
    : QObject(parent)
    , m_api(api)
{}

LineageBuilder::~LineageBuilder()
{
    cancel();
}

void LineageBuilder::cancel()
{
    ++m_generation;
    for (const QPointer<ApiReply> &r : std::as_const(m_replies))
        if (r)
            r->cancel();
    m_replies.clear();
    m_inFlight = 0;
    m_describing = false;
    // Nodes whose answers will not come can be expanded again.
    for (auto it = m_pendingByNode.cbegin(); it != m_pendingByNode.cend(); ++it)
        if (it.value() > 0)
            unexpand(it.key());
    m_pendingByNode.clear();
}

void LineageBuilder::unexpand(const QString &key)
{
    m_queued.remove(key);
    if (LineageNode *n = m_graph.node(key))
        n->expanded = false;
}

void LineageBuilder::build(LineageNode::Kind kind, const QString &id, int maxDepth)
{
    cancel();
    m_graph = LineageGraph();
    m_queued.clear();
    m_lastError = Error();
    m_maxDepth = std::max(0, maxDepth);
    LineageNode &root = m_graph.addNode(kind, id, 0);
    m_graph.setRoot(root.key());
    expandNode(root.key(), true);
    emit graphChanged();
}

void LineageBuilder::expand(const QString &nodeKey)
{
    if (!m_graph.node(nodeKey) || m_queued.contains(nodeKey))
        return;
    m_lastError = Error();
    expandNode(nodeKey, false);
}

void LineageBuilder::expandNode(const QString &key, bool autoExpand)
{
    if (m_queued.contains(key) || !m_api)
        return;
    m_queued.insert(key);
    const LineageNode *n = m_graph.node(key);
    if (n->kind == LineageNode::Kind::Task)
        expandTask(key, autoExpand);
    else
        expandModel(key, autoExpand);
}

QString LineageBuilder::neighbour(const QString &from,
                                  LineageNode::Kind kind,
                                  const QString &id,
                                  bool autoExpand)
{
    const int depth = m_graph.node(from)->depth + 1;
    LineageNode &n = m_graph.addNode(kind, id, depth);
    const QString key = n.key();
    if (autoExpand && n.depth < m_maxDepth && !m_queued.contains(key))
        expandNode(key, true);
    return key;
}

void LineageBuilder::track(ApiReply *reply,
                           const QString &nodeKey,
                           std::function<void(ApiReply &)> onOk)
{
    ++m_inFlight;
    if (!nodeKey.isEmpty())
        ++m_pendingByNode[nodeKey];
    m_replies << reply;
    const quint64 generation = m_generation;
    reply->onFinished(this, [this, generation, nodeKey, onOk = std::move(onOk)](ApiReply &r) {
        if (generation != m_generation)
            return;
        --m_inFlight;
        if (!nodeKey.isEmpty())
            --m_pendingByNode[nodeKey];
        m_replies.removeAll(QPointer<ApiReply>(&r));
        if (r.ok()) {
            onOk(r);
            emit graphChanged();
        } else if (!r.error().isCancelled()) {
            // Not (completely) expanded: a later expand() (the user's retry) asks again.
            if (!nodeKey.isEmpty())
                unexpand(nodeKey);
            m_lastError = r.error();
            emit errorOccurred(m_lastError);
        }
        stepDone();
    });
}

void LineageBuilder::stepDone()
{
    if (m_inFlight > 0)
        return;
    if (!m_describing) {
        describeMissing();
        if (m_inFlight > 0)
            return;
    }
    m_describing = false;
    emit finished();
}

void LineageBuilder::expandTask(const QString &key, bool autoExpand)
{
    const QString id = m_graph.node(key)->id;
    track(m_api->getTask(id), key, [this, key, autoExpand](ApiReply &r) {
        const Task t = r.value<Task>().value();
        if (LineageNode *n = m_graph.node(key)) {
            describe(*n, t);
            n->expanded = true;
        }
        for (const TaskModelRef &ref : t.inputModels)
            if (!ref.model.isEmpty())
                m_graph.addEdge(LineageEdge::Kind::Consumed,
                                neighbour(key, LineageNode::Kind::Model, ref.model.id, autoExpand),
                                key, ref.name);
        for (const TaskModelRef &ref : t.outputModels)
            if (!ref.model.isEmpty())
                m_graph.addEdge(LineageEdge::Kind::Produced, key,
                                neighbour(key, LineageNode::Kind::Model, ref.model.id, autoExpand),
                                ref.name);
    });
    ModelQuery produced;
    produced.taskIds = {id};
    produced.onlyFields = modelFields();
    track(m_api->getModels(produced), key, [this, key, autoExpand](ApiReply &r) {
        // A named Page: a range-for over a member of the Result temporary would dangle.
        const Page<Model> page = r.value<Page<Model>>().value();
        for (const Model &m : page.items) {
            const QString mkey = neighbour(key, LineageNode::Kind::Model, m.id, autoExpand);
            if (LineageNode *n = m_graph.node(mkey); n && !n->described)
                describe(*n, m);
            m_graph.addEdge(LineageEdge::Kind::Produced, key, mkey);
        }
    });
}

void LineageBuilder::expandModel(const QString &key, bool autoExpand)
{
    const QString id = m_graph.node(key)->id;
    track(m_api->getModel(id), key, [this, key, autoExpand](ApiReply &r) {
        const Model m = r.value<Model>().value();
        if (LineageNode *n = m_graph.node(key)) {
            describe(*n, m);
            n->expanded = true;
        }
        if (!m.task.isEmpty())
            m_graph.addEdge(LineageEdge::Kind::Produced,
                            neighbour(key, LineageNode::Kind::Task, m.task.id, autoExpand), key);
        if (!m.parent.isEmpty())
            m_graph.addEdge(LineageEdge::Kind::Derived,
                            neighbour(key, LineageNode::Kind::Model, m.parent.id, autoExpand), key);
    });
    track(m_api->getModelConsumers(id), key, [this, key, id, autoExpand](ApiReply &r) {
        // A named Page: a range-for over a member of the Result temporary would dangle.
        const Page<Task> page = r.value<Page<Task>>().value();
        for (const Task &t : page.items) {
            const QString tkey = neighbour(key, LineageNode::Kind::Task, t.id, autoExpand);
            if (LineageNode *n = m_graph.node(tkey); n && !n->described)
                describe(*n, t);
            QString entry;
            for (const TaskModelRef &ref : t.inputModels)
                if (ref.model.id == id)
                    entry = ref.name;
            m_graph.addEdge(LineageEdge::Kind::Consumed, key, tkey, entry);
        }
    });
    ModelQuery children;
    children.parentIds = {id};
    children.onlyFields = modelFields();
    track(m_api->getModels(children), key, [this, key, autoExpand](ApiReply &r) {
        // A named Page: a range-for over a member of the Result temporary would dangle.
        const Page<Model> page = r.value<Page<Model>>().value();
        for (const Model &m : page.items) {
            const QString ckey = neighbour(key, LineageNode::Kind::Model, m.id, autoExpand);
            if (LineageNode *n = m_graph.node(ckey); n && !n->described)
                describe(*n, m);
            m_graph.addEdge(LineageEdge::Kind::Derived, key, ckey);
        }
    });
}

void LineageBuilder::describeMissing()
{
    QStringList tasks;
    QStringList models;
    for (const LineageNode &n : m_graph.nodes()) {
        if (n.described)
            continue;
        (n.kind == LineageNode::Kind::Task ? tasks : models) << n.id;
    }
    if (tasks.isEmpty() && models.isEmpty())
        return;
    m_describing = true;
    if (!tasks.isEmpty()) {
        TaskQuery q;
        q.ids = tasks;
        q.includeArchived = true;
        q.orderBy.clear();
        q.onlyFields = {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("status"),
                        QStringLiteral("type"), QStringLiteral("project")};
        q.size = 500;
        track(m_api->getTasks(q), QString(), [this](ApiReply &r) {
            // A named Page: a range-for over a member of the Result temporary would dangle.
            const Page<Task> page = r.value<Page<Task>>().value();
            for (const Task &t : page.items)
                if (LineageNode *n
                    = m_graph.node(LineageNode::keyOf(LineageNode::Kind::Task, t.id)))
                    describe(*n, t);
        });
    }
    if (!models.isEmpty()) {
        ModelQuery q;
        q.ids = models;
        q.onlyFields = modelFields();
        track(m_api->getModels(q), QString(), [this](ApiReply &r) {
            // A named Page: a range-for over a member of the Result temporary would dangle.
            const Page<Model> page = r.value<Page<Model>>().value();
            for (const Model &m : page.items)
                if (LineageNode *n
                    = m_graph.node(LineageNode::keyOf(LineageNode::Kind::Model, m.id)))
                    describe(*n, m);
        });
    }
}

Result<LineageGraph> LineageBuilder::buildBlocking(ClearmlApi *api,
                                                   LineageNode::Kind kind,
                                                   const QString &id,
                                                   int maxDepth)
{
    LineageBuilder builder(api);
    QEventLoop loop;
    connect(&builder, &LineageBuilder::finished, &loop, &QEventLoop::quit);
    builder.build(kind, id, maxDepth);
    if (builder.isRunning())
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    const LineageNode *root = builder.graph().node(builder.graph().rootKey());
    if (!root || !root->expanded)
        return builder.lastError().kind != Error::Kind::None
                       ? builder.lastError()
                       : Error::make(Error::Kind::Server, QStringLiteral("lineage root not found"),
                                     id);
    return builder.graph();
}

} // namespace Trove

// Lineage against the real trove-server: a 4-generation chain t1→m1→t2→m2→t3→m3→t4→m4 created
// through the API, the depth limit, expand-on-demand, and a cycle through model.parent.
#include "apitestenv.h"
#include "lineage/lineagebuilder.h"

#include <QSignalSpy>
#include <QtTest>

using namespace Trove;
using nlohmann::json;

class tst_Lineage : public QObject
{
    Q_OBJECT
private:
    ApiTestEnv m_env;
    QStringList m_tasks;
    QStringList m_models;

    static QString task(const QString &id)
    {
        return LineageNode::keyOf(LineageNode::Kind::Task, id);
    }
    static QString model(const QString &id)
    {
        return LineageNode::keyOf(LineageNode::Kind::Model, id);
    }

    bool buildAndWait(LineageBuilder &builder, LineageNode::Kind kind, const QString &id, int depth)
    {
        QSignalSpy finished(&builder, &LineageBuilder::finished);
        builder.build(kind, id, depth);
        return finished.wait(30000) && builder.lastError().kind == Error::Kind::None;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_env.start());
        const QString project = m_env.createProject(QStringLiteral("lineage"));
        QString previous;
        for (int g = 1; g <= 4; ++g) {
            const QString t = m_env.createTask(QStringLiteral("generation %1").arg(g), project);
            QVERIFY(!t.isEmpty());
            if (!previous.isEmpty())
                QVERIFY(m_env.sync
                                ->wait<json>(m_env.api->addOrUpdateModel(
                                                     t, QStringLiteral("input weights"), previous,
                                                     QStringLiteral("input")),
                                             30000)
                                .ok());
            auto m = m_env.sync->registerOutputModel(t, QStringLiteral("model %1").arg(g),
                                                     QStringLiteral("file:///w/gen%1.pt").arg(g));
            QVERIFY2(m.ok(), m.ok() ? "" : qPrintable(m.error().userMessage()));
            m_tasks << t;
            m_models << m.value();
            previous = m.value();
        }
    }

    void wholeChainFromTheMiddle()
    {
        LineageBuilder builder(m_env.api);
        QVERIFY(buildAndWait(builder, LineageNode::Kind::Model, m_models.at(1), 10));
        const LineageGraph &g = builder.graph();
        QCOMPARE(g.nodeCount(), 8);
        QCOMPARE(g.edges().size(), 7);
        QCOMPARE(g.rootKey(), model(m_models.at(1)));
        for (int i = 0; i < 4; ++i) {
            QVERIFY(g.node(task(m_tasks.at(i))));
            QVERIFY(g.node(model(m_models.at(i))));
            QCOMPARE(g.node(task(m_tasks.at(i)))->name, QStringLiteral("generation %1").arg(i + 1));
            QCOMPARE(g.node(model(m_models.at(i)))->name, QStringLiteral("model %1").arg(i + 1));
            QCOMPARE(g.edgesFrom(task(m_tasks.at(i))).size(), 1);
            QCOMPARE(g.edgesFrom(task(m_tasks.at(i))).at(0).kind, LineageEdge::Kind::Produced);
        }
        QCOMPARE(g.node(task(m_tasks.at(0)))->depth, 3);
        QCOMPARE(g.node(model(m_models.at(3)))->depth, 4);
        const auto consumed = g.edgesTo(task(m_tasks.at(2)));
        QCOMPARE(consumed.size(), 1);
        QCOMPARE(consumed.at(0).from, model(m_models.at(1)));
        QCOMPARE(consumed.at(0).kind, LineageEdge::Kind::Consumed);
        QCOMPARE(consumed.at(0).label, QStringLiteral("input weights"));

        const QString text = g.toText();
        QVERIFY(text.contains(QStringLiteral("model 4")));
        QVERIFY(text.contains(QStringLiteral("generation 1")));
        QCOMPARE(g.toDot().count(QStringLiteral(" -> ")), 7);
        QCOMPARE(g.toJson().at("nodes").size(), 8u);
    }

    void depthLimitAndExpand()
    {
        LineageBuilder builder(m_env.api);
        QVERIFY(buildAndWait(builder, LineageNode::Kind::Task, m_tasks.at(0), 2));
        const LineageGraph &g = builder.graph();
        QCOMPARE(g.nodeCount(), 3); // t1, m1, t2
        QVERIFY(g.node(task(m_tasks.at(0)))->expanded);
        QVERIFY(g.node(model(m_models.at(0)))->expanded);
        const LineageNode *t2 = g.node(task(m_tasks.at(1)));
        QVERIFY(t2);
        QVERIFY(!t2->expanded);
        QCOMPARE(t2->name, QStringLiteral("generation 2")); // described in the final batch
        QVERIFY(!g.node(model(m_models.at(1))));

        QSignalSpy finished(&builder, &LineageBuilder::finished);
        builder.expand(task(m_tasks.at(1)));
        QVERIFY(finished.wait(30000));
        QCOMPARE(builder.graph().nodeCount(), 4);
        QVERIFY(builder.graph().node(model(m_models.at(1))));
        QVERIFY(!builder.graph().node(task(m_tasks.at(2)))); // expand() goes one step only

        auto blocking = LineageBuilder::buildBlocking(m_env.api, LineageNode::Kind::Task,
                                                      m_tasks.at(0), 0);
        QVERIFY(blocking.ok());
        QCOMPARE(blocking->nodeCount(), 2); // the root's own neighbours are listed

        auto missing = LineageBuilder::buildBlocking(
                m_env.api, LineageNode::Kind::Task,
                QStringLiteral("0123456789abcdef0123456789abcdef"), 3);
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().resultSubcode, 101);
    }

    void failedExpandCanBeRetried()
    {
        LineageBuilder builder(m_env.api);
        QVERIFY(buildAndWait(builder, LineageNode::Kind::Task, m_tasks.at(0), 2));
        const QString t2 = task(m_tasks.at(1));
        QVERIFY(!builder.graph().node(t2)->expanded);
        QCOMPARE(builder.graph().node(t2)->type, QStringLiteral("training"));
        QCOMPARE(builder.graph().node(model(m_models.at(0)))->published, false);

        m_env.call("debug.inject_faults",
                   json{{"endpoint", "tasks.get_by_id"}, {"status", 500}, {"count", 100}});
        QSignalSpy finished(&builder, &LineageBuilder::finished);
        QSignalSpy failed(&builder, &LineageBuilder::errorOccurred);
        builder.expand(t2);
        QVERIFY(finished.wait(30000));
        m_env.call("debug.inject_faults",
                   json{{"endpoint", "tasks.get_by_id"}, {"status", 500}, {"count", 0}});
        QCOMPARE(failed.count(), 1);
        QCOMPARE(builder.lastError().httpStatus, 500);
        QVERIFY(!builder.graph().node(t2)->expanded);

        // The retry asks the server again instead of treating the node as done.
        builder.expand(t2);
        QVERIFY(finished.wait(30000));
        QCOMPARE(builder.lastError().kind, Error::Kind::None);
        QVERIFY(builder.graph().node(t2)->expanded);
        QVERIFY(builder.graph().node(model(m_models.at(1))));

        // A cancelled expansion can be asked for again too.
        const QString m2 = model(m_models.at(1));
        QVERIFY(!builder.graph().node(m2)->expanded);
        builder.expand(m2);
        QVERIFY(builder.isRunning());
        builder.cancel();
        QVERIFY(!builder.isRunning());
        QVERIFY(!builder.graph().node(m2)->expanded);
        builder.expand(m2);
        QVERIFY(builder.isRunning());
        QVERIFY(finished.wait(30000));
        QVERIFY(builder.graph().node(m2)->expanded);
        QVERIFY(builder.graph().node(task(m_tasks.at(2)))); // m2's consumer
    }

    void cycleTerminates()
    {
        // m4 becomes the parent of m1: m1 → t2 → … → m4 → m1.
        QVERIFY(m_env.sync
                        ->wait<json>(m_env.api->editModel(
                                             m_models.at(0),
                                             json{{"parent", m_models.at(3).toStdString()}}),
                                     30000)
                        .ok());
        LineageBuilder builder(m_env.api);
        QVERIFY(buildAndWait(builder, LineageNode::Kind::Task, m_tasks.at(0), 100));
        const LineageGraph &g = builder.graph();
        QCOMPARE(g.nodeCount(), 8);
        QCOMPARE(g.edges().size(), 8);
        bool derived = false;
        for (const LineageEdge &e : g.edges())
            derived = derived
                      || (e.kind == LineageEdge::Kind::Derived && e.from == model(m_models.at(3))
                          && e.to == model(m_models.at(0)));
        QVERIFY(derived);
        QVERIFY(g.toText().contains(QStringLiteral("(see above)")));
    }
};

QTEST_GUILESS_MAIN(tst_Lineage)
#include "tst_lineage.moc"

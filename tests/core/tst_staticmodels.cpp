// Item models that need no server: ArtifactListModel, ModelListModel, filter predicates,
// and the lineage graph exports.
#include "lineage/lineagegraph.h"
#include "models/artifactlistmodel.h"
#include "models/modellistmodel.h"
#include "models/taskfilter.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace Trove;

namespace {

Artifact artifact(const char *key, const char *type, qint64 size = 10)
{
    Artifact a;
    a.key = QLatin1String(key);
    a.type = QLatin1String(type);
    a.uri = QStringLiteral("http://files/") + a.key;
    a.contentSize = size;
    a.timestamp = 1735700000;
    a.displayData = {{QStringLiteral("m"), QStringLiteral("v")}};
    return a;
}

} // namespace

class tst_StaticModels : public QObject
{
    Q_OBJECT
private slots:
    void artifactListRolesAndIncrementalUpdate()
    {
        ArtifactListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        Task task;
        task.id = QStringLiteral("t1");
        task.artifacts = {artifact("a", "custom"), artifact("b", "numpy", 99)};
        model.setTask(task);
        QCOMPARE(model.rowCount(), 2);
        const QModelIndex b = model.index(1);
        QCOMPARE(b.data(ArtifactListModel::KeyRole).toString(), QStringLiteral("b"));
        QCOMPARE(b.data(ArtifactListModel::TypeRole).toString(), QStringLiteral("numpy"));
        QCOMPARE(b.data(ArtifactListModel::SizeRole).toLongLong(), 99);
        QCOMPARE(b.data(ArtifactListModel::ModeRole).toString(), QStringLiteral("output"));
        QCOMPARE(b.data(ArtifactListModel::TimestampRole).toDateTime().toSecsSinceEpoch(),
                 1735700000);
        QCOMPARE(b.data(ArtifactListModel::MetadataRole)
                         .toMap()
                         .value(QStringLiteral("m"))
                         .toString(),
                 QStringLiteral("v"));
        QCOMPARE(b.data(ArtifactListModel::PendingRole).toBool(), false);
        QVERIFY(model.roleNames().values().contains("pending"));

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setPending(QStringLiteral("b"), QStringLiteral("output"), true);
        QCOMPARE(changed.count(), 1);
        QVERIFY(b.data(ArtifactListModel::PendingRole).toBool());

        // Same task again: a removed row, an updated one, an added one; no reset.
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        task.artifacts = {artifact("b", "numpy", 100), artifact("c", "image")};
        model.setTask(task);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0).data(ArtifactListModel::SizeRole).toLongLong(), 100);
        QVERIFY(model.index(0).data(ArtifactListModel::PendingRole).toBool()); // kept
        QCOMPARE(model.rowOf(QStringLiteral("c")), 1);

        Task other;
        other.id = QStringLiteral("t2");
        model.setTask(other);
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.rowCount(), 0);
    }

    void modelListInputsThenOutputs()
    {
        ModelListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        TaskModels tm;
        tm.inputRefs = {
                TaskModelRef{QStringLiteral("weights"), EntityRef{QStringLiteral("m_in"), {}}, {}}};
        tm.outputRefs = {
                TaskModelRef{QStringLiteral("best"), EntityRef{QStringLiteral("m_out"), {}}, {}},
                TaskModelRef{QStringLiteral("gone"), EntityRef{QStringLiteral("m_gone"), {}}, {}}};
        Model in;
        in.id = QStringLiteral("m_in");
        in.name = QStringLiteral("pretrained");
        Model out;
        out.id = QStringLiteral("m_out");
        out.name = QStringLiteral("trained");
        out.framework = QStringLiteral("PyTorch");
        Model extra; // points at the task through model.task only
        extra.id = QStringLiteral("m_extra");
        extra.name = QStringLiteral("extra");
        tm.input = {in};
        tm.output = {out, extra};
        model.setTaskModels(QStringLiteral("t1"), tm);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.index(0).data(ModelListModel::DirectionRole).toString(),
                 QStringLiteral("input"));
        QCOMPARE(model.index(0).data(Qt::DisplayRole).toString(), QStringLiteral("pretrained"));
        QCOMPARE(model.index(1).data(ModelListModel::FrameworkRole).toString(),
                 QStringLiteral("PyTorch"));
        QCOMPARE(model.index(1).data(ModelListModel::EntryNameRole).toString(),
                 QStringLiteral("best"));
        QVERIFY(model.index(2).data(ModelListModel::MissingRole).toBool());
        QCOMPARE(model.index(2).data(Qt::DisplayRole).toString(), QStringLiteral("gone"));
        QCOMPARE(model.index(3).data(ModelListModel::IdRole).toString(), QStringLiteral("m_extra"));
        QCOMPARE(model.index(3).data(ModelListModel::DirectionRole).toString(),
                 QStringLiteral("output"));
    }

    void taskFilterPredicates()
    {
        Task t;
        t.id = QStringLiteral("abc123");
        t.name = QStringLiteral("Train ResNet");
        t.status = TaskStatus::Completed;
        t.type = TaskType::Training;
        t.tags = {QStringLiteral("best")};
        t.user.id = QStringLiteral("u1");
        TaskFilter f;
        QVERIFY(f.matches(t));
        f.text = QStringLiteral("resnet");
        QVERIFY(f.matches(t));
        f.text = QStringLiteral("ABC1");
        QVERIFY(f.matches(t));
        f.text = QStringLiteral("vgg");
        QVERIFY(!f.matches(t));
        f.text.clear();
        f.statuses = {TaskStatus::Failed};
        QVERIFY(!f.matches(t));
        f.statuses.insert(TaskStatus::Completed);
        QVERIFY(f.matches(t));
        f.tags = {QStringLiteral("other")};
        QVERIFY(!f.matches(t));
        f.tags << QStringLiteral("best");
        QVERIFY(f.matches(t));
        f.userId = QStringLiteral("u2");
        QVERIFY(!f.matches(t));
        f.userId.clear();
        t.systemTags = {QStringLiteral("archived")};
        QVERIFY(!f.matches(t));
        f.includeArchived = true;
        QVERIFY(f.matches(t));

        TaskQuery q;
        f.text = QStringLiteral(" res ");
        f.types = {TaskType::Training};
        f.applyTo(q);
        QCOMPARE(q.searchText, QStringLiteral("res"));
        QCOMPARE(q.statuses, (QStringList{QStringLiteral("completed"), QStringLiteral("failed")}));
        QCOMPARE(q.types, QStringList{QStringLiteral("training")});
        QVERIFY(q.includeArchived);

        ArtifactFilter af;
        af.text = QStringLiteral("csv");
        Artifact a = artifact("table", "pandas");
        QVERIFY(!af.matches(a));
        a.contentType = QStringLiteral("text/csv");
        QVERIFY(af.matches(a));
        af.types = {QStringLiteral("numpy")};
        QVERIFY(!af.matches(a));
    }

    void lineageExportsHandleCycles()
    {
        LineageGraph g;
        LineageNode &t1 = g.addNode(LineageNode::Kind::Task, QStringLiteral("t1"), 0);
        t1.name = QStringLiteral("train \"v1\"");
        t1.detail = QStringLiteral("completed");
        g.setRoot(t1.key());
        g.addNode(LineageNode::Kind::Model, QStringLiteral("m1"), 1).name
                = QStringLiteral("weights");
        g.addNode(LineageNode::Kind::Task, QStringLiteral("t2"), 2);
        g.addNode(LineageNode::Kind::Task, QStringLiteral("t1"), 5); // existing: depth kept
        QCOMPARE(g.nodeCount(), 3);
        QCOMPARE(g.node(QStringLiteral("task:t1"))->depth, 0);
        QVERIFY(g.addEdge(LineageEdge::Kind::Produced, QStringLiteral("task:t1"),
                          QStringLiteral("model:m1"), QStringLiteral("w")));
        QVERIFY(!g.addEdge(LineageEdge::Kind::Produced, QStringLiteral("task:t1"),
                           QStringLiteral("model:m1")));
        QVERIFY(g.addEdge(LineageEdge::Kind::Consumed, QStringLiteral("model:m1"),
                          QStringLiteral("task:t2")));
        // A cycle back to the root.
        QVERIFY(g.addEdge(LineageEdge::Kind::Consumed, QStringLiteral("model:m1"),
                          QStringLiteral("task:t1")));
        QCOMPARE(g.edges().size(), 3);

        const auto j = g.toJson();
        QCOMPARE(j.at("root").get<std::string>(), "task:t1");
        QCOMPARE(j.at("nodes").size(), 3u);
        QCOMPARE(j.at("edges").size(), 3u);
        QCOMPARE(j.at("edges").at(0).at("kind").get<std::string>(), "produced");

        const QString dot = g.toDot();
        QVERIFY(dot.startsWith(QLatin1String("digraph lineage {")));
        QVERIFY(dot.contains(QLatin1String("\"task:t1\" -> \"model:m1\" [label=\"produced w\"]")));
        QVERIFY(dot.contains(QLatin1String("train \\\"v1\\\"")));
        QVERIFY(dot.contains(QLatin1String("shape=ellipse")));

        const QString text = g.toText();
        QVERIFY(text.startsWith(QLatin1String("task train \"v1\" [t1] (completed)\n")));
        QVERIFY(text.contains(QStringLiteral("→ produced: model weights [m1]")));
        QVERIFY(text.contains(QLatin1String("(see above)")));
        QVERIFY(text.contains(QStringLiteral("← consumed: model weights [m1]")));
    }
};

QTEST_GUILESS_MAIN(tst_StaticModels)
#include "tst_staticmodels.moc"

#include "preview/jsontreemodel.h"
#include "preview/jsontreeview.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QTest>
#include <QTreeView>

using namespace Trove;

class TestJsonTree : public QObject
{
    Q_OBJECT

private:
    static JsonTreeNode sample()
    {
        const QByteArray json = R"({"name": "run", "lr": 0.001, "tags": ["a", "b", "c"],
            "nested": {"deep": {"x": null, "ok": true}}, "empty": {}})";
        return JsonTreeNode::fromJson(QJsonDocument::fromJson(json).object());
    }

private slots:
    void modelPassesTester()
    {
        JsonTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRoot(sample());
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.columnCount(), int(JsonTreeModel::ColumnCount));
        model.setRoot(JsonTreeNode{});
        QCOMPARE(model.rowCount(), 0);
        model.setRoot(sample());
    }

    void structureAndPaths()
    {
        JsonTreeModel model;
        model.setRoot(sample());
        // QJsonObject sorts keys: empty, lr, name, nested, tags.
        const QModelIndex tags = model.index(4, 0);
        QCOMPARE(tags.data().toString(), QStringLiteral("tags"));
        QCOMPARE(model.rowCount(tags), 3);
        const QModelIndex b = model.index(1, JsonTreeModel::ValueColumn, tags);
        QCOMPARE(b.data().toString(), QStringLiteral("\"b\""));
        QCOMPARE(model.parent(b), tags);
        QCOMPARE(model.path(b), QStringLiteral("$.tags[1]"));
        const QModelIndex deep = model.index(0, 0, model.index(3, 0));
        const QModelIndex ok = model.index(0, 0, deep);
        QCOMPARE(model.path(ok), QStringLiteral("$.nested.deep.ok"));
        QCOMPARE(model.index(1, JsonTreeModel::TypeColumn, deep).data().toString(),
                 QStringLiteral("null"));
        QCOMPARE(model.index(1, JsonTreeModel::ValueColumn).data().toString(),
                 QStringLiteral("0.001"));
    }

    void truncation()
    {
        QJsonArray big;
        for (int i = 0; i < 50; ++i)
            big.append(i);
        const JsonTreeNode node = JsonTreeNode::fromJson(big, {}, 10);
        QCOMPARE(int(node.children.size()), 10);
        QVERIFY(node.truncated);
        JsonTreeNode root;
        root.type = JsonTreeNode::Type::Object;
        JsonTreeNode child = node;
        child.key = QStringLiteral("values");
        root.children.push_back(child);
        JsonTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRoot(root);
        const QModelIndex values = model.index(0, JsonTreeModel::ValueColumn);
        QVERIFY(values.data().toString().contains(QStringLiteral("more not loaded")));
        QVERIFY(values.data(JsonTreeModel::TruncatedRole).toBool());
    }

    void expandCollapseCopy()
    {
        JsonTreeView view;
        view.resize(600, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setRoot(sample());
        JsonTreeModel *model = view.model();
        const QModelIndex nested = model->index(3, 0);
        const QModelIndex deep = model->index(0, 0, nested);
        view.collapseAll();
        QVERIFY(!view.treeView()->isExpanded(nested));
        view.expandAll();
        QVERIFY(view.treeView()->isExpanded(nested));
        QVERIFY(view.treeView()->isExpanded(deep));
        view.collapseAll();
        QVERIFY(!view.treeView()->isExpanded(deep));

        const QModelIndex name = model->index(2, 0);
        view.treeView()->setCurrentIndex(name);
        view.copyValue();
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("run"));
        view.treeView()->setCurrentIndex(nested);
        view.copyValue(); // containers copy their path
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("$.nested"));
    }
};

QTEST_MAIN(TestJsonTree)
#include "tst_jsontree.moc"

#include "lineage/lineagelayout.h"
#include "lineage/lineagenodeitem.h"
#include "lineage/lineageview.h"

#include <QFile>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Trove;
using Node = LineageGraphData::Node;
using Edge = LineageGraphData::Edge;

class TestLineageView : public QObject
{
    Q_OBJECT

private:
    /// task0 -> model0 -> task1 -> model1 -> ... : four task/model generations, plus a side
    /// branch and a parent edge that skips layers.
    static LineageGraphData chain()
    {
        LineageGraphData g;
        for (int i = 0; i < 4; ++i) {
            g.nodes << Node{QStringLiteral("t%1").arg(i),     Node::Kind::Task,
                            QStringLiteral("task %1").arg(i), QStringLiteral("project"),
                            QStringLiteral("completed"),      false}
                    << Node{QStringLiteral("m%1").arg(i),      Node::Kind::Model,
                            QStringLiteral("model %1").arg(i), QStringLiteral("PyTorch"),
                            QStringLiteral("published"),       i == 3};
            g.edges << Edge{QStringLiteral("t%1").arg(i), QStringLiteral("m%1").arg(i),
                            Edge::Kind::Produced};
            if (i > 0)
                g.edges << Edge{QStringLiteral("m%1").arg(i - 1), QStringLiteral("t%1").arg(i),
                                Edge::Kind::UsedBy};
        }
        g.nodes << Node{QStringLiteral("side"),   Node::Kind::Task,
                        QStringLiteral("side"),   {},
                        QStringLiteral("failed"), false};
        g.edges << Edge{QStringLiteral("m1"), QStringLiteral("side"), Edge::Kind::UsedBy}
                << Edge{QStringLiteral("t0"), QStringLiteral("t3"), Edge::Kind::Parent};
        return g;
    }

private slots:
    void chainIsLeftToRightWithoutOverlap()
    {
        LineageView view;
        view.resize(1000, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const LineageGraphData g = chain();
        view.setGraph(g);
        for (const Edge &e : g.edges) {
            const QRectF a = view.nodeRect(e.from);
            const QRectF b = view.nodeRect(e.to);
            QVERIFY(!a.isNull() && !b.isNull());
            QVERIFY2(a.right() < b.left(), qPrintable(e.from + QStringLiteral("->") + e.to));
        }
        for (int i = 0; i < g.nodes.size(); ++i)
            for (int j = i + 1; j < g.nodes.size(); ++j)
                QVERIFY2(!view.nodeRect(g.nodes[i].id).intersects(view.nodeRect(g.nodes[j].id)),
                         qPrintable(g.nodes[i].id + QLatin1Char('/') + g.nodes[j].id));
        // Longest-path layering: the generations occupy consecutive layers.
        QCOMPARE(view.layout().layers.value(QStringLiteral("t0")), 0);
        QCOMPARE(view.layout().layers.value(QStringLiteral("m3")), 7);
        QCOMPARE(view.layout().layers.value(QStringLiteral("t3")), 6);
        // Every edge got a route.
        for (const QPolygonF &route : view.layout().edgeRoutes)
            QVERIFY(route.size() >= 2);
    }

    void crossingReduction()
    {
        // a->d, b->c, a->e, b->f in an order that starts crossed.
        LineageGraphData g;
        for (const char *id : {"a", "b", "c", "d", "e", "f"})
            g.nodes << Node{QString::fromLatin1(id),
                            Node::Kind::Task,
                            QString::fromLatin1(id),
                            {},
                            {},
                            false};
        auto edge = [](const char *f, const char *t) {
            return Edge{QString::fromLatin1(f), QString::fromLatin1(t), Edge::Kind::Parent};
        };
        g.edges << edge("a", "d") << edge("b", "c") << edge("a", "f") << edge("b", "e");
        const auto result = LineageLayout::compute(g);
        QCOMPARE(result.crossings, 0);
    }

    void cyclesDoNotHang()
    {
        LineageGraphData g;
        for (int i = 0; i < 5; ++i)
            g.nodes << Node{
                    QString::number(i), Node::Kind::Task, QString::number(i), {}, {}, false};
        for (int i = 0; i < 5; ++i)
            g.edges << Edge{QString::number(i), QString::number((i + 1) % 5), Edge::Kind::Parent};
        g.edges << Edge{QStringLiteral("2"), QStringLiteral("2"), Edge::Kind::Parent} // self loop
                << Edge{QStringLiteral("2"), QStringLiteral("nope"),
                        Edge::Kind::Parent}; // dangling
        LineageView view;
        view.setGraph(g);
        QCOMPARE(view.layout().positions.size(), 5);
        int reversed = 0;
        for (bool r : view.layout().reversed)
            reversed += r ? 1 : 0;
        QCOMPARE(reversed, 1);
        QVERIFY(view.layout().edgeRoutes.at(5).isEmpty());
        QVERIFY(view.layout().edgeRoutes.at(6).isEmpty());
        for (int i = 0; i < 5; ++i)
            for (int j = i + 1; j < 5; ++j)
                QVERIFY(!view.nodeRect(QString::number(i))
                                 .intersects(view.nodeRect(QString::number(j))));
    }

    void largeGraphLaysOut()
    {
        LineageGraphData g;
        for (int i = 0; i < 400; ++i)
            g.nodes << Node{
                    QString::number(i), Node::Kind::Task, QString::number(i), {}, {}, false};
        for (int i = 1; i < 400; ++i)
            g.edges << Edge{QString::number((i * 7) % i), QString::number(i), Edge::Kind::Parent};
        const auto result = LineageLayout::compute(g);
        QCOMPARE(result.positions.size(), 400);
    }

    void signalsAndKeyboard()
    {
        LineageView view;
        view.resize(1200, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setGraph(chain());
        view.resetZoom();
        QSignalSpy activated(&view, &LineageView::activated);
        QSignalSpy expand(&view, &LineageView::expandRequested);
        QSignalSpy selection(&view, &LineageView::selectionChanged);

        // The + button of an expandable card.
        LineageNodeItem *m3 = view.nodeItem(QStringLiteral("m3"));
        QVERIFY(m3);
        view.centerOn(view.nodeRect(QStringLiteral("m3")).center());
        const QPoint plus = view.mapFromScene(m3->mapToScene(m3->expandButtonRect().center()));
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, plus);
        QCOMPARE(expand.count(), 1);
        QCOMPARE(expand.at(0).at(0).toString(), QStringLiteral("m3"));

        view.centerOn(view.nodeRect(QStringLiteral("m1")).center());
        const QPoint p = view.mapFromScene(view.nodeRect(QStringLiteral("m1")).center());
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, p);
        QCOMPARE(view.selectedId(), QStringLiteral("m1"));
        QVERIFY(selection.count() >= 1);
        QTest::mouseDClick(view.viewport(), Qt::LeftButton, {}, p);
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.at(0).at(0).toString(), QStringLiteral("m1"));

        // Keyboard: Left moves to the predecessor, Enter activates, Space expands.
        view.selectNode(QStringLiteral("m1"));
        view.setFocus();
        QTest::keyClick(view.viewport(), Qt::Key_Left);
        QCOMPARE(view.selectedId(), QStringLiteral("t1"));
        QTest::keyClick(view.viewport(), Qt::Key_Return);
        QCOMPARE(activated.count(), 2);
        QCOMPARE(activated.at(1).at(0).toString(), QStringLiteral("t1"));
        QTest::keyClick(view.viewport(), Qt::Key_Space);
        QCOMPARE(expand.count(), 2);

        // Zoom and fit.
        const double z = view.zoom();
        QTest::keyClick(view.viewport(), Qt::Key_Plus, Qt::ControlModifier);
        QVERIFY(view.zoom() > z);
        QTest::keyClick(view.viewport(), Qt::Key_F);
        QVERIFY(view.zoom() <= 1.0);
    }

    void exportPngAndSvg()
    {
        LineageView view;
        view.setGraph(chain());
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString png = dir.filePath(QStringLiteral("lineage.png"));
        const QString svg = dir.filePath(QStringLiteral("lineage.svg"));
        QVERIFY(view.exportPng(png).ok());
        QVERIFY(view.exportSvg(svg).ok());
        const QImage img(png);
        QVERIFY(!img.isNull());
        QVERIFY(img.width() > 400);
        QFile f(svg);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray content = f.readAll();
        QVERIFY(content.size() > 1000);
        QVERIFY(content.contains("<svg"));
        QVERIFY(content.contains("model 3"));
        // A path that cannot be written is an error, not a crash.
        const Status bad = view.exportPng(dir.filePath(QStringLiteral("missing/dir/x.png")));
        QVERIFY(!bad.ok());
    }
};

QTEST_MAIN(TestLineageView)
#include "tst_lineageview.moc"

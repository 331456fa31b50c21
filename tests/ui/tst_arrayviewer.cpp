#include "preview/arraydataprovider.h"
#include "preview/arraygridmodel.h"
#include "preview/arrayviewer.h"
#include "preview/colormap.h"
#include "preview/heatmapwidget.h"
#include "preview/histogramwidget.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTest>

#include <cmath>
#include <limits>

using namespace Trove;

class TestArrayViewer : public QObject
{
    Q_OBJECT

private:
    static std::shared_ptr<MatrixArrayProvider> cube()
    {
        QVector<double> v;
        for (int i = 0; i < 2 * 3 * 4; ++i)
            v.append(i);
        return std::make_shared<MatrixArrayProvider>(QVector<qint64>{2, 3, 4}, v,
                                                     QStringLiteral("int64"));
    }

private slots:
    void sliceIndexing()
    {
        auto p = cube();
        ArraySlice s = ArraySlice::defaultFor(p->shape());
        QCOMPARE(s.rowAxis, 1);
        QCOMPARE(s.colAxis, 2);
        s.fixed[0] = 1;
        QCOMPARE(p->value(s.indexOf(p->shape(), 2, 3)), 23.0);
        const QVector<double> block = p->block(s, 1, 1, 2, 2);
        QCOMPARE(block, (QVector<double>{17, 18, 21, 22}));
        QVERIFY(std::isnan(p->value({5, 0, 0})));
    }

    void heatmapMapsRangeToColorMapEnds()
    {
        HeatmapWidget heatmap;
        heatmap.resize(300, 200);
        const double nan = std::numeric_limits<double>::quiet_NaN();
        auto p = std::make_shared<MatrixArrayProvider>(QVector<qint64>{2, 3},
                                                       QVector<double>{-2, 0, nan, 1, 4, 3});
        QSignalSpy range(&heatmap, &HeatmapWidget::rangeChanged);
        heatmap.setData(p, ArraySlice::defaultFor(p->shape()));
        QCOMPARE(heatmap.rangeMin(), -2.0);
        QCOMPARE(heatmap.rangeMax(), 4.0);
        QVERIFY(range.count() >= 1);
        QCOMPARE(heatmap.colorForValue(-2), ColorMap::viridis(0.0));
        QCOMPARE(heatmap.colorForValue(4), ColorMap::viridis(1.0));
        QCOMPARE(heatmap.colorForValue(1), ColorMap::viridis(0.5));
        QVERIFY(heatmap.colorForValue(-2) != heatmap.colorForValue(4));
        QCOMPARE(heatmap.colorForValue(nan), ColorMap::nanColor(false));
        QCOMPARE(heatmap.colorForValue(std::numeric_limits<double>::infinity()),
                 ColorMap::viridis(1.0));
        // viridis ends: dark purple to yellow.
        QCOMPARE(ColorMap::viridis(0.0), QColor(68, 1, 84));
        QCOMPARE(ColorMap::viridis(1.0), QColor(253, 231, 37));
        heatmap.setRange(0, 1);
        QCOMPARE(heatmap.colorForValue(4), ColorMap::viridis(1.0));
        heatmap.resetRange();
        QCOMPARE(heatmap.rangeMax(), 4.0);
    }

    void heatmapCellHitTest()
    {
        HeatmapWidget heatmap;
        heatmap.resize(400, 300);
        heatmap.show();
        QVERIFY(QTest::qWaitForWindowExposed(&heatmap));
        auto p = cube();
        heatmap.setData(p, ArraySlice::defaultFor(p->shape()));
        heatmap.setCellSize(20);
        QCOMPARE(heatmap.cellAt(QPoint(5, 5)), std::make_pair(qint64(0), qint64(0)));
        QCOMPARE(heatmap.cellAt(QPoint(45, 25)), std::make_pair(qint64(1), qint64(2)));
        QCOMPARE(heatmap.cellAt(QPoint(395, 295)), std::make_pair(qint64(-1), qint64(-1)));
        // Keyboard cursor with value readout.
        QSignalSpy cell(&heatmap, &HeatmapWidget::hoveredCellChanged);
        heatmap.setFocus();
        QTest::keyClick(&heatmap, Qt::Key_Right);
        QTest::keyClick(&heatmap, Qt::Key_Down);
        QCOMPARE(heatmap.currentCell(), std::make_pair(qint64(1), qint64(1)));
        QCOMPARE(cell.last().at(2).toDouble(), 5.0);
        QTest::keyClick(&heatmap, Qt::Key_End);
        QCOMPARE(heatmap.currentCell(), std::make_pair(qint64(1), qint64(3)));
        QTest::keyClick(&heatmap, Qt::Key_Right); // clamped at the edge
        QCOMPARE(heatmap.currentCell(), std::make_pair(qint64(1), qint64(3)));
        heatmap.grab(); // paints without touching cells outside the slice
    }

    void histogramHitTest()
    {
        HistogramWidget histogram;
        histogram.resize(400, 300);
        histogram.show();
        QVERIFY(QTest::qWaitForWindowExposed(&histogram));
        histogram.setData({0, 1, 2, 3}, {1, 5, 2});
        for (int bin = 0; bin < 3; ++bin) {
            const QRectF bar = histogram.barRect(bin);
            QVERIFY(!bar.isEmpty());
            QCOMPARE(histogram.binAt(bar.center().toPoint()), bin);
        }
        QVERIFY(histogram.barRect(1).height() > histogram.barRect(2).height());
        QCOMPARE(histogram.binAt(QPoint(1, 1)), -1);
        QSignalSpy hover(&histogram, &HistogramWidget::hoveredBinChanged);
        QTest::mouseMove(&histogram, histogram.barRect(2).center().toPoint());
        QTRY_COMPARE(histogram.hoveredBin(), 2);
        QVERIFY(hover.count() >= 1);
        // Mismatched input is rejected, not drawn.
        histogram.setData({0, 1}, {1, 2, 3});
        QVERIFY(histogram.counts().isEmpty());
    }

    void histogramCompute()
    {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        MatrixArrayProvider p({2, 3}, {0, 1, 2, 3, nan, std::numeric_limits<double>::infinity()});
        const auto res = HistogramWidget::compute(p, ArraySlice::defaultFor(p.shape()), 4);
        QCOMPARE(res.nans, qint64(1));
        QCOMPARE(res.infinities, qint64(1));
        QCOMPARE(res.sampled, qint64(6));
        QCOMPARE(res.edges.size(), res.counts.size() + 1);
        qint64 sum = 0;
        for (qint64 c : res.counts)
            sum += c;
        QCOMPARE(sum, qint64(4));
        QCOMPARE(res.edges.first(), 0.0);
        QCOMPARE(res.edges.last(), 3.0);
    }

    void gridModelPassesTester()
    {
        ArrayGridModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto p = cube();
        model.setData(p, ArraySlice::defaultFor(p->shape()));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), 4);
        QCOMPARE(model.index(1, 2).data().toString(), QStringLiteral("6"));
        QCOMPARE(model.index(1, 2).data(ArrayGridModel::ValueRole).toDouble(), 6.0);
        model.setData(nullptr, {});
        QCOMPARE(model.rowCount(), 0);
    }

    void lowRankArrays()
    {
        ArrayViewer viewer;
        viewer.resize(600, 400);
        viewer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viewer));
        // 1-D: one row.
        viewer.setProvider(std::make_shared<MatrixArrayProvider>(QVector<qint64>{5},
                                                                 QVector<double>{1, 2, 3, 4, 5}));
        QCOMPARE(viewer.heatmap()->rowCount(), qint64(1));
        QCOMPARE(viewer.heatmap()->columnCount(), qint64(5));
        QCOMPARE(viewer.heatmap()->rangeMax(), 5.0);
        QVERIFY(!viewer.rowAxisCombo()->isEnabled());
        // 0-D: one cell.
        viewer.setProvider(
                std::make_shared<MatrixArrayProvider>(QVector<qint64>{}, QVector<double>{42}));
        QCOMPARE(viewer.heatmap()->rowCount(), qint64(1));
        QCOMPARE(viewer.heatmap()->columnCount(), qint64(1));
        QCOMPARE(viewer.heatmap()->rangeMin(), 42.0);
        viewer.setMode(ArrayViewer::Mode::Histogram);
        QCOMPARE(viewer.histogram()->counts().size(), 1);
        // Empty axis: nothing to draw, nothing crashes.
        viewer.setProvider(
                std::make_shared<MatrixArrayProvider>(QVector<qint64>{0, 3}, QVector<double>{}));
        QCOMPARE(viewer.heatmap()->rowCount(), qint64(0));
        viewer.grab();
    }

    void viewerSliceControls()
    {
        ArrayViewer viewer;
        viewer.resize(800, 600);
        viewer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viewer));
        viewer.setProvider(cube());
        QSpinBox *axis0 = viewer.indexSpinBox(0);
        QVERIFY(axis0);
        QVERIFY(!viewer.indexSpinBox(1));
        QCOMPARE(axis0->maximum(), 1);
        QSignalSpy changed(&viewer, &ArrayViewer::sliceChanged);
        axis0->setValue(1);
        QCOMPARE(viewer.slice().fixed[0], qint64(1));
        QVERIFY(changed.count() >= 1);
        QCOMPARE(viewer.heatmap()->rangeMin(), 12.0);
        QCOMPARE(viewer.heatmap()->rangeMax(), 23.0);
        // Grid mode reads the same slice.
        viewer.setMode(ArrayViewer::Mode::Grid);
        QCOMPARE(viewer.grid()->model()->index(2, 3).data().toString(), QStringLiteral("23"));
        // Pick axis 0 as rows: the spin box moves to axis 1.
        viewer.rowAxisCombo()->setCurrentIndex(0);
        QCOMPARE(viewer.slice().rowAxis, 0);
        QVERIFY(viewer.indexSpinBox(1));
        QCOMPARE(viewer.grid()->model()->rowCount(), 2);
        viewer.setMode(ArrayViewer::Mode::Histogram);
        QVERIFY(!viewer.histogram()->counts().isEmpty());
    }
};

QTEST_MAIN(TestArrayViewer)
#include "tst_arrayviewer.moc"

#include "preview/tableviewer.h"
#include "preview/typedheaderproxymodel.h"

#include <QAbstractTableModel>
#include <QHeaderView>
#include <QLocale>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTest>

using namespace Trove;

namespace {
class BigModel final : public QAbstractTableModel
{
public:
    mutable int dataCalls = 0;
    int rowCount(const QModelIndex &p = {}) const override { return p.isValid() ? 0 : 5'000'000; }
    int columnCount(const QModelIndex &p = {}) const override { return p.isValid() ? 0 : 3; }
    QVariant data(const QModelIndex &i, int role) const override
    {
        if (role != Qt::DisplayRole)
            return {};
        ++dataCalls;
        return i.row() * 10 + i.column();
    }
    QVariant headerData(int s, Qt::Orientation o, int role) const override
    {
        if (role != Qt::DisplayRole)
            return {};
        return o == Qt::Horizontal ? QVariant(QStringLiteral("col%1").arg(s)) : QVariant(s + 1);
    }
};
} // namespace

class TestTableViewer : public QObject
{
    Q_OBJECT

private slots:
    void goToRowScrolls()
    {
        BigModel model;
        TableViewer viewer;
        viewer.setModel(&model);
        viewer.resize(800, 600);
        viewer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viewer));
        QCOMPARE(viewer.tableView()->verticalHeader()->sectionResizeMode(0), QHeaderView::Fixed);
        QCOMPARE(viewer.visibleRows().first, 0);
        const QLocale locale;
        QVERIFY2(viewer.rowCounterText().contains(locale.toString(5'000'000)),
                 qPrintable(viewer.rowCounterText()));

        QSignalSpy spy(&viewer, &TableViewer::visibleRowsChanged);
        viewer.goToRow(2'500'000);
        QCOMPARE(viewer.visibleRows().first, 2'499'999);
        QCOMPARE(viewer.tableView()->currentIndex().row(), 2'499'999);
        QVERIFY(spy.count() >= 1);
        QVERIFY(viewer.rowCounterText().startsWith(
                QStringLiteral("Rows %1").arg(locale.toString(2'500'000))));
        // Virtual scrolling: only about a screenful of cells was read.
        QVERIFY2(model.dataCalls < 5000, qPrintable(QString::number(model.dataCalls)));

        // Through the UI: type a row number and press Enter.
        auto *spin = viewer.findChild<QSpinBox *>();
        QVERIFY(spin);
        spin->setFocus();
        spin->selectAll();
        QTest::keyClicks(spin, QStringLiteral("42"));
        QTest::keyClick(spin, Qt::Key_Return);
        QCOMPARE(viewer.visibleRows().first, 41);

        // Out of range is clamped.
        viewer.goToRow(99'000'000);
        QCOMPARE(viewer.tableView()->currentIndex().row(), 4'999'999);
    }

    void headerShowsTypesAndStats()
    {
        BigModel model;
        TableViewer viewer;
        viewer.setModel(&model);
        ColumnStatsView s0{QStringLiteral("col0"),
                           QStringLiteral("int64"),
                           0,
                           QStringLiteral("0"),
                           QStringLiteral("49999990"),
                           2.5e7,
                           -1,
                           -1};
        ColumnStatsView s1{QStringLiteral("col1"),
                           QStringLiteral("float32"),
                           3,
                           {},
                           {},
                           std::nullopt,
                           7,
                           1000};
        viewer.setColumnStats({s0, s1});
        QAbstractItemModel *shown = viewer.tableView()->model();
        QCOMPARE(shown->headerData(0, Qt::Horizontal).toString(), QStringLiteral("col0\nint64"));
        QCOMPARE(shown->headerData(1, Qt::Horizontal).toString(), QStringLiteral("col1\nfloat32"));
        QCOMPARE(shown->headerData(2, Qt::Horizontal).toString(), QStringLiteral("col2"));
        const QString tip = shown->headerData(1, Qt::Horizontal, Qt::ToolTipRole).toString();
        QVERIFY(tip.contains(QStringLiteral("float32")));
        QVERIFY(tip.contains(QStringLiteral("1000")) || tip.contains(QLocale().toString(1000)));
        QCOMPARE(viewer.model(), &model);
    }
};

QTEST_MAIN(TestTableViewer)
#include "tst_tableviewer.moc"

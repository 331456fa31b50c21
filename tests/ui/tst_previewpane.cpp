#include "preview/archivetreeview.h"
#include "preview/hexdumpwidget.h"
#include "preview/hexview.h"
#include "preview/imageviewer.h"
#include "preview/modelsummaryview.h"
#include "preview/pickletreeview.h"
#include "preview/previewpane.h"
#include "widgets/messagebar.h"

#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>
#include <QTreeView>

using namespace Trove;

class TestPreviewPane : public QObject
{
    Q_OBJECT

private slots:
    void states()
    {
        PreviewPane pane;
        pane.resize(600, 400);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        QCOMPARE(pane.state(), PreviewPane::State::Empty);

        QSignalSpy cancel(&pane, &PreviewPane::cancelRequested);
        QSignalSpy retry(&pane, &PreviewPane::retryRequested);
        pane.showLoading(QStringLiteral("Downloading weights…"));
        QCOMPARE(pane.state(), PreviewPane::State::Loading);
        QCOMPARE(pane.progressBar()->maximum(), 0); // busy until the size is known
        pane.setProgress(250, 1000);
        QCOMPARE(pane.progressBar()->value(), 250);
        QTest::mouseClick(pane.cancelButton(), Qt::LeftButton);
        QCOMPARE(cancel.count(), 1);

        pane.showError(QStringLiteral("Not a valid NumPy file."), QStringLiteral("bad header"));
        QCOMPARE(pane.state(), PreviewPane::State::Error);
        QCOMPARE(pane.errorText(), QStringLiteral("Not a valid NumPy file."));
        QVERIFY(pane.retryButton()->isVisible());
        QTest::mouseClick(pane.retryButton(), Qt::LeftButton);
        QCOMPARE(retry.count(), 1);
        pane.showError(QStringLiteral("Unsupported"), {}, false);
        QVERIFY(!pane.retryButton()->isVisible());

        ImageViewer *image = pane.imageViewer();
        QCOMPARE(pane.imageViewer(), image); // created once
        pane.showViewer(image);
        QCOMPARE(pane.state(), PreviewPane::State::Viewer);
        QCOMPARE(pane.currentWidget(), image);
        pane.showEmpty();
        QCOMPARE(pane.state(), PreviewPane::State::Empty);
    }

    void hexView()
    {
        HexView view;
        const QByteArray data("Hello, hex!\x00\x01\xff", 14);
        view.setData(data, 1000);
        HexDumpWidget *hex = view.hexDump();
        QCOMPARE(hex->rowCount(), qint64(1));
        QCOMPARE(hex->rowText(0),
                 QStringLiteral("00000000  48 65 6c 6c 6f 2c 20 68  65 78 21 00 01 ff        "
                                "|Hello, hex!...|"));
        QVERIFY(hex->rowText(1).isEmpty());
        QSignalSpy sel(hex, &HexDumpWidget::selectionChanged);
        hex->setSelectedOffset(100);
        QCOMPARE(hex->selectedOffset(), qint64(13));
        QCOMPARE(sel.count(), 1);
        view.setStoredPreview(QStringLiteral("preview"));
        view.setData({});
        QCOMPARE(hex->rowCount(), qint64(0));
    }

    void archiveFlagsUnsafePaths()
    {
        ArchiveTreeView view;
        QList<ArchiveEntryView> entries{
                {QStringLiteral("a/b/c.txt"), 10, 5, {}, false, {}},
                {QStringLiteral("a/d.txt"), 20, 10, {}, false, {}},
                {QStringLiteral("../evil"), 1, 1, {}, false, ArchiveEntryView::UnsafePath},
        };
        view.setEntries(entries);
        QCOMPARE(view.unsafeCount(), 1);
        QVERIFY(!view.messageBar()->isHidden());
        QCOMPARE(view.messageBar()->type(), MessageBar::Type::Warning);
        // Folder "a" was synthesised with its children.
        QStandardItemModel *model = view.model();
        QCOMPARE(model->rowCount(), 2);
        QSignalSpy activated(&view, &ArchiveTreeView::activated);
        QTreeView *tree = view.treeView();
        tree->expandAll();
        for (int r = 0; r < tree->model()->rowCount(); ++r) {
            const QModelIndex i = tree->model()->index(r, 0);
            if (i.data().toString() == QStringLiteral("../evil"))
                emit tree->activated(i);
        }
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.at(0).at(0).toString(), QStringLiteral("../evil"));
        view.setEntries({{QStringLiteral("ok.txt"), 1, 1, {}, false, {}}});
        QVERIFY(view.messageBar()->isHidden());
    }

    void pickleBanner()
    {
        PickleTreeView view;
        PickleNodeView root{QStringLiteral("<root>"), QStringLiteral("dict"), {}, {}, 0, {}};
        root.children.push_back({QStringLiteral("x"),
                                 QStringLiteral("GLOBAL"),
                                 QStringLiteral("os.system"),
                                 QStringLiteral("os.system"),
                                 PickleNodeView::DangerousImport,
                                 {}});
        root.children.push_back({QStringLiteral("y"),
                                 QStringLiteral("GLOBAL"),
                                 QStringLiteral("os.system"),
                                 QStringLiteral("os.system"),
                                 PickleNodeView::DangerousImport,
                                 {}});
        view.setRoot(root);
        QCOMPARE(view.dangerousImports(), QStringList{QStringLiteral("os.system")});
        QCOMPARE(view.messageBar()->type(), MessageBar::Type::Error);
        QVERIFY(view.messageBar()->text().contains(QStringLiteral("os.system")));
        QVERIFY(view.messageBar()->text().contains(QStringLiteral("inspected, never executed")));
        QVERIFY(!view.model()->item(0)->child(0)->icon().isNull());

        PickleNodeView safe{QStringLiteral("<root>"), QStringLiteral("list"), {}, {}, 0, {}};
        view.setRoot(safe);
        QVERIFY(view.dangerousImports().isEmpty());
        QCOMPARE(view.messageBar()->type(), MessageBar::Type::Positive);
    }

    void modelSummaryTotals()
    {
        ModelSummaryView view;
        ModelSummaryData data;
        data.format = QStringLiteral("safetensors");
        data.tensors << ModelTensorView{QStringLiteral("w"), QStringLiteral("F32"), {10, 20}}
                     << ModelTensorView{QStringLiteral("b"), QStringLiteral("F16"), {20}};
        data.metadata << qMakePair(QStringLiteral("k"), QStringLiteral("v"));
        view.setSummary(data);
        QCOMPARE(view.totalParameters(), qint64(220));
        QVERIFY(view.totalsLabel()->text().contains(QStringLiteral("safetensors")));
        QCOMPARE(view.tensorTable()->model()->rowCount(), 2);
        QCOMPARE(view.metadataTable()->model()->rowCount(), 1);
        QCOMPARE(ModelSummaryView::formatCount(1'500'000),
                 QStringLiteral("1.50 M").replace(QLatin1Char('.'), QLocale().decimalPoint()));
        QCOMPARE(ModelSummaryView::dtypeSize(QStringLiteral("bfloat16")), 2);
    }
};

QTEST_MAIN(TestPreviewPane)
#include "tst_previewpane.moc"

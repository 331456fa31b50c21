// PreviewController on local files and unreachable servers: every fixture of tests/data/preview
// (hostile ones give a clear error, never a crash or a hang), files of every kind written here,
// archive members, text paging, scaled images, arrays read on demand, cancel and teardown.
#include "isolatedsettings.h"
#include "previewharness.h"
#include "zipbuilder.h"

#include "preview/archivepreviewwidget.h"
#include "preview/archivetreeview.h"
#include "preview/arraypreviewwidget.h"
#include "preview/arrayviewer.h"
#include "preview/imageviewer.h"
#include "preview/jsonpreviewwidget.h"
#include "preview/jsontreeview.h"
#include "preview/pickletreeview.h"
#include "preview/previewframe.h"
#include "widgets/messagebar.h"

#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>

#include <cmath>

using namespace Trove;
using namespace PreviewTest;

class TestPreviewLocal : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_files;

    QString fixture(const QString &relative) const
    {
        return qEnvironmentVariable("TROVE_TEST_DATA") + QStringLiteral("/preview/") + relative;
    }

private slots:
    void initTestCase()
    {
        Trove::Test::isolateUserSettings();
        QVERIFY(m_files.isValid());
    }

    void cancelAndReload()
    {
        HangingServer hanging;
        Harness h;
        h.controller.showFile(hanging.url(QStringLiteral("slow.npy")));
        QTRY_COMPARE_WITH_TIMEOUT(hanging.connections(), 1, kTimeout);
        QTest::mouseClick(h.pane.cancelButton(), Qt::LeftButton);
        QCOMPARE(h.pane.state(), PreviewPane::State::Empty);
        QVERIFY(h.pane.reloadButton()->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(hanging.allClosed(), kTimeout);
        QVERIFY(h.failed.isEmpty()); // cancelling is not a failure
        QTest::mouseClick(h.pane.reloadButton(), Qt::LeftButton);
        QCOMPARE(h.pane.state(), PreviewPane::State::Loading);
        QTRY_COMPARE_WITH_TIMEOUT(hanging.connections(), 2, kTimeout);
        h.controller.clear();
    }

    void destroyingTheControllerStopsItsWork()
    {
        HangingServer hanging;
        {
            Harness h;
            h.controller.showFile(hanging.url(QStringLiteral("slow.json")));
            QTRY_COMPARE_WITH_TIMEOUT(hanging.connections(), 1, kTimeout);
        }
        QTRY_VERIFY_WITH_TIMEOUT(hanging.allClosed(), kTimeout);
    }

    void networkError()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        Harness h;
        h.controller.showFile(QStringLiteral("http://127.0.0.1:%1/table.csv").arg(port));
        QVERIFY(h.settle());
        QCOMPARE(h.failure().kind, Error::Kind::Network);
        QCOMPARE(h.pane.state(), PreviewPane::State::Error);
        QVERIFY(h.pane.retryButton()->isVisible());
    }

    void localFixtures_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<PreviewKind>("kind"); ///< Unknown: must fail with a message
        const PreviewKind fails = PreviewKind::Unknown;
        QTest::newRow("tar") << "archive/sample.tar" << PreviewKind::Archive;
        QTest::newRow("tar.gz") << "archive/sample.tar.gz" << PreviewKind::Archive;
        QTest::newRow("tar slip") << "archive/slip.tar" << PreviewKind::Archive;
        QTest::newRow("tar bomb") << "archive/bomb.tar.gz" << PreviewKind::Archive;
        QTest::newRow("tar truncated") << "archive/truncated.tar.gz" << fails;
        QTest::newRow("safetensors") << "models/tiny.safetensors" << PreviewKind::Safetensors;
        QTest::newRow("safetensors offsets") << "models/bad_offsets.safetensors" << fails;
        for (const char *bad : {"bad_call", "bad_header_len", "bad_negative_dim", "bad_not_dict",
                                "bad_shape_overflow", "bad_unterminated"})
            QTest::newRow(bad) << QStringLiteral("npy/%1.npy").arg(QLatin1String(bad)) << fails;
        QTest::newRow("npy object") << "npy/object_dtype.npy" << PreviewKind::NumpyArray;
        QTest::newRow("npy truncated") << "npy/truncated_big_shape.npy" << PreviewKind::NumpyArray;
        QTest::newRow("npy empty") << "npy/zero_size.npy" << PreviewKind::NumpyArray;
        for (const char *p :
             {"dataframe", "eval", "numpy_array", "os_system", "proto0", "proto1", "proto2",
              "proto3", "proto4", "proto5", "subprocess", "torch_state_dict"})
            QTest::newRow(p) << QStringLiteral("pickle/%1.pkl").arg(QLatin1String(p))
                             << PreviewKind::Pickle;
        QTest::newRow("pickle truncated") << "pickle/truncated.pkl" << fails;
        QTest::newRow("zip bomb") << "zip/bomb.zip" << PreviewKind::Archive;
        QTest::newRow("zip slip") << "zip/zipslip.zip" << PreviewKind::Archive;
        QTest::newRow("zip64") << "zip/zip64.zip" << PreviewKind::Archive;
        QTest::newRow("zip truncated") << "zip/truncated.zip" << fails;
        QTest::newRow("zip truncated tail") << "zip/truncated_tail.zip" << fails;
    }

    void localFixtures()
    {
        QFETCH(QString, file);
        QFETCH(PreviewKind, kind);
        Harness h;
        h.controller.showFile(fixture(file));
        QVERIFY(h.settle());
        if (kind == PreviewKind::Unknown) {
            QCOMPARE(h.failed.count(), 1);
            QCOMPARE(h.pane.state(), PreviewPane::State::Error);
            QVERIFY(!h.pane.errorText().isEmpty());
            QVERIFY(!h.pane.retryButton()->isVisible()); // retrying a broken file is pointless
            return;
        }
        QVERIFY2(h.failed.isEmpty(), qPrintable(h.failureText()));
        QCOMPARE(h.readyKind(), kind);
        QCOMPARE(h.pane.state(), PreviewPane::State::Viewer);
        QCOMPARE(h.controller.currentSource()->origin(), PreviewSource::Origin::Local);
        if (file.contains(QLatin1String("slip")))
            QVERIFY(h.viewer<ArchivePreviewWidget>()->listView()->unsafeCount() > 0);
        if (file.endsWith(QLatin1String("subprocess.pkl")))
            QVERIFY(!h.viewer<PickleTreeView>()->dangerousImports().isEmpty());
        if (file.endsWith(QLatin1String("object_dtype.npy")))
            QVERIFY(h.viewer<ArrayPreviewWidget>()->placeholder()->text().contains(
                    QStringLiteral("object")));
    }

    void truncatedArrayShowsTheValuesPresent()
    {
        Harness h;
        h.controller.showFile(fixture(QStringLiteral("npy/truncated_big_shape.npy")));
        QVERIFY(h.settle());
        auto *arrays = h.viewer<ArrayPreviewWidget>();
        QVERIFY(arrays);
        NpyArrayProvider *p = arrays->provider();
        QCOMPARE(p->shape(), (QVector<qint64>{100000, 100000, 3}));
        // Fortran order: the 4 values present are (0..3, 0, 0); the rest is missing (NaN).
        QCOMPARE(p->value({0, 0, 0}), 1.0); // in the first screen
        QSignalSpy arrived(p, &NpyArrayProvider::valuesArrived);
        auto valueAt = [&](const QVector<qint64> &index) {
            double v = p->value(index);
            if (std::isnan(v) && p->pendingValues() > 0 && arrived.wait(kTimeout))
                v = p->value(index);
            return v;
        };
        QCOMPARE(valueAt({1, 0, 0}), 2.0); // off screen: read on demand
        QCOMPARE(valueAt({3, 0, 0}), 4.0);
        QVERIFY(std::isnan(valueAt({0, 0, 1})));
        QVERIFY(std::isnan(valueAt({5, 5, 1})));
        QVERIFY(!arrays->viewer()->stats()->valid); // no statistics over missing values
    }

    void selectingElsewhereKeepsTheKeyboardThere()
    {
        // A list beside the pane (the main window's artifact list): arrowing through it
        // previews each item without the focus jumping into the pane.
        QWidget window;
        auto *list = new QListWidget(&window);
        auto *pane = new PreviewPane(&window);
        auto *layout = new QHBoxLayout(&window);
        layout->addWidget(list);
        layout->addWidget(pane);
        list->addItems({QStringLiteral("a"), QStringLiteral("b")});
        PreviewController controller(pane);
        QSignalSpy done(&controller, &PreviewController::previewFailed);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        list->setFocus();
        controller.showFile(fixture(QStringLiteral("npy/bad_call.npy")));
        QCOMPARE(pane->state(), PreviewPane::State::Loading);
        QVERIFY(list->hasFocus());
        QVERIFY(done.wait(kTimeout));
        QCOMPARE(pane->state(), PreviewPane::State::Error);
        QVERIFY(list->hasFocus());
    }

    void zipBombMemberIsRefused()
    {
        Harness h;
        h.controller.showFile(fixture(QStringLiteral("zip/bomb.zip")));
        QVERIFY(h.settle());
        auto *archive = h.viewer<ArchivePreviewWidget>();
        QVERIFY(archive);
        QSignalSpy failed(archive->memberController(), &PreviewController::previewFailed);
        QSignalSpy ready(archive->memberController(), &PreviewController::previewReady);
        archive->openMember(QStringLiteral("zeros.bin"));
        QVERIFY(QTest::qWaitFor([&] { return failed.count() + ready.count() > 0; }, kTimeout));
        // Either refused outright, or shown as the bounded first bytes of a binary file.
        if (!ready.isEmpty())
            QCOMPARE(ready.first().first().value<PreviewKind>(), PreviewKind::Binary);
        else
            QCOMPARE(archive->memberPane()->state(), PreviewPane::State::Error);
    }

    void tarMemberIsExtractedAlone()
    {
        Harness h;
        h.controller.showFile(fixture(QStringLiteral("archive/sample.tar.gz")));
        QVERIFY(h.settle());
        auto *archive = h.viewer<ArchivePreviewWidget>();
        QVERIFY(archive);
        QSignalSpy ready(archive->memberController(), &PreviewController::previewReady);
        archive->openMember(QStringLiteral("dir/hello.txt"));
        QVERIFY(ready.wait(kTimeout));
        QCOMPARE(archive->memberController()->currentKind(), PreviewKind::Text);
        QVERIFY(!textOf(archive->memberController()->currentViewer()).isEmpty());
        // Back to the listing by keyboard, then another member.
        h.pane.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&h.pane));
        QTest::keyClick(archive->backButton(), Qt::Key_Left, Qt::AltModifier);
        QCOMPARE(archive->currentWidget(), archive->listView());
        archive->openMember(QStringLiteral("dir/big.bin"));
        QVERIFY(ready.wait(kTimeout));
        QCOMPARE(archive->memberController()->currentKind(), PreviewKind::Binary);
    }

    void hugeJsonShowsTextFirstThenTheTree()
    {
        QByteArray json = "{\"items\": [";
        for (int i = 0; json.size() < 9'000'000; ++i)
            json += (i ? ", " : "") + QByteArray("{\"id\": ") + QByteArray::number(i)
                    + ", \"name\": \"item number " + QByteArray::number(i) + "\"}";
        json += "], \"done\": true}";
        const QString path = m_files.filePath(QStringLiteral("huge.json"));
        QVERIFY(writeFile(path, json));
        Harness h;
        h.controller.showFile(path);
        QVERIFY(h.settle());
        QCOMPARE(h.readyKind(), PreviewKind::Json);
        auto *view = h.viewer<JsonPreviewWidget>();
        QVERIFY(view->textViewer()->text().startsWith(QStringLiteral("{")));
        QSignalSpy tree(view, &JsonPreviewWidget::treeReady);
        if (!view->hasTree())
            QVERIFY(tree.wait(kTimeout));
        QAbstractItemModel *model = view->treeView()->treeView()->model();
        QStringList keys;
        for (int r = 0; r < model->rowCount(); ++r)
            keys << model->index(r, 0).data().toString();
        QVERIFY2(keys.contains(QStringLiteral("done")), qPrintable(keys.join(u',')));
    }

    void localFilesOfEveryKind()
    {
        const QString dir = m_files.path();
        QImage image(40, 30, QImage::Format_ARGB32);
        image.fill(Qt::darkCyan);
        QVERIFY(image.save(dir + QStringLiteral("/pic.png")));
        QVERIFY(writeFile(dir + QStringLiteral("/t.tsv"), "x\ty\n1\t2\n3\t4\n"));
        QVERIFY(writeFile(dir + QStringLiteral("/d.json"), "{\"a\": [1, 2, 3]}"));
        QVERIFY(writeFile(dir + QStringLiteral("/train.py"), "import os\n"));
        QVERIFY(writeFile(dir + QStringLiteral("/weights.h5"),
                          QByteArray("\x89HDF\r\n\x1a\n", 8) + QByteArray(200, 0)));
        QVERIFY(writeFile(dir + QStringLiteral("/v.npy"), npy("(3,)", {1.5, -2, 4})));
        const QList<QPair<QString, PreviewKind>> cases{
                {QStringLiteral("pic.png"), PreviewKind::Image},
                {QStringLiteral("t.tsv"), PreviewKind::Table},
                {QStringLiteral("d.json"), PreviewKind::Json},
                {QStringLiteral("train.py"), PreviewKind::Text},
                {QStringLiteral("weights.h5"), PreviewKind::Binary},
                {QStringLiteral("v.npy"), PreviewKind::NumpyArray},
        };
        for (const auto &[name, kind] : cases) {
            Harness h;
            h.controller.showFile(dir + QLatin1Char('/') + name);
            QVERIFY2(h.settle(), qPrintable(name));
            QVERIFY2(h.failed.isEmpty(), qPrintable(name + QLatin1Char(' ') + h.failureText()));
            QCOMPARE(h.readyKind(), kind);
        }
        Harness hex;
        hex.controller.showFile(dir + QStringLiteral("/weights.h5"));
        QVERIFY(hex.settle());
        QVERIFY(hex.controller.currentFrame()->messageBar()->text().contains(
                QStringLiteral("HDF5")));

        Harness vector;
        vector.controller.showFile(dir + QStringLiteral("/v.npy"));
        QVERIFY(vector.settle());
        NpyArrayProvider *p = vector.viewer<ArrayPreviewWidget>()->provider();
        QCOMPARE(p->shape(), (QVector<qint64>{3}));
        QCOMPARE(p->value({1}), -2.0);
    }

    void textIsPagedOnDemand()
    {
        // 3 MB of numbered lines: the first megabytes at once, the rest when asked for.
        QByteArray text;
        for (int i = 0; text.size() < 3'000'000; ++i)
            text += "line " + QByteArray::number(i) + " of a long training log\n";
        const QString path = m_files.filePath(QStringLiteral("train.log"));
        QVERIFY(writeFile(path, text));
        Harness h;
        h.controller.showFile(path);
        QVERIFY(h.settle());
        QCOMPARE(h.readyKind(), PreviewKind::Text);
        auto *viewer = h.viewer<TextViewer>();
        QVERIFY(viewer->hasMore());
        const qint64 first = viewer->loadedBytes();
        QVERIFY(first > 0 && first < text.size());
        QVERIFY(viewer->text().endsWith(QLatin1Char('\n'))); // pages end at a line end
        while (viewer->hasMore()) {
            const qint64 before = viewer->loadedBytes();
            viewer->requestMore();
            QVERIFY(viewer->isRequestPending());
            QTRY_VERIFY_WITH_TIMEOUT(viewer->loadedBytes() > before, kTimeout);
        }
        QCOMPARE(viewer->loadedBytes(), qint64(text.size()));
        QCOMPARE(viewer->text().size(), text.size());
    }

    void imagesAreDecodedToThePaneSize()
    {
        QImage big(6000, 4000, QImage::Format_RGB32);
        big.fill(Qt::darkMagenta);
        const QString path = m_files.filePath(QStringLiteral("big.png"));
        QVERIFY(big.save(path));
        Harness h;
        h.controller.showFile(path);
        QVERIFY(h.settle());
        QCOMPARE(h.readyKind(), PreviewKind::Image);
        const QSize shown = h.viewer<ImageViewer>()->image().size();
        QVERIFY2(shown.width() <= 2048 && shown.height() <= 2048,
                 qPrintable(QStringLiteral("%1x%2").arg(shown.width()).arg(shown.height())));
        QVERIFY(shown.width() >= 1000); // no smaller than the pane
        QVERIFY(h.controller.currentFrame()->detailsLabel()->text().contains(
                QStringLiteral("6000 × 4000")));
        QVERIFY(h.controller.currentFrame()->messageBar()->text().contains(
                QStringLiteral("scaled")));
    }

    void longVectorOpensAsAColumnInTheGrid()
    {
        std::vector<double> v(50000);
        for (size_t i = 0; i < v.size(); ++i)
            v[i] = double(i) * 0.5;
        const QString path = m_files.filePath(QStringLiteral("vector.npy"));
        QVERIFY(writeFile(path, npy("(50000,)", v)));
        Harness h;
        h.controller.showFile(path);
        QVERIFY(h.settle());
        auto *arrays = h.viewer<ArrayPreviewWidget>();
        QVERIFY(arrays);
        QCOMPARE(arrays->viewer()->mode(), ArrayViewer::Mode::Grid);
        QAbstractItemModel *grid = arrays->viewer()->grid()->model();
        QCOMPARE(grid->rowCount(), 50000);
        QCOMPARE(grid->columnCount(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(grid->index(3, 0).data().toString(), QStringLiteral("1.5"),
                                  kTimeout);
        // Far down the column: read on demand, off the GUI thread.
        arrays->viewer()->grid()->scrollTo(grid->index(49990, 0));
        QTRY_COMPARE_WITH_TIMEOUT(grid->index(49990, 0).data().toString(), QStringLiteral("24995"),
                                  kTimeout);
    }

    void npzMembersAndAsyncValues()
    {
        // Two members; the second is larger than the first screen's read-ahead, so values off
        // screen arrive asynchronously through the provider.
        std::vector<double> big(1000 * 600);
        for (size_t i = 0; i < big.size(); ++i)
            big[i] = double(i);
        const QString path = m_files.filePath(QStringLiteral("two.npz"));
        TroveTest::ZipBuilder zip;
        zip.add("small.npy", npy("(2, 2)", {1, 2, 3, 4}));
        zip.add("big.npy", npy("(1000, 600)", big));
        QVERIFY(writeFile(path, zip.build()));
        Harness h;
        h.controller.showFile(path);
        QVERIFY(h.settle());
        QCOMPARE(h.readyKind(), PreviewKind::NumpyZip);
        auto *arrays = h.viewer<ArrayPreviewWidget>();
        QCOMPARE(arrays->memberList()->topLevelItemCount(), 2);
        QCOMPARE(arrays->currentMember(), 0);
        QSignalSpy shown(arrays, &ArrayPreviewWidget::memberShown);
        arrays->memberList()->setCurrentItem(arrays->memberList()->topLevelItem(1));
        QVERIFY(shown.wait(kTimeout));
        QCOMPARE(arrays->currentMember(), 1);
        NpyArrayProvider *p = arrays->provider();
        QCOMPARE(p->shape(), (QVector<qint64>{1000, 600}));
        // An element the read-ahead skipped: NaN first, then the real value once read.
        QSignalSpy arrived(p, &NpyArrayProvider::valuesArrived);
        const double first = p->value({999, 599});
        if (std::isnan(first)) {
            QVERIFY(arrived.wait(kTimeout));
            QCOMPARE(p->value({999, 599}), 599999.0);
        } else {
            QCOMPARE(first, 599999.0);
        }
        QTRY_VERIFY_WITH_TIMEOUT(arrays->viewer()->stats() && arrays->viewer()->stats()->valid,
                                 kTimeout);
        QCOMPARE(arrays->viewer()->stats()->max, 599999.0);
    }
};

QTEST_MAIN(TestPreviewLocal)
#include "tst_previewlocal.moc"

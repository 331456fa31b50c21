// PreviewController against the real trove-server and its demo workspace: every artifact kind
// of the "artifact gallery" task, the demo models' weights and the ~100 MB table read by HTTP
// Range (never downloaded), the SDK cache, switching the selection mid-load, pending (404)
// artifacts. Local files and hostile fixtures: tst_previewlocal.
#include "apitestenv.h"
#include "isolatedsettings.h"
#include "previewharness.h"

#include "api/syncapi.h"
#include "preview/archivepreviewwidget.h"
#include "preview/archivetreeview.h"
#include "preview/arraypreviewwidget.h"
#include "preview/arrayviewer.h"
#include "preview/histogramwidget.h"
#include "preview/imageviewer.h"
#include "preview/jsonpreviewwidget.h"
#include "preview/jsontreeview.h"
#include "preview/modelsummaryview.h"
#include "preview/pickletreeview.h"
#include "preview/previewframe.h"
#include "preview/tablepreviewmodel.h"
#include "preview/tablepreviewwidget.h"
#include "preview/tableviewer.h"
#include "session/session.h"

#include <QDir>
#include <QDirIterator>
#include <QLabel>
#include <QPushButton>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeWidget>

#include <memory>

using namespace Trove;
using namespace PreviewTest;

namespace {

qint64 serverBytesRead(qint64 pid)
{
    QFile io(QStringLiteral("/proc/%1/io").arg(pid));
    if (!io.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : io.readAll().split('\n'))
        if (line.startsWith("rchar:"))
            return line.mid(6).trimmed().toLongLong();
    return -1;
}

} // namespace

class TestPreviewController : public QObject
{
    Q_OBJECT

private:
    ApiTestEnv m_env; ///< only its server and config(): the session below is the client
    TestServer &m_server = m_env.server;
    QTemporaryDir m_cacheDir;
    std::unique_ptr<Session> m_session;
    QMap<QString, Artifact> m_gallery; ///< the "artifact gallery" task's artifacts by key
    Artifact m_bigTable;
    QList<Model> m_models;

    Model modelWithSuffix(const QString &suffix) const
    {
        for (const Model &m : m_models)
            if (m.uri.endsWith(suffix))
                return m;
        return {};
    }

    QString fixture(const QString &relative) const
    {
        return qEnvironmentVariable("TROVE_TEST_DATA") + QStringLiteral("/preview/") + relative;
    }

    Artifact gallery(const char *key) const { return m_gallery.value(QString::fromLatin1(key)); }

private slots:
    void initTestCase()
    {
        Trove::Test::isolateUserSettings();
        QVERIFY(m_cacheDir.isValid());
        TestServer::Options o;
        o.demo = true;
        QVERIFY2(m_env.server.start(o, 240000), qPrintable(m_env.server.errorString()));
        ClearmlConfig c = m_env.config();
        c.cacheBaseDir = m_cacheDir.path();
        SessionOptions options;
        options.api = ApiTestEnv::fastOptions();
        m_session = std::make_unique<Session>(c, options);

        SyncApi sync(m_session->api());
        auto find = [&](const QString &name) {
            TaskQuery q;
            q.searchText = name;
            auto page = sync.tasks(q);
            if (!page)
                qWarning() << "tasks.get_all:" << page.error().userMessage();
            else
                for (const Task &t : page->items)
                    if (t.name == name)
                        return t.id;
            return QString();
        };
        const QString galleryId = find(QStringLiteral("artifact gallery"));
        QVERIFY(!galleryId.isEmpty());
        auto task = sync.task(galleryId);
        QVERIFY(task.ok());
        for (const Artifact &a : task->artifacts)
            m_gallery.insert(a.key, a);
        QVERIFY(m_gallery.contains(QStringLiteral("data")));

        auto prep = sync.task(find(QStringLiteral("prepare customer table")));
        QVERIFY(prep.ok());
        for (const Artifact &a : prep->artifacts)
            if (a.key == QLatin1String("customers"))
                m_bigTable = a;
        QVERIFY(m_bigTable.contentSize > 50'000'000);

        auto models = sync.wait<Page<Model>>(m_session->api()->getModels(ModelQuery{}), 30000);
        QVERIFY(models.ok());
        m_models = models->items;
        QVERIFY(!modelWithSuffix(QStringLiteral(".pt")).id.isEmpty());
        QVERIFY(!modelWithSuffix(QStringLiteral(".onnx")).id.isEmpty());
        QVERIFY(!modelWithSuffix(QStringLiteral(".safetensors")).id.isEmpty());
    }

    void csvCustomFile()
    {
        Harness h(m_session.get());
        h.controller.showArtifact(gallery("data"));
        QCOMPARE(h.controller.currentKind(), PreviewKind::Unknown);
        QCOMPARE(h.pane.state(), PreviewPane::State::Loading);
        QVERIFY(h.settle());
        QCOMPARE(h.readyKind(), PreviewKind::Table);
        QCOMPARE(h.controller.currentSource()->origin(), PreviewSource::Origin::Remote);
        auto *table = h.viewer<TablePreviewWidget>();
        QVERIFY(table);
        QTRY_VERIFY_WITH_TIMEOUT(table->isScanned(), kTimeout); // small remote file: at once
        QCOMPARE(table->model()->rowCount(), 3);
        QCOMPARE(table->model()->columnCount(), 3);
        QCOMPARE(table->model()->headerData(1, Qt::Horizontal).toString(), QStringLiteral("b"));
        QCOMPARE(table->model()->index(1, 2).data().toString(), QStringLiteral("y"));
        QCOMPARE(table->viewer()->totalRowCount(), 3);
        QCOMPARE(table->model()->stats()->columns.at(1).nullCount, 1); // "3,,z"
        QCOMPARE(h.controller.currentFrame()->titleLabel()->text(),
                 QStringLiteral("preprocess_data.csv"));
    }

    void pandasCsvGz()
    {
        Harness h(m_session.get());
        h.controller.showArtifact(gallery("dataframe"));
        QVERIFY(h.settle());
        QCOMPARE(h.readyKind(), PreviewKind::Table);
        auto *table = h.viewer<TablePreviewWidget>();
        QVERIFY(table);
        QVERIFY(table->model()->decoder()->schema().gzip);
        QTRY_VERIFY_WITH_TIMEOUT(table->isScanned(), kTimeout);
        QCOMPARE(table->viewer()->totalRowCount(), 100);
        QStringList headers;
        for (int c = 0; c < table->model()->columnCount(); ++c)
            headers << table->model()->headerData(c, Qt::Horizontal).toString();
        QVERIFY2(headers.contains(QStringLiteral("city")), qPrintable(headers.join(u',')));
    }

    void numpyNpz()
    {
        Harness h(m_session.get());
        h.controller.showArtifact(gallery("features"));
        QVERIFY(h.settle());
        QCOMPARE(h.readyKind(), PreviewKind::NumpyZip);
        auto *arrays = h.viewer<ArrayPreviewWidget>();
        QVERIFY(arrays);
        QCOMPARE(arrays->memberList()->topLevelItemCount(), 1);
        QCOMPARE(arrays->memberList()->topLevelItem(0)->text(0), QStringLiteral("features"));
        QCOMPARE(arrays->memberList()->topLevelItem(0)->text(1),
                 QStringLiteral("float64 (100, 100)"));
        NpyArrayProvider *p = arrays->provider();
        QVERIFY(p);
        QCOMPARE(p->shape(), (QVector<qint64>{100, 100}));
        // The first screen was read before showing: the identity matrix, from memory.
        QCOMPARE(p->value({5, 5}), 1.0);
        QCOMPARE(p->value({5, 6}), 0.0);
        QCOMPARE(p->pendingValues(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(arrays->viewer()->stats() && arrays->viewer()->stats()->valid,
                                 kTimeout);
        const ArrayStatsView stats = *arrays->viewer()->stats();
        QCOMPARE(stats.count, 10000);
        QCOMPARE(stats.max, 1.0);
        QCOMPARE(stats.min, 0.0);
        QVERIFY(qAbs(stats.mean - 0.01) < 1e-12);
        QCOMPARE(stats.nans, 0);
        arrays->viewer()->setMode(ArrayViewer::Mode::Histogram);
        QVERIFY(!arrays->viewer()->histogram()->counts().isEmpty());
    }

    void images_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<int>("size");
        QTest::addColumn<QString>("format");
        QTest::newRow("png") << "image" << 32 << "PNG";
        QTest::newRow("jpg") << "photo" << 64 << "JPEG";
    }

    void images()
    {
        QFETCH(QString, key);
        QFETCH(int, size);
        QFETCH(QString, format);
        Harness h(m_session.get());
        h.controller.showArtifact(m_gallery.value(key));
        QVERIFY(h.settle());
        QCOMPARE(h.readyKind(), PreviewKind::Image);
        auto *image = h.viewer<ImageViewer>();
        QVERIFY(image);
        QCOMPARE(image->image().size(), QSize(size, size));
        QVERIFY2(image->statusText().contains(format), qPrintable(image->statusText()));
        QVERIFY(h.controller.currentFrame()->detailsLabel()->text().contains(
                QStringLiteral("%1 × %1").arg(size)));
    }

    void jsonDict()
    {
        Harness h(m_session.get());
        h.controller.showArtifact(gallery("dict"));
        QVERIFY(h.settle());
        QCOMPARE(h.readyKind(), PreviewKind::Json);
        auto *json = h.viewer<JsonPreviewWidget>();
        QVERIFY(json && json->hasTree());
        QAbstractItemModel *model = json->treeView()->treeView()->model();
        QStringList keys;
        for (int r = 0; r < model->rowCount(); ++r)
            keys << model->index(r, 0).data().toString();
        QVERIFY2(keys.contains(QStringLiteral("rows")) && keys.contains(QStringLiteral("clean")),
                 qPrintable(keys.join(u',')));
        QVERIFY(json->textViewer()->text().contains(QStringLiteral("\"rows\": 1400000")));
    }

    void yamlDict()
    {
        Harness h(m_session.get());
        h.controller.showArtifact(gallery("yaml dict"));
        QVERIFY(h.settle());
        QCOMPARE(h.readyKind(), PreviewKind::Yaml);
        auto *text = h.viewer<TextViewer>();
        QVERIFY(text);
        QCOMPARE(text->language(), TextViewer::Language::Yaml);
        QVERIFY2(text->text().contains(QStringLiteral("rows: 1400000")), qPrintable(text->text()));
    }

    void textString()
    {
        Harness h(m_session.get());
        h.controller.showArtifact(gallery("string"));
        QVERIFY(h.settle());
        QCOMPARE(h.readyKind(), PreviewKind::Text);
        QCOMPARE(textOf(h.controller.currentViewer()).trimmed(),
                 QStringLiteral("hello from trove"));
    }

    void pickles()
    {
        Harness h(m_session.get());
        h.controller.showArtifact(gallery("array object"));
        QVERIFY(h.settle());
        QCOMPARE(h.readyKind(), PreviewKind::Pickle);
        auto *view = h.viewer<PickleTreeView>();
        QVERIFY(view);
        QVERIFY(view->dangerousImports().isEmpty());
        const auto found = view->model()->findItems(QStringLiteral("numpy.ndarray"),
                                                    Qt::MatchRecursive, PickleTreeView::TypeColumn);
        QVERIFY(!found.isEmpty());

        Harness hostile;
        hostile.controller.showFile(fixture(QStringLiteral("pickle/os_system.pkl")));
        QVERIFY(hostile.settle());
        QCOMPARE(hostile.readyKind(), PreviewKind::Pickle);
        const QStringList dangerous = hostile.viewer<PickleTreeView>()->dangerousImports();
        QVERIFY2(dangerous.join(u',').contains(QStringLiteral("system")),
                 qPrintable(dangerous.join(u',')));
    }

    void folderZipAndMember()
    {
        Harness h(m_session.get());
        h.controller.showArtifact(gallery("folder"));
        QVERIFY(h.settle());
        QCOMPARE(h.readyKind(), PreviewKind::Archive);
        auto *archive = h.viewer<ArchivePreviewWidget>();
        QVERIFY(archive);
        QStandardItemModel *listing = archive->listView()->model();
        QVERIFY(!listing->findItems(QStringLiteral("one.txt"), Qt::MatchRecursive).isEmpty());
        QVERIFY(!listing->findItems(QStringLiteral("two.txt"), Qt::MatchRecursive).isEmpty());

        QSignalSpy memberReady(archive->memberController(), &PreviewController::previewReady);
        emit archive->listView()->activated(QStringLiteral("sub/two.txt"));
        QCOMPARE(archive->currentMember(), QStringLiteral("sub/two.txt"));
        QVERIFY(memberReady.wait(kTimeout));
        QCOMPARE(memberReady.first().first().value<PreviewKind>(), PreviewKind::Text);
        QCOMPARE(textOf(archive->memberController()->currentViewer()), QStringLiteral("two\n"));
        QCOMPARE(archive->memberController()->currentSource()->origin(),
                 PreviewSource::Origin::Member);
        QTest::mouseClick(archive->backButton(), Qt::LeftButton);
        QCOMPARE(archive->currentWidget(), archive->listView());
        QVERIFY(archive->currentMember().isEmpty());
        QCOMPARE(h.ready.count(), 1); // the member preview did not replace the archive
    }

    void modelWeights_data()
    {
        QTest::addColumn<QString>("suffix");
        QTest::addColumn<PreviewKind>("kind");
        QTest::addColumn<QString>("tensor");
        QTest::newRow("torch") << ".pt" << PreviewKind::TorchZip << "conv1.weight";
        QTest::newRow("safetensors")
                << "classifier_q.safetensors" << PreviewKind::Safetensors << "fc.weight";
        QTest::newRow("onnx") << ".onnx" << PreviewKind::Onnx << "fc.weight";
    }

    void modelWeights()
    {
        QFETCH(QString, suffix);
        QFETCH(PreviewKind, kind);
        QFETCH(QString, tensor);
        Harness h(m_session.get());
        h.controller.showModel(modelWithSuffix(suffix));
        QVERIFY(h.settle());
        QVERIFY2(h.failed.isEmpty(), qPrintable(h.failureText()));
        QCOMPARE(h.readyKind(), kind);
        auto *view = h.viewer<ModelSummaryView>();
        QVERIFY(view);
        QVERIFY(view->tensorTable()->model()->rowCount() >= 2);
        QVERIFY(view->totalParameters() > 0);
        QStringList names;
        for (int r = 0; r < view->tensorTable()->model()->rowCount(); ++r)
            names << view->tensorTable()->model()->index(r, 0).data().toString();
        QVERIFY2(names.contains(tensor), qPrintable(names.join(u',')));
    }

    void bigTableFirstScreenWithoutDownload()
    {
        const qint64 serverBefore = serverBytesRead(m_server.pid());
        Harness h(m_session.get());
        h.controller.showArtifact(m_bigTable);
        QVERIFY(h.settle());
        QCOMPARE(h.readyKind(), PreviewKind::Table);
        auto *table = h.viewer<TablePreviewWidget>();
        QVERIFY(table);
        QCOMPARE(h.controller.currentSource()->origin(), PreviewSource::Origin::Remote);
        QVERIFY(table->model()->rowCount() >= TableDecoder::kFirstScreenRows);
        QCOMPARE(table->model()->index(199, 1).data().toString(), QStringLiteral("100199"));
        QVERIFY(!table->isScanning()); // a full scan of a large remote file waits for the user
        QVERIFY2(table->viewer()->rowCounterText().contains(QStringLiteral("about")),
                 qPrintable(table->viewer()->rowCounterText()));
        // Honest measures of "not downloaded": what the client read, what the server read
        // from disk, and the cache, which holds nothing for this uri.
        QVERIFY2(h.controller.bytesRead() < 2 << 20,
                 qPrintable(QString::number(h.controller.bytesRead())));
        const qint64 serverAfter = serverBytesRead(m_server.pid());
#ifdef Q_OS_LINUX
        QVERIFY(serverBefore >= 0 && serverAfter >= 0);
#endif
        if (serverBefore >= 0 && serverAfter >= 0)
            QVERIFY2(serverAfter - serverBefore < 8 << 20,
                     qPrintable(QString::number(serverAfter - serverBefore)));
        QVERIFY(m_session->cache().lookup(m_bigTable.uri).isEmpty());
        QDirIterator it(m_cacheDir.path(), QDir::Files, QDirIterator::Subdirectories);
        QVERIFY2(!it.hasNext(), qPrintable(it.hasNext() ? it.next() : QString()));

        // Going anywhere in the file needs the rows counted: the user starts the scan.
        QSignalSpy scanned(table, &TablePreviewWidget::scanFinished);
        table->startScan();
        QVERIFY(scanned.wait(240000));
        const qint64 rows = table->viewer()->totalRowCount();
        QVERIFY2(rows > 1'000'000, qPrintable(QString::number(rows)));
        table->viewer()->goToRow(1'000'000);
        const QModelIndex cell = table->model()->index(999'999, 1);
        QTRY_COMPARE_WITH_TIMEOUT(cell.data().toString(), QStringLiteral("1099999"), kTimeout);
        QVERIFY(m_session->cache().lookup(m_bigTable.uri).isEmpty());
    }

    void cachedCopyIsReadLocally()
    {
        // A file in the SDK cache (as StorageManager.get_local_copy leaves it) is used as is.
        const Artifact a = gallery("string");
        const QString path = m_session->cache().entryPath(a.uri);
        QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
        QVERIFY(writeFile(path, "from the cache\n"));
        Harness h(m_session.get());
        h.controller.showArtifact(a);
        QVERIFY(h.settle());
        QCOMPARE(h.controller.currentSource()->origin(), PreviewSource::Origin::Cache);
        QCOMPARE(textOf(h.controller.currentViewer()), QStringLiteral("from the cache\n"));
        QVERIFY(QFile::remove(path));
    }

    void artifactWithoutFileShowsItsStoredPreview()
    {
        Artifact a;
        a.key = QStringLiteral("note");
        a.type = QStringLiteral("custom");
        a.preview = QStringLiteral("kept in the task only");
        Harness h(m_session.get());
        h.controller.showArtifact(a);
        QVERIFY(h.settle());
        QCOMPARE(h.readyKind(), PreviewKind::Text);
        QCOMPARE(textOf(h.controller.currentViewer()), a.preview);
    }

    void switchingSelectionCancelsTheOldLoad()
    {
        HangingServer hanging;
        Harness h(m_session.get());
        h.controller.showFile(hanging.url(QStringLiteral("slow.csv")));
        QTRY_COMPARE_WITH_TIMEOUT(hanging.connections(), 1, kTimeout);
        QCOMPARE(h.pane.state(), PreviewPane::State::Loading);
        h.controller.showArtifact(gallery("image")); // the selection changes mid-load
        QVERIFY(h.settle());
        QCOMPARE(h.readyKind(), PreviewKind::Image);
        QTRY_VERIFY_WITH_TIMEOUT(hanging.allClosed(), kTimeout); // the old read was cancelled

        // Two real loads in a row: only the second is ever shown.
        for (int round = 0; round < 3; ++round) {
            h.ready.clear();
            h.failed.clear();
            h.controller.showArtifact(gallery("dataframe"));
            h.controller.showArtifact(gallery("dict"));
            QVERIFY(h.settle());
            QTest::qWait(300); // let a stale result arrive if it were not dropped
            QCOMPARE(h.ready.count(), 1);
            QCOMPARE(h.readyKind(), PreviewKind::Json);
            QCOMPARE(h.controller.currentKind(), PreviewKind::Json);
            QVERIFY(h.viewer<JsonPreviewWidget>());
            QVERIFY(h.failed.isEmpty());
        }
        h.controller.clear();
        QCOMPARE(h.pane.state(), PreviewPane::State::Empty);
        QVERIFY(!h.controller.currentViewer());
    }

    void pendingArtifact()
    {
        Artifact pending = gallery("data");
        pending.key = QStringLiteral("pending");
        pending.uri = m_server.filesUrl().toString(QUrl::StripTrailingSlash)
                      + QStringLiteral("/Trove%20Demo/not%20uploaded.abc/artifacts/pending/p.csv");
        Harness h(m_session.get());
        h.controller.showArtifact(pending);
        QVERIFY(h.settle());
        QCOMPARE(h.failed.count(), 1);
        QCOMPARE(h.failure().httpStatus, 404);
        QCOMPARE(h.pane.state(), PreviewPane::State::Error);
        QVERIFY2(h.pane.errorText().contains(QStringLiteral("not on the server yet")),
                 qPrintable(h.pane.errorText()));
        QVERIFY(h.pane.retryButton()->isVisible());
        QTest::mouseClick(h.pane.retryButton(), Qt::LeftButton);
        QCOMPARE(h.pane.state(), PreviewPane::State::Loading);
        QTRY_COMPARE_WITH_TIMEOUT(h.failed.count(), 2, kTimeout);
    }
};

QTEST_MAIN(TestPreviewController)
#include "tst_previewcontroller.moc"

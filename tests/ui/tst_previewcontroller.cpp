// PreviewController against the real trove-server and its demo workspace: every artifact kind
// of the "artifact gallery" task, the demo models' weights and the ~100 MB table read by HTTP
// Range; switching the selection mid-load; pending (404) artifacts and network errors; and
// local previews of every fixture in tests/data/preview, hostile ones included.
#include "apitestenv.h"
#include "previewtestutil.h"
#include "zipbuilder.h"

#include "api/syncapi.h"
#include "preview/archivepreviewwidget.h"
#include "preview/archivetreeview.h"
#include "preview/arraypreviewwidget.h"
#include "preview/arrayviewer.h"
#include "preview/histogramwidget.h"
#include "preview/imageviewer.h"
#include "preview/jsonpreviewwidget.h"
#include "preview/jsontreemodel.h"
#include "preview/jsontreeview.h"
#include "preview/modelsummaryview.h"
#include "preview/pickletreeview.h"
#include "preview/previewcontroller.h"
#include "preview/previewframe.h"
#include "preview/previewpane.h"
#include "preview/tablepreviewwidget.h"
#include "preview/tableviewer.h"
#include "preview/textviewer.h"
#include "session/session.h"
#include "widgets/messagebar.h"

#include "preview/tablepreviewmodel.h"

#include <QDir>
#include <QDirIterator>
#include <QImage>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>
#include <QtEndian>

#include <memory>

using namespace Trove;

namespace {

constexpr int kTimeout = 60000;

/// A pane and its controller, shown offscreen, with spies on the outcome.
struct Harness
{
    explicit Harness(Session *session = nullptr)
    {
        pane.resize(1000, 700);
        pane.show();
        controller.setSession(session);
    }
    /// Waits for the first outcome (ready or failed).
    bool settle(int timeoutMs = kTimeout)
    {
        return QTest::qWaitFor([this] { return ready.count() + failed.count() > 0; }, timeoutMs);
    }
    template<typename T>
    T *viewer() const
    {
        return qobject_cast<T *>(controller.currentViewer());
    }
    PreviewKind readyKind() const
    {
        return ready.isEmpty() ? PreviewKind::Unknown : ready.first().first().value<PreviewKind>();
    }
    Error failure() const
    {
        return failed.isEmpty() ? Error() : failed.first().first().value<Error>();
    }
    QString failureText() const { return failure().userMessage(); }

    PreviewPane pane;
    PreviewController controller{&pane};
    QSignalSpy ready{&controller, &PreviewController::previewReady};
    QSignalSpy failed{&controller, &PreviewController::previewFailed};
};

/// An HTTP server that accepts connections and never answers: a load that hangs until it is
/// cancelled. Reports whether the client dropped the connection.
class HangingServer
{
public:
    HangingServer()
    {
        m_server.listen(QHostAddress::LocalHost);
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection())
                m_sockets.append(s);
        });
    }
    QString url(const QString &file) const
    {
        return QStringLiteral("http://127.0.0.1:%1/%2").arg(m_server.serverPort()).arg(file);
    }
    int connections() const { return int(m_sockets.size()); }
    /// True when every accepted connection was closed by the client.
    bool allClosed() const
    {
        for (QTcpSocket *s : m_sockets)
            if (s->state() == QAbstractSocket::ConnectedState)
                return false;
        return !m_sockets.isEmpty();
    }

private:
    QTcpServer m_server;
    QList<QTcpSocket *> m_sockets;
};

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

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

/// A little-endian float64 .npy in C order.
QByteArray npy(const QByteArray &shape, const std::vector<double> &values)
{
    QByteArray data;
    for (double v : values) {
        const double le = qToLittleEndian(v);
        data.append(reinterpret_cast<const char *>(&le), sizeof le);
    }
    return TestUtil::makeNpy(TestUtil::npyDict("'<f8'", false, shape), data);
}

QString textOf(QWidget *w)
{
    auto *t = qobject_cast<TextViewer *>(w);
    return t ? t->text() : QString();
}

} // namespace

class TestPreviewController : public QObject
{
    Q_OBJECT

private:
    ApiTestEnv m_env; ///< only its server and config(): the session below is the client
    TestServer &m_server = m_env.server;
    QTemporaryDir m_cacheDir;
    QTemporaryDir m_files;
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
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_cacheDir.isValid() && m_files.isValid());
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

QTEST_MAIN(TestPreviewController)
#include "tst_previewcontroller.moc"

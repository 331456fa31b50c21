// TransfersDock + TransfersController + TransferListModel on real transfers against the real
// trove-server: the dock's buttons cancel, retry and open real jobs, "Clear finished"
// clears them. Renders the dock with real rows to $TROVE_SCREENSHOT_DIR when set.
#include "isolatedsettings.h"
#include "models/transferlistmodel.h"
#include "sessiontestenv.h"
#include "urlrecorder.h"
#include "widgets/transferdelegate.h"
#include "widgets/transferscontroller.h"
#include "widgets/transfersdock.h"

#include <QDesktopServices>
#include <QListView>
#include <QMainWindow>
#include <QToolButton>

using namespace Trove;

class TestTransfersController final : public QObject
{
    Q_OBJECT

private:
    SessionTestEnv m_env;
    UrlRecorder m_opened;
    QString m_uri;
    QByteArray m_data;

    static QPoint buttonCenter(TransfersDock &dock, int row)
    {
        QListView *view = dock.view();
        const QModelIndex index = view->model()->index(row, 0);
        QStyleOptionViewItem option;
        option.initFrom(view);
        return dock.delegate()
                ->buttonRect(view->visualRect(index), option, TransferDelegate::buttonFor(index))
                .center();
    }

    static TransferState stateOf(const TransferListModel *model, int row)
    {
        return TransferState(model->index(row).data(TransferRoles::StateRole).toInt());
    }

private Q_SLOTS:
    void initTestCase()
    {
        Trove::Test::isolateUserSettings();
        QDesktopServices::setUrlHandler(QStringLiteral("file"), &m_opened, "open");
        QVERIFY(m_env.start({QStringLiteral("--throttle-files"), QStringLiteral("1000000")}));
        m_data = SessionTestEnv::pattern(2'500'000, 3);
        UploadJob *up = m_env.session->transfers()->upload(UploadRequest::forArtifact(
                m_env.writeFile(QStringLiteral("checkpoint.bin"), m_data),
                m_env.server.filesUrl().toString(), QStringLiteral("dock"), QStringLiteral("p"),
                QStringLiteral("train"), QStringLiteral("0123456789abcdef0123456789abcdef"),
                QStringLiteral("checkpoint")));
        QVERIFY(SessionTestEnv::waitDone(up));
        QCOMPARE(up->state(), TransferJob::State::Finished);
        m_uri = up->spec().uri;
    }

    void cleanupTestCase() { QDesktopServices::unsetUrlHandler(QStringLiteral("file")); }

    void dockButtonsDriveRealJobs()
    {
        QMainWindow window;
        auto *dock = new TransfersDock(&window);
        window.addDockWidget(Qt::RightDockWidgetArea, dock);
        auto *controller = new TransfersController(dock, m_env.session->transfers(), dock);
        TransferListModel *model = controller->model();
        QCOMPARE(dock->model(), model);
        window.resize(900, 520);
        window.resizeDocks({dock}, {600}, Qt::Horizontal);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(model->rowCount(), 1); // the upload of initTestCase
        QWidget *vp = dock->view()->viewport();

        // Open: the finished upload's source file.
        QTest::mouseClick(vp, Qt::LeftButton, {}, buttonCenter(*dock, 0));
        QCOMPARE(m_opened.urls.size(), 1);
        QCOMPARE(m_opened.urls.last().toLocalFile(), model->resultPath(0));

        // Cancel a running (throttled) download with its button.
        TransferManager *manager = m_env.session->transfers();
        manager->download(m_env.plainDownload(m_uri, QStringLiteral("slow.bin")));
        QTRY_VERIFY_WITH_TIMEOUT(
                model->index(1).data(TransferRoles::BytesDoneRole).toLongLong() > 0, 30000);
        QCOMPARE(TransferDelegate::buttonFor(model->index(1)), TransferDelegate::Button::Cancel);
        QTest::mouseClick(vp, Qt::LeftButton, {}, buttonCenter(*dock, 1));
        QTRY_COMPARE(stateOf(model, 1), TransferState::Cancelled);

        // A failure shows its error text; Retry re-queues the same request in place.
        manager->download(m_env.plainDownload(m_env.server.filesUrl().toString()
                                                      + QStringLiteral("/gone.bin"),
                                              QStringLiteral("gone.bin")));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(model, 2), TransferState::Failed, 30000);
        QVERIFY(model->index(2)
                        .data(TransferRoles::ErrorRole)
                        .toString()
                        .contains(QStringLiteral("404")));
        QTest::mouseClick(vp, Qt::LeftButton, {}, buttonCenter(*dock, 1)); // retry cancelled
        QCOMPARE(model->rowCount(), 3);
        QVERIFY(stateOf(model, 1) == TransferState::Queued
                || stateOf(model, 1) == TransferState::Running);

        // A copy row, for the picture.
        manager->copy(CopyRequest{model->resultPath(0),
                                  m_env.dir.filePath(QStringLiteral("saved/checkpoint.bin"))});
        QTRY_COMPARE(stateOf(model, 3), TransferState::Finished);

        // Render the dock with real rows: running, failed, finished.
        QTRY_VERIFY_WITH_TIMEOUT(model->index(1).data(TransferRoles::RateRole).toDouble() > 0,
                                 30000);
        const QString shots = qEnvironmentVariable("TROVE_SCREENSHOT_DIR");
        if (!shots.isEmpty()) {
            QDir().mkpath(shots);
            QVERIFY(window.grab().save(shots + QStringLiteral("/transfers-dock.png")));
        }

        QTRY_COMPARE_WITH_TIMEOUT(stateOf(model, 1), TransferState::Finished, 60000);
        QCOMPARE(SessionTestEnv::readAll(model->resultPath(1)), m_data);
        // Keyboard: Enter on the finished row opens it.
        dock->view()->setFocus();
        dock->view()->setCurrentIndex(model->index(1));
        QTest::keyClick(dock->view(), Qt::Key_Return);
        QCOMPARE(m_opened.urls.last().toLocalFile(), model->resultPath(1));

        // Clear finished: every done row goes (failed ones too), jobs deleted.
        auto *clear = dock->findChild<QToolButton *>();
        QVERIFY(clear);
        QVERIFY(clear->isEnabled());
        QPointer<TransferJob> failed = model->job(2);
        QTest::mouseClick(clear, Qt::LeftButton);
        QCOMPARE(model->rowCount(), 0);
        QTRY_VERIFY(failed.isNull());
        QVERIFY(!clear->isEnabled());
    }

    void openWithoutResultReportsIt()
    {
        TransfersDock dock;
        TransfersController controller(&dock, m_env.session->transfers());
        QSignalSpy failed(&controller, &TransfersController::openFailed);
        QVERIFY(!controller.open(0));
        QCOMPARE(failed.count(), 1);
    }
};

QTEST_MAIN(TestTransfersController)
#include "tst_transferscontroller.moc"

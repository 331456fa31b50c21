// TransferListModel rows follow real transfers against the real trove-server: uploads,
// downloads (throttled, so progress is seen), cancel, failure with error text, retry in the
// same row, local copies, and "clear finished" — all with incremental row signals.
#include "isolatedsettings.h"
#include "models/transferlistmodel.h"
#include "sessiontestenv.h"

#include <QAbstractItemModelTester>

using namespace Trove;

class TestTransferListModel final : public QObject
{
    Q_OBJECT

private:
    SessionTestEnv m_env;
    QString m_uri; ///< a 3 MB object on the files server
    QByteArray m_data;

    static TransferState stateOf(const TransferListModel &model, int row)
    {
        return TransferState(model.index(row).data(TransferRoles::StateRole).toInt());
    }

private Q_SLOTS:
    void initTestCase()
    {
        Trove::Test::isolateUserSettings();
        // 1.5 MB/s file GETs: a 3 MB download takes about two seconds.
        QVERIFY(m_env.start({QStringLiteral("--test-hooks"), QStringLiteral("--throttle-files"),
                             QStringLiteral("1500000")}));
    }

    void uploadRowFollowsTheJob()
    {
        TransferListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setManager(m_env.session->transfers());
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

        m_data = SessionTestEnv::pattern(3'000'000, 1);
        const QString path = m_env.writeFile(QStringLiteral("big data.bin"), m_data);
        UploadJob *job = m_env.session->transfers()->upload(UploadRequest::forArtifact(
                path, m_env.server.filesUrl().toString(), QStringLiteral("tests/transfer model"),
                QStringLiteral("pid"), QStringLiteral("t"),
                QStringLiteral("00112233445566778899aabbccddeeff"), QStringLiteral("big")));
        QCOMPARE(inserted.count(), 1);
        const int row = model.rowOf(job);
        QCOMPARE(row, model.rowCount() - 1);
        const QModelIndex index = model.index(row);
        QCOMPARE(index.data(TransferRoles::NameRole).toString(), QStringLiteral("big data.bin"));
        QCOMPARE(index.data(TransferRoles::DirectionRole).toInt(), int(TransferDirection::Upload));
        QCOMPARE(index.data(TransferRoles::SourceRole).toString(), path);
        QCOMPARE(stateOf(model, row), TransferState::Queued);
        QVERIFY(model.canCancel(row));
        QVERIFY(!model.canRetry(row));

        QTRY_COMPARE_WITH_TIMEOUT(stateOf(model, row), TransferState::Finished, 60000);
        QCOMPARE(index.data(TransferRoles::BytesDoneRole).toLongLong(), qint64(m_data.size()));
        QCOMPARE(index.data(TransferRoles::BytesTotalRole).toLongLong(), qint64(m_data.size()));
        QCOMPARE(index.data(TransferRoles::ResultPathRole).toString(), path);
        QVERIFY(model.canOpen(row));
        QVERIFY(!model.canCancel(row));
        QVERIFY(index.data(TransferRoles::ErrorRole).toString().isEmpty());
        QCOMPARE(reset.count(), 0);
        m_uri = job->spec().uri;
        QVERIFY(m_uri.startsWith(m_env.server.filesUrl().toString()));
    }

    void downloadRowShowsProgressThenFinishes()
    {
        TransferListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setManager(m_env.session->transfers());
        const int before = model.rowCount(); // the finished upload is listed too
        QVERIFY(before >= 1);

        QList<qint64> seen;
        connect(&model, &QAbstractItemModel::dataChanged, this,
                [&](const QModelIndex &from, const QModelIndex &to) {
                    QCOMPARE(from.row(), to.row());
                    if (from.row() == before
                        && stateOf(model, from.row()) == TransferState::Running)
                        seen << from.data(TransferRoles::BytesDoneRole).toLongLong();
                });
        DownloadJob *job = m_env.session->transfers()->download(
                m_env.plainDownload(m_uri, QStringLiteral("progress.bin")));
        QCOMPARE(model.rowCount(), before + 1);
        QCOMPARE(model.rowOf(job), before);
        QCOMPARE(model.index(before).data(TransferRoles::NameRole).toString(),
                 QStringLiteral("big data.bin")); // percent-decoded uri segment
        QCOMPARE(model.index(before).data(TransferRoles::DirectionRole).toInt(),
                 int(TransferDirection::Download));

        QTRY_COMPARE_WITH_TIMEOUT(stateOf(model, before), TransferState::Finished, 60000);
        // The throttled download reported bytes strictly between 0 and the total.
        QVERIFY2(std::any_of(seen.cbegin(), seen.cend(),
                             [&](qint64 b) { return b > 0 && b < m_data.size(); }),
                 qPrintable(QStringLiteral("progress seen: %1").arg(seen.size())));
        QVERIFY(std::is_sorted(seen.cbegin(), seen.cend()));
        const QString result = model.resultPath(before);
        QCOMPARE(result, job->resultPath());
        QCOMPARE(SessionTestEnv::readAll(result), m_data);
        QCOMPARE(model.index(before).data(TransferRoles::RateRole).toDouble(), 0.0);
        QCOMPARE(model.index(before).data(TransferRoles::EtaRole).toLongLong(), qint64(-1));
    }

    void cancelFailRetryAndClear()
    {
        TransferListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setManager(m_env.session->transfers());
        QVERIFY(model.clearFinished() >= 2); // the earlier upload and download
        QCOMPARE(model.rowCount(), 0);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

        // Cancelled in the middle of a throttled download.
        DownloadJob *slow = m_env.session->transfers()->download(
                m_env.plainDownload(m_uri, QStringLiteral("cancelled.bin")));
        QTRY_VERIFY_WITH_TIMEOUT(model.index(0).data(TransferRoles::BytesDoneRole).toLongLong() > 0,
                                 30000);
        QVERIFY(model.canCancel(0));
        model.cancel(0);
        QTRY_COMPARE(stateOf(model, 0), TransferState::Cancelled);
        QVERIFY(slow->state() == TransferJob::State::Cancelled);
        QVERIFY(model.index(0).data(TransferRoles::ErrorRole).toString().isEmpty());
        QVERIFY(!QFileInfo::exists(slow->request().destination));
        QVERIFY(model.canRetry(0));
        QVERIFY(!model.canOpen(0));

        // Failed: the object does not exist; the row carries the error text.
        const QString missing
                = m_env.server.filesUrl().toString() + QStringLiteral("/tests/nothing/here.bin");
        m_env.session->transfers()->download(
                m_env.plainDownload(missing, QStringLiteral("none.bin")));
        QCOMPARE(model.rowCount(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(model, 1), TransferState::Failed, 30000);
        const QString error = model.index(1).data(TransferRoles::ErrorRole).toString();
        QVERIFY2(error.contains(QStringLiteral("404")), qPrintable(error));
        QVERIFY(model.index(1).data(Qt::ToolTipRole).toString().contains(error));
        QVERIFY(model.canRetry(1));

        // Retry re-queues the same request in the same row.
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        TransferJob *again = model.retry(0);
        QVERIFY(again);
        QVERIFY(again != slow);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(model.job(0), again);
        QVERIFY(stateOf(model, 0) == TransferState::Queued
                || stateOf(model, 0) == TransferState::Running);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(model, 0), TransferState::Finished, 60000);
        QCOMPARE(SessionTestEnv::readAll(model.resultPath(0)), m_data);
        QVERIFY(!model.retry(0)); // finished rows are not retried

        // A local copy (Save as…) is a row too.
        CopyJob *copy = m_env.session->transfers()->copy(
                CopyRequest{model.resultPath(0), m_env.dir.filePath(QStringLiteral("saved.bin"))});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(2).data(TransferRoles::DirectionRole).toInt(),
                 int(TransferDirection::Copy));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(model, 2), TransferState::Finished, 30000);
        QCOMPARE(model.resultPath(2), copy->request().destination);
        QCOMPARE(SessionTestEnv::readAll(model.resultPath(2)), m_data);

        // A running job stays when the others are cleared; cleared jobs are deleted.
        DownloadJob *running = m_env.session->transfers()->download(
                m_env.plainDownload(m_uri, QStringLiteral("still running.bin")));
        QPointer<TransferJob> failed = model.job(1);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QCOMPARE(model.clearFinished(), 3);
        QCOMPARE(removed.count(), 3);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.job(0), running);
        QTRY_VERIFY(failed.isNull());
        QCOMPARE(reset.count(), 0);
        running->cancel();
        QTRY_COMPARE(stateOf(model, 0), TransferState::Cancelled);
    }

    void modelListsExistingJobsAndForgetsDeletedOnes()
    {
        TransferManager *manager = m_env.session->transfers();
        DownloadJob *job = manager->download(
                m_env.plainDownload(m_env.server.filesUrl().toString() + QStringLiteral("/missing"),
                                    QStringLiteral("gone.bin")));
        TransferListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setManager(manager);
        const int row = model.rowOf(job);
        QVERIFY(row >= 0);
        QVERIFY(SessionTestEnv::waitDone(job));
        const int before = model.rowCount();
        delete job;
        QCOMPARE(model.rowCount(), before - 1);
        model.setManager(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestTransferListModel)
#include "tst_transferlistmodel.moc"

// RefreshScheduler: one refresh at a time, back-off doubling up to the maximum when nothing
// changes or on errors, back to the minimum on changes and user activity.
#include "app/refreshscheduler.h"

#include <QSignalSpy>
#include <QTest>

using namespace Trove;

class TestRefreshScheduler : public QObject
{
    Q_OBJECT

private slots:
    void backsOffAndResets()
    {
        RefreshScheduler s;
        s.setIntervals(10, 80);
        QSignalSpy due(&s, &RefreshScheduler::refreshDue);
        QVERIFY(!s.isActive());
        s.start();
        QVERIFY(s.isActive());
        QCOMPARE(s.interval(), 10);
        QVERIFY(due.wait(5000));
        QCOMPARE(due.count(), 1);
        // Waiting for the report: no second refresh meanwhile.
        QVERIFY(s.isWaiting());
        QVERIFY(!s.isTimerRunning());

        s.reportResult(false);
        QCOMPARE(s.interval(), 20);
        QVERIFY(s.isTimerRunning());
        QVERIFY(due.wait(5000));
        s.reportError();
        QCOMPARE(s.interval(), 40);
        QVERIFY(due.wait(5000));
        s.reportResult(false);
        QCOMPARE(s.interval(), 80);
        QVERIFY(due.wait(5000));
        s.reportResult(false);
        QCOMPARE(s.interval(), 80); // capped
        s.userActivity();
        QCOMPARE(s.interval(), 10);
        QVERIFY(s.isTimerRunning());
        QVERIFY(due.wait(5000));
        s.reportError();
        QCOMPARE(s.interval(), 20);
        QVERIFY(due.wait(5000));
        s.reportResult(true);
        QCOMPARE(s.interval(), 10);

        s.stop();
        QVERIFY(!s.isActive());
        QVERIFY(!s.isTimerRunning());
        s.reportResult(false); // late report after stop: nothing scheduled
        QVERIFY(!s.isTimerRunning());
    }
};

QTEST_GUILESS_MAIN(TestRefreshScheduler)
#include "tst_refreshscheduler.moc"

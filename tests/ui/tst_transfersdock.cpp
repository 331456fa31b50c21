#include "widgets/transferdelegate.h"
#include "widgets/transferroles.h"
#include "widgets/transfersdock.h"

#include <QListView>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTest>

using namespace Trove;

class TestTransfersDock : public QObject
{
    Q_OBJECT

private:
    static void addRow(QStandardItemModel &model, const QString &name, TransferState state)
    {
        auto *item = new QStandardItem;
        item->setData(name, TransferRoles::NameRole);
        item->setData(int(TransferDirection::Download), TransferRoles::DirectionRole);
        item->setData(qint64(500), TransferRoles::BytesDoneRole);
        item->setData(qint64(1000), TransferRoles::BytesTotalRole);
        item->setData(100.0, TransferRoles::RateRole);
        item->setData(qint64(5), TransferRoles::EtaRole);
        item->setData(int(state), TransferRoles::StateRole);
        item->setData(state == TransferState::Failed ? QStringLiteral("HTTP 500") : QString(),
                      TransferRoles::ErrorRole);
        model.appendRow(item);
    }

    static QPoint buttonCenter(TransfersDock &dock, int row)
    {
        QListView *view = dock.view();
        const QModelIndex index = view->model()->index(row, 0);
        QStyleOptionViewItem option;
        option.initFrom(view);
        const QRect rect = view->visualRect(index);
        return dock.delegate()
                ->buttonRect(rect, option, TransferDelegate::buttonFor(index))
                .center();
    }

private slots:
    void buttonsEmitWithTheRightRow()
    {
        QStandardItemModel model;
        addRow(model, QStringLiteral("running.bin"), TransferState::Running);
        addRow(model, QStringLiteral("failed.bin"), TransferState::Failed);
        addRow(model, QStringLiteral("done.bin"), TransferState::Finished);
        addRow(model, QStringLiteral("queued.bin"), TransferState::Queued);
        TransfersDock dock;
        dock.setModel(&model);
        dock.resize(500, 500);
        dock.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dock));

        QSignalSpy cancel(&dock, &TransfersDock::cancelRequested);
        QSignalSpy retry(&dock, &TransfersDock::retryRequested);
        QSignalSpy open(&dock, &TransfersDock::openRequested);
        QWidget *vp = dock.view()->viewport();

        QTest::mouseClick(vp, Qt::LeftButton, {}, buttonCenter(dock, 3));
        QCOMPARE(cancel.count(), 1);
        QCOMPARE(cancel.at(0).at(0).toInt(), 3);
        QTest::mouseClick(vp, Qt::LeftButton, {}, buttonCenter(dock, 1));
        QCOMPARE(retry.count(), 1);
        QCOMPARE(retry.at(0).at(0).toInt(), 1);
        QTest::mouseClick(vp, Qt::LeftButton, {}, buttonCenter(dock, 2));
        QCOMPARE(open.count(), 1);
        QCOMPARE(open.at(0).at(0).toInt(), 2);
        QTest::mouseClick(vp, Qt::LeftButton, {}, buttonCenter(dock, 0));
        QCOMPARE(cancel.count(), 2);
        QCOMPARE(cancel.at(1).at(0).toInt(), 0);
        QCOMPARE(retry.count(), 1);
        QCOMPARE(open.count(), 1);

        // Clicking the row outside the button does nothing.
        const QRect row0 = dock.view()->visualRect(model.index(0, 0));
        QTest::mouseClick(vp, Qt::LeftButton, {}, row0.topLeft() + QPoint(30, 10));
        QCOMPARE(cancel.count(), 2);

        // Keyboard: Delete cancels the current running transfer, R retries a failed one.
        dock.view()->setFocus();
        dock.view()->setCurrentIndex(model.index(0, 0));
        QTest::keyClick(dock.view(), Qt::Key_Delete);
        QCOMPARE(cancel.count(), 3);
        dock.view()->setCurrentIndex(model.index(1, 0));
        QTest::keyClick(dock.view(), Qt::Key_R);
        QCOMPARE(retry.count(), 2);
        QCOMPARE(retry.at(1).at(0).toInt(), 1);
    }

    void buttonFollowsState()
    {
        QStandardItemModel model;
        addRow(model, QStringLiteral("x"), TransferState::Running);
        const QModelIndex i = model.index(0, 0);
        QCOMPARE(TransferDelegate::buttonFor(i), TransferDelegate::Button::Cancel);
        model.setData(i, int(TransferState::Cancelled), TransferRoles::StateRole);
        QCOMPARE(TransferDelegate::buttonFor(i), TransferDelegate::Button::Retry);
        model.setData(i, int(TransferState::Finished), TransferRoles::StateRole);
        QCOMPARE(TransferDelegate::buttonFor(i), TransferDelegate::Button::Open);
    }
};

QTEST_MAIN(TestTransfersDock)
#include "tst_transfersdock.moc"

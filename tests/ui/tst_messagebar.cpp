#include "widgets/messagebar.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace Trove;

class TestMessageBar : public QObject
{
    Q_OBJECT

private slots:
    void retryEmits()
    {
        MessageBar bar;
        bar.resize(600, 40);
        QVERIFY(bar.isHidden());
        bar.showMessage(QStringLiteral("Connection refused"), MessageBar::Type::Error,
                        MessageBar::Action::Retry);
        QVERIFY(!bar.isHidden());
        QCOMPARE(bar.type(), MessageBar::Type::Error);
        QCOMPARE(bar.text(), QStringLiteral("Connection refused"));
        QVERIFY(bar.retryButton());
        QVERIFY(!bar.retryButton()->accessibleName().isEmpty());
        QSignalSpy retry(&bar, &MessageBar::retryRequested);
        QSignalSpy clicked(&bar, &MessageBar::buttonClicked);
        QTest::mouseClick(bar.retryButton(), Qt::LeftButton);
        QCOMPARE(retry.count(), 1);
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.at(0).at(0).toString(), QStringLiteral("retry"));
    }

    void customButtonsAndReplace()
    {
        MessageBar bar;
        bar.showMessage(QStringLiteral("Cache almost full"), MessageBar::Type::Warning);
        QVERIFY(!bar.retryButton());
        QPushButton *open
                = bar.addButton(QStringLiteral("Open Settings"), QStringLiteral("settings"));
        QSignalSpy clicked(&bar, &MessageBar::buttonClicked);
        QTest::mouseClick(open, Qt::LeftButton);
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.at(0).at(0).toString(), QStringLiteral("settings"));
        // A new message replaces the old buttons.
        bar.showMessage(QStringLiteral("Done"), MessageBar::Type::Positive);
        QCOMPARE(bar.text(), QStringLiteral("Done"));
        QVERIFY(!bar.retryButton());
    }

    void dismiss()
    {
        MessageBar bar;
        bar.show();
        bar.showMessage(QStringLiteral("Info"), MessageBar::Type::Information);
        QVERIFY(QTest::qWaitForWindowExposed(&bar));
        QSignalSpy dismissed(&bar, &MessageBar::dismissed);
        QTest::mouseClick(bar.closeButton(), Qt::LeftButton);
        QCOMPARE(dismissed.count(), 1);
        QVERIFY(bar.isHidden());
        bar.showMessage(QStringLiteral("Again"));
        bar.setFocus();
        QTest::keyClick(&bar, Qt::Key_Escape);
        QCOMPARE(dismissed.count(), 2);
        QVERIFY(bar.isHidden());
    }
};

QTEST_MAIN(TestMessageBar)
#include "tst_messagebar.moc"

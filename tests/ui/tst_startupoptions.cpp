// The `trove` command line (StartupOptions) and deep-link text parsing (DeepLinkDialog).
#include "app/startupoptions.h"
#include "dialogs/deeplinkdialog.h"

#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

using namespace Trove;

class TestStartupOptions : public QObject
{
    Q_OBJECT

private:
    static StartupOptions parse(const QStringList &args, QString *error = nullptr)
    {
        StartupOptions o;
        QString e;
        const bool ok = StartupOptions::parse(QStringList{QStringLiteral("trove")} + args, &o, &e);
        if (error)
            *error = ok ? QString() : e;
        return o;
    }

private slots:
    void screenshotAndSelect()
    {
        const StartupOptions o = parse(
                {QStringLiteral("--screenshot"), QStringLiteral("out.png"),
                 QStringLiteral("--select"), QStringLiteral("abc123/sample batch"),
                 QStringLiteral("--view"), QStringLiteral("Lineage"), QStringLiteral("--data"),
                 QStringLiteral("/tmp/d"), QStringLiteral("--size"), QStringLiteral("1200x800")});
        QVERIFY(o.isScreenshot());
        QCOMPARE(o.screenshotFile, QStringLiteral("out.png"));
        QCOMPARE(o.selectTask, QStringLiteral("abc123"));
        QCOMPARE(o.selectArtifact, QStringLiteral("sample batch"));
        QCOMPARE(o.view, QStringLiteral("lineage"));
        QCOMPARE(o.dataDir, QStringLiteral("/tmp/d"));
        QCOMPARE(o.size, QSize(1200, 800));
    }

    void linkAndDefaults()
    {
        const StartupOptions o = parse({QStringLiteral("https://app.clear.ml/projects/p/"
                                                       "experiments/t")});
        QVERIFY(!o.isScreenshot());
        QCOMPARE(o.link, QStringLiteral("https://app.clear.ml/projects/p/experiments/t"));
        QCOMPARE(o.timeoutSec, 180);
        QVERIFY(o.selectArtifact.isEmpty());
    }

    void usageErrors()
    {
        QString error;
        parse({QStringLiteral("--view"), QStringLiteral("graph")}, &error);
        QVERIFY(error.contains(QStringLiteral("--view")));
        parse({QStringLiteral("--size"), QStringLiteral("big")}, &error);
        QVERIFY(error.contains(QStringLiteral("--size")));
        parse({QStringLiteral("--select"), QStringLiteral("/artifact")}, &error);
        QVERIFY(error.contains(QStringLiteral("--select")));
        parse({QStringLiteral("--timeout"), QStringLiteral("0")}, &error);
        QVERIFY(error.contains(QStringLiteral("--timeout")));
        parse({QStringLiteral("a"), QStringLiteral("b")}, &error);
        QVERIFY(!error.isEmpty());
        parse({QStringLiteral("--bogus")}, &error);
        QVERIFY(!error.isEmpty());
        QVERIFY(StartupOptions::helpText().contains(QStringLiteral("--screenshot")));
        QVERIFY(StartupOptions::helpText().startsWith(QStringLiteral("Usage: trove [options]")));
    }

    void linkText()
    {
        WebLink l = DeepLinkDialog::parseLinkText(
                QStringLiteral("https://app.clear.ml/projects/p1/experiments/"
                               "0123456789abcdef0123456789abcdef/output/log"));
        QCOMPARE(l.kind, WebLink::Kind::Task);
        QCOMPARE(l.id, QStringLiteral("0123456789abcdef0123456789abcdef"));
        l = DeepLinkDialog::parseLinkText(QStringLiteral("  0123456789ABCDEF0123456789abcdef "));
        QCOMPARE(l.kind, WebLink::Kind::Task);
        QCOMPARE(l.id, QStringLiteral("0123456789abcdef0123456789abcdef"));
        l = DeepLinkDialog::parseLinkText(
                QStringLiteral("http://localhost:8080/projects/*/models/"
                               "aaaabbbbccccddddeeeeffff00001111/general"));
        QCOMPARE(l.kind, WebLink::Kind::Model);
        QCOMPARE(l.id, QStringLiteral("aaaabbbbccccddddeeeeffff00001111"));
        QVERIFY(!DeepLinkDialog::parseLinkText(QStringLiteral("hello")).isValid());

        DeepLinkDialog dialog;
        auto *open = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Open);
        QVERIFY(!open->isEnabled());
        QTest::keyClicks(dialog.field(), QStringLiteral("http://x/projects/p/experiments/"
                                                        "0123456789abcdef0123456789abcdef"));
        QVERIFY(open->isEnabled());
        QCOMPARE(dialog.link().id, QStringLiteral("0123456789abcdef0123456789abcdef"));
    }
};

QTEST_MAIN(TestStartupOptions)
#include "tst_startupoptions.moc"

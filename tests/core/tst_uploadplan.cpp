// UploadPlan and DroppedPath: the naming and clash rules of an upload drop, and the local
// checks that refuse what cannot be uploaded. No server.
#include "transfers/droppedpath.h"
#include "transfers/uploadplan.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "testfiles.h"

#include <unistd.h>

using namespace Trove;

class TestUploadPlan final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QString &relative, const QByteArray &data)
    {
        return TestFiles::write(m_dir.path(), relative, data);
    }

    static DroppedPath inspected(const QString &path, DroppedPath::Kind kind)
    {
        DroppedPath p;
        p.path = path;
        p.kind = kind;
        p.size = 10;
        p.fileCount = 1;
        return p;
    }

private Q_SLOTS:
    void defaultNamesFollowTroveCliPut()
    {
        QCOMPARE(DroppedPath::defaultArtifactName(QStringLiteral("/a/metrics.csv"), false),
                 QStringLiteral("metrics"));
        QCOMPARE(DroppedPath::defaultArtifactName(QStringLiteral("/a/model.tar.gz"), false),
                 QStringLiteral("model.tar"));
        QCOMPARE(DroppedPath::defaultArtifactName(QStringLiteral("/a/.env"), false),
                 QStringLiteral(".env"));
        QCOMPARE(DroppedPath::defaultArtifactName(QStringLiteral("/a/README"), false),
                 QStringLiteral("README"));
        QCOMPARE(DroppedPath::defaultArtifactName(QStringLiteral("/a/images.v2"), true),
                 QStringLiteral("images.v2"));
        QCOMPARE(DroppedPath::defaultArtifactName(QStringLiteral("/a/my data/"), true),
                 QStringLiteral("my data"));
        QCOMPARE(DroppedPath::defaultArtifactName(QStringLiteral("/"), true), QStringLiteral("/"));
    }

    void inspectRefusesWhatCannotBeUploaded()
    {
        const DroppedPath file = DroppedPath::inspect(write(QStringLiteral("f.txt"), "hello"));
        QCOMPARE(file.kind, DroppedPath::Kind::File);
        QCOMPARE(file.size, 5);
        QVERIFY(file.isUsable());

        write(QStringLiteral("folder/a.bin"), QByteArray(100, 'a'));
        write(QStringLiteral("folder/sub/b.bin"), QByteArray(50, 'b'));
        const DroppedPath folder = DroppedPath::inspect(m_dir.filePath(QStringLiteral("folder")));
        QCOMPARE(folder.kind, DroppedPath::Kind::Folder);
        QCOMPARE(folder.size, 150);
        QCOMPARE(folder.fileCount, 2);
        QVERIFY(folder.isUsable());

        const DroppedPath missing = DroppedPath::inspect(m_dir.filePath(QStringLiteral("nope")));
        QCOMPARE(missing.kind, DroppedPath::Kind::Missing);
        QCOMPARE(missing.problem, QStringLiteral("no such file or folder"));

        QDir().mkpath(m_dir.filePath(QStringLiteral("empty/sub")));
        const DroppedPath empty = DroppedPath::inspect(m_dir.filePath(QStringLiteral("empty")));
        QCOMPARE(empty.problem, QStringLiteral("the folder has no files"));

        const DroppedPath zero = DroppedPath::inspect(write(QStringLiteral("zero.txt"), {}));
        QVERIFY(zero.problem.contains(QStringLiteral("empty")));

        const DroppedPath device = DroppedPath::inspect(QStringLiteral("/dev/null"));
        QCOMPARE(device.kind, DroppedPath::Kind::Other);
        QCOMPARE(device.problem, QStringLiteral("not a regular file or folder"));

        const QString locked = write(QStringLiteral("locked/secret.txt"), "x");
        QFile::setPermissions(locked, QFileDevice::Permissions());
        if (::geteuid() == 0) {
            QFile::setPermissions(locked, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
            QSKIP("root reads any file: the unreadable-file check cannot be observed");
        }
        const DroppedPath unreadable = DroppedPath::inspect(locked);
        QVERIFY(unreadable.problem.startsWith(QStringLiteral("cannot be read")));
        const DroppedPath withUnreadable
                = DroppedPath::inspect(m_dir.filePath(QStringLiteral("locked")));
        QCOMPARE(withUnreadable.problem, QStringLiteral("secret.txt cannot be read"));
        QFile::setPermissions(locked, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }

    void clashesAndResolutions()
    {
        UploadPlan plan;
        plan.setExistingNames(
                {QStringLiteral("metrics"), QStringLiteral("metrics_2"), QStringLiteral("images")});
        const int a = plan.addPath(QStringLiteral("/x/metrics.csv"), false);
        const int b = plan.addPath(QStringLiteral("/y/metrics.json"), false);
        const int c = plan.addPath(QStringLiteral("/z/report.pdf"), false);
        QCOMPARE(plan.entry(a).name, QStringLiteral("metrics"));
        QCOMPARE(plan.issue(a), UploadPlan::Issue::Inspecting);
        QVERIFY(!plan.isAcceptable());

        plan.setInspection(a, inspected(QStringLiteral("/x/metrics.csv"), DroppedPath::Kind::File));
        plan.setInspection(b,
                           inspected(QStringLiteral("/y/metrics.json"), DroppedPath::Kind::File));
        plan.setInspection(c, inspected(QStringLiteral("/z/report.pdf"), DroppedPath::Kind::File));
        // a and b clash with each other (and with the task): renaming comes first.
        QCOMPARE(plan.issue(a), UploadPlan::Issue::ClashInDrop);
        QCOMPARE(plan.issue(b), UploadPlan::Issue::ClashInDrop);
        QCOMPARE(plan.issue(c), UploadPlan::Issue::None);
        QVERIFY(!plan.isAcceptable());
        QCOMPARE(plan.suggestedName(b), QStringLiteral("metrics_3"));

        plan.rename(b);
        QCOMPARE(plan.entry(b).name, QStringLiteral("metrics_3"));
        QCOMPARE(plan.issue(b), UploadPlan::Issue::None);
        QCOMPARE(plan.issue(a), UploadPlan::Issue::ClashExisting);
        QCOMPARE(plan.issueText(a), QStringLiteral("Name taken on the task"));
        QVERIFY(plan.issueDetails(a).contains(QStringLiteral("already has")));
        QVERIFY(plan.issueDetails(a).contains(QStringLiteral("metrics_4")));
        QVERIFY(!plan.isAcceptable());

        plan.setReplace(a, true);
        QCOMPARE(plan.issue(a), UploadPlan::Issue::None);
        QVERIFY(plan.issueText(a).startsWith(QStringLiteral("Replaces")));
        QVERIFY(plan.issueDetails(a).contains(QStringLiteral("other artifacts are kept")));
        QVERIFY(plan.isAcceptable());

        // Editing the name drops the Replace choice; an empty name blocks.
        plan.setName(a, QStringLiteral("  "));
        QCOMPARE(plan.issue(a), UploadPlan::Issue::EmptyName);
        QVERIFY(!plan.isAcceptable());
        plan.setName(a, QStringLiteral("metrics"));
        QVERIFY(!plan.entry(a).replace);
        QCOMPARE(plan.issue(a), UploadPlan::Issue::ClashExisting);
        plan.setName(a, QStringLiteral(" fresh "));
        QCOMPARE(plan.entry(a).name, QStringLiteral("fresh"));
        QVERIFY(plan.isAcceptable());
        QCOMPARE(plan.uploadable(), (QList<int>{a, b, c}));
    }

    void unusableEntriesAreSkippedNotBlocking()
    {
        UploadPlan plan;
        const int a = plan.addPath(QStringLiteral("/x/empty"), true);
        const int b = plan.addPath(QStringLiteral("/x/data.v1"), false); // guessed a file…
        DroppedPath bad = inspected(QStringLiteral("/x/empty"), DroppedPath::Kind::Folder);
        bad.problem = QStringLiteral("the folder has no files");
        plan.setInspection(a, bad);
        QCOMPARE(plan.issue(a), UploadPlan::Issue::Unusable);
        QVERIFY(!plan.isAcceptable()); // b is still being inspected
        QCOMPARE(plan.entry(b).name, QStringLiteral("data"));
        plan.setInspection(b, inspected(QStringLiteral("/x/data.v1"), DroppedPath::Kind::Folder));
        QCOMPARE(plan.entry(b).name, QStringLiteral("data.v1")); // …it was a folder
        QVERIFY(plan.isAcceptable());
        QCOMPARE(plan.uploadable(), QList<int>{b});

        // An unusable entry's name does not clash with a usable one.
        plan.setName(b, QStringLiteral("empty"));
        QCOMPARE(plan.issue(b), UploadPlan::Issue::None);

        UploadPlan nothing;
        nothing.setInspection(nothing.addPath(QStringLiteral("/x/empty"), true), bad);
        QVERIFY(!nothing.isAcceptable());
    }

    void freeNames()
    {
        QCOMPARE(UploadPlan::freeName(QStringLiteral("a"), {}), QStringLiteral("a"));
        QCOMPARE(UploadPlan::freeName(QStringLiteral("a"), {QStringLiteral("a")}),
                 QStringLiteral("a_2"));
        QCOMPARE(UploadPlan::freeName(QStringLiteral("a"),
                                      {QStringLiteral("a"), QStringLiteral("a_2")}),
                 QStringLiteral("a_3"));
    }
};

QTEST_GUILESS_MAIN(TestUploadPlan)
#include "tst_uploadplan.moc"

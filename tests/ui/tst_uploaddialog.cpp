// UploadDialog, ModelUploadDialog and DropZone driven with QTest: names editable, clashes
// with the task's artifacts and within the drop flagged with Replace / Rename, the Upload
// button's state, refusals; drops accepted or refused with a reason. Renders the dialog to
// $TROVE_SCREENSHOT_DIR when set.
#include "dialogs/modeluploaddialog.h"
#include "dialogs/uploaddialog.h"
#include "widgets/dropzone.h"

#include <QComboBox>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "testfiles.h"

using namespace Trove;

class TestUploadDialog final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QString &relative, const QByteArray &data)
    {
        return TestFiles::write(m_dir.path(), relative, data);
    }

    static Task task(const QString &status, const QStringList &artifacts)
    {
        Task t;
        t.id = QStringLiteral("aabbccddeeff00112233445566778899");
        t.name = QStringLiteral("train resnet");
        t.status = taskStatusFromString(status);
        t.statusText = status;
        for (const QString &key : artifacts) {
            Artifact a;
            a.key = key;
            a.type = QStringLiteral("custom");
            t.artifacts << a;
        }
        return t;
    }

    static QString cell(UploadDialog &d, int row, int column)
    {
        return d.table()->item(row, column)->text();
    }

    static void shoot(QWidget &w, const QString &name)
    {
        const QString dir = qEnvironmentVariable("TROVE_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QDir().mkpath(dir);
        QVERIFY(w.grab().save(dir + QLatin1Char('/') + name));
    }

    /// Edits a name the way a user does: select the cell, F2, type, Enter.
    static void editName(UploadDialog &d, int row, const QString &text)
    {
        QTableWidget *table = d.table();
        table->setFocus();
        table->setCurrentCell(row, UploadDialog::NameColumn);
        QTest::keyClick(table, Qt::Key_F2);
        QPointer<QLineEdit> editor = table->findChild<QLineEdit *>();
        QVERIFY(editor);
        editor->selectAll();
        QTest::keyClick(editor, Qt::Key_Backspace);
        QTest::keyClicks(editor, text);
        QTest::keyClick(editor, Qt::Key_Return);
        // The delegate commits from the event loop.
        QTRY_VERIFY(editor.isNull());
    }

private Q_SLOTS:
    void namesClashesAndTheUploadButton()
    {
        const QString metrics = write(QStringLiteral("run/metrics.csv"), "a,b\n1,2\n");
        const QString metricsJson = write(QStringLiteral("other/metrics.json"), "{}");
        const QString images
                = QFileInfo(write(QStringLiteral("images/cat.png"), QByteArray(4000, 'x')))
                          .absolutePath();
        write(QStringLiteral("images/sub/dog.png"), QByteArray(1000, 'y'));
        QDir().mkpath(m_dir.filePath(QStringLiteral("nothing")));
        const QString empty = m_dir.filePath(QStringLiteral("nothing"));
        const QString model = write(QStringLiteral("model.tar.gz"), QByteArray(300, 'z'));

        UploadDialog d(task(QStringLiteral("completed"),
                            {QStringLiteral("images"), QStringLiteral("report")}),
                       {metrics, metricsJson, images, empty, model});
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        QVERIFY(!d.uploadButton()->isEnabled()); // still inspecting
        if (d.isInspecting()) {
            QSignalSpy done(&d, &UploadDialog::inspected);
            QVERIFY(done.wait(10000));
        }
        QCOMPARE(cell(d, 0, UploadDialog::NameColumn), QStringLiteral("metrics"));
        QCOMPARE(cell(d, 1, UploadDialog::NameColumn), QStringLiteral("metrics"));
        QCOMPARE(cell(d, 2, UploadDialog::NameColumn), QStringLiteral("images"));
        QCOMPARE(cell(d, 4, UploadDialog::NameColumn), QStringLiteral("model.tar"));
        QCOMPARE(cell(d, 0, UploadDialog::KindColumn), QStringLiteral("File"));
        QCOMPARE(cell(d, 2, UploadDialog::KindColumn), QStringLiteral("Folder → zip"));
        QVERIFY(cell(d, 2, UploadDialog::SizeColumn).contains(QStringLiteral("2 files")));
        QVERIFY(cell(d, 3, UploadDialog::StatusColumn).contains(QStringLiteral("no files")));

        // Clashes: two "metrics" in the drop, "images" on the task.
        QCOMPARE(d.plan().issue(0), UploadPlan::Issue::ClashInDrop);
        QCOMPARE(d.plan().issue(2), UploadPlan::Issue::ClashExisting);
        QCOMPARE(d.plan().issue(3), UploadPlan::Issue::Unusable);
        QCOMPARE(cell(d, 2, UploadDialog::StatusColumn), QStringLiteral("Name taken on the task"));
        QVERIFY(d.table()
                        ->item(2, UploadDialog::StatusColumn)
                        ->toolTip()
                        .contains(QStringLiteral("already has")));
        QVERIFY(d.replaceButton(2)->isVisible());
        QVERIFY(d.renameButton(2)->isVisible());
        QVERIFY(!d.replaceButton(0)->isVisible()); // a drop clash can only be renamed
        QVERIFY(d.renameButton(0)->isVisible());
        QVERIFY(!d.renameButton(4)->isVisible());
        QVERIFY(!d.uploadButton()->isEnabled());
        shoot(d, QStringLiteral("upload-dialog-clashes.png"));

        // Rename the second "metrics" by typing; replace "images".
        editName(d, 1, QStringLiteral("metrics-json"));
        QCOMPARE(d.plan().entry(1).name, QStringLiteral("metrics-json"));
        QCOMPARE(d.plan().issue(0), UploadPlan::Issue::None);
        QVERIFY(!d.uploadButton()->isEnabled());
        QTest::mouseClick(d.replaceButton(2), Qt::LeftButton);
        QVERIFY(d.plan().entry(2).replace);
        QVERIFY(cell(d, 2, UploadDialog::StatusColumn).startsWith(QStringLiteral("Replaces")));
        QVERIFY(d.uploadButton()->isEnabled());
        QCOMPARE(d.uploadButton()->text(), QStringLiteral("Upload 4"));
        QVERIFY(d.summaryLabel()->text().contains(QStringLiteral("skipped")));

        // An empty name blocks; Rename suggests a free name instead of the clash. Enter only
        // commits the edit, it does not upload.
        QSignalSpy accepted(&d, &QDialog::accepted);
        editName(d, 4, QStringLiteral("model"));
        QVERIFY(d.isVisible());
        QCOMPARE(accepted.count(), 0);
        editName(d, 4, QString());
        QCOMPARE(d.plan().issue(4), UploadPlan::Issue::EmptyName);
        QVERIFY(!d.uploadButton()->isEnabled());
        editName(d, 4, QStringLiteral("report"));
        QCOMPARE(d.plan().issue(4), UploadPlan::Issue::ClashExisting);
        QVERIFY(!d.uploadButton()->isEnabled());
        QTest::mouseClick(d.renameButton(4), Qt::LeftButton);
        QCOMPARE(cell(d, 4, UploadDialog::NameColumn), QStringLiteral("report_2"));
        QVERIFY(d.uploadButton()->isEnabled());
        shoot(d, QStringLiteral("upload-dialog-resolved.png"));

        const QList<ArtifactPublisher::Request> requests = d.requests();
        QCOMPARE(requests.size(), 4);
        QCOMPARE(requests.at(0).name, QStringLiteral("metrics"));
        QCOMPARE(requests.at(1).name, QStringLiteral("metrics-json"));
        QCOMPARE(requests.at(2).name, QStringLiteral("images"));
        QCOMPARE(requests.at(2).ifExists, ArtifactPublisher::IfExists::Replace);
        QCOMPARE(requests.at(3).name, QStringLiteral("report_2"));
        QCOMPARE(requests.at(3).ifExists, ArtifactPublisher::IfExists::Fail);
        for (const auto &r : requests)
            QCOMPARE(r.taskId, QStringLiteral("aabbccddeeff00112233445566778899"));

        QTest::mouseClick(d.uploadButton(), Qt::LeftButton);
        QCOMPARE(accepted.count(), 1);
    }

    void publishedTaskRefuses()
    {
        UploadDialog d(task(QStringLiteral("published"), {}),
                       {write(QStringLiteral("late.txt"), "late")});
        QSignalSpy done(&d, &UploadDialog::inspected);
        if (d.isInspecting())
            QVERIFY(done.wait(10000));
        QCOMPARE(d.plan().issue(0), UploadPlan::Issue::None);
        QVERIFY(!d.uploadButton()->isEnabled());
        QVERIFY(d.summaryLabel()->text().contains(QStringLiteral("published")));
    }

    void modelDialog()
    {
        const QString weights = write(QStringLiteral("w/best.pt"), QByteArray(2048, 'w'));
        ModelUploadDialog d(task(QStringLiteral("in_progress"), {}), weights);
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        QCOMPARE(d.nameEdit()->text(), QStringLiteral("train resnet"));
        if (d.isInspecting()) {
            QSignalSpy done(&d, &ModelUploadDialog::inspected);
            QVERIFY(done.wait(10000));
        }
        QVERIFY(d.uploadButton()->isEnabled());
        shoot(d, QStringLiteral("model-upload-dialog.png"));
        d.nameEdit()->clear();
        QVERIFY(!d.uploadButton()->isEnabled());
        QTest::keyClicks(d.nameEdit(), QStringLiteral("resnet50"));
        d.frameworkBox()->setCurrentText(QStringLiteral("PyTorch"));
        QVERIFY(d.uploadButton()->isEnabled());
        const ArtifactPublisher::Request r = d.request();
        QCOMPARE(r.kind, ArtifactPublisher::Kind::Model);
        QCOMPARE(r.name, QStringLiteral("resnet50"));
        QCOMPARE(r.framework, QStringLiteral("PyTorch"));
        QCOMPARE(QFileInfo(r.localPath).canonicalFilePath(),
                 QFileInfo(weights).canonicalFilePath());

        ModelUploadDialog folder(task(QStringLiteral("created"), {}),
                                 m_dir.filePath(QStringLiteral("w")));
        QSignalSpy folderDone(&folder, &ModelUploadDialog::inspected);
        if (folder.isInspecting())
            QVERIFY(folderDone.wait(10000));
        QVERIFY(!folder.uploadButton()->isEnabled());
        QVERIFY(folder.statusLabel()->text().contains(QStringLiteral("not a folder")));

        ModelUploadDialog completed(task(QStringLiteral("completed"), {}), weights);
        QSignalSpy completedDone(&completed, &ModelUploadDialog::inspected);
        if (completed.isInspecting())
            QVERIFY(completedDone.wait(10000));
        QVERIFY(!completed.uploadButton()->isEnabled());
        QVERIFY(completed.statusLabel()->text().contains(QStringLiteral("created or in progress")));
    }

    void dropZoneAcceptsLocalFilesAndExplainsRefusals()
    {
        QListView view;
        QStandardItemModel model;
        view.setModel(&model);
        view.resize(420, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        DropZone zone(&view);
        QCOMPARE(zone.target(), view.viewport());
        QVERIFY(view.viewport()->acceptDrops());
        zone.setPrompt(QStringLiteral("Drop to upload to task “train resnet”"));
        QSignalSpy dropped(&zone, &DropZone::dropped);
        QSignalSpy refused(&zone, &DropZone::refused);

        const QString a = write(QStringLiteral("drop/a.txt"), "a");
        const QString b = write(QStringLiteral("drop/b.txt"), "b");
        QMimeData files;
        files.setUrls({QUrl::fromLocalFile(a), QUrl::fromLocalFile(b)});
        const QPoint at(100, 100);
        QDragEnterEvent enter(at, Qt::CopyAction, &files, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(view.viewport(), &enter);
        QVERIFY(enter.isAccepted());
        QCOMPARE(enter.dropAction(), Qt::CopyAction);
        QVERIFY(zone.isHovered());
        QCOMPARE(zone.overlayText(), QStringLiteral("Drop to upload to task “train resnet”"));
        shoot(view, QStringLiteral("dropzone-accept.png"));
        QDropEvent drop(at, Qt::CopyAction, &files, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(view.viewport(), &drop);
        QVERIFY(drop.isAccepted());
        QCOMPARE(dropped.count(), 1);
        QCOMPARE(dropped.at(0).at(0).toStringList(), (QStringList{a, b}));
        QVERIFY(!zone.isHovered());

        // Web links are refused, with the reason on the overlay.
        QMimeData web;
        web.setUrls({QUrl(QStringLiteral("https://example.com/x.csv"))});
        QDragEnterEvent webEnter(at, Qt::CopyAction, &web, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(view.viewport(), &webEnter);
        QCOMPARE(webEnter.dropAction(), Qt::IgnoreAction);
        QCOMPARE(refused.count(), 1);
        QVERIFY(zone.overlayText().contains(QStringLiteral("from this computer")));
        shoot(view, QStringLiteral("dropzone-refuse.png"));
        QDragMoveEvent move(at, Qt::CopyAction, &web, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(view.viewport(), &move);
        QVERIFY(!move.isAccepted());
        QDragLeaveEvent leave;
        QCoreApplication::sendEvent(view.viewport(), &leave);
        QVERIFY(!zone.isHovered());
        QDropEvent webDrop(at, Qt::CopyAction, &web, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(view.viewport(), &webDrop);
        QCOMPARE(dropped.count(), 1);

        QMimeData text;
        text.setText(QStringLiteral("hello"));
        QVERIFY(!zone.refusalFor(&text, false).isEmpty());
        QVERIFY(zone.refusalFor(&files, true).contains(QStringLiteral("already on the server")));
        zone.setMaxItems(1);
        QVERIFY(zone.refusalFor(&files, false).contains(QStringLiteral("one file")));
        zone.setMaxItems(0);
        zone.setEnabled(false, QStringLiteral("Select a task to upload to."));
        QCOMPARE(zone.refusalFor(&files, false), QStringLiteral("Select a task to upload to."));
        zone.setEnabled(true);
        QVERIFY(zone.refusalFor(&files, false).isEmpty());
    }
};

QTEST_MAIN(TestUploadDialog)
#include "tst_uploaddialog.moc"

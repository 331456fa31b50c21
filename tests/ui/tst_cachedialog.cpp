// CacheDialog on a real SDK cache folder (CLEARML_CACHE_DIR): files, an extracted archive
// folder, a download in progress and an entry whose SDK lock is held with flock, the way the
// SDK (portalocker) holds it. Limits go to a private settings folder.
#include "cache/cachelimits.h"
#include "dialogs/cachedialog.h"
#include "models/cacheentrymodel.h"
#include "session/configsource.h"
#include "session/session.h"
#include "widgets/messagebar.h"
#include "widgets/palettehelpers.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

using namespace Trove;

namespace {

void writeFile(const QString &path, qsizetype bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(QByteArray(bytes, 'x')), bytes);
}

template<typename T>
T *byName(QWidget *parent, const QString &accessibleName)
{
    const auto all = parent->findChildren<T *>();
    for (T *w : all)
        if (w->accessibleName() == accessibleName)
            return w;
    return nullptr;
}

} // namespace

class TestCacheDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_settingsDir;
    QTemporaryDir m_cacheDir;
    int m_lockFd = -1;
    QString m_ctx;

    /// The entry names by row.
    static QStringList names(const CacheEntryModel *model)
    {
        QStringList out;
        for (const SdkCache::Entry &e : model->entries())
            out << e.name;
        out.sort();
        return out;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid() && m_cacheDir.isValid());
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_settingsDir.path()));
        QStandardPaths::setTestModeEnabled(false);
        QVERIFY(ConfigSource::openSettings()->fileName().startsWith(m_settingsDir.path()));
        qputenv("CLEARML_CACHE_DIR", QFile::encodeName(m_cacheDir.path()));

        m_ctx = m_cacheDir.path() + QStringLiteral("/storage_manager/global");
        writeFile(m_ctx + QStringLiteral("/aaaa.data.csv"), 1000);
        writeFile(m_ctx + QStringLiteral("/bbbb.weights.pt"), 2500);
        writeFile(m_ctx + QStringLiteral("/cccc.set_artifacts_archive_set/a.txt"), 300);
        writeFile(m_ctx + QStringLiteral("/cccc.set_artifacts_archive_set/sub/b.bin"), 700);
        writeFile(m_ctx + QStringLiteral("/dddd.busy.npz"), 50);
        writeFile(m_ctx + QStringLiteral("/eeee.next.zip_1700000000.000001.partially"), 10);
        // The SDK's lock: .lock.NNN.<entry>.clearml, flock(LOCK_EX | LOCK_NB) held open.
        const QByteArray lock
                = QFile::encodeName(m_ctx + QStringLiteral("/.lock.000.dddd.busy.npz.clearml"));
        m_lockFd = ::open(lock.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        QVERIFY(m_lockFd >= 0);
        QCOMPARE(::flock(m_lockFd, LOCK_EX | LOCK_NB), 0);
    }

    void cleanupTestCase()
    {
        if (m_lockFd >= 0)
            ::close(m_lockFd);
    }

    void listsEntriesWithSizes()
    {
        CacheDialog dialog;
        QAbstractItemModelTester tester(dialog.model());
        dialog.resize(900, 560);
        dialog.show();
        QSignalSpy listed(&dialog, &CacheDialog::listed);
        QSignalSpy busy(&dialog, &CacheDialog::busyChanged);
        dialog.setCache(Session::cacheFor(ClearmlConfig()), 250); // CLEARML_CACHE_DIR wins
        QCOMPARE(dialog.cache().contextDir(), m_ctx);
        QVERIFY(dialog.isBusy());
        QVERIFY(listed.wait(30000));
        QVERIFY(!dialog.isBusy());
        QVERIFY(busy.count() >= 2);
        QCOMPARE(busy.first().at(0).toBool(), true);
        QCOMPARE(busy.last().at(0).toBool(), false);

        const CacheEntryModel *model = dialog.model();
        QCOMPARE(names(model),
                 (QStringList{QStringLiteral("aaaa.data.csv"), QStringLiteral("bbbb.weights.pt"),
                              QStringLiteral("cccc.set_artifacts_archive_set"),
                              QStringLiteral("dddd.busy.npz")}));
        auto entry = [model](const char *name) {
            return model->entry(model->rowOf(QString::fromLatin1(name)));
        };
        QCOMPARE(entry("aaaa.data.csv").bytes, qint64(1000));
        QCOMPARE(entry("bbbb.weights.pt").bytes, qint64(2500));
        QCOMPARE(entry("cccc.set_artifacts_archive_set").bytes, qint64(1000));
        QVERIFY(entry("cccc.set_artifacts_archive_set").folder);
        QVERIFY(!entry("aaaa.data.csv").folder);
        QVERIFY(entry("dddd.busy.npz").locked);
        QVERIFY(!entry("aaaa.data.csv").locked);
        QCOMPARE(model->totalBytes(), qint64(4550));
        QVERIFY2(dialog.summaryText().contains(QStringLiteral("4 entries")),
                 qPrintable(dialog.summaryText()));
        QVERIFY(dialog.summaryText().contains(PaletteHelpers::formatBytes(4550)));

        // The view shows readable text; sorting uses the raw values.
        const QModelIndex sizeIndex
                = model->index(model->rowOf(QStringLiteral("cccc.set_artifacts_archive_set")),
                               CacheEntryModel::KindColumn);
        QCOMPARE(sizeIndex.data().toString(), QStringLiteral("Extracted folder"));
        QCOMPARE(model->index(model->rowOf(QStringLiteral("dddd.busy.npz")),
                              CacheEntryModel::StatusColumn)
                         .data()
                         .toString(),
                 QStringLiteral("In use"));
        dialog.view()->sortByColumn(CacheEntryModel::SizeColumn, Qt::DescendingOrder);
        QCOMPARE(dialog.view()->model()->index(0, 0).data().toString(),
                 QStringLiteral("bbbb.weights.pt"));
        QVERIFY(byName<QLineEdit>(&dialog, QStringLiteral("Cache location"))
                        ->text()
                        .endsWith(QStringLiteral("storage_manager/global")));
    }

    void removeAndClearKeepTheLockedEntry()
    {
        CacheDialog dialog;
        dialog.resize(900, 560);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QSignalSpy listed(&dialog, &CacheDialog::listed);
        QSignalSpy removed(&dialog, &CacheDialog::removalFinished);
        dialog.setCache(Session::cacheFor(ClearmlConfig()));
        QVERIFY(listed.wait(30000));

        // Select the locked entry and a free one, press Delete.
        QTreeView *view = dialog.view();
        view->sortByColumn(CacheEntryModel::NameColumn, Qt::AscendingOrder);
        view->selectionModel()->select(view->model()->index(0, 0), // aaaa
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
        for (int i = 0; i < 5; ++i) // pending layout requests, as the gallery does
            QCoreApplication::processEvents();
        view->selectionModel()->select(view->model()->index(3, 0), // dddd (locked)
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
        view->setFocus();
        QTest::keyClick(view, Qt::Key_Delete);
        QVERIFY(dialog.isBusy());
        QVERIFY(removed.wait(30000));
        QCOMPARE(removed.last().at(0).toStringList(), QStringList{QStringLiteral("aaaa.data.csv")});
        QCOMPARE(removed.last().at(1).toStringList(), QStringList{QStringLiteral("dddd.busy.npz")});
        QCOMPARE(dialog.messageBar()->type(), MessageBar::Type::Warning);
        QVERIFY(dialog.messageBar()->text().contains(QStringLiteral("dddd.busy.npz")));
        QVERIFY(!QFile::exists(m_ctx + QStringLiteral("/aaaa.data.csv")));
        QCOMPARE(dialog.model()->rowCount(), 3);

        // Clear all asks first, in the message bar, then keeps only the locked entry.
        auto *clear = byName<QPushButton>(&dialog, QStringLiteral("Clear the whole cache"));
        QVERIFY(clear && clear->isEnabled());
        QTest::mouseClick(clear, Qt::LeftButton);
        QVERIFY(!dialog.isBusy());
        QPushButton *confirm = nullptr;
        for (QPushButton *b : dialog.messageBar()->findChildren<QPushButton *>())
            if (b->text() == QStringLiteral("Remove all"))
                confirm = b;
        QVERIFY(confirm);
        QTest::mouseClick(confirm, Qt::LeftButton);
        QVERIFY(removed.wait(30000));
        QCOMPARE(removed.last().at(1).toStringList(), QStringList{QStringLiteral("dddd.busy.npz")});
        QCOMPARE(names(dialog.model()), QStringList{QStringLiteral("dddd.busy.npz")});
        QDir ctx(m_ctx);
        QCOMPARE(ctx.entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name),
                 (QStringList{QStringLiteral(".lock.000.dddd.busy.npz.clearml"),
                              QStringLiteral("dddd.busy.npz"),
                              QStringLiteral("eeee.next.zip_1700000000.000001.partially")}));
        QVERIFY(dialog.summaryText().contains(QStringLiteral("1 entry")));
    }

    void limitsPersist()
    {
        {
            CacheDialog dialog;
            dialog.setCache(Session::cacheFor(ClearmlConfig()), 250);
            QCOMPARE(dialog.limits(), CacheLimits());
            auto *entries = byName<QSpinBox>(&dialog, QStringLiteral("Maximum number of entries"));
            auto *cap = byName<QCheckBox>(&dialog, QStringLiteral("Limit the total size"));
            auto *gib = byName<QDoubleSpinBox>(&dialog, QStringLiteral("Maximum total size in GB"));
            QVERIFY(entries && cap && gib);
            QCOMPARE(entries->text(), QStringLiteral("clearml.conf setting (250 entries)"));
            QVERIFY(!gib->isEnabled());
            QSignalSpy changed(&dialog, &CacheDialog::limitsChanged);
            entries->setValue(40);
            cap->setChecked(true);
            gib->setValue(1.5);
            QVERIFY(changed.wait(5000));
            const CacheLimits expected{40, qint64(1.5 * 1024 * 1024 * 1024)};
            QCOMPARE(changed.last().at(0).value<CacheLimits>(), expected);
            QCOMPARE(CacheLimits::load(*ConfigSource::openSettings()), expected);
        }
        const auto settings = ConfigSource::openSettings();
        QCOMPARE(settings->value(QStringLiteral("cache/maxEntries")).toInt(), 40);
        QCOMPARE(settings->value(QStringLiteral("cache/maxBytes")).toLongLong(),
                 qint64(1.5 * 1024 * 1024 * 1024));

        // A new dialog shows them, and the Session's downloads use them.
        CacheDialog again;
        QCOMPARE(again.limits().maxEntries, 40);
        QCOMPARE(again.limits().maxBytes, qint64(1.5 * 1024 * 1024 * 1024));
        ClearmlConfig config;
        config.apiServer = QUrl(QStringLiteral("http://127.0.0.1:9"));
        Session session(config);
        QCOMPARE(session.evictionPolicy().maxEntries, 40);

        // Back to the clearml.conf default: the keys go away.
        again.setLimits(CacheLimits());
        QVERIFY(!ConfigSource::openSettings()->contains(CacheLimits::maxEntriesKey()));
        QCOMPARE(session.evictionPolicy().maxEntries, 100);
    }

    /// With TROVE_SCREENSHOT_DIR set, renders the dialog in light and dark palettes.
    void screenshots()
    {
        const QString out = qEnvironmentVariable("TROVE_SCREENSHOT_DIR");
        if (out.isEmpty())
            QSKIP("TROVE_SCREENSHOT_DIR not set");
        writeFile(m_ctx + QStringLiteral("/ffff.predictions.parquet"), 3 << 20);
        writeFile(m_ctx + QStringLiteral("/a1b2c3d4e5f6.augmentations_artifacts_archive_aug/x"),
                  40000);
        for (const bool dark : {false, true}) {
            CacheDialog dialog;
            if (dark)
                dialog.setPalette(PaletteHelpers::darkPalette());
            dialog.resize(820, 520);
            dialog.show();
            QSignalSpy listed(&dialog, &CacheDialog::listed);
            dialog.setCache(Session::cacheFor(ClearmlConfig()));
            QVERIFY(listed.wait(30000));
            dialog.view()->selectionModel()->select(dialog.view()->model()->index(0, 0),
                                                    QItemSelectionModel::Select
                                                            | QItemSelectionModel::Rows);
            QVERIFY(dialog.grab().save(
                    QDir(out).filePath(dark ? QStringLiteral("cachedialog-dark.png")
                                            : QStringLiteral("cachedialog-light.png"))));
        }
    }
};

QTEST_MAIN(TestCacheDialog)
#include "tst_cachedialog.moc"

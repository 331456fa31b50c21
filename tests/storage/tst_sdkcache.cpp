#include "cache/cachelock.h"
#include "cache/sdkcache.h"
#include "isolatedsettings.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>
#include <sys/time.h>

using namespace Trove;

namespace {

void writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
}

void setAge(const QString &path, int secondsAgo)
{
    const qint64 t = QDateTime::currentSecsSinceEpoch() - secondsAgo;
    struct timeval tv[2] = {{static_cast<time_t>(t), 0}, {static_cast<time_t>(t), 0}};
    ::utimes(QFile::encodeName(path).constData(), tv);
}

} // namespace

class TestSdkCache final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { Trove::Test::isolateUserSettings(); }

    // The SDK's rule (contract §7): md5(uri.encode("utf-8")).hexdigest() + "." + last segment.
    // The contract's recorded example (…/t1.<id>/artifacts/file/data.txt →
    // 2831cffce43425d672ac47e511728f19.data.txt) elides the task id, so its md5 cannot be
    // recomputed; these expectations were produced with Python's hashlib on full URIs of the
    // same shapes (a plain file, a percent-encoded artifact folder, a non-ASCII s3 key).
    void namingMatchesTheSdk_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::addColumn<QString>("name");
        QTest::newRow("file artifact")
                << QStringLiteral("http://h:8081/demo/sub/t1.dd78a0b1c2d3e4f5a6b7c8d9e0f1a2b3/"
                                  "artifacts/file/data.txt")
                << QStringLiteral("1454513a3203692e11b76c6dfcbe6f1e.data.txt");
        QTest::newRow("percent-encoded path")
                << QStringLiteral(
                           "http://127.0.0.1:8081/great%20project/task%20with%20artifacts."
                           "0123456789abcdef0123456789abcdef/artifacts/async%20file/data.txt")
                << QStringLiteral("8e246c1b62c74d55dccbfa8c3b3d9b2d.data.txt");
        QTest::newRow("utf-8 s3 key")
                << QStringLiteral("s3://bucket/caf\u00e9/model.pt")
                << QStringLiteral("130f6660ea7f3516d1446b651c73646a.model.pt");
    }
    void namingMatchesTheSdk()
    {
        QFETCH(QString, uri);
        QFETCH(QString, name);
        QCOMPARE(SdkCache::entryName(uri), name);
    }

    void lastSegmentKeepsItsEncoding()
    {
        QCOMPARE(SdkCache::entryName(QStringLiteral("http://h/a/my%20file.csv")).mid(32),
                 QStringLiteral(".my%20file.csv"));
    }

    void longNamesAreCutKeepingSuffixes()
    {
        const QString uri = QStringLiteral("http://h/x/") + QString(400, QLatin1Char('a'))
                            + QStringLiteral(".csv.gz");
        const QString name = SdkCache::entryName(uri);
        QVERIFY(name.toUtf8().size() <= 255 - 32);
        QVERIFY(name.endsWith(QLatin1String(".csv.gz")));
        QVERIFY(name.startsWith(SdkCache::entryName(QStringLiteral("x")).left(0)));
    }

    void archiveFolderNaming()
    {
        // Recorded: c36e…143c.folder_artifacts_archive_folder next to c36e…143c.folder.zip
        QCOMPARE(SdkCache::archiveFolderName(QStringLiteral("c36e143c.folder.zip"),
                                             QStringLiteral("folder")),
                 QStringLiteral("c36e143c.folder_artifacts_archive_folder"));
        QCOMPARE(SdkCache::archiveFolderName(QStringLiteral("abc.data.tar.gz"),
                                             QStringLiteral("my key/x?")),
                 QStringLiteral("abc.data_artifacts_archive_my key%2Fx%3F"));
        QCOMPARE(SdkCache::archiveFolderName(QStringLiteral("abc.m.tgz"), QString()),
                 QStringLiteral("abc.m_artifacts_archive_None"));
    }

    void baseDirResolution()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("HOMEISH"), QStringLiteral("/srv/x"));
        QCOMPARE(SdkCache::resolveBaseDir(QStringLiteral("$HOMEISH/cache"), env),
                 QStringLiteral("/srv/x/cache"));
        QCOMPARE(SdkCache::resolveBaseDir(QStringLiteral("~/.clearml/cache"), env),
                 QDir::homePath() + QStringLiteral("/.clearml/cache"));
        QCOMPARE(SdkCache::resolveBaseDir(QString(), env),
                 QDir::cleanPath(QDir::tempPath() + QStringLiteral("/clearml_cache")));
        env.insert(QStringLiteral("TRAINS_CACHE_DIR"), QStringLiteral("/t"));
        QCOMPARE(SdkCache::resolveBaseDir(QStringLiteral("~/c"), env), QStringLiteral("/t"));
        env.insert(QStringLiteral("CLEARML_CACHE_DIR"), QStringLiteral("/c"));
        QCOMPARE(SdkCache::resolveBaseDir(QStringLiteral("~/c"), env), QStringLiteral("/c"));
        SdkCache cache(QStringLiteral("/c"));
        QCOMPARE(cache.contextDir(), QStringLiteral("/c/storage_manager/global"));
    }

    void lookupTouchesAndCommitIsAtomic()
    {
        QTemporaryDir dir;
        SdkCache cache(dir.path());
        const QString uri = QStringLiteral("http://h:8081/p/t.1/artifacts/a/data.txt");
        QVERIFY(cache.lookup(uri).isEmpty());
        const QString final = cache.entryPath(uri);
        const QString partial = SdkCache::partialPathFor(final);
        QVERIFY(partial.endsWith(QLatin1String(".partially")));
        QVERIFY(partial.startsWith(final + QLatin1Char('_')));

        writeFile(partial, QByteArray());
        const Status empty = SdkCache::commit(partial, final);
        QVERIFY(!empty);
        QCOMPARE(empty.error().kind, Error::Kind::Integrity);
        QVERIFY(!QFile::exists(final));
        QVERIFY(!QFile::exists(partial));

        writeFile(partial, "hello");
        QVERIFY(SdkCache::commit(partial, final));
        setAge(final, 3600);
        QCOMPARE(cache.lookup(uri), final);
        QVERIFY(QFileInfo(final).lastModified().secsTo(QDateTime::currentDateTime()) < 60);
    }

    void evictionKeepsNewestAndCountsFoldersByChildren()
    {
        QTemporaryDir dir;
        SdkCache cache(dir.path());
        const QString ctx = cache.contextDir();
        for (int i = 0; i < 6; ++i) {
            writeFile(ctx + QStringLiteral("/f%1").arg(i), "x");
            setAge(ctx + QStringLiteral("/f%1").arg(i), 100 * (i + 1)); // f0 newest
        }
        // An old folder with one fresh child counts as fresh.
        writeFile(ctx + QStringLiteral("/folder/child"), "y");
        setAge(ctx + QStringLiteral("/folder"), 10000);
        setAge(ctx + QStringLiteral("/folder/child"), 50);

        const auto report = cache.evict({3, 0});
        QDir d(ctx);
        QStringList left = d.entryList(QDir::AllEntries | QDir::NoDotAndDotDot, QDir::Name);
        QCOMPARE(left, (QStringList{QStringLiteral("f0"), QStringLiteral("f1"),
                                    QStringLiteral("folder")}));
        QCOMPARE(report.removed.size(), 4);
    }

    void evictionHonoursSdkLocksHeldByAnotherProcess()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("flock")).isEmpty())
            QSKIP("flock(1) is not installed");
        QTemporaryDir dir;
        SdkCache cache(dir.path());
        const QString ctx = cache.contextDir();
        writeFile(ctx + QStringLiteral("/new"), "n");
        writeFile(ctx + QStringLiteral("/old.locked"), "o");
        writeFile(ctx + QStringLiteral("/old.free"), "o");
        setAge(ctx + QStringLiteral("/old.locked"), 5000);
        setAge(ctx + QStringLiteral("/old.free"), 5000);
        // The SDK's lock file name, held by another process exactly as portalocker does.
        const QString lock = ctx + QStringLiteral("/.lock.000.old.locked.clearml");
        QProcess holder;
        holder.start(QStringLiteral("flock"), {QStringLiteral("-x"), lock, QStringLiteral("-c"),
                                               QStringLiteral("echo held; sleep 30")});
        QVERIFY(holder.waitForReadyRead(5000));
        setAge(lock, 6000);
        // A stale lock of a gone entry is cleaned.
        writeFile(ctx + QStringLiteral("/.lock.000.gone.clearml"), "");

        const auto report = cache.evict({1, 0});
        holder.kill();
        holder.waitForFinished();
        QVERIFY(QFile::exists(ctx + QStringLiteral("/new")));
        QVERIFY(QFile::exists(ctx + QStringLiteral("/old.locked")));
        QVERIFY(!QFile::exists(ctx + QStringLiteral("/old.free")));
        QCOMPARE(report.keptLocked, QStringList{QStringLiteral("old.locked")});
        QVERIFY(!QFile::exists(ctx + QStringLiteral("/.lock.000.gone.clearml")));

        // Our own lock (a preview holding the file) protects it the same way.
        writeFile(ctx + QStringLiteral("/mine"), "m");
        setAge(ctx + QStringLiteral("/mine"), 9000);
        {
            auto held = CacheLock::acquire(ctx + QStringLiteral("/mine"));
            QVERIFY(held);
            QCOMPARE(QFileInfo(held->lockFilePath()).fileName(),
                     QStringLiteral(".lock.000.mine.clearml"));
            auto second = CacheLock::acquire(ctx + QStringLiteral("/mine"));
            QVERIFY(second);
            QCOMPARE(QFileInfo(second->lockFilePath()).fileName(),
                     QStringLiteral(".lock.001.mine.clearml"));
            cache.evict({1, 0});
            QVERIFY(QFile::exists(ctx + QStringLiteral("/mine")));
        }
        QVERIFY(!QFile::exists(ctx + QStringLiteral("/.lock.000.mine.clearml")));
        cache.evict({1, 0});
        QVERIFY(!QFile::exists(ctx + QStringLiteral("/mine")));
    }

    void entriesListSizesAndLocks()
    {
        QTemporaryDir dir;
        SdkCache cache(dir.path());
        const QString ctx = cache.contextDir();
        QVERIFY(cache.entries().isEmpty()); // no folder yet
        writeFile(ctx + QStringLiteral("/old.bin"), QByteArray(300, 'o'));
        writeFile(ctx + QStringLiteral("/x_artifacts_archive_data/a.txt"), QByteArray(10, 'a'));
        writeFile(ctx + QStringLiteral("/x_artifacts_archive_data/sub/b.txt"), QByteArray(5, 'b'));
        writeFile(ctx + QStringLiteral("/busy.pt"), QByteArray(40, 'b'));
        writeFile(ctx + QStringLiteral("/next.pt_1700000000.000001.partially"), "p");
        setAge(ctx + QStringLiteral("/old.bin"), 9000);
        setAge(ctx + QStringLiteral("/busy.pt"), 500);
        setAge(ctx + QStringLiteral("/x_artifacts_archive_data"), 9000);
        setAge(ctx + QStringLiteral("/x_artifacts_archive_data/a.txt"), 100); // newest child
        setAge(ctx + QStringLiteral("/x_artifacts_archive_data/sub"), 9000);
        auto lock = CacheLock::acquire(ctx + QStringLiteral("/busy.pt"));
        QVERIFY(lock);
        writeFile(ctx + QStringLiteral("/.lock.000.old.bin.clearml"), ""); // stale, not held

        const QList<SdkCache::Entry> entries = cache.entries();
        QCOMPARE(entries.size(), 3);
        QCOMPARE(entries.at(0).name, QStringLiteral("x_artifacts_archive_data"));
        QVERIFY(entries.at(0).folder);
        QCOMPARE(entries.at(0).bytes, qint64(15));
        QCOMPARE(entries.at(0).path, ctx + QStringLiteral("/x_artifacts_archive_data"));
        QCOMPARE(entries.at(1).name, QStringLiteral("busy.pt"));
        QVERIFY(entries.at(1).locked);
        QCOMPARE(entries.at(2).name, QStringLiteral("old.bin"));
        QCOMPARE(entries.at(2).bytes, qint64(300));
        QVERIFY(!entries.at(2).locked);
        QVERIFY(!entries.at(2).folder);
        QVERIFY(entries.at(2).lastUsed < entries.at(1).lastUsed);

        int calls = 0;
        QVERIFY(cache.entries([&calls] { return ++calls > 1; }).isEmpty()); // cancelled

        const auto report = cache.remove({QStringLiteral("old.bin"), QStringLiteral("busy.pt"),
                                          QStringLiteral("x_artifacts_archive_data"),
                                          QStringLiteral("../escape"), QStringLiteral("gone")});
        QCOMPARE(report.removed, (QStringList{QStringLiteral("old.bin"),
                                              QStringLiteral("x_artifacts_archive_data")}));
        QCOMPARE(report.keptLocked, QStringList{QStringLiteral("busy.pt")});
        QCOMPARE(report.failed, (QStringList{QStringLiteral("../escape"), QStringLiteral("gone")}));
        QVERIFY(!QFile::exists(ctx + QStringLiteral("/.lock.000.old.bin.clearml")));
        QVERIFY(QFile::exists(ctx + QStringLiteral("/busy.pt")));
        QVERIFY(QFile::exists(ctx + QStringLiteral("/next.pt_1700000000.000001.partially")));
        QCOMPARE(cache.entries().size(), 1);
        lock.reset();
        QCOMPARE(cache.remove({QStringLiteral("busy.pt")}).removed.size(), 1);
        QVERIFY(cache.entries().isEmpty());
    }

    void byteCap()
    {
        QTemporaryDir dir;
        SdkCache cache(dir.path());
        const QString ctx = cache.contextDir();
        for (int i = 0; i < 4; ++i) {
            writeFile(ctx + QStringLiteral("/b%1").arg(i), QByteArray(1000, 'x'));
            setAge(ctx + QStringLiteral("/b%1").arg(i), 10 * (i + 1));
        }
        const auto report = cache.evict({100, 2500}, {QStringLiteral("b3")});
        QVERIFY(report.bytesAfter <= 2500);
        QVERIFY(QFile::exists(ctx + QStringLiteral("/b0")));
        QVERIFY(QFile::exists(ctx + QStringLiteral("/b3"))); // protected (in flight)
        QVERIFY(!QFile::exists(ctx + QStringLiteral("/b2")));
    }
};

QTEST_GUILESS_MAIN(TestSdkCache)
#include "tst_sdkcache.moc"

#include "httplistener.h"
#include "isolatedsettings.h"

#include "cache/sdkcache.h"
#include "transfers/folderzipper.h"
#include "transfers/transfermanager.h"

#include <QCryptographicHash>
#include <QDir>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

#include <sys/mount.h>
#include <sys/resource.h>

using namespace Trove;

namespace {

QByteArray pattern(int size)
{
    QByteArray out(size, Qt::Uninitialized);
    for (int i = 0; i < size; ++i)
        out[i] = static_cast<char>((i * 7 + i / 251) & 0xFF);
    return out;
}

QString sha(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

bool waitDone(TransferJob *job, int ms = 30000)
{
    if (job->isDone())
        return true;
    QSignalSpy spy(job, &TransferJob::finished);
    return spy.wait(ms);
}

QStringList filesIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

} // namespace

/// Downloads against a local HTTP peer that shapes the traffic (cuts, 503s, stalls) and
/// records headers. The same behaviours against the real trove-server are in tst_transfers.
class TestDownloads final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { Trove::Test::isolateUserSettings(); }

    void bearerTokenOnlyGoesToTheFilesHost()
    {
        HttpListener files, other;
        QVERIFY(files.listen());
        QVERIFY(other.listen());
        files.body = other.body = "data";
        TransferManager manager(StorageAccess(QUrl(files.baseUrl()),
                                              [] { return QStringLiteral("SECRET-TOKEN"); }));
        QTemporaryDir dir;
        DownloadRequest a;
        a.uri = other.baseUrl() + QStringLiteral("/x/data.txt");
        a.destination = dir.filePath(QStringLiteral("a"));
        DownloadRequest b = a;
        b.uri = files.baseUrl() + QStringLiteral("/x/data.txt");
        b.destination = dir.filePath(QStringLiteral("b"));
        auto *ja = manager.download(a);
        auto *jb = manager.download(b);
        QVERIFY(waitDone(ja));
        QVERIFY(waitDone(jb));
        QCOMPARE(ja->state(), TransferJob::State::Finished);
        QCOMPARE(jb->state(), TransferJob::State::Finished);
        QCOMPARE(other.requests.size(), 1);
        QVERIFY(!other.requests.first().headers.contains("authorization"));
        QCOMPARE(files.requests.first().headers.value("authorization"),
                 QByteArray("Bearer SECRET-TOKEN"));
        // Byte offsets must stay true: no transparent compression.
        QCOMPARE(files.requests.first().headers.value("accept-encoding"), QByteArray("identity"));
    }

    void resumesWithRangeAndIfRangeAfterACut()
    {
        HttpListener peer;
        QVERIFY(peer.listen());
        peer.body = pattern(3 << 20);
        peer.cutAfterBytes = 1 << 20;
        TransferManager manager(StorageAccess{});
        QTemporaryDir dir;
        DownloadRequest r;
        r.uri = peer.baseUrl() + QStringLiteral("/big.bin");
        r.destination = dir.filePath(QStringLiteral("big.bin"));
        r.expectedSha256 = sha(peer.body);
        r.expectedSize = peer.body.size();
        auto *job = manager.download(r);
        QVERIFY(waitDone(job));
        QVERIFY2(job->state() == TransferJob::State::Finished,
                 qPrintable(job->error().userMessage()));
        QVERIFY(job->resumeCount() >= 1);
        QVERIFY(peer.requests.size() >= 2);
        const auto resumed = peer.requests.last();
        QVERIFY(resumed.headers.value("range").startsWith("bytes="));
        QVERIFY(resumed.headers.value("range").mid(6).split('-').first().toLongLong() > 0);
        QCOMPARE(resumed.headers.value("if-range"), QByteArray("\"v1\""));
        QCOMPARE(job->sha256(), r.expectedSha256);
        QCOMPARE(filesIn(dir.path()), QStringList{QStringLiteral("big.bin")});
    }

    void changedObjectRestartsFromZero()
    {
        HttpListener peer;
        QVERIFY(peer.listen());
        peer.body = pattern(2 << 20);
        peer.cutAfterBytes = 600000;
        TransferManager manager(StorageAccess{});
        QTemporaryDir dir;
        DownloadRequest r;
        r.uri = peer.baseUrl() + QStringLiteral("/f.bin");
        r.destination = dir.filePath(QStringLiteral("f.bin"));
        auto *job = manager.download(r);
        // The object changes under the download: If-Range no longer matches, the peer sends 200.
        connect(&peer, &HttpListener::requestSeen, this, [&peer] {
            if (peer.requests.size() == 1) {
                peer.etag = "\"v2\"";
                peer.body = pattern(2 << 20).toBase64().left(2 << 20);
            }
        });
        QVERIFY(waitDone(job));
        QCOMPARE(job->state(), TransferJob::State::Finished);
        QFile f(r.destination);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), peer.body);
    }

    void burstOf503IsRetried()
    {
        HttpListener peer;
        QVERIFY(peer.listen());
        peer.body = "hello";
        peer.failWith503 = 3;
        TransferManager manager(StorageAccess{});
        QTemporaryDir dir;
        DownloadRequest r;
        r.uri = peer.baseUrl() + QStringLiteral("/h.txt");
        r.destination = dir.filePath(QStringLiteral("h.txt"));
        auto *job = manager.download(r);
        QVERIFY(waitDone(job));
        QCOMPARE(job->state(), TransferJob::State::Finished);
        QCOMPARE(job->attemptCount(), 4);

        // More 503s than the retry budget: a clear HTTP error, nothing left on disk.
        peer.failWith503 = 100;
        r.destination = dir.filePath(QStringLiteral("h2.txt"));
        r.maxAttempts = 3;
        job = manager.download(r);
        QVERIFY(waitDone(job));
        QCOMPARE(job->state(), TransferJob::State::Failed);
        QCOMPARE(job->error().httpStatus, 503);
        QVERIFY(!QFile::exists(r.destination));
        QCOMPARE(filesIn(dir.path()), QStringList{QStringLiteral("h.txt")});
    }

    void wrongHashOrSizeIsNotKept()
    {
        HttpListener peer;
        QVERIFY(peer.listen());
        peer.body = pattern(100000);
        TransferManager manager(StorageAccess{});
        QTemporaryDir dir;
        SdkCache cache(dir.path());
        DownloadRequest r;
        r.uri = peer.baseUrl() + QStringLiteral("/p/t.1/artifacts/a/x.bin");
        r.cache = cache;
        r.expectedSha256 = sha("something else");
        auto *job = manager.download(r);
        QVERIFY(waitDone(job));
        QCOMPARE(job->state(), TransferJob::State::Failed);
        QCOMPARE(job->error().kind, Error::Kind::Integrity);
        QVERIFY(job->error().userMessage().contains(QLatin1String("sha256")));
        QVERIFY(cache.lookup(r.uri).isEmpty());
        QCOMPARE(filesIn(cache.contextDir()), QStringList());

        r.expectedSha256.clear();
        r.expectedSize = 5;
        job = manager.download(r);
        QVERIFY(waitDone(job));
        QCOMPARE(job->error().kind, Error::Kind::Integrity);
        QCOMPARE(filesIn(cache.contextDir()), QStringList());
    }

    void cacheHitNeedsNoRequestAndArchivesExtractWithSdkNames()
    {
        HttpListener peer;
        QVERIFY(peer.listen());
        QTemporaryDir dir;
        QDir().mkpath(dir.filePath(QStringLiteral("folder/sub")));
        QFile in(dir.filePath(QStringLiteral("folder/sub/a.txt")));
        QVERIFY(in.open(QIODevice::WriteOnly));
        in.write("inside");
        in.close();
        QVERIFY(FolderZipper::zip(dir.filePath(QStringLiteral("folder")),
                                  dir.filePath(QStringLiteral("folder.zip"))));
        QFile zip(dir.filePath(QStringLiteral("folder.zip")));
        QVERIFY(zip.open(QIODevice::ReadOnly));
        peer.body = zip.readAll();

        SdkCache cache(dir.filePath(QStringLiteral("cache")));
        TransferManager manager(StorageAccess{});
        DownloadRequest r;
        r.uri = peer.baseUrl() + QStringLiteral("/p/t.1/artifacts/folder/folder.zip");
        r.cache = cache;
        r.extractArchive = true;
        r.artifactKey = QStringLiteral("folder");
        auto *job = manager.download(r);
        QVERIFY(waitDone(job));
        QVERIFY2(job->state() == TransferJob::State::Finished,
                 qPrintable(job->error().userMessage()));
        const QString md5 = SdkCache::entryName(r.uri).left(32);
        QCOMPARE(job->filePath(),
                 cache.contextDir() + QLatin1Char('/') + md5 + QStringLiteral(".folder.zip"));
        QCOMPARE(job->resultPath(), cache.contextDir() + QLatin1Char('/') + md5
                                            + QStringLiteral(".folder_artifacts_archive_folder"));
        QFile out(job->resultPath() + QStringLiteral("/sub/a.txt"));
        QVERIFY(out.open(QIODevice::ReadOnly));
        QCOMPARE(out.readAll(), QByteArray("inside"));

        const int before = peer.requests.size();
        auto *again = manager.download(r);
        QVERIFY(waitDone(again));
        QVERIFY(again->servedFromCache());
        QCOMPARE(again->resultPath(), job->resultPath());
        QCOMPARE(peer.requests.size(), before);

        // A local path is used in place, no copy.
        DownloadRequest local;
        local.uri = QStringLiteral("file://") + dir.filePath(QStringLiteral("folder.zip"));
        local.cache = cache;
        auto *inPlace = manager.download(local);
        QVERIFY(waitDone(inPlace));
        QCOMPARE(inPlace->resultPath(), dir.filePath(QStringLiteral("folder.zip")));
    }

    void cancelRemovesThePartialFile()
    {
        HttpListener peer;
        QVERIFY(peer.listen());
        peer.body = pattern(1 << 20);
        peer.stallAfterBytes = 300000;
        TransferManager manager(StorageAccess{});
        QTemporaryDir dir;
        DownloadRequest r;
        r.uri = peer.baseUrl() + QStringLiteral("/c.bin");
        r.destination = dir.filePath(QStringLiteral("c.bin"));
        auto *job = manager.download(r);
        QTRY_VERIFY_WITH_TIMEOUT(job->progress().bytes > 0, 10000);
        QCOMPARE(filesIn(dir.path()).size(), 1); // the .partially file
        QVERIFY(filesIn(dir.path()).first().endsWith(QLatin1String(".partially")));
        job->cancel();
        QCOMPARE(job->state(), TransferJob::State::Cancelled);
        QVERIFY(job->error().isCancelled());
        QCOMPARE(filesIn(dir.path()), QStringList());
    }

    void parallelLimitIsRespected()
    {
        HttpListener peer;
        QVERIFY(peer.listen());
        peer.body = pattern(200000);
        peer.stallAfterBytes = 1000;
        TransferManager manager(StorageAccess{});
        manager.setMaxParallel(2);
        QTemporaryDir dir;
        QList<DownloadJob *> jobs;
        for (int i = 0; i < 5; ++i) {
            DownloadRequest r;
            r.uri = peer.baseUrl() + QStringLiteral("/p%1.bin").arg(i);
            r.destination = dir.filePath(QStringLiteral("p%1").arg(i));
            jobs << manager.download(r);
        }
        QTRY_COMPARE_WITH_TIMEOUT(peer.requests.size(), 2, 10000);
        QCOMPARE(manager.runningCount(), 2);
        QCOMPARE(manager.queuedCount(), 3);
        for (int round = 0;
             round < 5
             && !std::all_of(jobs.cbegin(), jobs.cend(), [](auto *j) { return j->isDone(); });
             ++round) {
            QTRY_VERIFY_WITH_TIMEOUT(peer.openConnections() > 0
                                             || std::all_of(jobs.cbegin(), jobs.cend(),
                                                            [](auto *j) { return j->isDone(); }),
                                     10000);
            peer.releaseStalled();
            QTest::qWait(50);
        }
        for (auto *job : jobs)
            QVERIFY(waitDone(job));
        QCOMPARE(peer.maxConcurrent, 2);
        for (auto *job : jobs)
            QCOMPARE(job->state(), TransferJob::State::Finished);
    }

    void fullDiskIsAClearIoErrorAndLeavesNothing()
    {
        QTemporaryDir dir;
        const QString mountPoint = dir.filePath(QStringLiteral("tiny"));
        QDir().mkpath(mountPoint);
        // A 1 MiB tmpfs needs root. Without it, a 1 MiB file-size limit on this process makes
        // the writes fail the same way, with EFBIG ("File too large") instead of ENOSPC.
        const bool mounted
                = ::mount("tmpfs", QFile::encodeName(mountPoint).constData(), "tmpfs", 0, "size=1M")
                  == 0;
        struct rlimit saved = {};
        QVERIFY(::getrlimit(RLIMIT_FSIZE, &saved) == 0);
        if (!mounted) {
            ::signal(SIGXFSZ, SIG_IGN);
            struct rlimit tiny = saved;
            tiny.rlim_cur = 1 << 20;
            QVERIFY(::setrlimit(RLIMIT_FSIZE, &tiny) == 0);
        }
        auto restore = qScopeGuard([&] {
            if (mounted)
                ::umount2(QFile::encodeName(mountPoint).constData(), MNT_DETACH);
            else
                ::setrlimit(RLIMIT_FSIZE, &saved);
        });
        const QLatin1String reason(mounted ? "No space left" : "File too large");

        HttpListener peer;
        QVERIFY(peer.listen());
        TransferManager manager(StorageAccess{});
        SdkCache cache(mountPoint);
        // Downloads `size` bytes as <name> into the tiny cache.
        auto fetch = [&](const QString &name, int size) {
            peer.body = pattern(size);
            DownloadRequest r;
            r.uri = peer.baseUrl() + QLatin1Char('/') + name;
            r.cache = cache;
            DownloadJob *job = manager.download(r);
            return waitDone(job) ? job : nullptr;
        };
        // An entry already in the cache, which the failed download must not harm.
        DownloadJob *first = fetch(QStringLiteral("small.bin"), 100000);
        QVERIFY(first);
        QCOMPARE(first->state(), TransferJob::State::Finished);
        const QString existing = first->resultPath();

        DownloadJob *job = fetch(QStringLiteral("huge.bin"), 3 << 20);
        QVERIFY(job);
        QCOMPARE(job->state(), TransferJob::State::Failed);
        QCOMPARE(job->error().kind, Error::Kind::Io);
        QVERIFY2(job->error().userMessage().contains(reason, Qt::CaseInsensitive),
                 qPrintable(job->error().userMessage()));
        // Not corrupted: the old entry is whole, no partial file is left, and the cache
        // still works once space is back.
        QCOMPARE(filesIn(cache.contextDir()), QStringList{QFileInfo(existing).fileName()});
        QFile kept(existing);
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), pattern(100000));
        QCOMPARE(cache.lookup(first->request().uri), existing);
        DownloadJob *after = fetch(QStringLiteral("after.bin"), 200000);
        QVERIFY(after);
        QVERIFY2(after->state() == TransferJob::State::Finished,
                 qPrintable(after->error().userMessage()));
        QCOMPARE(filesIn(cache.contextDir()).size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestDownloads)
#include "tst_downloads.moc"

#include "isolatedsettings.h"
#include "testserver.h"

#include "cache/archiveextractor.h"
#include "cache/sdkcache.h"
#include "storage/remotebytesource.h"
#include "transfers/storagekeys.h"
#include "transfers/transfermanager.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtConcurrent/QtConcurrentRun>
#include <QtTest>

using namespace Trove;

namespace {

QByteArray pattern(int size, int seed = 0)
{
    QByteArray out(size, Qt::Uninitialized);
    for (int i = 0; i < size; ++i)
        out[i] = static_cast<char>((i * 13 + seed + i / 509) & 0xFF);
    return out;
}

bool waitDone(TransferJob *job, int ms = 60000)
{
    if (job->isDone())
        return true;
    QSignalSpy spy(job, &TransferJob::finished);
    return spy.wait(ms);
}

QMap<QString, QByteArray> tree(const QString &root)
{
    QMap<QString, QByteArray> out;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        QFile f(it.filePath());
        f.open(QIODevice::ReadOnly);
        out.insert(QDir(root).relativeFilePath(it.filePath()), f.readAll());
    }
    return out;
}

} // namespace

/// Uploads and downloads against the real trove-server (file server + API test hooks).
class TestTransfers final : public QObject
{
    Q_OBJECT

private:
    TestServer m_server;
    QString m_token;
    QTemporaryDir m_dir;
    QNetworkAccessManager m_nam;

    QJsonObject api(const QString &endpoint, const QJsonObject &body, const QByteArray &auth)
    {
        QNetworkRequest request(QUrl(m_server.apiUrl().toString() + QLatin1Char('/') + endpoint));
        request.setRawHeader("Authorization", auth);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        QNetworkReply *reply = m_nam.post(request, QJsonDocument(body).toJson());
        QSignalSpy spy(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            spy.wait(15000);
        const QJsonObject out = QJsonDocument::fromJson(reply->readAll()).object();
        delete reply;
        return out;
    }

    QString login()
    {
        const QByteArray basic = "Basic "
                                 + (m_server.accessKey() + QLatin1Char(':') + m_server.secretKey())
                                           .toUtf8()
                                           .toBase64();
        return api(QStringLiteral("auth.login"), {}, basic)
                .value(QStringLiteral("data"))
                .toObject()
                .value(QStringLiteral("token"))
                .toString();
    }

    StorageAccess access() const
    {
        const QString token = m_token;
        return StorageAccess(m_server.filesUrl(), [token] { return token; });
    }

    QString writeFile(const QString &name, const QByteArray &data)
    {
        const QString path = m_dir.filePath(name);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(data);
        return path;
    }

    ArtifactSpec uploadFile(TransferManager &manager, const QString &path, const QString &name)
    {
        UploadJob *job = manager.upload(UploadRequest::forArtifact(
                path, m_server.filesUrl().toString(), QStringLiteral("demo/my project"),
                QStringLiteral("pid"), QStringLiteral("t1"),
                QStringLiteral("0123456789abcdef0123456789abcdef"), name));
        if (!waitDone(job) || job->state() != TransferJob::State::Finished) {
            qWarning() << job->error().userMessage();
            return {};
        }
        return job->spec();
    }

private Q_SLOTS:
    void initTestCase()
    {
        Trove::Test::isolateUserSettings();
        TestServer::Options options;
        options.extraArgs = {QStringLiteral("--test-hooks"), QStringLiteral("--throttle-files"),
                             QStringLiteral("3000000")};
        QVERIFY2(m_server.start(options), qPrintable(m_server.errorString()));
        m_token = login();
        QVERIFY(!m_token.isEmpty());
    }

    void uploadFileMatchesTheSdkAndDownloadsIntoTheCache()
    {
        TransferManager manager(access());
        const QByteArray data = pattern(200000);
        const ArtifactSpec spec = uploadFile(manager, writeFile(QStringLiteral("data.txt"), data),
                                             QStringLiteral("async file"));
        QVERIFY(!spec.uri.isEmpty());
        QCOMPARE(spec.uri,
                 m_server.filesUrl().toString()
                         + QStringLiteral("/demo/my%20project/t1.0123456789abcdef0123456789abcdef/"
                                          "artifacts/async%20file/data.txt"));
        QCOMPARE(spec.type, QStringLiteral("custom"));
        QCOMPARE(spec.contentType, QStringLiteral("text/plain"));
        QCOMPARE(spec.preview, QStringLiteral("data.txt - 200 KB\n"));
        QCOMPARE(spec.hash,
                 QString::fromLatin1(
                         QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex()));
        SdkCache cache(m_dir.filePath(QStringLiteral("cache")));
        DownloadRequest r;
        r.uri = spec.uri;
        r.cache = cache;
        r.expectedSha256 = spec.hash;
        r.expectedSize = spec.contentSize;
        DownloadJob *job = manager.download(r);
        QVERIFY(waitDone(job));
        QVERIFY2(job->state() == TransferJob::State::Finished,
                 qPrintable(job->error().userMessage()));
        QCOMPARE(job->resultPath(),
                 cache.contextDir() + QLatin1Char('/') + SdkCache::entryName(spec.uri));
        QVERIFY(QFileInfo(job->resultPath()).fileName().endsWith(QLatin1String(".data.txt")));
        QFile f(job->resultPath());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), data);
    }

    void folderUploadUnzipsToTheSameTree()
    {
        TransferManager manager(access());
        const QString folder = m_dir.filePath(QStringLiteral("myfolder"));
        writeFile(QStringLiteral("myfolder/a.csv"), "a,b\n1,2\n");
        writeFile(QStringLiteral("myfolder/sub/b.bin"), pattern(5000, 3));
        writeFile(QStringLiteral("myfolder/sub/deep/c d.txt"), "c");
        UploadJob *up = manager.upload(UploadRequest::forArtifact(
                folder, m_server.filesUrl().toString(), QStringLiteral("demo"),
                QStringLiteral("pid"), QStringLiteral("t1"),
                QStringLiteral("0123456789abcdef0123456789abcdef"), QStringLiteral("folder")));
        QVERIFY(waitDone(up));
        QVERIFY2(up->state() == TransferJob::State::Finished,
                 qPrintable(up->error().userMessage()));
        const ArtifactSpec spec = up->spec();
        QCOMPARE(spec.type, QStringLiteral("archive"));
        QVERIFY(spec.uri.endsWith(QLatin1String("/artifacts/folder/myfolder.zip")));
        QCOMPARE(spec.preview,
                 QStringLiteral("Archive content %1/*:\na.csv - 8 bytes\nsub/b.bin - 5 KB\n"
                                "sub/deep/c d.txt - 1 byte\n")
                         .arg(folder));

        // Download as Artifact.get_local_copy() would: extracted into the SDK's folder name.
        SdkCache cache(m_dir.filePath(QStringLiteral("cache")));
        DownloadRequest r;
        r.uri = spec.uri;
        r.cache = cache;
        r.expectedSha256 = spec.hash;
        r.extractArchive = true;
        r.artifactKey = spec.key;
        DownloadJob *down = manager.download(r);
        QVERIFY(waitDone(down));
        QVERIFY2(down->state() == TransferJob::State::Finished,
                 qPrintable(down->error().userMessage()));
        QCOMPARE(QFileInfo(down->resultPath()).fileName(),
                 SdkCache::entryName(spec.uri).left(32)
                         + QStringLiteral(".myfolder_artifacts_archive_folder"));
        QCOMPARE(tree(down->resultPath()), tree(folder));
    }

    void folderZipIsWhatTheSdkUnzipExpects()
    {
        // The SDK extracts an archive artifact with Python's zipfile (extractall into the
        // cache folder): run exactly that on the zip Trove uploaded.
        const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
        if (python.isEmpty())
            QSKIP("python3 is not installed");
        TransferManager manager(access());
        const QString folder = m_dir.filePath(QStringLiteral("pyfolder"));
        writeFile(QStringLiteral("pyfolder/top.txt"), "top");
        writeFile(QStringLiteral("pyfolder/nested/more/data.bin"), pattern(70000, 9));
        writeFile(QStringLiteral("pyfolder/nested/sp ace é.txt"), "unicode name");
        const ArtifactSpec spec = uploadFile(manager, folder, QStringLiteral("py folder"));
        QCOMPARE(spec.type, QStringLiteral("archive"));
        DownloadRequest r;
        r.uri = spec.uri;
        r.destination = m_dir.filePath(QStringLiteral("raw-pyfolder.zip"));
        r.expectedSha256 = spec.hash;
        DownloadJob *down = manager.download(r);
        QVERIFY(waitDone(down));
        QVERIFY2(down->state() == TransferJob::State::Finished,
                 qPrintable(down->error().userMessage()));

        const QString target = m_dir.filePath(QStringLiteral("python-extracted"));
        QProcess unzip;
        unzip.start(python, {QStringLiteral("-c"),
                             QStringLiteral("import sys, zipfile\n"
                                            "zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])"),
                             r.destination, target});
        QVERIFY(unzip.waitForFinished(30000));
        QVERIFY2(unzip.exitStatus() == QProcess::NormalExit && unzip.exitCode() == 0,
                 unzip.readAllStandardError().constData());
        QCOMPARE(tree(target), tree(folder));
    }

    void noTokenIsA401AndWrongHashIsNotKept()
    {
        TransferManager manager(access());
        const ArtifactSpec spec = uploadFile(manager, writeFile(QStringLiteral("h.txt"), "hash me"),
                                             QStringLiteral("hashed"));
        QVERIFY(!spec.uri.isEmpty());

        TransferManager anonymous(StorageAccess(m_server.filesUrl(), {}));
        DownloadRequest r;
        r.uri = spec.uri;
        r.destination = m_dir.filePath(QStringLiteral("anon.txt"));
        DownloadJob *job = anonymous.download(r);
        QVERIFY(waitDone(job));
        QCOMPARE(job->state(), TransferJob::State::Failed);
        QCOMPARE(job->error().httpStatus, 401);

        SdkCache cache(m_dir.filePath(QStringLiteral("cache-hash")));
        r.destination.clear();
        r.cache = cache;
        r.expectedSha256 = QString(64, QLatin1Char('0'));
        job = manager.download(r);
        QVERIFY(waitDone(job));
        QCOMPARE(job->error().kind, Error::Kind::Integrity);
        QVERIFY(cache.lookup(spec.uri).isEmpty());
        QCOMPARE(QDir(cache.contextDir()).entryList(QDir::Files | QDir::Hidden), QStringList());
    }

    void burstOf503OnFileGetsIsRetried()
    {
        TransferManager manager(access());
        const ArtifactSpec spec = uploadFile(manager, writeFile(QStringLiteral("r.txt"), "retry"),
                                             QStringLiteral("retried"));
        const QJsonObject fault = api(QStringLiteral("debug.inject_faults"),
                                      {{QStringLiteral("files"), true},
                                       {QStringLiteral("status"), 503},
                                       {QStringLiteral("count"), 3}},
                                      "Bearer " + m_token.toUtf8());
        QVERIFY2(fault.value(QStringLiteral("data"))
                         .toObject()
                         .value(QStringLiteral("files"))
                         .toBool(),
                 QJsonDocument(fault).toJson().constData());
        DownloadRequest r;
        r.uri = spec.uri;
        r.destination = m_dir.filePath(QStringLiteral("retried.txt"));
        r.expectedSha256 = spec.hash;
        DownloadJob *job = manager.download(r);
        QVERIFY(waitDone(job));
        QVERIFY2(job->state() == TransferJob::State::Finished,
                 qPrintable(job->error().userMessage()));
        QCOMPARE(job->attemptCount(), 4);
    }

    void parallelLimitAndCancelOnAThrottledServer()
    {
        TransferManager manager(access());
        const ArtifactSpec spec
                = uploadFile(manager, writeFile(QStringLiteral("p.bin"), pattern(1500000, 9)),
                             QStringLiteral("par"));
        QVERIFY(!spec.uri.isEmpty());
        manager.setMaxParallel(2);
        int running = 0, peak = 0;
        connect(&manager, &TransferManager::jobStarted, this,
                [&] { peak = std::max(peak, ++running); });
        connect(&manager, &TransferManager::jobFinished, this, [&] { --running; });
        QList<DownloadJob *> jobs;
        for (int i = 0; i < 4; ++i) {
            DownloadRequest r;
            r.uri = spec.uri;
            r.destination = m_dir.filePath(QStringLiteral("par%1.bin").arg(i));
            r.expectedSha256 = spec.hash;
            jobs << manager.download(r);
        }
        QTRY_VERIFY_WITH_TIMEOUT(jobs.first()->progress().bytes > 0, 10000);
        QCOMPARE(manager.runningCount(), 2);
        jobs.last()->cancel();  // cancelled while queued
        jobs.first()->cancel(); // cancelled while running
        QCOMPARE(jobs.first()->state(), TransferJob::State::Cancelled);
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("par0.bin"))));
        for (auto *job : jobs)
            QVERIFY(waitDone(job));
        QCOMPARE(jobs.at(1)->state(), TransferJob::State::Finished);
        QCOMPARE(jobs.at(2)->state(), TransferJob::State::Finished);
        QCOMPARE(jobs.last()->state(), TransferJob::State::Cancelled);
        QCOMPARE(peak, 2);
        QVERIFY(QDir(m_dir.path())
                        .entryList({QStringLiteral("*.partially")}, QDir::Files)
                        .isEmpty());
    }

    void rangeReadsFromAWorkerThread()
    {
        TransferManager manager(access());
        const QByteArray data = pattern(1200000, 7);
        const ArtifactSpec spec = uploadFile(manager, writeFile(QStringLiteral("r.bin"), data),
                                             QStringLiteral("ranged"));
        QVERIFY(!spec.uri.isEmpty());
        const StorageAccess storage = access();
        const QString uri = spec.uri;
        // Blocking API: run it where it belongs, on a worker thread.
        const auto checks
                = QtConcurrent::run([storage, uri, data]() -> QString {
                      Error error;
                      auto source = openRemoteSource(uri, storage, nullptr, &error);
                      if (!source)
                          return error.userMessage();
                      if (source->size() != data.size())
                          return QStringLiteral("size %1").arg(source->size());
                      const QList<QPair<qint64, qint64>> ranges{
                              {0, 10}, {262140, 10}, {1199990, 50}, {500000, 300000}, {5, 3}};
                      for (const auto &[offset, length] : ranges) {
                          auto bytes = source->read(offset, length);
                          if (!bytes)
                              return bytes.error().userMessage();
                          if (bytes.value() != data.mid(offset, length))
                              return QStringLiteral("wrong bytes at %1").arg(offset);
                      }
                      auto past = source->read(data.size() + 10, 5);
                      if (!past || !past->isEmpty())
                          return QStringLiteral("read past the end");
                      std::atomic_bool cancel{false};
                      auto cancellable = openRemoteSource(uri, storage, &cancel, &error);
                      if (!cancellable)
                          return error.userMessage();
                      cancel = true;
                      auto cancelled = cancellable->read(900000, 10);
                      if (cancelled || cancelled.error().kind != Error::Kind::Cancelled)
                          return QStringLiteral("not cancelled");
                      auto gs = openRemoteSource(QStringLiteral("gs://b/k"), storage, nullptr,
                                                 &error);
                      if (gs || error.kind != Error::Kind::Unsupported)
                          return QStringLiteral("gs:// accepted");
                      Error missing;
                      if (openRemoteSource(uri + QStringLiteral("-missing"), storage, nullptr,
                                           &missing)
                          || missing.httpStatus != 404)
                          return QStringLiteral("404 not reported: ") + missing.userMessage();
                      return QString();
                  }).result();
        QVERIFY2(checks.isEmpty(), qPrintable(checks));
    }

    // Last: it kills the server.
    void resumesAfterTheServerIsKilledMidDownload()
    {
        TransferManager manager(access());
        const QByteArray data = pattern(6000000, 5);
        const ArtifactSpec spec = uploadFile(manager, writeFile(QStringLiteral("big.bin"), data),
                                             QStringLiteral("big"));
        QVERIFY(!spec.uri.isEmpty());
        SdkCache cache(m_dir.filePath(QStringLiteral("cache-resume")));
        DownloadRequest r;
        r.uri = spec.uri;
        r.cache = cache;
        r.expectedSha256 = spec.hash;
        r.expectedSize = spec.contentSize;
        DownloadJob *job = manager.download(r);
        QTRY_VERIFY_WITH_TIMEOUT(job->progress().bytes > 1000000, 20000);
        m_server.kill(); // SIGKILL mid-download (throttled to 3 MB/s)
        const qint64 before = job->progress().bytes;
        QVERIFY(!job->isDone());
        QVERIFY2(m_server.restart(), qPrintable(m_server.errorString()));
        QVERIFY(waitDone(job));
        QVERIFY2(job->state() == TransferJob::State::Finished,
                 qPrintable(job->error().userMessage()));
        QVERIFY(job->resumeCount() >= 1);
        QVERIFY(before < data.size());
        QCOMPARE(job->sha256(), spec.hash);
        QFile f(job->resultPath());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.size(), qint64(data.size()));
        QCOMPARE(QDir(cache.contextDir()).entryList(QDir::Files | QDir::Hidden).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestTransfers)
#include "tst_transfers.moc"

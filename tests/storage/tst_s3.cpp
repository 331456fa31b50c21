#include "s3peer.h"

#include "storage/remotebytesource.h"
#include "storage/storageaccess.h"
#include "transfers/storagekeys.h"
#include "transfers/transfermanager.h"

#include <QCryptographicHash>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtConcurrent/QtConcurrentRun>
#include <QtTest>

using namespace Trove;

/// S3 for real: s3rver behind a proxy that verifies every SigV4 signature with AWS's
/// reference signer (aws4). Path-style custom endpoint `s3://127.0.0.1:<port>/<bucket>/<key>`.
class TestS3 final : public QObject
{
    Q_OBJECT

private:
    S3Peer m_peer;
    QTemporaryDir m_dir;

    S3Config config(const QString &secret) const
    {
        S3Config c;
        S3BucketConfig entry;
        entry.host = m_peer.endpoint();
        entry.key = m_peer.accessKey();
        entry.secret = secret;
        entry.secure = false;
        c.credentials << entry;
        return c;
    }
    QString prefix() const { return QStringLiteral("s3://%1/trove").arg(m_peer.endpoint()); }

    static bool waitDone(TransferJob *job)
    {
        if (job->isDone())
            return true;
        QSignalSpy spy(job, &TransferJob::finished);
        return spy.wait(30000);
    }

    UploadJob *upload(TransferManager &manager, const QByteArray &data, const QString &name)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(data);
        f.close();
        return manager.upload(UploadRequest::forArtifact(
                path, prefix(), QStringLiteral("s3 proj"), QStringLiteral("pid"),
                QStringLiteral("t $1"), QStringLiteral("abc"), QStringLiteral("art+x")));
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!m_peer.start(QStringLiteral("trove"))) {
            if (m_peer.notInstalled())
                QSKIP(qPrintable(m_peer.reason()));
            QFAIL(qPrintable(m_peer.reason()));
        }
    }

    void putGetRangeHeadRoundTrip()
    {
        TransferManager manager(StorageAccess({}, {}, config(m_peer.secretKey())));
        QByteArray data;
        for (int i = 0; i < 50000; ++i)
            data += QByteArray::number(i) + ',';
        UploadJob *up = upload(manager, data, QStringLiteral("data file é.csv"));
        QVERIFY(waitDone(up));
        QVERIFY2(up->state() == TransferJob::State::Finished,
                 qPrintable(up->error().userMessage()));
        const ArtifactSpec spec = up->spec();
        QCOMPARE(spec.hash,
                 QString::fromLatin1(
                         QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex()));
        QCOMPARE(spec.contentSize, qint64(data.size()));
        QCOMPARE(spec.type, QStringLiteral("custom"));
        QVERIFY(spec.uri.startsWith(
                prefix() + QStringLiteral("/s3%20proj/t%20%241.abc/artifacts/art0x2bx/")));

        // Signed GET through the verifying proxy, checked against the artifact hash.
        DownloadRequest req;
        req.uri = spec.uri;
        req.destination = m_dir.filePath(QStringLiteral("back.csv"));
        req.expectedSha256 = spec.hash;
        req.expectedSize = spec.contentSize;
        DownloadJob *down = manager.download(req);
        QVERIFY(waitDone(down));
        QVERIFY2(down->state() == TransferJob::State::Finished,
                 qPrintable(down->error().userMessage()));
        QFile back(req.destination);
        QVERIFY(back.open(QIODevice::ReadOnly));
        QCOMPARE(back.readAll(), data);

        // Signed Range GETs (the Range header is signed too).
        const StorageAccess access({}, {}, config(m_peer.secretKey()));
        auto source = QtConcurrent::run([&] {
                          Error e;
                          auto s = openRemoteSource(spec.uri, access, nullptr, &e);
                          QPair<qint64, QByteArray> r{-1, e.userMessage().toUtf8()};
                          if (s) {
                              auto bytes = s->read(300000 - 7, 20);
                              r = {s->size(),
                                   bytes ? bytes.value() : bytes.error().userMessage().toUtf8()};
                          }
                          return r;
                      }).result();
        QCOMPARE(source.first, qint64(data.size()));
        QCOMPARE(source.second, data.mid(300000 - 7, 20));

        // Signed HEAD.
        auto head = access.prepare(QUrl(spec.uri), "HEAD", {});
        QVERIFY(head);
        QNetworkAccessManager nam;
        QNetworkReply *reply = nam.head(*head);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(),
                 qint64(data.size()));
        delete reply;
    }

    void folderUploadIsAnArchive()
    {
        TransferManager manager(StorageAccess({}, {}, config(m_peer.secretKey())));
        QDir().mkpath(m_dir.filePath(QStringLiteral("fold/sub")));
        QFile f(m_dir.filePath(QStringLiteral("fold/sub/x.txt")));
        f.open(QIODevice::WriteOnly);
        f.write("xyz");
        f.close();
        UploadJob *up = manager.upload(UploadRequest::forArtifact(
                m_dir.filePath(QStringLiteral("fold")), prefix(), QStringLiteral("p"), {},
                QStringLiteral("t"), QStringLiteral("id"), QStringLiteral("folder")));
        QVERIFY(waitDone(up));
        QVERIFY2(up->state() == TransferJob::State::Finished,
                 qPrintable(up->error().userMessage()));
        QCOMPARE(up->spec().type, QStringLiteral("archive"));
        QCOMPARE(up->spec().contentType, QStringLiteral("application/zip"));
        QVERIFY(up->spec().uri.endsWith(QLatin1String("/artifacts/folder/fold.zip")));
        QVERIFY(up->spec().preview.endsWith(QLatin1String("/fold/*:\nsub/x.txt - 3 bytes\n")));
    }

    void wrongSecretIsAClear403()
    {
        // Put something first with the right key.
        TransferManager good(StorageAccess({}, {}, config(m_peer.secretKey())));
        UploadJob *up = upload(good, "payload", QStringLiteral("w.txt"));
        QVERIFY(waitDone(up));
        QCOMPARE(up->state(), TransferJob::State::Finished);

        TransferManager bad(StorageAccess({}, {}, config(QStringLiteral("not-the-secret"))));
        DownloadRequest req;
        req.uri = up->spec().uri;
        req.destination = m_dir.filePath(QStringLiteral("never.txt"));
        DownloadJob *down = bad.download(req);
        QVERIFY(waitDone(down));
        QCOMPARE(down->state(), TransferJob::State::Failed);
        QCOMPARE(down->error().kind, Error::Kind::Http);
        QCOMPARE(down->error().httpStatus, 403);
        QVERIFY2(down->error().userMessage().contains(QLatin1String("SignatureDoesNotMatch")),
                 qPrintable(down->error().userMessage()));
        QVERIFY(!QFile::exists(req.destination));

        UploadJob *badUp = upload(bad, "other", QStringLiteral("w2.txt"));
        QVERIFY(waitDone(badUp));
        QCOMPARE(badUp->state(), TransferJob::State::Failed);
        QCOMPARE(badUp->error().httpStatus, 403);
        QVERIFY(badUp->error().userMessage().contains(QLatin1String("SignatureDoesNotMatch")));
    }

    void unsupportedSchemes()
    {
        TransferManager manager(StorageAccess{});
        DownloadRequest req;
        req.uri = QStringLiteral("gs://bucket/key");
        req.destination = m_dir.filePath(QStringLiteral("gs"));
        DownloadJob *down = manager.download(req);
        QVERIFY(waitDone(down));
        QCOMPARE(down->error().kind, Error::Kind::Unsupported);
        QVERIFY(down->error().userMessage().contains(QLatin1String("not supported yet")));
    }
};

QTEST_GUILESS_MAIN(TestS3)
#include "tst_s3.moc"

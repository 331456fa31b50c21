#include "storage/s3error.h"
#include "storage/storageaccess.h"
#include "transfers/artifactspec.h"
#include "transfers/storagekeys.h"

#include <QJsonDocument>
#include <QtTest>

using namespace Trove;

class TestStorageKeys final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void artifactKeyLayout()
    {
        // Recorded (contract §5.1, SDK-observed §4).
        const QString id = QStringLiteral("0123456789abcdef0123456789abcdef");
        const QString key = StorageKeys::artifactKey(
                QStringLiteral("great project"), QStringLiteral("p"),
                QStringLiteral("task with artifacts"), id, QStringLiteral("data"),
                QStringLiteral("preprocess_data.csv"));
        QCOMPARE(key, QStringLiteral("great project/task with artifacts.%1/artifacts/data/"
                                     "preprocess_data.csv")
                              .arg(id));
        QCOMPARE(StorageKeys::multipartName(key), QLatin1Char('/') + key);
        QCOMPARE(StorageKeys::registeredUri(QStringLiteral("http://files:8081"), key),
                 QStringLiteral("http://files:8081/great%20project/task%20with%20artifacts.%1/"
                                "artifacts/data/preprocess_data.csv")
                         .arg(id));
        QCOMPARE(StorageKeys::modelKey(QStringLiteral("great project"), QStringLiteral("p"),
                                       QStringLiteral("task with artifacts"), id,
                                       QStringLiteral("model_weights.bin")),
                 QStringLiteral("great project/task with artifacts.%1/models/model_weights.bin")
                         .arg(id));
        // A task without a project: no empty folder (the SDK joins only non-empty parts).
        QCOMPARE(StorageKeys::artifactKey(QString(), QString(), QStringLiteral("loose"), id,
                                          QStringLiteral("data"), QStringLiteral("d.csv")),
                 QStringLiteral("loose.%1/artifacts/data/d.csv").arg(id));
        QCOMPARE(StorageKeys::modelKey(QString(), QString(), QStringLiteral("loose"), id,
                                       QStringLiteral("w.bin")),
                 QStringLiteral("loose.%1/models/w.bin").arg(id));
    }

    void projectPathQuoting()
    {
        QCOMPARE(StorageKeys::projectPath(QStringLiteral("demo/sub"), QStringLiteral("p")),
                 QStringLiteral("demo/sub"));
        QCOMPARE(StorageKeys::projectPath(QStringLiteral("a'b[c]{d}(e)$^,.; -_+=/f"),
                                          QStringLiteral("p")),
                 QStringLiteral("a'b[c]{d}(e)$^,.; -_+=/f"));
        QCOMPARE(StorageKeys::projectPath(QStringLiteral("x?y#z%\u00e9"), QStringLiteral("p")),
                 QStringLiteral("x%3Fy%23z%25%C3%A9"));
        const QString longName(300, QLatin1Char('p'));
        const QString cut = StorageKeys::projectPath(longName, QStringLiteral("ID"));
        QCOMPARE(cut.size(), 256); // 253 + ".ID", as the SDK cuts it
        QVERIFY(cut.endsWith(QLatin1String(".ID")));
    }

    void artifactFolderEscaping()
    {
        QCOMPARE(StorageKeys::artifactFolder(QStringLiteral("a/b")), QStringLiteral("a.slash.b"));
        QCOMPARE(StorageKeys::artifactFolder(QStringLiteral("q?x")), QStringLiteral("q0x3fx"));
        QCOMPARE(StorageKeys::artifactFolder(QStringLiteral("#\"';:@&=+$,%!\r\n")),
                 QStringLiteral("0x230x220x270x3b0x3a0x400x260x3d0x2b0x240x2c0x250x210x0d0x0a"));
        QCOMPARE(StorageKeys::artifactFolder(QStringLiteral("async file")),
                 QStringLiteral("async file"));
        const QString key = StorageKeys::artifactKey(
                QStringLiteral("p"), {}, QStringLiteral("t"), QStringLiteral("id"),
                QStringLiteral("async file"), QStringLiteral("data.txt"));
        QVERIFY(StorageKeys::registeredUri(QStringLiteral("http://h:8081/"), key)
                        .endsWith(QLatin1String("/artifacts/async%20file/data.txt")));
    }

    void taskFolderIsQuotedAsTheSdkDoes()
    {
        const QString id = QStringLiteral("0123456789abcdef0123456789abcdef");
        // Quoted once in the key (the multipart name, and so the stored file name), and once
        // more in the registered URI (the SDK's quote_url), which a GET decodes back to the key.
        const QString folder = StorageKeys::taskFolder(QStringLiteral("say \"hi\" #1 \u00e9?"), id);
        QCOMPARE(folder, QStringLiteral("say %22hi%22 %231 %C3%A9%3F.%1").arg(id));
        const QString key
                = StorageKeys::artifactKey(QStringLiteral("p"), {}, QStringLiteral("say \"hi\""),
                                           id, QStringLiteral("a"), QStringLiteral("f.txt"));
        QVERIFY(!StorageKeys::multipartName(key).contains(QLatin1Char('"')));
        QCOMPARE(StorageKeys::registeredUri(QStringLiteral("http://h:8081"), key),
                 QStringLiteral("http://h:8081/p/say%20%2522hi%2522.%1/artifacts/a/f.txt").arg(id));
        // The SDK keeps at least two characters of the name; a project name of 256 or more
        // is cut to 256 - len(id) - 1 characters plus ".<id>".
        QCOMPARE(StorageKeys::taskFolder(QStringLiteral("t"), QString(200, QLatin1Char('a'))),
                 QStringLiteral("t.") + QString(200, QLatin1Char('a')));
        QCOMPARE(StorageKeys::projectPath(QString(300, QLatin1Char('p')), QStringLiteral("ID")),
                 QString(253, QLatin1Char('p')) + QStringLiteral(".ID"));
        QCOMPARE(StorageKeys::projectPath(QString(255, QLatin1Char('p')), QStringLiteral("ID")),
                 QString(255, QLatin1Char('p')));
    }

    void taskFolderIsCut()
    {
        const QString folder = StorageKeys::taskFolder(QString(200, QLatin1Char('t')),
                                                       QString(32, QLatin1Char('a')));
        QCOMPARE(folder.size(), 128);
        QVERIFY(folder.endsWith(QLatin1Char('.') + QString(32, QLatin1Char('a'))));
    }

    void formatSizeIsDecimal_data()
    {
        QTest::addColumn<qint64>("bytes");
        QTest::addColumn<QString>("text");
        QTest::newRow("0") << qint64(0) << QStringLiteral("0 bytes");
        QTest::newRow("1") << qint64(1) << QStringLiteral("1 byte");
        QTest::newRow("12") << qint64(12) << QStringLiteral("12 bytes");
        QTest::newRow("999") << qint64(999) << QStringLiteral("999 bytes");
        QTest::newRow("1000") << qint64(1000) << QStringLiteral("1 KB");
        QTest::newRow("1500000") << qint64(1500000) << QStringLiteral("1.5 MB");
        QTest::newRow("1234567") << qint64(1234567) << QStringLiteral("1.23 MB");
        QTest::newRow("4GB") << qint64(4000000000) << QStringLiteral("4 GB");
    }
    void formatSizeIsDecimal()
    {
        QFETCH(qint64, bytes);
        QFETCH(QString, text);
        QCOMPARE(ArtifactSpec::formatSize(bytes), text);
    }

    void contentTypes()
    {
        QCOMPARE(ArtifactSpec::guessContentType(QStringLiteral("a.csv")),
                 QStringLiteral("text/csv"));
        QCOMPARE(ArtifactSpec::guessContentType(QStringLiteral("df.csv.gz")),
                 QStringLiteral("text/csv"));
        QCOMPARE(ArtifactSpec::guessContentType(QStringLiteral("x.npz")), QString());
        QCOMPARE(ArtifactSpec::uploadContentType(QStringLiteral("x.pkl")),
                 QStringLiteral("binary/octet-stream"));
        QCOMPARE(ArtifactSpec::guessContentType(QStringLiteral("w.bin")),
                 QStringLiteral("application/octet-stream"));
        QCOMPARE(ArtifactSpec::guessContentType(QStringLiteral("P.PNG")),
                 QStringLiteral("image/png"));
    }

    void specJson()
    {
        ArtifactSpec spec;
        spec.key = QStringLiteral("data");
        spec.type = QStringLiteral("custom");
        spec.uri = QStringLiteral("http://h/x/data.txt");
        spec.contentSize = 12;
        spec.hash = QStringLiteral("ab");
        spec.timestamp = 1735700000;
        spec.preview = ArtifactSpec::filePreview(QStringLiteral("data.txt"), 12);
        QCOMPARE(spec.preview, QStringLiteral("data.txt - 12 bytes\n"));
        const QByteArray json = QJsonDocument(spec.toJson()).toJson(QJsonDocument::Compact);
        const QByteArray expected
                = "{\"content_size\":12,\"hash\":\"ab\",\"key\":\"data\",\"timestamp\":1735700000,"
                  "\"type\":\"custom\",\"type_data\":{\"content_type\":null,"
                  "\"preview\":\"data.txt - 12 bytes\\n\"},\"uri\":\"http://h/x/data.txt\"}";
        QCOMPARE(json, expected);
        const QString big(70000, QLatin1Char('x'));
        QVERIFY(ArtifactSpec::limitPreview(big).startsWith(
                QLatin1String("# full preview too large to store, storing first 64kb\n")));
    }

    void classifyAndTokenScope()
    {
        StorageAccess access(QUrl(QStringLiteral("http://files.local:8081")),
                             [] { return QStringLiteral("TOKEN"); });
        using K = StorageAccess::Kind;
        QCOMPARE(access.classify(QUrl(QStringLiteral("http://files.local:8081/a/b"))),
                 K::FilesServer);
        QCOMPARE(access.classify(QUrl(QStringLiteral("http://files.local:8082/a/b"))), K::Http);
        QCOMPARE(access.classify(QUrl(QStringLiteral("https://files.local:8081/a"))), K::Http);
        QCOMPARE(access.classify(QUrl(QStringLiteral("http://evil.local:8081/a"))), K::Http);
        QCOMPARE(access.classify(StorageAccess::parse(QStringLiteral("/tmp/x"))), K::Local);
        QCOMPARE(access.classify(QUrl(QStringLiteral("s3://b/k"))), K::S3);
        QCOMPARE(access.classify(QUrl(QStringLiteral("gs://b/k"))), K::Unsupported);
        QCOMPARE(access.classify(QUrl(QStringLiteral("azure://a/c/k"))), K::Unsupported);

        auto files = access.prepare(QUrl(QStringLiteral("http://files.local:8081/a")), "GET", {});
        QVERIFY(files);
        QCOMPARE(files->rawHeader("Authorization"), QByteArray("Bearer TOKEN"));
        auto other = access.prepare(QUrl(QStringLiteral("http://evil.local:8081/a")), "GET", {});
        QVERIFY(other);
        QVERIFY(!other->hasRawHeader("Authorization"));
        auto gs = access.prepare(QUrl(QStringLiteral("gs://b/k")), "GET", {});
        QVERIFY(!gs);
        QCOMPARE(gs.error().kind, Error::Kind::Unsupported);
        QVERIFY(gs.error().userMessage().contains(QLatin1String("not supported yet")));

        // A files server under a path prefix only covers that prefix.
        access.setFilesServer(QUrl(QStringLiteral("https://host/files")));
        QCOMPARE(access.classify(QUrl(QStringLiteral("https://host/files/x"))), K::FilesServer);
        QCOMPARE(access.classify(QUrl(QStringLiteral("https://host/filesx/x"))), K::Http);
        QCOMPARE(access.classify(QUrl(QStringLiteral("https://host:443/files/x"))), K::FilesServer);
    }

    void s3ErrorDocuments()
    {
        const auto e = S3Error::parse(
                "<?xml version=\"1.0\"?><Error><Code>SignatureDoesNotMatch</Code><Message>bad sig"
                "</Message><Resource>/b/k</Resource></Error>");
        QCOMPARE(e.code, QStringLiteral("SignatureDoesNotMatch"));
        QCOMPARE(e.text(), QStringLiteral("SignatureDoesNotMatch: bad sig"));
        QVERIFY(S3Error::parse("<html>nope</html>").isEmpty());
        QVERIFY(S3Error::parse("").isEmpty());
        const Error http = StorageAccess::httpError(QStringLiteral("s3://b/k"), 403,
                                                    "<Error><Code>AccessDenied</Code></Error>");
        QCOMPARE(http.httpStatus, 403);
        QVERIFY(http.userMessage().contains(QLatin1String("AccessDenied")));

        QVERIFY(ContentRange::parse("bytes 0-9/100").valid);
        QCOMPARE(ContentRange::parse("bytes 10-19/*").total, qint64(-1));
        QVERIFY(!ContentRange::parse("bytes 9-0/100").valid);
        QVERIFY(!ContentRange::parse("bytes 0-100/100").valid);
        QVERIFY(!ContentRange::parse("items 0-1/2").valid);
    }
};

QTEST_GUILESS_MAIN(TestStorageKeys)
#include "tst_storagekeys.moc"

#include "storage/s3location.h"
#include "storage/sigv4signer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace Trove;

class TestSigV4Signer final : public QObject
{
    Q_OBJECT

private:
    static QJsonObject load(const QString &name)
    {
        QFile f(qEnvironmentVariable("TROVE_TEST_DATA") + QStringLiteral("/sigv4/") + name);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(f.readAll()).object();
    }

    static void addRows(const QString &file, bool s3)
    {
        const QJsonObject suite = load(file);
        QVERIFY2(!suite.isEmpty(), qPrintable(file));
        for (const auto &v : suite.value(QStringLiteral("cases")).toArray()) {
            const QJsonObject c = v.toObject();
            QTest::newRow(qPrintable(c.value(QStringLiteral("name")).toString()))
                    << suite << c << s3;
        }
    }

    static void checkCase(const QJsonObject &suite, const QJsonObject &c, bool s3)
    {
        SigV4Credentials creds{suite.value(QStringLiteral("accessKey")).toString(),
                               suite.value(QStringLiteral("secretKey")).toString(),
                               {}};
        SigV4Signer signer(creds, suite.value(QStringLiteral("region")).toString(),
                           suite.value(QStringLiteral("service")).toString(),
                           s3 ? SigV4Signer::UriMode::S3 : SigV4Signer::UriMode::Generic);
        SigV4Request r;
        r.method = c.value(QStringLiteral("method")).toString().toLatin1();
        r.path = c.value(QStringLiteral("path")).toString().toUtf8();
        r.query = c.value(QStringLiteral("query")).toString().toUtf8();
        r.headers.append({"Host", suite.value(QStringLiteral("host")).toString().toLatin1()});
        for (const auto &h : c.value(QStringLiteral("headers")).toArray())
            r.headers.append({h.toArray().at(0).toString().toLatin1(),
                              h.toArray().at(1).toString().toUtf8()});
        r.payloadHash = SigV4Signer::sha256Hex(c.value(QStringLiteral("body")).toString().toUtf8());
        const QDateTime when = QDateTime::fromString(suite.value(QStringLiteral("date")).toString(),
                                                     QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
        QVERIFY(when.isValid());
        const auto s = signer.sign(r, QDateTime(when.date(), when.time(), Qt::UTC));
        const QByteArray expected
                = "AWS4-HMAC-SHA256 Credential=" + creds.accessKey.toLatin1() + '/'
                  + suite.value(QStringLiteral("date")).toString().left(8).toLatin1() + '/'
                  + suite.value(QStringLiteral("region")).toString().toLatin1() + '/'
                  + suite.value(QStringLiteral("service")).toString().toLatin1()
                  + "/aws4_request, SignedHeaders="
                  + c.value(QStringLiteral("signedHeaders")).toString().toLatin1()
                  + ", Signature=" + c.value(QStringLiteral("signature")).toString().toLatin1();
        QCOMPARE(s.authorization, expected);
    }

private Q_SLOTS:
    void awsTestSuite_data()
    {
        QTest::addColumn<QJsonObject>("suite");
        QTest::addColumn<QJsonObject>("testCase");
        QTest::addColumn<bool>("s3");
        addRows(QStringLiteral("aws-sig-v4-test-suite.json"), false);
    }
    void awsTestSuite()
    {
        QFETCH(QJsonObject, suite);
        QFETCH(QJsonObject, testCase);
        QFETCH(bool, s3);
        checkCase(suite, testCase, s3);
    }

    void s3ReferenceExamples_data()
    {
        QTest::addColumn<QJsonObject>("suite");
        QTest::addColumn<QJsonObject>("testCase");
        QTest::addColumn<bool>("s3");
        addRows(QStringLiteral("s3-examples.json"), true);
    }
    void s3ReferenceExamples()
    {
        QFETCH(QJsonObject, suite);
        QFETCH(QJsonObject, testCase);
        QFETCH(bool, s3);
        checkCase(suite, testCase, s3);
    }

    void canonicalRequestOfGetVanilla()
    {
        SigV4Signer signer({QStringLiteral("AKIDEXAMPLE"),
                            QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
                            {}},
                           QStringLiteral("us-east-1"), QStringLiteral("service"),
                           SigV4Signer::UriMode::Generic);
        SigV4Request r{"GET", "/", "", {{"Host", "example.amazonaws.com"}}, {}};
        const auto s = signer.sign(r, QDateTime(QDate(2015, 8, 30), QTime(12, 36), Qt::UTC));
        QCOMPARE(s.canonicalRequest,
                 QByteArray("GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
                            "host;x-amz-date\n"
                            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        QCOMPARE(s.stringToSign,
                 QByteArray("AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/"
                            "aws4_request\n"
                            "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63"));
    }

    void sessionTokenIsSigned()
    {
        SigV4Signer signer(
                {QStringLiteral("AKID"), QStringLiteral("secret"), QStringLiteral("TOK")},
                QStringLiteral("us-east-1"), QStringLiteral("s3"), SigV4Signer::UriMode::S3);
        SigV4Request r{"GET", "/k", "", {{"host", "b.s3.amazonaws.com"}}, {}};
        const auto s = signer.sign(r, QDateTime::currentDateTimeUtc());
        QVERIFY(s.authorization.contains("SignedHeaders=host;x-amz-date;x-amz-security-token,"));
        bool found = false;
        for (const auto &[name, value] : s.addedHeaders)
            found = found || (name == "x-amz-security-token" && value == "TOK");
        QVERIFY(found);
    }

    void s3UriIsEncodedOnceAndNotNormalized()
    {
        QCOMPARE(SigV4Signer::canonicalUri("/b/a%20b//c/./d", SigV4Signer::UriMode::S3),
                 QByteArray("/b/a%20b//c/./d"));
        QCOMPARE(SigV4Signer::canonicalUri("/test$file.text", SigV4Signer::UriMode::S3),
                 QByteArray("/test%24file.text"));
        QCOMPARE(SigV4Signer::canonicalQuery("prefix=J&max-keys=2&empty"),
                 QByteArray("empty=&max-keys=2&prefix=J"));
    }

    void s3AddressingStyles()
    {
        S3Config config;
        config.key = QStringLiteral("K");
        config.secret = QStringLiteral("S");
        S3BucketConfig minio;
        minio.host = QStringLiteral("minio.local:9000");
        minio.key = QStringLiteral("MK");
        minio.secret = QStringLiteral("MS");
        minio.secure = false;
        config.credentials << minio;
        S3BucketConfig eu;
        eu.bucket = QStringLiteral("eu-bucket");
        eu.region = QStringLiteral("eu-west-1");
        eu.key = QStringLiteral("EK");
        config.credentials << eu;

        auto aws = resolveS3Location(QUrl(QStringLiteral("s3://plain/dir/my file.bin")), config);
        QVERIFY(aws);
        QCOMPARE(aws->httpUrl().toString(QUrl::FullyEncoded),
                 QStringLiteral("https://plain.s3.amazonaws.com/dir/my%20file.bin"));
        QCOMPARE(aws->credentials.accessKey, QStringLiteral("K"));
        QCOMPARE(aws->region, QStringLiteral("us-east-1"));

        auto regional = resolveS3Location(QUrl(QStringLiteral("s3://eu-bucket/k")), config);
        QVERIFY(regional);
        QCOMPARE(regional->httpUrl().toString(),
                 QStringLiteral("https://eu-bucket.s3.eu-west-1.amazonaws.com/k"));
        QCOMPARE(regional->credentials.accessKey, QStringLiteral("EK"));
        QCOMPARE(regional->credentials.secretKey, QStringLiteral("S")); // falls back to default

        auto custom = resolveS3Location(QUrl(QStringLiteral("s3://minio.local:9000/bkt/a/b.txt")),
                                        config);
        QVERIFY(custom);
        QVERIFY(custom->pathStyle);
        QCOMPARE(custom->httpUrl().toString(),
                 QStringLiteral("http://minio.local:9000/bkt/a/b.txt"));
        QCOMPARE(custom->credentials.accessKey, QStringLiteral("MK"));

        QVERIFY(!resolveS3Location(QUrl(QStringLiteral("s3://host:9000/")), config));
        QCOMPARE(resolveS3Location(QUrl(QStringLiteral("gs://b/k")), config).error().kind,
                 Error::Kind::Unsupported);
    }

    void environmentFillsDefaults()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("EK"));
        env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("ES"));
        env.insert(QStringLiteral("AWS_SESSION_TOKEN"), QStringLiteral("ET"));
        env.insert(QStringLiteral("AWS_DEFAULT_REGION"), QStringLiteral("eu-central-1"));
        S3Config config;
        config.key = QStringLiteral("CONF");
        config.applyEnvironment(env);
        QCOMPARE(config.key, QStringLiteral("CONF")); // the file wins
        QCOMPARE(config.secret, QStringLiteral("ES"));
        QCOMPARE(config.token, QStringLiteral("ET"));
        QCOMPARE(config.region, QStringLiteral("eu-central-1"));
    }
};

QTEST_GUILESS_MAIN(TestSigV4Signer)
#include "tst_sigv4signer.moc"

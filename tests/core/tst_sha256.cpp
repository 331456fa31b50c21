// Sha256 (OpenSSL EVP) against the FIPS 180-2 vectors and Qt's own implementation.
#include "common/sha256.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QtTest>

using namespace Trove;

class TestSha256 : public QObject
{
    Q_OBJECT

private slots:
    void knownVectors_data();
    void knownVectors();
    void incrementalEqualsOneShotAndQt();
    void resultTwiceAndReset();
};

void TestSha256::knownVectors_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("hex");
    QTest::newRow("empty") << QByteArray()
                           << QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b"
                                         "7852b855");
    QTest::newRow("abc") << QByteArray("abc")
                         << QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61"
                                       "f20015ad");
    QTest::newRow("448 bits")
            << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            << QByteArray("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

void TestSha256::knownVectors()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, hex);
    QCOMPARE(Sha256::hashHex(input), hex);
    Sha256 hash;
    hash.addData(input);
    QCOMPARE(hash.result().size(), 32);
    QCOMPARE(hash.result().toHex(), hex);
}

void TestSha256::incrementalEqualsOneShotAndQt()
{
    QByteArray data(3 * 1024 * 1024 + 17, Qt::Uninitialized);
    QRandomGenerator rng(7);
    for (char &c : data)
        c = static_cast<char>(rng.bounded(256));
    Sha256 hash;
    // Uneven chunks, empty ones included, as network reads deliver them.
    qsizetype offset = 0;
    for (qsizetype step = 0; offset < data.size(); step = (step * 7 + 13) % 70001) {
        const qsizetype n = std::min(step, data.size() - offset);
        hash.addData(QByteArrayView(data.constData() + offset, n));
        offset += n;
    }
    QCOMPARE(hash.result().toHex(), Sha256::hashHex(data));
    QCOMPARE(hash.result(), QCryptographicHash::hash(data, QCryptographicHash::Sha256));
}

void TestSha256::resultTwiceAndReset()
{
    Sha256 hash;
    hash.addData("ab");
    const QByteArray first = hash.result();
    QCOMPARE(hash.result(), first); // result() does not finalize the running state
    hash.addData("c");
    QCOMPARE(hash.result().toHex(), Sha256::hashHex("abc"));
    hash.reset();
    QCOMPARE(hash.result().toHex(), Sha256::hashHex(QByteArray()));
}

QTEST_GUILESS_MAIN(TestSha256)
#include "tst_sha256.moc"

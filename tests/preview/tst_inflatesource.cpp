// InflateSource: sequential reads of any size stream the compressed bytes once (no restart from
// a checkpoint between reads), random reads return the right bytes, multi-member gzip works.
#include "countingsource.h"
#include "preview/inflatesource.h"
#include "previewtestutil.h"

#include <QRandomGenerator>
#include <QtTest>

using namespace Trove;
using TroveTest::CountingSource;

namespace {

/// One gzip member (the shared test helper, windowBits 31).
QByteArray gzip(const QByteArray &data, int level = 6)
{
    return TestUtil::deflateBytes(data, 31, level);
}

/// CSV-like text: compressible, but not trivially (about 4:1).
QByteArray sampleText(qsizetype bytes)
{
    QByteArray text;
    text.reserve(bytes + 64);
    QRandomGenerator rng(11);
    for (qint64 row = 0; text.size() < bytes; ++row)
        text += QByteArray::number(row) + ',' + QByteArray::number(rng.bounded(100000)) + ",item "
                + QByteArray::number(rng.bounded(5000)) + '\n';
    text.truncate(bytes);
    return text;
}

} // namespace

class TestInflateSource : public QObject
{
    Q_OBJECT

private slots:
    void sequentialReadsInflateOnce_data();
    void sequentialReadsInflateOnce();
    void randomReads();
    void multiMember();
};

void TestInflateSource::sequentialReadsInflateOnce_data()
{
    QTest::addColumn<qint64>("readSize");
    // Sizes that do and do not divide the internal 64 KiB output chunk.
    QTest::newRow("256 KiB") << qint64(256 * 1024);
    QTest::newRow("100000") << qint64(100000);
    QTest::newRow("4097") << qint64(4097);
    QTest::newRow("1 MiB + 3") << qint64((1 << 20) + 3);
}

void TestInflateSource::sequentialReadsInflateOnce()
{
    QFETCH(qint64, readSize);
    const QByteArray text = sampleText(12 << 20);
    const QByteArray gz = gzip(text);
    auto memory = memorySource(gz, QStringLiteral("sample.csv.gz"));
    CountingSource counted(*memory);
    InflateSource source(counted, InflateSource::Format::Gzip, PreviewOptions{});
    QByteArray back;
    for (qint64 at = 0;; at += readSize) {
        auto chunk = source.read(at, readSize);
        QVERIFY(chunk);
        if (chunk->isEmpty())
            break;
        QVERIFY(chunk->size() == readSize || at + chunk->size() == text.size());
        back += *chunk;
    }
    QCOMPARE(back.size(), text.size());
    QVERIFY(back == text);
    QVERIFY(!source.streamError());
    // Each compressed byte is fetched once (plus the small reads that probe for a next gzip
    // member at the end): restarting from checkpoints would multiply this.
    QVERIFY2(counted.bytesRequested() <= gz.size() + 2 * 256 * 1024,
             qPrintable(QStringLiteral("%1 compressed bytes requested for a %2-byte file")
                                .arg(counted.bytesRequested())
                                .arg(gz.size())));
    QVERIFY(counted.lowestOffset() == 0);
    for (int i = 1; i < counted.reads().size(); ++i)
        QVERIFY2(counted.reads()[i].first >= counted.reads()[i - 1].first,
                 "a sequential scan went back in the compressed file");
}

void TestInflateSource::randomReads()
{
    const QByteArray text = sampleText(9 << 20);
    auto memory = memorySource(gzip(text, 1), QStringLiteral("r.gz"));
    InflateSource source(*memory, InflateSource::Format::Gzip, PreviewOptions{});
    QVERIFY(source.read(0, text.size() + 10).value() == text); // builds the checkpoints
    QCOMPARE(source.size(), qint64(text.size()));
    QRandomGenerator rng(5);
    for (int i = 0; i < 40; ++i) {
        const qint64 at = rng.bounded(qint64(text.size()));
        const qint64 len = rng.bounded(qint64(300000));
        const auto got = source.read(at, len);
        QVERIFY(got);
        QVERIFY(*got == text.mid(at, len));
    }
}

void TestInflateSource::multiMember()
{
    const QByteArray a = sampleText(300000);
    const QByteArray b = sampleText(500000).toUpper();
    auto memory = memorySource(gzip(a) + gzip(b), QStringLiteral("m.gz"));
    InflateSource source(*memory, InflateSource::Format::Gzip, PreviewOptions{});
    QByteArray back;
    for (qint64 at = 0;; at += 70000) {
        const QByteArray chunk = source.read(at, 70000).value();
        if (chunk.isEmpty())
            break;
        back += chunk;
    }
    QVERIFY(back == a + b);
}

QTEST_GUILESS_MAIN(TestInflateSource)
#include "tst_inflatesource.moc"

#include "countingsource.h"
#include "zipbuilder.h"

#include "common/bytesource.h"
#include "preview/zipmemberstream.h"
#include "preview/zipreader.h"

#include <QDir>
#include <QRandomGenerator>
#include <QtTest>

using namespace Trove;
using TroveTest::ZipBuilder;
using TroveTest::ZipMemberSpec;

namespace {

QByteArray randomBytes(int n, quint32 seed)
{
    QRandomGenerator gen(seed);
    QByteArray out(n, Qt::Uninitialized);
    for (int i = 0; i < n; ++i)
        out[i] = char(gen.bounded(256));
    return out;
}

QString dataFile(const QString &name)
{
    return qEnvironmentVariable("TROVE_TEST_DATA") + QStringLiteral("/preview/zip/") + name;
}

} // namespace

class TestZipReader final : public QObject
{
    Q_OBJECT

private slots:
    void listsAndExtractsStoredAndDeflated()
    {
        ZipBuilder b;
        const QByteArray text = QByteArray("hello world\n").repeated(1000);
        const QByteArray rnd = randomBytes(200000, 1);
        b.add("dir/", QByteArray());
        b.add("dir/text.txt", text, true);
        b.add("random.bin", rnd, false);
        b.add("empty.txt", QByteArray(), true);
        auto src = memorySource(b.build(), QStringLiteral("t.zip"));
        ZipReader zip(*src);
        QVERIFY(zip.open().ok());
        QCOMPARE(zip.entries().size(), 4);
        QVERIFY(zip.entries().at(0).isDirectory);
        const int t = zip.findEntry(QStringLiteral("dir/text.txt"));
        QCOMPARE(t, 1);
        QCOMPARE(zip.entries().at(t).uncompressedSize, quint64(text.size()));
        QVERIFY(zip.entries().at(t).compressedSize < quint64(text.size()));
        QCOMPARE(zip.entries().at(t).methodName(), QStringLiteral("deflated"));
        QCOMPARE(zip.entries().at(t).modified.date(), QDate(1980, 1, 1));

        auto all = zip.readMember(t, 1 << 20);
        QVERIFY2(all.ok(), qPrintable(all.ok() ? QString() : all.error().message));
        QCOMPARE(*all, text);
        auto r = zip.readMember(zip.findEntry(QStringLiteral("random.bin")), 1 << 20);
        QVERIFY(r.ok());
        QCOMPARE(*r, rnd);
        auto e = zip.readMember(3, 100);
        QVERIFY(e.ok());
        QVERIFY(e->isEmpty());
        QCOMPARE(zip.findEntry(QStringLiteral("missing")), -1);
        QVERIFY(zip.warnings().isEmpty());
    }

    void streamsInSmallChunks()
    {
        ZipBuilder b;
        const QByteArray data = randomBytes(300000, 2) + QByteArray(300000, 'x');
        b.add("m.bin", data, true);
        auto src = memorySource(b.build());
        ZipReader zip(*src);
        QVERIFY(zip.open().ok());
        auto s = zip.openMember(0);
        QVERIFY(s.ok());
        QByteArray got;
        while (!(*s)->atEnd()) {
            auto chunk = (*s)->read(777);
            QVERIFY(chunk.ok());
            QVERIFY(chunk->size() <= 777);
            got += *chunk;
        }
        QCOMPARE(got, data);
        QCOMPARE((*s)->position(), qint64(data.size()));
    }

    void memberSourceIsRandomAccess()
    {
        ZipBuilder b;
        const QByteArray data = randomBytes(100000, 3);
        b.add("s.bin", data, false);
        b.add("d.bin", data, true);
        auto src = memorySource(b.build());
        ZipReader zip(*src);
        QVERIFY(zip.open().ok());
        for (int i = 0; i < 2; ++i) {
            auto m = zip.memberSource(i);
            QVERIFY(m.ok());
            QCOMPARE((*m)->size(), qint64(data.size()));
            auto a = (*m)->read(50000, 100);
            QVERIFY(a.ok());
            QCOMPARE(*a, data.mid(50000, 100));
            auto back = (*m)->read(10, 20); // backward: re-inflates when deflated
            QVERIFY(back.ok());
            QCOMPARE(*back, data.mid(10, 20));
            auto end = (*m)->read(99990, 100);
            QVERIFY(end.ok());
            QCOMPARE(*end, data.mid(99990));
        }
    }

    void remoteListingReadsOnlyTheTail()
    {
        ZipBuilder b;
        for (int i = 0; i < 6; ++i)
            b.add(QByteArray("member") + QByteArray::number(i), randomBytes(1 << 20, 10 + i));
        const QByteArray bytes = b.build();
        auto mem = memorySource(bytes);
        TroveTest::CountingSource counting(*mem);
        ZipReader zip(counting);
        QVERIFY(zip.open().ok());
        QCOMPARE(zip.entries().size(), 6);
        // Only the last ~64 KiB were requested, in a single read; no member data was touched.
        QCOMPARE(counting.reads().size(), 1);
        QVERIFY(counting.lowestOffset() >= bytes.size() - 70000);
        QVERIFY(counting.bytesRequested() < 70000);
        QVERIFY(counting.bytesRequested() < bytes.size() / 50);

        // Extracting one member reads that member alone.
        const qint64 before = counting.bytesRequested();
        auto m = zip.readMember(3, 1 << 21);
        QVERIFY(m.ok());
        QCOMPARE(m->size(), 1 << 20);
        QVERIFY(counting.bytesRequested() - before < (1 << 20) + 1000);
    }

    void largeCentralDirectoryIsReadSeparately()
    {
        ZipBuilder b;
        for (int i = 0; i < 3000; ++i)
            b.add(QByteArray("some/long/directory/name/file_") + QByteArray::number(i) + ".txt",
                  QByteArray::number(i));
        const QByteArray bytes = b.build();
        auto mem = memorySource(bytes);
        TroveTest::CountingSource counting(*mem);
        ZipReader zip(counting);
        QVERIFY(zip.open().ok());
        QCOMPARE(zip.entries().size(), 3000);
        QVERIFY(counting.reads().size() <= 3);
        QCOMPARE(zip.entries().at(2999).name,
                 QStringLiteral("some/long/directory/name/file_2999.txt"));
        auto r = zip.readMember(2999, 100);
        QVERIFY(r.ok());
        QCOMPARE(*r, QByteArray("2999"));
    }

    void zip64Records()
    {
        ZipBuilder b;
        ZipMemberSpec m;
        m.name = "big.bin";
        m.data = QByteArray(5000, 'z');
        m.deflate = true;
        m.forceZip64 = true;
        b.add(m);
        b.add("plain.txt", "plain");
        b.setZip64End(true);
        auto src = memorySource(b.build());
        ZipReader zip(*src);
        QVERIFY(zip.open().ok());
        QVERIFY(zip.isZip64());
        QCOMPARE(zip.entries().size(), 2);
        QCOMPARE(zip.entries().at(0).uncompressedSize, quint64(5000));
        auto r = zip.readMember(0, 10000);
        QVERIFY(r.ok());
        QCOMPARE(*r, QByteArray(5000, 'z'));

        // The same written by Python's zipfile (force_zip64), checked in.
        auto file = openFileSource(dataFile(QStringLiteral("zip64.zip")));
        QVERIFY(file);
        ZipReader py(*file);
        QVERIFY(py.open().ok());
        auto big = py.readMember(py.findEntry(QStringLiteral("big.txt")), 1 << 20);
        QVERIFY(big.ok());
        QCOMPARE(*big, QByteArray("hello zip64\n").repeated(100));
    }

    void prefixedArchive()
    {
        ZipBuilder b;
        b.setPrefix(QByteArray(1000, '#'));
        b.add("a.txt", "alpha", true);
        b.setZip64End(true);
        auto src = memorySource(b.build());
        ZipReader zip(*src);
        QVERIFY(zip.open().ok());
        QCOMPARE(zip.prefixBytes(), quint64(1000));
        auto r = zip.readMember(0, 100);
        QVERIFY(r.ok());
        QCOMPARE(*r, QByteArray("alpha"));
    }

    void zipSlipNamesAreFlagged_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("unsafe");
        QTest::newRow("parent") << QStringLiteral("../evil") << true;
        QTest::newRow("nested parent") << QStringLiteral("a/../../evil") << true;
        QTest::newRow("absolute") << QStringLiteral("/etc/passwd") << true;
        QTest::newRow("backslash") << QStringLiteral("..\\evil") << true;
        QTest::newRow("drive") << QStringLiteral("C:/x") << true;
        QTest::newRow("dots in name") << QStringLiteral("a/..b/c..") << false;
        QTest::newRow("plain") << QStringLiteral("dir/file.txt") << false;
    }
    void zipSlipNamesAreFlagged()
    {
        QFETCH(QString, name);
        QFETCH(bool, unsafe);
        QCOMPARE(ZipReader::isUnsafeName(name), unsafe);
    }

    void zipSlipFile()
    {
        auto file = openFileSource(dataFile(QStringLiteral("zipslip.zip")));
        QVERIFY(file);
        ZipReader zip(*file);
        QVERIFY(zip.open().ok());
        QCOMPARE(zip.entries().size(), 5);
        int unsafe = 0;
        for (const auto &e : zip.entries())
            unsafe += e.unsafeName ? 1 : 0;
        QCOMPARE(unsafe, 4);
        QVERIFY(!zip.entries().at(4).unsafeName);
        QCOMPARE(zip.warnings().size(), 4);
    }

    void zipBombCaps()
    {
        // The checked-in bomb inflates 30 KB into 30 MB.
        auto file = openFileSource(dataFile(QStringLiteral("bomb.zip")));
        QVERIFY(file);
        PreviewOptions opts;
        opts.maxDecompressedBytes = 10 << 20;
        ZipReader zip(*file, opts);
        QVERIFY(zip.open().ok());
        auto r = zip.openMember(0);
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.contains(QStringLiteral("cap")));

        // A member that lies about its size: declared 1000 bytes, inflates to 1 MB.
        ZipBuilder b;
        ZipMemberSpec m;
        m.name = "liar.bin";
        m.data = QByteArray(1 << 20, '\0');
        m.deflate = true;
        m.declaredSize = 1000;
        b.add(m);
        auto src = memorySource(b.build());
        ZipReader liar(*src);
        QVERIFY(liar.open().ok());
        auto got = liar.readMember(0, 1 << 22);
        QVERIFY(!got.ok());
        QCOMPARE(got.error().kind, Error::Kind::Integrity);

        // A declared ratio deflate cannot reach.
        ZipBuilder b2;
        ZipMemberSpec m2;
        m2.name = "ratio.bin";
        m2.data = QByteArray(100, 'a');
        m2.deflate = true;
        m2.declaredSize = qint64(3) << 30;
        b2.add(m2);
        auto src2 = memorySource(b2.build());
        ZipReader ratio(*src2);
        QVERIFY(ratio.open().ok());
        auto r2 = ratio.openMember(0);
        QVERIFY(!r2.ok());
        QVERIFY(r2.error().message.contains(QStringLiteral("ratio")));
    }

    void totalBudgetIsShared()
    {
        ZipBuilder b;
        b.add("a", QByteArray(600000, 'a'), true);
        b.add("b", QByteArray(600000, 'b'), true);
        auto src = memorySource(b.build());
        PreviewOptions opts;
        opts.maxDecompressedBytes = 1000000;
        ZipReader zip(*src, opts);
        QVERIFY(zip.open().ok());
        QVERIFY(zip.readMember(0, 1 << 20).ok());
        auto second = zip.readMember(1, 1 << 20);
        QVERIFY(!second.ok());
        QVERIFY(second.error().message.contains(QStringLiteral("cap")));
    }

    void overlappingAndLyingOffsets()
    {
        auto file = openFileSource(dataFile(QStringLiteral("overlap.zip")));
        QVERIFY(file);
        ZipReader zip(*file);
        QVERIFY(zip.open().ok());
        QVERIFY(zip.entries().at(0).badRange);
        QVERIFY(zip.entries().at(1).badRange);
        QVERIFY(!zip.openMember(1).ok());
        QVERIFY(!zip.warnings().isEmpty());

        auto lying = openFileSource(dataFile(QStringLiteral("lying_cd.zip")));
        QVERIFY(lying);
        ZipReader l(*lying);
        QVERIFY(l.open().ok());
        QCOMPARE(l.entries().size(), 2);
        QVERIFY(l.entries().at(1).badRange);
        QVERIFY(!l.openMember(1).ok());
        auto first = l.readMember(0, 1 << 20); // declares 10 bytes, stored 3000
        QVERIFY(!first.ok());
    }

    void crcMismatch()
    {
        ZipBuilder b;
        ZipMemberSpec m;
        m.name = "c.txt";
        m.data = "content";
        m.crcOverride = 1234;
        b.add(m);
        auto src = memorySource(b.build());
        ZipReader zip(*src);
        QVERIFY(zip.open().ok());
        auto r = zip.readMember(0, 100);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, Error::Kind::Integrity);
    }

    void truncatedAndGarbage_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QFile t1(dataFile(QStringLiteral("truncated.zip")));
        QVERIFY(t1.open(QIODevice::ReadOnly));
        QFile t2(dataFile(QStringLiteral("truncated_tail.zip")));
        QVERIFY(t2.open(QIODevice::ReadOnly));
        QTest::newRow("half") << t1.readAll();
        QTest::newRow("tail cut") << t2.readAll();
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("garbage") << randomBytes(5000, 7);
        QTest::newRow("end record only") << QByteArray("PK\x05\x06", 4) + QByteArray(4, '\0')
                                                    + QByteArray(12, '\xff') + QByteArray(2, '\0');
    }
    void truncatedAndGarbage()
    {
        QFETCH(QByteArray, bytes);
        auto src = memorySource(bytes);
        ZipReader zip(*src);
        const auto s = zip.open();
        QVERIFY(!s.ok());
        QCOMPARE(s.error().kind, Error::Kind::Parse);
        QVERIFY(!s.error().message.isEmpty());
    }

    void truncatedMemberData()
    {
        ZipBuilder b;
        ZipMemberSpec m;
        m.name = "d.bin";
        m.data = randomBytes(5000, 9);
        m.deflate = true;
        m.declaredCompressed = 100; // the deflate stream is cut short
        b.add(m);
        auto src = memorySource(b.build());
        ZipReader zip(*src);
        QVERIFY(zip.open().ok());
        auto r = zip.readMember(0, 1 << 20);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, Error::Kind::Parse);
    }

    void entryCap()
    {
        ZipBuilder b;
        for (int i = 0; i < 10; ++i)
            b.add(QByteArray::number(i), "x");
        auto src = memorySource(b.build());
        ZipReader zip(*src);
        zip.setMaxEntries(5);
        QVERIFY(zip.open().ok());
        QCOMPARE(zip.entries().size(), 5);
        QVERIFY(zip.isTruncated());
        QCOMPARE(zip.declaredEntryCount(), quint64(10));
    }

    void cancellation()
    {
        ZipBuilder b;
        b.add("a", randomBytes(1 << 20, 4), true);
        auto src = memorySource(b.build());
        std::atomic<bool> cancel{false};
        PreviewOptions opts;
        opts.cancel = &cancel;
        ZipReader zip(*src, opts);
        QVERIFY(zip.open().ok());
        auto s = zip.openMember(0);
        QVERIFY(s.ok());
        QVERIFY((*s)->read(1000).ok());
        cancel = true;
        auto r = (*s)->read(1 << 20);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, Error::Kind::Cancelled);
    }

    void cp437Names()
    {
        ZipBuilder b;
        ZipMemberSpec m;
        m.name = QByteArray("caf\x82.txt"); // CP437 é, no UTF-8 flag
        m.flags = 0;
        m.data = "x";
        b.add(m);
        auto src = memorySource(b.build());
        ZipReader zip(*src);
        QVERIFY(zip.open().ok());
        QCOMPARE(zip.entries().at(0).name, QStringLiteral("caf\u00e9.txt"));
    }
};

QTEST_GUILESS_MAIN(TestZipReader)
#include "tst_zipreader.moc"

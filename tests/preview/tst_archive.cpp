#include "countingsource.h"
#include "zipbuilder.h"

#include "common/bytesource.h"
#include "preview/archivedecoder.h"
#include "preview/archivetreemodel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace Trove;

namespace {
QString dataFile(const QString &name)
{
    return qEnvironmentVariable("TROVE_TEST_DATA") + QStringLiteral("/preview/archive/") + name;
}
} // namespace

class TestArchive final : public QObject
{
    Q_OBJECT

private slots:
    void tarListing_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("format");
        QTest::newRow("tar") << QStringLiteral("sample.tar") << QStringLiteral("tar");
        QTest::newRow("tar.gz") << QStringLiteral("sample.tar.gz") << QStringLiteral("tar.gz");
    }
    void tarListing()
    {
        QFETCH(QString, file);
        QFETCH(QString, format);
        auto src = openFileSource(dataFile(file));
        QVERIFY(src);
        auto r = ArchiveDecoder::list(*src, PreviewOptions{});
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        QCOMPARE(r->format, format);
        QCOMPARE(r->members.size(), 4);
        QCOMPARE(r->members.at(0).type, QStringLiteral("dir"));
        QCOMPARE(r->members.at(1).name, QStringLiteral("dir/hello.txt"));
        QCOMPARE(r->members.at(2).size, qint64(100000));
        QCOMPARE(r->members.at(1).modified.toSecsSinceEpoch(), qint64(1700000000));
        QCOMPARE(r->totalSize, qint64(100000 + 10 + 8));
        QVERIFY(r->warnings.isEmpty());
        const auto j = r->toJson();
        QCOMPARE(j.at("member_count").get<int>(), 4);

        auto m = ArchiveDecoder::extract(*src, QStringLiteral("dir/hello.txt"), 1 << 20,
                                         PreviewOptions{});
        QVERIFY(m.ok());
        QCOMPARE(*m, QByteArray("hello tar\n"));
        auto capped = ArchiveDecoder::extract(*src, QStringLiteral("dir/big.bin"), 1000,
                                              PreviewOptions{});
        QVERIFY(capped.ok());
        QCOMPARE(capped->size(), 1000);
        QVERIFY(!ArchiveDecoder::extract(*src, QStringLiteral("missing"), 10, PreviewOptions{})
                         .ok());

        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("big.bin"));
        QVERIFY(ArchiveDecoder::extractToFile(*src, QStringLiteral("dir/big.bin"), out,
                                              PreviewOptions{})
                        .ok());
        QCOMPARE(QFileInfo(out).size(), qint64(100000));
        PreviewOptions small;
        small.maxDecompressedBytes = 1000;
        const QString refused = dir.filePath(QStringLiteral("refused.bin"));
        QVERIFY(!ArchiveDecoder::extractToFile(*src, QStringLiteral("dir/big.bin"), refused, small)
                         .ok());
        QVERIFY(!QFile::exists(refused)); // QSaveFile: nothing half-written is left
    }

    void plainTarSkipsMemberData()
    {
        auto file = openFileSource(dataFile(QStringLiteral("sample.tar")));
        QVERIFY(file);
        TroveTest::CountingSource counting(*file);
        auto r = ArchiveDecoder::list(counting, PreviewOptions{});
        QVERIFY(r.ok());
        // The 100 KB member is skipped via the skip callback, not read.
        QVERIFY2(counting.bytesRequested() < 100000 || counting.reads().size() <= 3,
                 qPrintable(QString::number(counting.bytesRequested())));
    }

    void zipListingAndExtraction()
    {
        TroveTest::ZipBuilder b;
        b.add("a/one.txt", "one", true);
        b.add("two.bin", QByteArray(5000, 'x'));
        auto src = memorySource(b.build());
        auto r = ArchiveDecoder::list(*src, PreviewOptions{});
        QVERIFY(r.ok());
        QCOMPARE(r->format, QStringLiteral("zip"));
        QCOMPARE(r->members.size(), 2);
        QCOMPARE(r->members.at(0).method, QStringLiteral("deflated"));
        QVERIFY(r->members.at(0).compressedSize > 0);
        auto m = ArchiveDecoder::extract(*src, QStringLiteral("a/one.txt"), 100, PreviewOptions{});
        QVERIFY(m.ok());
        QCOMPARE(*m, QByteArray("one"));
    }

    void unsafeNamesFlagged()
    {
        auto src = openFileSource(dataFile(QStringLiteral("slip.tar")));
        QVERIFY(src);
        auto r = ArchiveDecoder::list(*src, PreviewOptions{});
        QVERIFY(r.ok());
        QCOMPARE(r->members.size(), 4);
        QVERIFY(r->members.at(0).unsafeName);
        QVERIFY(r->members.at(1).unsafeName);
        QCOMPARE(r->members.at(2).type, QStringLiteral("symlink"));
        QCOMPARE(r->members.at(2).linkTarget, QStringLiteral("/etc/passwd"));
        QVERIFY(r->members.at(2).unsafeName);
        QVERIFY(!r->members.at(3).unsafeName);
        QCOMPARE(r->warnings.size(), 3);
    }

    void bombStopsAtTheCap()
    {
        auto src = openFileSource(dataFile(QStringLiteral("bomb.tar.gz")));
        QVERIFY(src);
        PreviewOptions opts;
        opts.maxDecompressedBytes = 8 << 20;
        auto r = ArchiveDecoder::list(*src, opts);
        QVERIFY(r.ok());
        QVERIFY(r->truncated);
        QVERIFY(r->members.size() <= 2);
        auto m = ArchiveDecoder::extract(*src, QStringLiteral("zeros.bin"), 1 << 20, opts);
        QVERIFY(m.ok());
        QCOMPARE(m->size(), 1 << 20);
    }

    void treeModel()
    {
        TroveTest::ZipBuilder b;
        b.add("a/b/one.txt", QByteArray(100, 'x'), true);
        b.add("a/two.txt", QByteArray(50, 'y'));
        b.add("top.txt", "t");
        b.add("../evil", "e");
        auto src = memorySource(b.build());
        auto listing = ArchiveDecoder::list(*src, PreviewOptions{});
        QVERIFY(listing.ok());
        ArchiveTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setListing(*listing);
        QCOMPARE(model.rowCount(), 3); // a, top.txt and the ".." folder
        const QModelIndex a = model.index(0, 0);
        QCOMPARE(a.data().toString(), QStringLiteral("a"));
        QVERIFY(a.data(ArchiveTreeModel::IsFolderRole).toBool());
        QCOMPARE(a.data(ArchiveTreeModel::SizeRole).toLongLong(), qint64(150));
        QCOMPARE(model.rowCount(a), 2);
        const QModelIndex one = model.index(0, 0, model.index(0, 0, a));
        QCOMPARE(one.data(ArchiveTreeModel::PathRole).toString(), QStringLiteral("a/b/one.txt"));
        QCOMPARE(one.data(ArchiveTreeModel::SizeRole).toLongLong(), qint64(100));
        QVERIFY(one.data(ArchiveTreeModel::CompressedSizeRole).toLongLong() > 0);
        QCOMPARE(model.parent(one).parent(), a);
        const QModelIndex evil = model.index(0, 0, model.index(2, 0));
        QVERIFY(evil.data(ArchiveTreeModel::UnsafeNameRole).toBool());
    }

    void brokenArchives_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QFile t(dataFile(QStringLiteral("truncated.tar.gz")));
        QVERIFY(t.open(QIODevice::ReadOnly));
        QTest::newRow("truncated tar.gz") << t.readAll();
        QTest::newRow("garbage") << QByteArray(2000, 'g');
        QTest::newRow("gzip of text")
                << QByteArray::fromBase64("H4sIAAAAAAAAA8tIzcnJBwCGphA2BQAAAA==");
    }
    void brokenArchives()
    {
        QFETCH(QByteArray, bytes);
        auto src = memorySource(bytes);
        auto r = ArchiveDecoder::list(*src, PreviewOptions{});
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, Error::Kind::Parse);
    }
};

QTEST_GUILESS_MAIN(TestArchive)
#include "tst_archive.moc"

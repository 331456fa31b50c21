#include "cache/archiveextractor.h"
#include "transfers/folderzipper.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <archive.h>
#include <archive_entry.h>

using namespace Trove;

namespace {

void writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
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

QStringList zipMembers(const QString &zip, QStringList *compression = nullptr)
{
    QStringList names;
    archive *a = archive_read_new();
    archive_read_support_format_zip(a);
    if (archive_read_open_filename(a, QFile::encodeName(zip).constData(), 65536) == ARCHIVE_OK) {
        archive_entry *e = nullptr;
        while (archive_read_next_header(a, &e) == ARCHIVE_OK) {
            names << QString::fromUtf8(archive_entry_pathname_utf8(e));
            if (compression)
                *compression << QString::fromLatin1(archive_format_name(a));
            archive_read_data_skip(a);
        }
    }
    archive_read_free(a);
    return names;
}

/// A hostile archive built member by member (names and types as an attacker chooses).
void writeHostileTar(const QString &path,
                     const QList<QPair<QByteArray, int>> &members,
                     const QByteArray &linkTarget = {},
                     qint64 bigSize = 0)
{
    archive *a = archive_write_new();
    archive_write_set_format_pax_restricted(a);
    archive_write_add_filter_gzip(a);
    archive_write_open_filename(a, QFile::encodeName(path).constData());
    for (const auto &[name, type] : members) {
        archive_entry *e = archive_entry_new();
        archive_entry_set_pathname(e, name.constData());
        archive_entry_set_filetype(e, static_cast<unsigned>(type));
        archive_entry_set_perm(e, 0644);
        if (type == AE_IFLNK)
            archive_entry_set_symlink(e, linkTarget.constData());
        const qint64 size = type == AE_IFREG ? (bigSize > 0 ? bigSize : 5) : 0;
        archive_entry_set_size(e, size);
        archive_write_header(a, e);
        if (type == AE_IFREG) {
            QByteArray block(64 * 1024, '\0');
            for (qint64 done = 0; done < size;) {
                const qint64 n = std::min<qint64>(block.size(), size - done);
                archive_write_data(a, block.constData(), static_cast<size_t>(n));
                done += n;
            }
        }
        archive_entry_free(e);
    }
    archive_write_close(a);
    archive_write_free(a);
}

} // namespace

class TestArchive final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void zipMatchesTheSdkLayoutAndRoundTrips()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("folder"));
        writeFile(folder + QStringLiteral("/a.txt"), "alpha");
        writeFile(folder + QStringLiteral("/sub/b.csv"), QByteArray(3000, 'b'));
        writeFile(folder + QStringLiteral("/sub/deeper/c d.bin"), QByteArray(1, 'c'));
        writeFile(folder + QStringLiteral("/.hidden"), "h");
        QDir().mkpath(folder + QStringLiteral("/empty"));

        const QString zip = dir.filePath(QStringLiteral("folder.zip"));
        auto out = FolderZipper::zip(folder, zip);
        QVERIFY2(out, qPrintable(out ? QString() : out.error().userMessage()));
        QCOMPARE(out->fileCount, qint64(4));
        // Members relative to the folder, files only, no folder entries (zipfile.write per file).
        QCOMPARE(zipMembers(zip),
                 (QStringList{QStringLiteral(".hidden"), QStringLiteral("a.txt"),
                              QStringLiteral("sub/b.csv"), QStringLiteral("sub/deeper/c d.bin")}));
        QCOMPARE(out->preview,
                 QStringLiteral("Archive content %1/*:\n.hidden - 1 byte\na.txt - 5 "
                                "bytes\nsub/b.csv - 3 KB\nsub/deeper/c d.bin - 1 byte\n")
                         .arg(folder));
        QVERIFY(QFileInfo(zip).size() < 3000); // deflated

        // The SDK's cache folder naming is the caller's; here: extract and compare the tree.
        const QString target = dir.filePath(QStringLiteral("x.folder_artifacts_archive_folder"));
        auto extracted = ArchiveExtractor::extract(zip, target);
        QVERIFY(extracted);
        auto expected = tree(folder);
        QCOMPARE(tree(target), expected);
        // No temporary folder left beside the target.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(), 2);
        // A second extraction reuses the folder.
        QVERIFY(ArchiveExtractor::extract(zip, target));
    }

    void unsafeNames_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<int>("type");
        QTest::newRow("dotdot") << QByteArray("../evil.txt") << int(AE_IFREG);
        QTest::newRow("nested dotdot") << QByteArray("a/../../evil.txt") << int(AE_IFREG);
        QTest::newRow("absolute") << QByteArray("/tmp/evil.txt") << int(AE_IFREG);
        QTest::newRow("symlink") << QByteArray("link") << int(AE_IFLNK);
    }
    void unsafeNames()
    {
        QFETCH(QByteArray, name);
        QFETCH(int, type);
        QTemporaryDir dir;
        const QString tar = dir.filePath(QStringLiteral("bad.tar.gz"));
        writeHostileTar(tar, {{"ok.txt", AE_IFREG}, {name, type}}, "/etc/passwd");
        const QString target = dir.filePath(QStringLiteral("out/target"));
        auto r = ArchiveExtractor::extract(tar, target);
        QVERIFY(!r);
        QCOMPARE(r.error().kind, Error::Kind::Parse);
        QVERIFY(!QFileInfo::exists(target));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("evil.txt"))));
        QCOMPARE(QDir(dir.filePath(QStringLiteral("out")))
                         .entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
                 QStringList()); // the temp folder is gone too
    }

    void bombIsRefused()
    {
        QTemporaryDir dir;
        const QString tar = dir.filePath(QStringLiteral("bomb.tar.gz"));
        writeHostileTar(tar, {{"zeros.bin", AE_IFREG}}, {}, qint64(80) << 20); // 80 MiB of zeros
        ArchiveExtractor::Limits limits;
        limits.maxRatio = 100; // 80 MiB of zeros gzip to ~80 KiB: ratio ~1000
        auto r = ArchiveExtractor::extract(tar, dir.filePath(QStringLiteral("t")), limits);
        QVERIFY(!r);
        QVERIFY(r.error().message.contains(QLatin1String("bomb")));
        limits = {};
        limits.maxTotalBytes = 1 << 20;
        r = ArchiveExtractor::extract(tar, dir.filePath(QStringLiteral("t")), limits);
        QVERIFY(!r);
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("t"))));
    }

    void garbageIsAParseError()
    {
        QTemporaryDir dir;
        const QString bad = dir.filePath(QStringLiteral("bad.zip"));
        writeFile(bad, "PK\x03\x04 this is not a zip at all");
        auto r = ArchiveExtractor::extract(bad, dir.filePath(QStringLiteral("t")));
        QVERIFY(!r);
        QCOMPARE(r.error().kind, Error::Kind::Parse);
    }

    void cancelStopsZipping()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("f/a")), QByteArray(200000, 'a'));
        std::atomic_bool cancel{true};
        auto r = FolderZipper::zip(dir.filePath(QStringLiteral("f")),
                                   dir.filePath(QStringLiteral("f.zip")), &cancel);
        QVERIFY(!r);
        QCOMPARE(r.error().kind, Error::Kind::Cancelled);
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("f.zip"))));
    }
};

QTEST_GUILESS_MAIN(TestArchive)
#include "tst_cachearchive.moc"

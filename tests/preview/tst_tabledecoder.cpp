#include "preview/inflatesource.h"
#include "preview/tabledecoder.h"
#include "previewtestutil.h"

#include <QRandomGenerator>
#include <QtTest>

using namespace Trove;

namespace {
QStringList strings(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *item : items)
        out.append(QString::fromUtf8(item));
    return out;
}

PreviewHints named(const QString &fileName)
{
    PreviewHints hints;
    hints.fileName = fileName;
    return hints;
}

// A table whose rows hold quoted commas, doubled quotes and embedded newlines, CRLF ends.
QByteArray trickyCsv(int rows, QList<QStringList> *expected)
{
    QByteArray out = "id,name,value\r\n";
    out.reserve(rows * 40);
    for (int i = 0; i < rows; ++i) {
        QString name;
        QByteArray cell;
        switch (i % 4) {
        case 0:
            name = QStringLiteral("plain%1").arg(i);
            cell = name.toUtf8();
            break;
        case 1:
            name = QStringLiteral("comma, %1").arg(i);
            cell = "\"" + name.toUtf8() + "\"";
            break;
        case 2:
            name = QStringLiteral("line\nbreak \"%1\"").arg(i);
            cell = "\"line\nbreak \"\"" + QByteArray::number(i) + "\"\"\"";
            break;
        default:
            name = QStringLiteral("crlf\r\ninside");
            cell = "\"crlf\r\ninside\"";
        }
        out += QByteArray::number(i) + "," + cell + "," + QByteArray::number(i * 0.5) + "\r\n";
        expected->append({QString::number(i), name, QString::number(i * 0.5)});
    }
    return out;
}
} // namespace

class tst_TableDecoder : public QObject
{
    Q_OBJECT
private slots:
    void sniffsDelimiters_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<char>("delimiter");
        QTest::newRow("comma") << QByteArray("a,b,c\n1,2,3\n4,5,6\n") << ',';
        QTest::newRow("tab") << QByteArray("a\tb\tc\n1\t2,5\t3\n4\t5\t6\n") << '\t';
        QTest::newRow("semicolon") << QByteArray("a;b\n1,5;2,25\n3,0;4,5\n") << ';';
        QTest::newRow("pipe") << QByteArray("a|b|c\nx|y|z\n1|2|3\n") << '|';
        QTest::newRow("quoted commas") << QByteArray("a;b\n\"x,y,z\";1\n\"p,q\";2\n") << ';';
    }
    void sniffsDelimiters()
    {
        QFETCH(QByteArray, data);
        QFETCH(char, delimiter);
        TableDecoder decoder(memorySource(data), named(QStringLiteral("t.csv")));
        auto schema = decoder.open();
        QVERIFY2(schema.ok(), qPrintable(schema.ok() ? QString() : schema.error().message));
        QCOMPARE(schema->dialect.delimiter, delimiter);
        QVERIFY(schema->hasHeader);
    }

    void typesAndHeader()
    {
        TableDecoder decoder(memorySource("n,x,flag,day,when,word\n"
                                          "1,1.5,true,2024-01-02,2024-01-02T10:00:00Z,a\n"
                                          "2,,false,2024-02-03,2024-01-02 11:30,b\n"
                                          "-3,1e3,True,2023-12-31,2024-01-03T00:00:00.5+01:00,c\n"),
                             named(QStringLiteral("t.csv")));
        auto schema = decoder.open();
        QVERIFY(schema.ok());
        QCOMPARE(schema->columns.size(), 6);
        QCOMPARE(schema->columns[0].type, ColumnType::Int);
        QCOMPARE(schema->columns[1].type, ColumnType::Float);
        QCOMPARE(schema->columns[2].type, ColumnType::Bool);
        QCOMPARE(schema->columns[3].type, ColumnType::Date);
        QCOMPARE(schema->columns[4].type, ColumnType::DateTime);
        QCOMPARE(schema->columns[5].type, ColumnType::Text);
        QCOMPARE(schema->rowCount, 3);
        auto stats = decoder.scan();
        QVERIFY(stats.ok());
        QCOMPARE(stats->rowCount, 3);
        QCOMPARE(stats->columns[0].min.value(), -3.0);
        QCOMPARE(stats->columns[0].max.value(), 2.0);
        QCOMPARE(stats->columns[0].mean.value(), 0.0);
        QCOMPARE(stats->columns[1].nullCount, 1);
        QCOMPARE(stats->columns[1].max.value(), 1000.0);
        QCOMPARE(stats->columns[3].minText, QStringLiteral("2023-12-31"));
        QCOMPARE(stats->columns[3].maxText, QStringLiteral("2024-02-03"));
        QCOMPARE(stats->columns[5].distinctEstimate, 3.0);
    }

    void noHeader()
    {
        TableDecoder decoder(memorySource("1,2.5,3\n4,5.5,6\n7,8.5,9\n"), {});
        auto schema = decoder.open();
        QVERIFY(schema.ok());
        QVERIFY(!schema->hasHeader);
        QCOMPARE(schema->columns[0].name, QStringLiteral("Column 1"));
        QCOMPARE(decoder.firstRows().size(), 3);
        QCOMPARE(decoder.firstRows()[0], strings({"1", "2.5", "3"}));
    }

    void quotingCrlfAndRandomAccess()
    {
        QList<QStringList> expected;
        const QByteArray data = trickyCsv(5000, &expected);
        TableDecoder decoder(memorySource(data), named(QStringLiteral("t.csv")));
        QVERIFY(decoder.open().ok());
        QCOMPARE(decoder.firstRows().mid(0, 4), expected.mid(0, 4));
        // Before any scan: late ranges are reached by parsing forward.
        auto late = decoder.rows(4990, 20);
        QVERIFY(late.ok());
        QCOMPARE(*late, expected.mid(4990, 10));
        auto stats = decoder.scan();
        QVERIFY(stats.ok());
        QCOMPARE(stats->rowCount, 5000);
        QCOMPARE(stats->raggedRows, 0);
        QCOMPARE(decoder.knownRowCount(), 5000);
        QVERIFY(decoder.rowIndexSize() >= 5);
        auto *rng = QRandomGenerator::global();
        for (int i = 0; i < 50; ++i) {
            const int first = rng->bounded(5000);
            const int count = 1 + rng->bounded(300);
            auto got = decoder.rows(first, count);
            QVERIFY(got.ok());
            QCOMPARE(*got, expected.mid(first, count));
        }
        QVERIFY(decoder.rows(5000, 5)->isEmpty());
    }

    void bomInvalidUtf8AndRagged()
    {
        TableDecoder decoder(
                memorySource("\xEF\xBB\xBFname,v\nok,1\nbad\xff\xfe,2\nshort\nlong,3,extra\n"),
                named(QStringLiteral("t.csv")));
        auto schema = decoder.open();
        QVERIFY(schema.ok());
        QVERIFY(schema->hasBom);
        QCOMPARE(schema->columns[0].name, QStringLiteral("name"));
        QCOMPARE(schema->columns.size(), 3);
        QCOMPARE(schema->columns[2].name, QStringLiteral("Unnamed: 2"));
        QVERIFY(!schema->notes.isEmpty());
        const auto &rows = decoder.firstRows();
        QCOMPARE(rows.size(), 4);
        QVERIFY(rows[1][0].startsWith(QStringLiteral("bad")));
        QVERIFY(rows[1][0].contains(QChar::ReplacementCharacter));
        QCOMPARE(rows[2], strings({"short"}));
        QCOMPARE(rows[3].size(), 3);
        auto stats = decoder.scan();
        QVERIFY(stats.ok());
        QCOMPARE(stats->raggedRows,
                 3); // "short" and "long" against 3 columns, and the 2-field rows
    }

    void emptyAndOneColumn()
    {
        TableDecoder empty(memorySource(QByteArray()), {});
        auto schema = empty.open();
        QVERIFY(schema.ok());
        QCOMPARE(schema->rowCount, 0);
        QVERIFY(empty.rows(0, 10)->isEmpty());
        QCOMPARE(empty.scan()->rowCount, 0);

        TableDecoder one(memorySource("word\nalpha\nbeta\n\ngamma"), {});
        schema = one.open();
        QVERIFY(schema.ok());
        QCOMPARE(schema->columns.size(), 1);
        QCOMPARE(one.firstRows().size(), 3); // the blank line is skipped, as pandas does
        QCOMPARE(one.firstRows()[2], strings({"gamma"}));
    }

    void gigantictLineStaysBounded()
    {
        QByteArray data = "a,b\n";
        data += QByteArray(8 << 20, 'x'); // one 8 MiB field, no newline at all
        data += ",1";
        TableDecoder decoder(memorySource(data), {});
        auto schema = decoder.open();
        QVERIFY(schema.ok());
        QCOMPARE(decoder.firstRows().size(), 1);
        const QString cell = decoder.firstRows()[0][0];
        QVERIFY(cell.size() <= CsvLimits().maxFieldBytes + 32);
        QVERIFY(cell.endsWith(QStringLiteral("[truncated]")) || !schema->notes.isEmpty());
        auto stats = decoder.scan();
        QVERIFY(stats.ok());
        QCOMPARE(stats->truncatedRows, 1);
    }

    void unterminatedQuoteAndBinary()
    {
        TableDecoder open(memorySource("a,b\n1,\"never closed\n2,3\n"), {});
        QVERIFY(open.open().ok());
        QVERIFY(open.schema().notes.join(QLatin1Char(' ')).contains(QStringLiteral("quoted")));
        TableDecoder binary(memorySource(QByteArray("PK\x03\x04\0\0\0\0garbage", 16)), {});
        QVERIFY(!binary.open().ok());
    }

    void pandasIndex()
    {
        TableDecoder decoder(memorySource(",x\n0,a\n1,b\n2,c\n"), named(QStringLiteral("df.csv")));
        auto schema = decoder.open();
        QVERIFY(schema.ok());
        QVERIFY(schema->pandasIndex);
        QCOMPARE(schema->columns[0].name, QStringLiteral("Unnamed: 0"));
        QVERIFY(decoder.scan()->pandasIndex);
        TableDecoder notIndex(memorySource("Unnamed: 0,x\n5,a\n1,b\n"), {});
        QVERIFY(!notIndex.open()->pandasIndex);
    }

    void gzipRandomAccessUsesCheckpoints()
    {
        // ~15 MiB of CSV so that inflate checkpoints (every 4 MiB) exist.
        QByteArray csv = "i,text,x\n";
        csv.reserve(20 << 20);
        QList<QStringList> expected;
        for (int i = 0; i < 400000; ++i) {
            const QByteArray text
                    = "row " + QByteArray::number(qint64(i) * 7919 % 100003) + " lorem ipsum";
            csv += QByteArray::number(i) + ",\"" + text + "\"," + QByteArray::number(i % 97) + "\n";
            if (i % 1000 == 0 || i > 399990)
                expected.append(
                        {QString::number(i), QString::fromUtf8(text), QString::number(i % 97)});
        }
        QByteArray gz = TestUtil::deflateBytes(csv.left(csv.size() / 2));
        gz += TestUtil::deflateBytes(csv.mid(csv.size() / 2)); // multi-member, as pigz/cat do
        TableDecoder decoder(memorySource(gz), named(QStringLiteral("big.csv.gz")));
        auto schema = decoder.open();
        QVERIFY(schema.ok());
        QVERIFY(schema->gzip);
        QCOMPARE(decoder.firstRows()[0], expected[0]);
        QList<int> seen;
        auto stats = decoder.scan([&](qint64 done, qint64) { seen.append(int(done)); });
        QVERIFY(stats.ok());
        QVERIFY(!seen.isEmpty());
        QCOMPARE(stats->rowCount, 400000);
        QCOMPARE(stats->columns[0].max.value(), 399999.0);
        QVERIFY(decoder.inflateCheckpoints() >= 3);
        auto tail = decoder.rows(399991, 20);
        QVERIFY(tail.ok());
        QCOMPARE(*tail, expected.mid(expected.size() - 9));
        for (int k : {350, 3, 120, 77, 399}) {
            auto got = decoder.rows(k * 1000, 1);
            QVERIFY(got.ok());
            QCOMPARE(got->value(0), expected[k]);
        }
    }

    void gzipTruncatedAndCorrupt()
    {
        QByteArray csv = "a,b\n";
        csv.reserve(1 << 20);
        for (int i = 0; i < 20000; ++i)
            csv += QByteArray::number(i) + "," + QByteArray::number(i * 3) + "\n";
        const QByteArray gz = TestUtil::deflateBytes(csv);
        TableDecoder truncated(memorySource(gz.left(gz.size() / 2)),
                               named(QStringLiteral("t.csv.gz")));
        QVERIFY(truncated.open().ok());
        auto stats = truncated.scan();
        QVERIFY(stats.ok());
        QVERIFY(stats->rowCount > 100 && stats->rowCount < 20000);
        QVERIFY(stats->notes.join(QLatin1Char(' ')).contains(QStringLiteral("truncated")));

        QByteArray corrupt = gz;
        for (int i = 200; i < 260; ++i)
            corrupt[i] = char(0xA5);
        TableDecoder bad(memorySource(corrupt), named(QStringLiteral("t.csv.gz")));
        auto schema = bad.open(); // damaged early: either a clear error or a note, no crash
        if (schema.ok())
            QVERIFY(!schema->notes.isEmpty() || bad.scan().ok());
        else
            QCOMPARE(schema.error().kind, Error::Kind::Parse);
        TableDecoder notGzip(memorySource("just text"), named(QStringLiteral("x.csv.gz")));
        QVERIFY(!notGzip.open().ok());
    }

    void cancelScan()
    {
        QByteArray csv = "a\n";
        csv.reserve(4 << 20);
        for (int i = 0; i < 300000; ++i)
            csv += QByteArray::number(i) + "\n";
        std::atomic<bool> cancel{false};
        PreviewOptions options;
        options.cancel = &cancel;
        TableDecoder decoder(memorySource(csv), {}, options);
        QVERIFY(decoder.open().ok());
        cancel = true;
        auto stats = decoder.scan();
        QVERIFY(!stats.ok());
        QVERIFY(stats.error().isCancelled());
    }
};

QTEST_GUILESS_MAIN(tst_TableDecoder)
#include "tst_tabledecoder.moc"

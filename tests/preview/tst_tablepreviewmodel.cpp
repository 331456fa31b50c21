#include "preview/tableinspect.h"
#include "preview/tablepreviewmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace Trove;

namespace {
QByteArray numbered(int rows)
{
    QByteArray csv = "n,square,label\n";
    csv.reserve(rows * 24);
    for (int i = 0; i < rows; ++i) {
        QByteArray line = QByteArray::number(i) + "," + QByteArray::number(qint64(i) * i) + ",\"r"
                          + QByteArray::number(i) + "\"\n";
        csv.append(line);
    }
    return csv;
}

std::shared_ptr<TableDecoder> opened(const QByteArray &csv)
{
    auto decoder = std::make_shared<TableDecoder>(memorySource(csv), PreviewHints());
    if (!decoder->open().ok())
        return nullptr;
    return decoder;
}
} // namespace

class tst_TablePreviewModel : public QObject
{
    Q_OBJECT
private slots:
    void fetchMoreThenScan()
    {
        TablePreviewModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto decoder = opened(numbered(3000));
        QVERIFY(decoder);
        model.setDecoder(decoder);
        QCOMPARE(model.columnCount(), 3);
        QCOMPARE(model.rowCount(), TableDecoder::kFirstScreenRows);
        QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("square"));
        QCOMPARE(model.data(model.index(7, 1)).toString(), QStringLiteral("49"));
        QCOMPARE(model.data(model.index(7, 0), TablePreviewModel::ColumnTypeRole).toString(),
                 QStringLiteral("int"));
        // The tester itself calls fetchMore() whenever the model changes: the rows all arrive,
        // one block at a time, and then there is nothing more to fetch.
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 3000, 20000);
        QVERIFY(!model.canFetchMore({}));
        QTRY_COMPARE(model.data(model.index(2999, 2)).toString(), QStringLiteral("r2999"));

        // Without the tester: one fetch in flight at a time, rows grow by whole blocks.
        TablePreviewModel plain;
        plain.setDecoder(opened(numbered(3000)));
        QCOMPARE(plain.rowCount(), TableDecoder::kFirstScreenRows);
        QVERIFY(plain.canFetchMore({}));
        plain.fetchMore({});
        QVERIFY(!plain.canFetchMore({}));
        QTRY_COMPARE(plain.rowCount(), TablePreviewModel::kBlockRows);
        QVERIFY(plain.canFetchMore({}));
        plain.fetchMore({});
        QTRY_COMPARE(plain.rowCount(), 2 * TablePreviewModel::kBlockRows);
        QTRY_COMPARE(plain.data(plain.index(300, 2)).toString(), QStringLiteral("r300"));

        QSignalSpy finished(&plain, &TablePreviewModel::scanFinished);
        plain.startScan();
        QVERIFY(finished.wait(20000));
        QCOMPARE(plain.rowCount(), 3000);
        QVERIFY(!plain.canFetchMore({}));
        QVERIFY(plain.stats().has_value());
        QCOMPARE(plain.stats()->rowCount, 3000);
    }

    void lazyBlocksStayBounded()
    {
        TablePreviewModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto decoder = opened(numbered(20000));
        QVERIFY(decoder);
        QVERIFY(decoder->scan().ok()); // the count is known: every row is there at once
        model.setDecoder(decoder);
        QCOMPARE(model.rowCount(), 20000);
        model.setCacheLimit(4);
        // Scroll through the table as a view would: ask, get nothing, then the data.
        for (int row : {19999, 5000, 12345, 256, 7777, 19000, 3}) {
            const QModelIndex idx = model.index(row, 0);
            if (!model.data(idx).isValid()) {
                QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
                QVERIFY(changed.wait(10000));
            }
            QCOMPARE(model.data(idx).toString(), QString::number(row));
            QCOMPARE(model.data(model.index(row, 1)).toString(),
                     QString::number(qint64(row) * row));
            QVERIFY(model.cachedBlocks() <= 4);
        }
        QVERIFY(!model.data(model.index(20000, 0)).isValid());
    }

    void loadFailureIsReported()
    {
        // A source that dies after the first screen: later blocks report an error.
        class Dying final : public ByteSource
        {
        public:
            explicit Dying(QByteArray d)
                : m_data(std::move(d))
            {}
            qint64 size() const override { return m_data.size(); }
            Result<QByteArray> read(qint64 offset, qint64 length) override
            {
                if (offset > 300000)
                    return Error::make(Error::Kind::Network, QStringLiteral("connection reset"));
                return m_data.mid(offset, length);
            }
            QString name() const override { return QStringLiteral("dying"); }

        private:
            QByteArray m_data;
        };
        auto decoder = std::make_shared<TableDecoder>(std::make_unique<Dying>(numbered(100000)),
                                                      PreviewHints());
        QVERIFY(decoder->open().ok());
        TablePreviewModel model;
        model.setDecoder(decoder);
        QSignalSpy failed(&model, &TablePreviewModel::loadFailed);
        model.startScan();
        QVERIFY(failed.wait(10000));
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("connection reset")));
    }

    void inspectJson()
    {
        auto source = memorySource(",a,b\n0,x,1.5\n1,y,2.5\n2,z,\n");
        PreviewOptions options;
        options.maxRows = 2;
        auto j = inspectTable(*source, {}, options, true);
        QVERIFY(j.ok());
        QCOMPARE(j->at("kind").get<std::string>(), "table");
        QCOMPARE(j->at("delimiter").get<std::string>(), "comma");
        QVERIFY(j->at("pandasIndex").get<bool>());
        QCOMPARE(j->at("rows").size(), size_t(2));
        QCOMPARE(j->at("rowCount").get<qint64>(), 3);
        const auto &b = j->at("stats").at("columns").at(2);
        QCOMPARE(b.at("type").get<std::string>(), "float");
        QCOMPARE(b.at("nulls").get<qint64>(), 1);
        QCOMPARE(b.at("mean").get<double>(), 2.0);
        QVERIFY(!inspectTable(*memorySource(QByteArray("\0\1\2\3", 4)), {}, {}).ok());
    }
};

QTEST_GUILESS_MAIN(tst_TablePreviewModel)
#include "tst_tablepreviewmodel.moc"

#include "common/bytesource.h"
#include "common/result.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace Trove;

class tst_Result : public QObject
{
    Q_OBJECT
private slots:
    void valueAndError()
    {
        Result<int> good(42);
        QVERIFY(good.ok());
        QCOMPARE(*good, 42);
        Result<int> bad(Error::make(Error::Kind::Parse, QStringLiteral("line 3: bad"),
                                    QStringLiteral("a.conf")));
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().userMessage(), QStringLiteral("Cannot parse (a.conf): line 3: bad"));
    }

    void fileSourceRanges()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("f.bin"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("0123456789");
        f.close();
        auto src = openFileSource(path);
        QVERIFY(src);
        QCOMPARE(src->size(), 10);
        QCOMPARE(src->read(3, 4).value(), QByteArray("3456"));
        QCOMPARE(src->read(8, 100).value(), QByteArray("89"));
        QCOMPARE(src->read(20, 1).value(), QByteArray());
        Error err;
        QVERIFY(!openFileSource(dir.filePath(QStringLiteral("missing")), &err));
        QCOMPARE(err.kind, Error::Kind::Io);
    }
};

QTEST_GUILESS_MAIN(tst_Result)
#include "tst_result.moc"

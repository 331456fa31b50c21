#include "preview/arrayinspect.h"
#include "preview/arrayview.h"
#include "preview/npzdecoder.h"
#include "previewtestutil.h"
#include "zipbuilder.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace Trove;
using TestUtil::makeNpy;
using TestUtil::npyDict;

namespace {
QByteArray doubles(int n, double scale)
{
    QByteArray out;
    for (int i = 0; i < n; ++i) {
        const double v = i * scale;
        out.append(reinterpret_cast<const char *>(&v), 8);
    }
    return out;
}

QByteArray sampleNpz(bool deflate)
{
    TroveTest::ZipBuilder zip;
    zip.add("weights.npy", makeNpy(npyDict("'<f8'", false, "(100, 50)"), doubles(5000, 0.5)),
            deflate);
    zip.add("labels.npy", makeNpy(npyDict("'|u1'", false, "(4,)"), QByteArray("\1\2\3\4", 4)),
            deflate);
    zip.add("broken.npy", QByteArray("not an npy at all"), deflate);
    return zip.build();
}
} // namespace

class tst_NpzDecoder : public QObject
{
    Q_OBJECT
private slots:
    void storedAndDeflated_data()
    {
        QTest::addColumn<bool>("deflate");
        QTest::newRow("savez (stored)") << false;
        QTest::newRow("savez_compressed (deflated)") << true;
    }
    void storedAndDeflated()
    {
        QFETCH(bool, deflate);
        auto source = memorySource(sampleNpz(deflate));
        NpzDecoder npz(*source);
        auto members = npz.open();
        QVERIFY(members.ok());
        QCOMPARE(members->size(), 3);
        QCOMPARE(members->at(0).name, QStringLiteral("weights"));
        QCOMPARE(members->at(0).compressed, deflate);
        QVERIFY(members->at(0).header.has_value());
        QCOMPARE(members->at(0).header->shape, QList<qint64>({100, 50}));
        QCOMPARE(members->at(1).header->dtype.name(), QStringLiteral("uint8"));
        QVERIFY(!members->at(2).header.has_value());
        QVERIFY(!members->at(2).error.isEmpty());

        auto weights = npz.member(0);
        QVERIFY(weights.ok());
        ArrayView view(**weights);
        // A late slice first, then an early one (a deflated member restarts for it).
        QCOMPARE(view.values(99, 100, 48, 50)->at(0),
                 QList<double>({(99 * 50 + 48) * 0.5, (99 * 50 + 49) * 0.5}));
        QCOMPARE(view.values(0, 1, 0, 2)->at(0), QList<double>({0, 0.5}));
        auto stats = (*weights)->stats();
        QVERIFY(stats.ok());
        QCOMPARE(stats->count, 5000);
        QCOMPARE(stats->max, 4999 * 0.5);
        QVERIFY(!npz.member(2).ok());
        QVERIFY(!npz.member(7).ok());

        auto json = inspectNpz(*source, {}, {}, true);
        QVERIFY(json.ok());
        QCOMPARE(json->at("members").size(), size_t(3));
        QCOMPARE(json->at("members").at(0).at("stats").at("count").get<qint64>(), 5000);
        QVERIFY(json->at("members").at(2).contains("error"));
    }

    void hostileArchives()
    {
        QVERIFY(!NpzDecoder(*memorySource("PK\x05\x06 nonsense")).open().ok());
        QVERIFY(!NpzDecoder(*memorySource(QByteArray())).open().ok());
        const QByteArray good = sampleNpz(true);
        for (qsizetype cut : {qsizetype(10), good.size() / 2, good.size() - 10}) {
            auto source = memorySource(good.left(cut));
            NpzDecoder npz(*source);
            auto members = npz.open(); // an error or a listing, never a crash
            if (members.ok())
                for (int i = 0; i < members->size(); ++i)
                    if (auto m = npz.member(i); m.ok())
                        (void)(*m)->stats();
        }
    }

    void crossCheckWithNumpy()
    {
        QString py;
        for (const QString &p : {QStringLiteral("/usr/bin/python3"), QStringLiteral("python3")}) {
            QProcess probe;
            probe.start(p, {QStringLiteral("-c"), QStringLiteral("import numpy")});
            if (probe.waitForFinished(20000) && probe.exitCode() == 0) {
                py = p;
                break;
            }
        }
        if (py.isEmpty())
            QSKIP("python3 with numpy is not available");
        QTemporaryDir dir;
        QProcess p;
        p.start(py, {QStringLiteral("-c"),
                     QStringLiteral("import numpy as np, sys; d = sys.argv[1]\n"
                                    "a = np.arange(60, dtype='>i4').reshape(3, 4, 5)\n"
                                    "np.savez(d + '/s.npz', a=a, b=np.float16([1.5, 2]))\n"
                                    "np.savez_compressed(d + '/c.npz', a=np.asfortranarray(a), "
                                    "rec=np.zeros(3, dtype=[('x', '<f4'), ('y', 'S3')]))\n"),
                     dir.path()});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        for (const QString &name : {QStringLiteral("s.npz"), QStringLiteral("c.npz")}) {
            auto source = openFileSource(dir.filePath(name));
            QVERIFY(source);
            NpzDecoder npz(*source);
            auto members = npz.open();
            QVERIFY(members.ok());
            QCOMPARE(members->size(), 2);
            QCOMPARE(members->at(0).name, QStringLiteral("a"));
            QCOMPARE(members->at(0).compressed, name.startsWith(QLatin1Char('c')));
            auto a = npz.member(0);
            QVERIFY(a.ok());
            ArrayView view(**a);
            QVERIFY(view.setAxes(0, 2).ok());
            QVERIFY(view.setFixedIndex({0, 3, 0}).ok());
            // a[:, 3, :] row 2 = 2*20 + 3*5 + k
            QCOMPARE(view.values(2, 3, 0, 5)->at(0), QList<double>({55, 56, 57, 58, 59}));
        }
        auto json = inspectNpz(*openFileSource(dir.filePath(QStringLiteral("c.npz"))), {}, {});
        QVERIFY(json.ok());
        QCOMPARE(json->at("members").at(1).at("dtype").at("fields").size(), size_t(2));
    }
};

QTEST_GUILESS_MAIN(tst_NpzDecoder)
#include "tst_npzdecoder.moc"

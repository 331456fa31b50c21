#include "preview/arrayinspect.h"
#include "preview/arrayview.h"
#include "preview/npydecoder.h"
#include "previewtestutil.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>

#include <cmath>
#include <cstring>

using namespace Trove;
using TestUtil::makeNpy;
using TestUtil::npyDict;

namespace {
// The values 0, 1, -2, 3, ... encoded as `T` in the given byte order.
template<typename T>
QByteArray encode(const QList<double> &values, bool big)
{
    QByteArray out;
    for (double v : values) {
        T t = T(v);
        if constexpr (sizeof(T) > 1) {
            if constexpr (std::is_floating_point_v<T>) {
                using U = std::conditional_t<sizeof(T) == 4, quint32, quint64>;
                U u;
                std::memcpy(&u, &t, sizeof(T));
                u = big ? qToBigEndian(u) : qToLittleEndian(u);
                std::memcpy(&t, &u, sizeof(T));
            } else {
                t = big ? qToBigEndian(t) : qToLittleEndian(t);
            }
        }
        out.append(reinterpret_cast<const char *>(&t), sizeof(T));
    }
    return out;
}

QString pythonWithNumpy()
{
    for (const QString &py : {QStringLiteral("/usr/bin/python3"), QStringLiteral("python3")}) {
        QProcess p;
        p.start(py, {QStringLiteral("-c"), QStringLiteral("import numpy")});
        if (p.waitForFinished(20000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0)
            return py;
    }
    return QString();
}

struct Opened
{
    std::unique_ptr<NpyDecoder> decoder;
    Result<NpyHeader> header;
};

Opened openBytes(const QByteArray &bytes)
{
    auto decoder = std::make_unique<NpyDecoder>(memorySource(bytes));
    auto header = decoder->open();
    return {std::move(decoder), std::move(header)};
}
} // namespace

class tst_NpyDecoder : public QObject
{
    Q_OBJECT
private slots:
    void numericDtypes_data()
    {
        QTest::addColumn<QByteArray>("descr");
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("name");
        const QList<double> v{0, 1, -2, 3, 100, -7};
        const QList<double> u{0, 1, 2, 3, 100, 7};
        for (bool big : {false, true}) {
            const QByteArray o = big ? ">" : "<";
            const char *suffix = big ? " big" : " little";
            QTest::newRow(QByteArray("i2").append(suffix))
                    << "'" + o + "i2'" << encode<qint16>(v, big) << "int16";
            QTest::newRow(QByteArray("i4").append(suffix))
                    << "'" + o + "i4'" << encode<qint32>(v, big) << "int32";
            QTest::newRow(QByteArray("i8").append(suffix))
                    << "'" + o + "i8'" << encode<qint64>(v, big) << "int64";
            QTest::newRow(QByteArray("u2").append(suffix))
                    << "'" + o + "u2'" << encode<quint16>(u, big) << "uint16";
            QTest::newRow(QByteArray("u4").append(suffix))
                    << "'" + o + "u4'" << encode<quint32>(u, big) << "uint32";
            QTest::newRow(QByteArray("u8").append(suffix))
                    << "'" + o + "u8'" << encode<quint64>(u, big) << "uint64";
            QTest::newRow(QByteArray("f4").append(suffix))
                    << "'" + o + "f4'" << encode<float>(v, big) << "float32";
            QTest::newRow(QByteArray("f8").append(suffix))
                    << "'" + o + "f8'" << encode<double>(v, big) << "float64";
        }
        QTest::newRow("i1") << QByteArray("'|i1'") << encode<qint8>(v, false) << "int8";
        QTest::newRow("u1") << QByteArray("'|u1'") << encode<quint8>(u, false) << "uint8";
        QTest::newRow("native f8") << QByteArray("'=f8'") << encode<double>(v, false) << "float64";
    }
    void numericDtypes()
    {
        QFETCH(QByteArray, descr);
        QFETCH(QByteArray, data);
        QFETCH(QString, name);
        auto opened = openBytes(makeNpy(npyDict(descr, false, "(2, 3)"), data));
        QVERIFY2(opened.header.ok(),
                 qPrintable(opened.header.ok() ? QString() : opened.header.error().message));
        QCOMPARE(opened.header->dtype.name(), name);
        QCOMPARE(opened.header->count, 6);
        ArrayView view(*opened.decoder);
        QCOMPARE(view.rowCount(), 2);
        QCOMPARE(view.columnCount(), 3);
        auto values = view.values(0, 2, 0, 3);
        QVERIFY(values.ok());
        const bool isUnsigned = name.startsWith(QLatin1Char('u'));
        QCOMPARE(values->at(0).at(2), isUnsigned ? 2.0 : -2.0);
        QCOMPARE(values->at(1).at(1), 100.0);
        auto text = view.text(1, 2, 0, 3);
        QVERIFY(text.ok());
        QCOMPARE(text->at(0).at(1), QStringLiteral("100"));
        auto stats = opened.decoder->stats();
        QVERIFY(stats.ok());
        QCOMPARE(stats->count, 6);
        QCOMPARE(stats->max, 100.0);
        qint64 binned = 0;
        for (qint64 b : stats->histogram)
            binned += b;
        QCOMPARE(binned, 6);
    }

    void boolHalfAndComplex()
    {
        auto b = openBytes(makeNpy(npyDict("'|b1'", false, "(3,)"), QByteArray("\x01\x00\x01", 3)));
        QVERIFY(b.header.ok());
        ArrayView bv(*b.decoder);
        QCOMPARE(bv.rowCount(), 3);
        QCOMPARE(bv.columnCount(), 1);
        QCOMPARE(bv.text(0, 3, 0, 1)->at(1).at(0), QStringLiteral("False"));
        QCOMPARE(b.decoder->stats()->mean, 2.0 / 3.0);

        // float16: 1.5 (0x3E00), -2 (0xC000), inf (0x7C00), nan (0x7E00), both orders
        auto h = openBytes(makeNpy(npyDict("'<f2'", false, "(4,)"),
                                   QByteArray("\x00\x3E\x00\xC0\x00\x7C\x00\x7E", 8)));
        QVERIFY(h.header.ok());
        ArrayView hv(*h.decoder);
        auto ht = hv.text(0, 4, 0, 1);
        QCOMPARE(ht->at(0).at(0), QStringLiteral("1.5"));
        QCOMPARE(ht->at(1).at(0), QStringLiteral("-2"));
        QCOMPARE(ht->at(2).at(0), QStringLiteral("inf"));
        QCOMPARE(ht->at(3).at(0), QStringLiteral("nan"));
        auto hs = h.decoder->stats();
        QCOMPARE(hs->nanCount, 1);
        QCOMPARE(hs->posInfCount, 1);
        QCOMPARE(hs->finite, 2);
        auto hb = openBytes(makeNpy(npyDict("'>f2'", false, "(1,)"), QByteArray("\x3E\x00", 2)));
        QCOMPARE(ArrayView(*hb.decoder).text(0, 1, 0, 1)->at(0).at(0), QStringLiteral("1.5"));

        const QByteArray c = encode<double>({1, -2}, true);
        auto cx = openBytes(makeNpy(npyDict("'>c16'", false, "()"), c));
        QVERIFY(cx.header.ok());
        QCOMPARE(cx.header->shape.size(), 0); // 0-d
        ArrayView cv(*cx.decoder);
        QCOMPARE(cv.rowCount(), 1);
        QCOMPARE(cv.text(0, 1, 0, 1)->at(0).at(0), QStringLiteral("1-2j"));
        QVERIFY(std::abs(cx.decoder->stats()->max - std::sqrt(5.0)) < 1e-12);
        auto c8 = openBytes(
                makeNpy(npyDict("'<c8'", false, "(1,)"), encode<float>({0.5, 3}, false)));
        QCOMPARE(ArrayView(*c8.decoder).text(0, 1, 0, 1)->at(0).at(0), QStringLiteral("0.5+3j"));
    }

    void fortranOrderAndSlicing()
    {
        // a = arange(6).reshape(2, 3) in Fortran order: memory 0 3 1 4 2 5
        auto f = openBytes(makeNpy(npyDict("'<i4'", true, "(2, 3)"),
                                   encode<qint32>({0, 3, 1, 4, 2, 5}, false)));
        QVERIFY(f.header.ok());
        QVERIFY(f.header->fortranOrder);
        ArrayView fv(*f.decoder);
        auto vals = fv.values(0, 2, 0, 3);
        QCOMPARE(vals->at(0), QList<double>({0, 1, 2}));
        QCOMPARE(vals->at(1), QList<double>({3, 4, 5}));

        // b = arange(24).reshape(2, 3, 4), C order; show axes (0, 2) at axis-1 index 2
        QList<double> seq;
        for (int i = 0; i < 24; ++i)
            seq.append(i);
        auto c = openBytes(
                makeNpy(npyDict("'<f8'", false, "(2, 3, 4)"), encode<double>(seq, false)));
        ArrayView cv(*c.decoder);
        QCOMPARE(cv.rowCount(), 3); // default: last two axes, fixed at 0
        QCOMPARE(cv.values(1, 2, 0, 4)->at(0), QList<double>({4, 5, 6, 7}));
        QVERIFY(cv.setAxes(0, 2).ok());
        QVERIFY(cv.setFixedIndex({0, 2, 0}).ok());
        QCOMPARE(cv.rowCount(), 2);
        QCOMPARE(cv.columnCount(), 4);
        auto slice = cv.values(0, 2, 1, 3);
        QCOMPARE(slice->at(0), QList<double>({9, 10}));  // b[0, 2, 1:3]
        QCOMPARE(slice->at(1), QList<double>({21, 22})); // b[1, 2, 1:3]
        QVERIFY(cv.setAxes(2, 0).ok());                  // transposed view
        QCOMPARE(cv.values(3, 4, 0, 2)->at(0), QList<double>({11, 23}));
        QVERIFY(!cv.setAxes(1, 1).ok());
        QVERIFY(!cv.setFixedIndex({0, 3, 0}).ok());
        QVERIFY(!cv.values(0, 100000, 0, 100000).ok() || true); // clamped to the array
        QCOMPARE(cv.values(0, 100000, 0, 100000)->size(), 4);
    }

    void versionsAndDescribedDtypes()
    {
        auto v2 = openBytes(
                makeNpy(npyDict("'<u2'", false, "(1,)"), encode<quint16>({7}, false), 2));
        QVERIFY(v2.header.ok());
        QCOMPARE(v2.header->major, 2);
        auto v3 = openBytes(
                makeNpy(npyDict("'<u2'", false, "(1,)"), encode<quint16>({7}, false), 3));
        QVERIFY(v3.header.ok());
        QCOMPARE(ArrayView(*v3.decoder).text(0, 1, 0, 1)->at(0).at(0), QStringLiteral("7"));

        auto obj = openBytes(makeNpy(npyDict("'|O'", false, "(5,)"), QByteArray(40, 'x')));
        QVERIFY(obj.header.ok());
        QCOMPARE(obj.header->dtype.name(), QStringLiteral("object"));
        QVERIFY(!obj.decoder->stats().ok());
        QVERIFY(!ArrayView(*obj.decoder).text(0, 1, 0, 1).ok());

        auto rec = openBytes(makeNpy(
                npyDict("[('x', '<f4'), ('name', '|S8'), (('title', 'pos'), '<i2', (2, 3)), "
                        "('inner', [('a', '<u1')])]",
                        false, "(10,)"),
                QByteArray(10 * (4 + 8 + 12 + 1), '\0')));
        QVERIFY2(rec.header.ok(),
                 qPrintable(rec.header.ok() ? QString() : rec.header.error().message));
        const NpyDtype &d = rec.header->dtype;
        QCOMPARE(d.kind, NpyDtype::Kind::Structured);
        QCOMPARE(d.fields.size(), size_t(4));
        QCOMPARE(d.fields[2].name, QStringLiteral("pos"));
        QCOMPARE(d.fields[2].shape, QList<qint64>({2, 3}));
        QCOMPARE(d.itemSize, 25);
        const auto json = d.toJson();
        QCOMPARE(json.at("fields").size(), size_t(4));

        auto uni = openBytes(makeNpy(npyDict("'<U5'", false, "(2,)"), QByteArray(40, '\0')));
        QVERIFY(uni.header.ok());
        QCOMPARE(uni.header->dtype.itemSize, 20);
        auto dt = openBytes(makeNpy(npyDict("'<M8[ns]'", false, "(2,)"), QByteArray(16, '\0')));
        QVERIFY(dt.header.ok());
        QCOMPARE(dt.header->dtype.name(), QStringLiteral("datetime64"));
    }

    void truncatedData()
    {
        // A huge declared shape over 16 bytes of data: opens, reads what exists, fails past it.
        auto t = openBytes(makeNpy(npyDict("'<f8'", false, "(1000000000, 1000)"),
                                   encode<double>({1.5, 2.5}, false)));
        QVERIFY(t.header.ok());
        QVERIFY(t.decoder->truncated());
        QCOMPARE(t.decoder->availableCount(), 2);
        ArrayView view(*t.decoder);
        QCOMPARE(view.text(0, 1, 0, 2)->at(0).at(1), QStringLiteral("2.5"));
        auto beyond = view.text(0, 2, 0, 8);
        QVERIFY(!beyond.ok());
        QVERIFY(beyond.error().message.contains(QStringLiteral("truncated")));
        QVERIFY(!t.decoder->stats().ok());
        auto json = inspectNpy(*memorySource(makeNpy(npyDict("'<f8'", false, "(3, 4)"),
                                                     encode<double>({1}, false))),
                               {}, {});
        QVERIFY(json.ok());
        QVERIFY(json->at("truncated").get<bool>());
    }

    void malformedHeaders_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        auto npy = [](const QByteArray &dict) {
            return makeNpy(dict, QByteArray(64, '\0'));
        };
        QTest::newRow("bad magic") << QByteArray("\x93NUMPX\x01\x00\x10\x00{}", 12);
        QTest::newRow("short") << QByteArray("\x93NUM", 4);
        QTest::newRow("version 9") << QByteArray("\x93NUMPY\x09\x00\x10\x00{}", 12);
        QTest::newRow("overflow") << npy(
                npyDict("'<f8'", false, "(4294967296, 4294967296, 4294967296)"));
        QTest::newRow("huge int") << npy(npyDict("'<f8'", false, "(99999999999999999999999,)"));
        QTest::newRow("negative") << npy(npyDict("'<f8'", false, "(-1, 4)"));
        QTest::newRow("non dict") << npy("['descr', '<f8']");
        QTest::newRow("unterminated")
                << npy("{'descr': '<f8', 'fortran_order': False, 'shape': (3,");
        QTest::newRow("unterminated str") << npy("{'descr': '<f8");
        QTest::newRow("missing key") << npy("{'descr': '<f8', 'shape': (3,)}");
        QTest::newRow("extra key")
                << npy("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'x': 1}");
        QTest::newRow("fortran not bool")
                << npy(npyDict("'<f8'", false, "(3,)").replace("False", "0"));
        QTest::newRow("unknown dtype") << npy(npyDict("'<q9'", false, "(3,)"));
        QTest::newRow("bad size") << npy(npyDict("'<f3'", false, "(3,)"));
        QTest::newRow("shape str") << npy(npyDict("'<f8'", false, "'3'"));
        QTest::newRow("shape float") << npy(npyDict("'<f8'", false, "(3.5,)"));
        QTest::newRow("code") << npy(
                "{'descr': __import__('os'), 'fortran_order': False, 'shape': ()}");
        QTest::newRow("deep") << npy(QByteArray(200, '[') + QByteArray(200, ']'));
        QTest::newRow("header past end") << QByteArray("\x93NUMPY\x02\x00\xff\xff\x00\x00{", 13);
        QTest::newRow("header too big") << QByteArray("\x93NUMPY\x02\x00\xff\xff\xff\x7f{", 13);
        QTest::newRow("dup key") << npy("{'descr': '<f8', 'descr': '<f8', 'shape': ()}");
        QTest::newRow("empty struct") << npy(npyDict("[]", false, "(3,)"));
    }
    void malformedHeaders()
    {
        QFETCH(QByteArray, bytes);
        auto opened = openBytes(bytes);
        QVERIFY(!opened.header.ok());
        QCOMPARE(opened.header.error().kind, Error::Kind::Parse);
        QVERIFY(!opened.header.error().message.isEmpty());
    }

    void checkedInHostileFiles()
    {
        const QDir dir(qEnvironmentVariable("TROVE_TEST_DATA") + QStringLiteral("/preview/npy"));
        const auto files = dir.entryList({QStringLiteral("*.npy")}, QDir::Files);
        QVERIFY(files.size() >= 3);
        for (const QString &f : files) {
            auto source = openFileSource(dir.filePath(f));
            QVERIFY(source);
            NpyDecoder decoder(*source);
            auto header = decoder.open();
            if (f.startsWith(QLatin1String("bad_"))) {
                QVERIFY2(!header.ok(), qPrintable(f));
                continue;
            }
            QVERIFY2(header.ok(), qPrintable(f));
            auto json = inspectNpy(*source, {}, {});
            QVERIFY2(json.ok() || !json.error().message.isEmpty(), qPrintable(f));
        }
    }

    void statsHistogramAndCancel()
    {
        QList<double> values;
        for (int i = 0; i < 100000; ++i)
            values.append(i % 1000 == 0 ? NAN : double(i % 200) - 50.0);
        values.append(1e6); // far outlier: the histogram range grows
        values.append(-INFINITY);
        const QByteArray bytes
                = makeNpy(npyDict("'<f8'", false, "(100002,)"), encode<double>(values, false));
        NpyDecoder decoder(memorySource(bytes));
        QVERIFY(decoder.open().ok());
        QList<qint64> progress;
        auto s = decoder.stats([&](qint64 done, qint64) { progress.append(done); });
        QVERIFY(s.ok());
        QCOMPARE(s->nanCount, 100);
        QCOMPARE(s->negInfCount, 1);
        QCOMPARE(s->finite, 100000 - 100 + 1);
        QCOMPARE(s->min, -50.0);
        QCOMPARE(s->max, 1e6);
        QVERIFY(s->histogram.size() <= ArrayStatsBuilder::kBins);
        qint64 binned = 0;
        for (qint64 b : s->histogram)
            binned += b;
        QCOMPARE(binned, s->finite);
        QVERIFY(s->histogramLow <= -50.0 && s->histogramHigh >= 1e6);
        QVERIFY(!progress.isEmpty());

        std::atomic<bool> cancel{true};
        PreviewOptions options;
        options.cancel = &cancel;
        NpyDecoder cancelled(memorySource(bytes), options);
        QVERIFY(cancelled.open().ok());
        auto c = cancelled.stats();
        QVERIFY(!c.ok());
        QVERIFY(c.error().isCancelled());
    }

    void localFileIsMapped()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a.npy"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(makeNpy(npyDict("'<i8'", true, "(3, 2)"),
                        encode<qint64>({1, 2, 3, 4, 5, 6}, false)));
        f.close();
        auto source = openFileSource(path);
        NpyDecoder decoder(*source);
        QVERIFY(decoder.open().ok());
        ArrayView view(decoder);
        QCOMPARE(view.values(0, 3, 0, 2)->at(2), QList<double>({3, 6}));
    }

    void crossCheckWithNumpy()
    {
        const QString py = pythonWithNumpy();
        if (py.isEmpty())
            QSKIP("python3 with numpy is not available");
        QTemporaryDir dir;
        const QString script = QStringLiteral(R"(
import numpy as np, sys, json
out = sys.argv[1]
rng = np.random.default_rng(7)
cases = {}
for dt in ['<i1','<i2','>i4','<i8','<u1','>u2','<u4','>u8','<f2','>f4','<f8','>f8','|b1','<c8','>c16']:
    a = (rng.standard_normal((5, 7, 3)) * 50).astype(dt) if dt[1] != 'b' else rng.standard_normal((5, 7, 3)) > 0
    for order in ['C', 'F']:
        name = '%s_%s' % (dt.replace('<','l').replace('>','b').replace('|','n'), order)
        b = np.asarray(a, order=order)
        np.save('%s/%s.npy' % (out, name), b)
        sl = b[:, 2, :]
        vals = np.abs(sl) if b.dtype.kind == 'c' else sl.astype(np.float64)
        cases[name] = {'slice': vals.tolist(), 'min': float(np.min(np.abs(b) if b.dtype.kind == 'c' else b.astype(np.float64))), 'max': float(np.max(np.abs(b) if b.dtype.kind == 'c' else b.astype(np.float64))), 'order': order}
json.dump(cases, open(out + '/cases.json', 'w'))
)");
        QProcess p;
        p.start(py, {QStringLiteral("-c"), script, dir.path()});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        QFile casesFile(dir.filePath(QStringLiteral("cases.json")));
        QVERIFY(casesFile.open(QIODevice::ReadOnly));
        const auto cases = nlohmann::json::parse(casesFile.readAll().toStdString());
        QCOMPARE(cases.size(), size_t(30));
        for (const auto &[name, c] : cases.items()) {
            auto source = openFileSource(
                    dir.filePath(QString::fromStdString(name) + QStringLiteral(".npy")));
            QVERIFY(source);
            NpyDecoder decoder(*source);
            auto header = decoder.open();
            QVERIFY2(header.ok(), name.c_str());
            QCOMPARE(header->fortranOrder, c.at("order").get<std::string>() == "F");
            ArrayView view(decoder);
            QVERIFY(view.setAxes(0, 2).ok());
            QVERIFY(view.setFixedIndex({0, 2, 0}).ok());
            auto vals = view.values(0, 5, 0, 3);
            QVERIFY(vals.ok());
            for (int r = 0; r < 5; ++r)
                for (int k = 0; k < 3; ++k) {
                    const double want = c.at("slice").at(r).at(k).get<double>();
                    QVERIFY2(std::abs(vals->at(r).at(k) - want)
                                     <= 1e-6 * std::max(1.0, std::abs(want)),
                             qPrintable(QStringLiteral("%1 [%2,%3]")
                                                .arg(QString::fromStdString(name))
                                                .arg(r)
                                                .arg(k)));
                }
            auto s = decoder.stats();
            QVERIFY(s.ok());
            QVERIFY2(std::abs(s->min - c.at("min").get<double>())
                             < 1e-6 * std::max(1.0, std::abs(s->min)),
                     name.c_str());
            QVERIFY2(std::abs(s->max - c.at("max").get<double>())
                             < 1e-6 * std::max(1.0, std::abs(s->max)),
                     name.c_str());
        }
    }
};

QTEST_GUILESS_MAIN(tst_NpyDecoder)
#include "tst_npydecoder.moc"

// Unit tests of the demo workspace's file writers (server/demo/writers): the exact bytes the
// ClearML SDK would produce for npy/npz, gzip, zip, pickle, safetensors and torch zips.
#include "gzipwriter.h"
#include "npywriter.h"
#include "onnxwriter.h"
#include "picklewriter.h"
#include "pyvalue.h"
#include "safetensorswriter.h"
#include "tablegenerator.h"
#include "torchwriter.h"
#include "zipwriter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <archive.h>
#include <archive_entry.h>
#include <zlib.h>

#include <cstring>
#include <functional>
#include <map>

using namespace Trove::Server;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// Members of a zip read back with libarchive: name → bytes.
std::map<QString, QByteArray> unzip(const QString &path)
{
    std::map<QString, QByteArray> out;
    archive *a = archive_read_new();
    archive_read_support_format_zip(a);
    if (archive_read_open_filename(a, QFile::encodeName(path).constData(), 65536) != ARCHIVE_OK) {
        archive_read_free(a);
        return out;
    }
    archive_entry *e = nullptr;
    while (archive_read_next_header(a, &e) == ARCHIVE_OK) {
        QByteArray data;
        char buf[65536];
        la_ssize_t n;
        while ((n = archive_read_data(a, buf, sizeof buf)) > 0)
            data.append(buf, n);
        out[QString::fromUtf8(archive_entry_pathname(e))] = data;
    }
    archive_read_free(a);
    return out;
}

/// Local headers of a zip: name → (method, data offset).
std::map<QString, std::pair<int, qint64>> localHeaders(const QByteArray &zip)
{
    std::map<QString, std::pair<int, qint64>> out;
    qint64 pos = 0;
    while (pos + 30 <= zip.size()
           && qFromLittleEndian<quint32>(zip.constData() + pos) == 0x04034b50) {
        const int method = qFromLittleEndian<quint16>(zip.constData() + pos + 8);
        const quint32 csize = qFromLittleEndian<quint32>(zip.constData() + pos + 18);
        const int nameLen = qFromLittleEndian<quint16>(zip.constData() + pos + 26);
        const int extraLen = qFromLittleEndian<quint16>(zip.constData() + pos + 28);
        const QString name = QString::fromUtf8(zip.mid(pos + 30, nameLen));
        const qint64 data = pos + 30 + nameLen + extraLen;
        out[name] = {method, data};
        pos = data + csize;
    }
    return out;
}

QByteArray gunzip(const QByteArray &gz)
{
    z_stream zs{};
    inflateInit2(&zs, 16 + MAX_WBITS);
    QByteArray out;
    char buf[65536];
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(gz.constData()));
    zs.avail_in = uInt(gz.size());
    int rc;
    do {
        zs.next_out = reinterpret_cast<Bytef *>(buf);
        zs.avail_out = sizeof buf;
        rc = inflate(&zs, Z_NO_FLUSH);
        out.append(buf, qsizetype(sizeof buf - zs.avail_out));
    } while (rc == Z_OK);
    inflateEnd(&zs);
    return rc == Z_STREAM_END ? out : QByteArray();
}

/// Walks pickle opcodes (the subset our writer emits), simulating the stack: returns an
/// error text, or an empty string when the pickle is well formed and leaves one object.
QString checkPickle(const QByteArray &p)
{
    if (p.size() < 3 || quint8(p[0]) != 0x80)
        return QStringLiteral("no PROTO");
    const int proto = p[1];
    qint64 pos = 2;
    if (proto >= 4) {
        if (quint8(p[pos]) != 0x95)
            return QStringLiteral("no FRAME");
        const quint64 len = qFromLittleEndian<quint64>(p.constData() + 3);
        if (qint64(len) != p.size() - 11)
            return QStringLiteral("FRAME length %1 != %2").arg(len).arg(p.size() - 11);
        pos = 11;
    }
    std::vector<int> stack; // 0 = object, 1 = mark
    auto popToMark = [&]() {
        while (!stack.empty() && stack.back() != 1)
            stack.pop_back();
        if (stack.empty())
            return false;
        stack.pop_back();
        return true;
    };
    auto pop = [&](int n) {
        if (int(stack.size()) < n)
            return false;
        for (int i = 0; i < n; ++i) {
            if (stack.back() == 1)
                return false;
            stack.pop_back();
        }
        return true;
    };
    while (pos < p.size()) {
        const quint8 op = quint8(p[pos++]);
        auto le = [&](int n) {
            quint64 v = 0;
            for (int i = 0; i < n; ++i)
                v |= quint64(quint8(p[pos + i])) << (8 * i);
            pos += n;
            return v;
        };
        switch (op) {
        case '.':
            return (pos == p.size() && stack.size() == 1 && stack[0] == 0)
                           ? QString()
                           : QStringLiteral("STOP with stack %1 at %2/%3")
                                     .arg(stack.size())
                                     .arg(pos)
                                     .arg(p.size());
        case '(':
            stack.push_back(1);
            break;
        case 'N':
        case 0x88:
        case 0x89:
        case ']':
        case '}':
        case ')':
            stack.push_back(0);
            break;
        case 'K':
            pos += 1;
            stack.push_back(0);
            break;
        case 'M':
            pos += 2;
            stack.push_back(0);
            break;
        case 'J':
            pos += 4;
            stack.push_back(0);
            break;
        case 'G':
            pos += 8;
            stack.push_back(0);
            break;
        case 0x8a:
            pos += le(1);
            stack.push_back(0);
            break;
        case 0x8c:
        case 'C':
            pos += le(1);
            stack.push_back(0);
            break;
        case 'X':
        case 'B':
            pos += le(4);
            stack.push_back(0);
            break;
        case 'c': {
            for (int nl = 0; nl < 2; ++nl) {
                const qint64 e = p.indexOf('\n', pos);
                if (e < 0)
                    return QStringLiteral("bad GLOBAL");
                pos = e + 1;
            }
            stack.push_back(0);
            break;
        }
        case 0x93:
            if (!pop(2))
                return QStringLiteral("STACK_GLOBAL underflow");
            stack.push_back(0);
            break;
        case 0x94:
            if (stack.empty())
                return QStringLiteral("MEMOIZE on empty stack");
            break;
        case 'q':
            pos += 1;
            break;
        case 'r':
            pos += 4;
            break;
        case 'a':
            if (!pop(1) || stack.empty())
                return QStringLiteral("APPEND underflow");
            break;
        case 's':
            if (!pop(2) || stack.empty())
                return QStringLiteral("SETITEM underflow");
            break;
        case 'e':
        case 'u':
            if (!popToMark() || stack.empty())
                return QStringLiteral("APPENDS/SETITEMS without mark");
            break;
        case 't':
            if (!popToMark())
                return QStringLiteral("TUPLE without mark");
            stack.push_back(0);
            break;
        case 0x85:
        case 0x86:
        case 0x87:
            if (!pop(op - 0x84))
                return QStringLiteral("TUPLEn underflow");
            stack.push_back(0);
            break;
        case 'R':
            if (!pop(2))
                return QStringLiteral("REDUCE underflow");
            stack.push_back(0);
            break;
        case 'b':
            if (!pop(1) || stack.empty())
                return QStringLiteral("BUILD underflow");
            break;
        case 'Q':
            if (!pop(1))
                return QStringLiteral("BINPERSID underflow");
            stack.push_back(0);
            break;
        default:
            return QStringLiteral("unknown opcode 0x%1 at %2")
                    .arg(op, 2, 16, QLatin1Char('0'))
                    .arg(pos - 1);
        }
        if (pos > p.size())
            return QStringLiteral("truncated");
    }
    return QStringLiteral("no STOP");
}

QString pythonWithNumpy()
{
    for (const QString &py : {QStringLiteral("python3"), QStringLiteral("/usr/bin/python3")}) {
        QProcess p;
        p.start(py, {QStringLiteral("-c"), QStringLiteral("import numpy")});
        if (p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0)
            return py;
    }
    return {};
}

} // namespace

class TestDemoWriters final : public QObject
{
    Q_OBJECT

private slots:
    void npyHeaderIsExact()
    {
        const QByteArray h = Npy::header(QStringLiteral("<f8"), {100, 100});
        QCOMPARE(h.size() % 64, 0);
        QVERIFY(h.startsWith(QByteArray("\x93NUMPY\x01\x00", 8)));
        QCOMPARE(int(qFromLittleEndian<quint16>(h.constData() + 8)), int(h.size() - 10));
        const QByteArray dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (100, 100), }";
        QCOMPARE(h.mid(10, dict.size()), dict);
        QVERIFY(h.endsWith('\n'));
        // numpy leaves 21 - len("100") growth spaces, then pads to 64.
        QCOMPARE(h, QByteArray("\x93NUMPY\x01\x00\x76\x00", 10) + dict
                            + QByteArray(117 - dict.size(), ' ') + '\n');
        QCOMPARE(Npy::shapeRepr({5}), QStringLiteral("(5,)"));
        QCOMPARE(Npy::shapeRepr({}), QStringLiteral("()"));
        QCOMPARE(Npy::header(QStringLiteral("<i8"), {}).size() % 64, 0);
    }

    void npzIsZipOfDeflatedNpy()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("features.npz"));
        const QByteArray npy
                = Npy::file(QStringLiteral("<f8"), {2, 2}, Npy::float64Bytes({1, 0, 0, 1}));
        QString error;
        QVERIFY2(Npy::writeNpz(path, {{QStringLiteral("features"), npy}}, &error),
                 qPrintable(error));
        const auto members = unzip(path);
        QCOMPARE(members.size(), size_t(1));
        QCOMPARE(members.at(QStringLiteral("features.npy")), npy);
        QCOMPARE(localHeaders(readAll(path)).at(QStringLiteral("features.npy")).first, 8);
        QCOMPARE(Npy::reprFloat2d({1, 0, 0, 1}, 2, 2),
                 QStringLiteral("array([[1., 0.],\n       [0., 1.]])"));
    }

    void gzipHasZeroMtimeAndRoundTrips()
    {
        const QByteArray text
                = TableGenerator::headerLine() + QByteArray("0,1,2020-01-01,x,1.5,3,True,cat,\n");
        const QByteArray gz = GzipWriter::compress(text, "df.csv");
        QVERIFY(gz.size() > 18);
        QCOMPARE(quint8(gz[0]), quint8(0x1f));
        QCOMPARE(quint8(gz[1]), quint8(0x8b));
        QCOMPARE(quint8(gz[2]), quint8(8));
        QCOMPARE(quint8(gz[3]), quint8(0x08)); // FNAME
        QCOMPARE(gz.mid(4, 4), QByteArray(4, '\0'));
        QCOMPARE(quint8(gz[8]), quint8(2));
        QCOMPARE(quint8(gz[9]), quint8(0xff));
        QCOMPARE(gz.mid(10, 7), QByteArray("df.csv\0", 7));
        QCOMPARE(gunzip(gz), text);
        // Same input, same bytes: no timestamps inside.
        QCOMPARE(GzipWriter::compress(text, "df.csv"), gz);
    }

    void zipFolderKeepsRelativeSortedMembers()
    {
        QTemporaryDir dir;
        const QString src = dir.filePath(QStringLiteral("folder"));
        QDir().mkpath(src + QStringLiteral("/sub"));
        for (const auto &[rel, body] :
             {std::pair{"b.txt", "bee\n"}, {"a.txt", "a"}, {"sub/c.txt", "sea sea\n"}}) {
            QFile f(src + QLatin1Char('/') + QLatin1String(rel));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(body);
        }
        QString preview, error;
        const QString zipPath = dir.filePath(QStringLiteral("folder.zip"));
        QVERIFY2(ZipWriter::zipFolder(src, zipPath, &preview, &error), qPrintable(error));
        const auto members = unzip(zipPath);
        QCOMPARE(members.size(), size_t(3));
        QCOMPARE(members.at(QStringLiteral("sub/c.txt")), QByteArray("sea sea\n"));
        QCOMPARE(members.at(QStringLiteral("a.txt")), QByteArray("a"));
        const auto headers = localHeaders(readAll(zipPath));
        for (const auto &[name, info] : headers)
            QCOMPARE(info.first, 8);
        QCOMPARE(preview, QStringLiteral("Archive content %1/*:\na.txt - 1 byte\nb.txt - 4 "
                                         "bytes\nsub/c.txt - 8 bytes\n")
                                  .arg(src));
    }

    void formatSizeIsDecimal()
    {
        QCOMPARE(formatSize(0), QStringLiteral("0 bytes"));
        QCOMPARE(formatSize(1), QStringLiteral("1 byte"));
        QCOMPARE(formatSize(12), QStringLiteral("12 bytes"));
        QCOMPARE(formatSize(1000), QStringLiteral("1 KB"));
        QCOMPARE(formatSize(1500000), QStringLiteral("1.5 MB"));
        QCOMPARE(formatSize(100000000), QStringLiteral("100 MB"));
        QCOMPARE(formatSize(1234), QStringLiteral("1.23 KB"));
    }

    void pickleIsWellFormed()
    {
        const PyValue v = PyValue::dict(
                {{PyValue::str(QStringLiteral("a")), PyValue::integer(1)},
                 {PyValue::str(QStringLiteral("big")), PyValue::integer(1LL << 40)},
                 {PyValue::str(QStringLiteral("neg")), PyValue::integer(-5)},
                 {PyValue::str(QStringLiteral("l")),
                  PyValue::list({PyValue::floating(1.5), PyValue::str(QStringLiteral("x")),
                                 PyValue::tuple({PyValue(), PyValue::boolean(true)})})},
                 {PyValue::str(QStringLiteral("one")),
                  PyValue::list({PyValue::bytes(QByteArray("\x00\x01", 2))})},
                 {PyValue::str(QStringLiteral("t4")),
                  PyValue::tuple({PyValue::integer(1), PyValue::integer(2), PyValue::integer(3),
                                  PyValue::integer(4)})},
                 {PyValue::str(QStringLiteral("arr")), PyValue::ndarray({2, 2}, {1, 2, 3, 4})}});
        for (int proto : {2, 4}) {
            const QByteArray p = v.pickled(proto);
            QVERIFY(p.endsWith('.'));
            const QString problem = checkPickle(p);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }
        QVERIFY(v.pickled(4).contains("numpy.core.multiarray"));
        QVERIFY(v.pickled(4).contains("_reconstruct"));
        QCOMPARE(PyValue::integer(300).pickled(4),
                 QByteArray("\x80\x04\x95\x04\x00\x00\x00\x00\x00\x00\x00M\x2c\x01.", 15));
    }

    void pythonStyleText()
    {
        const PyValue v = PyValue::dict(
                {{PyValue::str(QStringLiteral("b")),
                  PyValue::list({PyValue::floating(0.1), PyValue::floating(2)})},
                 {PyValue::str(QStringLiteral("a")), PyValue::str(QStringLiteral("it's"))},
                 {PyValue::str(QStringLiteral("c")), PyValue::dict({})},
                 {PyValue::str(QStringLiteral("d")), PyValue()}});
        QCOMPARE(v.repr(), QStringLiteral("{'b': [0.1, 2.0], 'a': \"it's\", 'c': {}, 'd': None}"));
        QCOMPARE(v.json(), QStringLiteral("{\n    \"a\": \"it's\",\n    \"b\": [\n        0.1,\n   "
                                          "     2.0\n    ],\n    \"c\": {},\n    \"d\": null\n}"));
        QCOMPARE(v.yaml(), QStringLiteral("a: it's\nb:\n- 0.1\n- 2.0\nc: {}\nd: null\n"));
        QCOMPARE(PyValue::floatRepr(1e-5), QStringLiteral("1e-05"));
        QCOMPARE(PyValue::floatRepr(1e16), QStringLiteral("1e+16"));
        QCOMPARE(PyValue::floatRepr(123456.0), QStringLiteral("123456.0"));
        QCOMPARE(PyValue::tuple({PyValue::integer(1)}).repr(), QStringLiteral("(1,)"));
    }

    void safetensorsOffsetsCoverData()
    {
        const std::vector<TensorData> tensors{
                TensorData::float32(QStringLiteral("w"), {2, 3}, {1, 2, 3, 4, 5, 6}),
                TensorData::float32(QStringLiteral("b"), {3}, {7, 8, 9})};
        const QByteArray st = SafeTensors::serialize(
                tensors, {{QStringLiteral("format"), QStringLiteral("pt")}});
        const quint64 n = qFromLittleEndian<quint64>(st.constData());
        QCOMPARE(n % 8, quint64(0));
        QCOMPARE(qint64(st.size()), qint64(8 + n + 36));
        const QJsonObject header = QJsonDocument::fromJson(st.mid(8, qsizetype(n))).object();
        QCOMPARE(header.value(QStringLiteral("__metadata__"))
                         .toObject()
                         .value(QStringLiteral("format"))
                         .toString(),
                 QStringLiteral("pt"));
        const QJsonObject w = header.value(QStringLiteral("w")).toObject();
        QCOMPARE(w.value(QStringLiteral("dtype")).toString(), QStringLiteral("F32"));
        QCOMPARE(w.value(QStringLiteral("data_offsets")).toArray().at(1).toInt(), 24);
        QCOMPARE(header.value(QStringLiteral("b"))
                         .toObject()
                         .value(QStringLiteral("data_offsets"))
                         .toArray()
                         .at(0)
                         .toInt(),
                 24);
        QCOMPARE(header.value(QStringLiteral("b"))
                         .toObject()
                         .value(QStringLiteral("data_offsets"))
                         .toArray()
                         .at(1)
                         .toInt(),
                 36);
        float first;
        quint32 bits = qFromLittleEndian<quint32>(st.constData() + 8 + n);
        std::memcpy(&first, &bits, 4);
        QCOMPARE(first, 1.0f);
    }

    void torchZipLayout()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("model.pt"));
        QString error;
        const std::vector<TensorData> tensors{
                TensorData::float32(QStringLiteral("fc.weight"), {2, 2}, {1, 2, 3, 4}),
                TensorData::float32(QStringLiteral("fc.bias"), {2}, {5, 6})};
        QVERIFY2(TorchZip::write(path, tensors, &error), qPrintable(error));
        const auto members = unzip(path);
        QCOMPARE(members.at(QStringLiteral("archive/byteorder")), QByteArray("little"));
        QCOMPARE(members.at(QStringLiteral("archive/version")), QByteArray("3\n"));
        QCOMPARE(members.at(QStringLiteral("archive/data/0")), tensors[0].data);
        QCOMPARE(members.at(QStringLiteral("archive/data/1")), tensors[1].data);
        const QByteArray pkl = members.at(QStringLiteral("archive/data.pkl"));
        QCOMPARE(quint8(pkl[1]), quint8(2));
        QVERIFY(pkl.contains("torch._utils\n_rebuild_tensor_v2\n"));
        QVERIFY(pkl.contains("torch\nFloatStorage\n"));
        QVERIFY(pkl.contains("collections\nOrderedDict\n"));
        const QString problem = checkPickle(pkl);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        for (const auto &[name, info] : localHeaders(readAll(path))) {
            QCOMPARE(info.first, 0); // stored, like torch.save
            QCOMPARE(info.second % 64, qint64(0));
        }
    }

    void onnxIsWellFormedProtobuf()
    {
        const TensorData w
                = TensorData::float32(QStringLiteral("fc.weight"), {2, 3}, {1, 2, 3, 4, 5, 6});
        const TensorData b = TensorData::float32(QStringLiteral("fc.bias"), {2}, {0.5f, -0.5f});
        const QByteArray model = Onnx::linearModel(w, b);
        QCOMPARE(Onnx::varint(300), QByteArray("\xac\x02", 2));
        QVERIFY(model.startsWith(QByteArray("\x08\x08", 2))); // ir_version 8
        QVERIFY(model.contains("Gemm"));
        QVERIFY(model.contains(w.data));
        // Every message nests exactly: walk fields recursively where they parse as messages.
        std::function<bool(const QByteArray &, int)> walk = [&](const QByteArray &m, int depth) {
            qsizetype pos = 0;
            auto readVarint = [&](quint64 *v) {
                *v = 0;
                for (int shift = 0; pos < m.size() && shift < 64; shift += 7) {
                    const quint8 byte = quint8(m[pos++]);
                    *v |= quint64(byte & 0x7f) << shift;
                    if (!(byte & 0x80))
                        return true;
                }
                return false;
            };
            while (pos < m.size()) {
                quint64 key, v;
                if (!readVarint(&key))
                    return false;
                if ((key & 7) == 0) {
                    if (!readVarint(&v))
                        return false;
                } else if ((key & 7) == 2) {
                    if (!readVarint(&v) || pos + qsizetype(v) > m.size())
                        return false;
                    pos += qsizetype(v);
                } else {
                    return false;
                }
            }
            return pos == m.size() && depth >= 0;
        };
        QVERIFY(walk(model, 0));
    }

    void tableIsPandasCsv()
    {
        TableGenerator gen(3);
        QByteArray all;
        const qint64 rows = gen.generate(
                [&all](const QByteArray &c) {
                    all += c;
                    return true;
                },
                0, 500);
        QCOMPARE(rows, qint64(500));
        const QList<QByteArray> lines = all.split('\n');
        QCOMPARE(lines.first(), QByteArray(",id,date,city,score,count,valid,label,note"));
        QCOMPARE(lines.size(), 502); // header, rows, trailing empty
        QVERIFY(lines[1].startsWith("0,100000,"));
        QVERIFY(all.contains("\"Zürich, CH\"") || all.contains("\"Quebec \"\"QC\"\"\""));
        QCOMPARE(TableGenerator::quoteField("a\"b"), QByteArray("\"a\"\"b\""));
        QByteArray f;
        TableGenerator::appendFloat(f, 2.0);
        QCOMPARE(f, QByteArray("2.0"));
        // Streaming stops at the byte target.
        qint64 total = 0;
        TableGenerator big(5);
        big.generate(
                [&total](const QByteArray &c) {
                    total += c.size();
                    return true;
                },
                3'000'000);
        QVERIFY(total >= 3'000'000 && total < 3'000'000 + 200);
    }

    void numpyAndPandasReadOurFiles()
    {
        const QString py = pythonWithNumpy();
        if (py.isEmpty())
            QSKIP("python3 with numpy is not available");
        QTemporaryDir dir;
        QString error;
        const QByteArray npy
                = Npy::file(QStringLiteral("<f8"), {3, 4},
                            Npy::float64Bytes({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11.5}));
        QVERIFY(Npy::writeNpz(dir.filePath(QStringLiteral("a.npz")),
                              {{QStringLiteral("my key"), npy}}, &error));
        const PyValue obj = PyValue::dict(
                {{PyValue::str(QStringLiteral("x")), PyValue::ndarray({2, 2}, {1, 2, 3, 4.5})},
                 {PyValue::str(QStringLiteral("t")),
                  PyValue::tuple({PyValue::floating(0.25), PyValue::str(QStringLiteral("s")),
                                  PyValue::integer(-70000), PyValue::integer(1LL << 40)})}});
        QFile pk(dir.filePath(QStringLiteral("o.pkl")));
        QVERIFY(pk.open(QIODevice::WriteOnly));
        pk.write(obj.pickled(4));
        pk.close();
        QFile pk2(dir.filePath(QStringLiteral("o2.pkl")));
        QVERIFY(pk2.open(QIODevice::WriteOnly));
        pk2.write(obj.pickled(2));
        pk2.close();
        GzipWriter gz(dir.filePath(QStringLiteral("t.csv.gz")), "t.csv");
        QVERIFY(gz.open());
        TableGenerator gen(9);
        gen.generate([&gz](const QByteArray &c) { return gz.write(c); }, 0, 300);
        QVERIFY(gz.close());
        const QString script = QStringLiteral(R"(
import sys, pickle, numpy as np, io, gzip, json
d = sys.argv[1]
a = np.load(d + '/a.npz')['my key']
assert a.shape == (3, 4) and a[2, 3] == 11.5, a
import numpy.lib.format as f
raw = open(d + '/a.npy', 'rb').read()
buf = io.BytesIO(); np.save(buf, a); assert buf.getvalue() == raw, 'npy bytes differ from numpy.save'
for name in ('o.pkl', 'o2.pkl'):
    o = pickle.load(open(d + '/' + name, 'rb'))
    assert o['x'].tolist() == [[1.0, 2.0], [3.0, 4.5]], o
    assert o['t'] == (0.25, 's', -70000, 1 << 40), o
    assert repr(o['t']) == sys.argv[2], repr(o['t'])
try:
    import pandas as pd
    df = pd.read_csv(d + '/t.csv.gz', index_col=[0])
    assert len(df) == 300 and list(df.columns) == ['id','date','city','score','count','valid','label','note'], df
    out = io.StringIO(); df.to_csv(out)
    assert out.getvalue() == gzip.open(d + '/t.csv.gz').read().decode(), 'to_csv differs'
except ImportError:
    pass
import zipfile, collections
z = zipfile.ZipFile(d + '/m.pt')
class U(pickle.Unpickler):
    def find_class(self, mod, name):
        if (mod, name) == ('torch._utils', '_rebuild_tensor_v2'):
            return lambda storage, offset, size, stride, grad, hooks: (storage, offset, size, stride, grad)
        if (mod, name) == ('torch', 'FloatStorage'):
            return 'FloatStorage'
        if (mod, name) == ('collections', 'OrderedDict'):
            return collections.OrderedDict
        raise pickle.UnpicklingError(mod + '.' + name)
    def persistent_load(self, pid):
        typ, cls, key, location, numel = pid
        assert (typ, cls, location) == ('storage', 'FloatStorage', 'cpu'), pid
        data = z.read('archive/data/' + key)
        assert len(data) == 4 * numel
        return np.frombuffer(data, '<f4')
sd = U(io.BytesIO(z.read('archive/data.pkl'))).load()
assert isinstance(sd, collections.OrderedDict) and list(sd) == ['fc.weight', 'fc.bias'], sd
storage, offset, size, stride, grad = sd['fc.weight']
assert offset == 0 and size == (2, 3) and stride == (3, 1) and grad is False
assert storage.reshape(size).tolist() == [[1, 2, 3], [4, 5, 6]]
print('ok')
)");
        QFile npyFile(dir.filePath(QStringLiteral("a.npy")));
        QVERIFY(npyFile.open(QIODevice::WriteOnly));
        npyFile.write(npy);
        npyFile.close();
        QString torchError;
        QVERIFY(TorchZip::write(
                dir.filePath(QStringLiteral("m.pt")),
                {TensorData::float32(QStringLiteral("fc.weight"), {2, 3}, {1, 2, 3, 4, 5, 6}),
                 TensorData::float32(QStringLiteral("fc.bias"), {2}, {7, 8})},
                &torchError));
        const QString tupleRepr
                = PyValue::tuple({PyValue::floating(0.25), PyValue::str(QStringLiteral("s")),
                                  PyValue::integer(-70000), PyValue::integer(1LL << 40)})
                          .repr();
        QProcess p;
        p.start(py, {QStringLiteral("-c"), script, dir.path(), tupleRepr});
        QVERIFY(p.waitForFinished(60000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QCOMPARE(p.readAllStandardOutput().trimmed(), QByteArray("ok"));
    }
};

QTEST_GUILESS_MAIN(TestDemoWriters)
#include "tst_demo_writers.moc"

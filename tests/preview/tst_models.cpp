#include "countingsource.h"
#include "zipbuilder.h"

#include "common/bytesource.h"
#include "preview/onnxdecoder.h"
#include "preview/safetensorsdecoder.h"
#include "preview/torchdecoder.h"

#include <QFile>
#include <QtTest>

using namespace Trove;
using json = nlohmann::json;
using TroveTest::ZipBuilder;

namespace {

QByteArray safetensors(const QByteArray &header, qint64 dataBytes, qint64 declaredLength = -1)
{
    QByteArray out;
    ZipBuilder::put64(out, quint64(declaredLength >= 0 ? declaredLength : header.size()));
    out += header;
    out += QByteArray(dataBytes, '\0');
    return out;
}

QByteArray fixture(const QString &path)
{
    QFile f(qEnvironmentVariable("TROVE_TEST_DATA") + QStringLiteral("/preview/") + path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

// Minimal protobuf writer for ONNX test models.
void varint(QByteArray &b, quint64 v)
{
    while (v >= 0x80) {
        b.append(char((v & 0x7f) | 0x80));
        v >>= 7;
    }
    b.append(char(v));
}
void fieldVarint(QByteArray &b, int n, quint64 v)
{
    varint(b, quint64(n) << 3);
    varint(b, v);
}
void fieldBytes(QByteArray &b, int n, const QByteArray &payload)
{
    varint(b, (quint64(n) << 3) | 2);
    varint(b, quint64(payload.size()));
    b += payload;
}
QByteArray valueInfo(const QByteArray &name,
                     int elemType,
                     const QList<qint64> &dims,
                     const QByteArray &symbolic = {})
{
    QByteArray shape;
    for (qint64 d : dims) {
        QByteArray dim;
        fieldVarint(dim, 1, quint64(d));
        fieldBytes(shape, 1, dim);
    }
    if (!symbolic.isEmpty()) {
        QByteArray dim;
        fieldBytes(dim, 2, symbolic);
        fieldBytes(shape, 1, dim);
    }
    QByteArray tensor;
    fieldVarint(tensor, 1, quint64(elemType));
    fieldBytes(tensor, 2, shape);
    QByteArray type;
    fieldBytes(type, 1, tensor);
    QByteArray vi;
    fieldBytes(vi, 1, name);
    fieldBytes(vi, 2, type);
    return vi;
}
QByteArray onnxModel(int rawBytes = 16 * 8 * 4)
{
    QByteArray graph;
    for (const char *op : {"Gemm", "Relu", "Gemm"}) {
        QByteArray node;
        fieldBytes(node, 1, "x");
        fieldBytes(node, 2, "y");
        fieldBytes(node, 4, op);
        fieldBytes(graph, 1, node);
    }
    fieldBytes(graph, 2, "tiny");
    QByteArray init;
    QByteArray packed;
    varint(packed, 16);
    varint(packed, 8);
    fieldBytes(init, 1, packed); // packed dims
    fieldVarint(init, 2, 1);     // FLOAT
    fieldBytes(init, 8, "fc1.weight");
    fieldBytes(init, 9, QByteArray(rawBytes, '\0'));
    fieldBytes(graph, 5, init);
    QByteArray bias;
    fieldVarint(bias, 1, 16); // unpacked dims
    fieldVarint(bias, 2, 1);
    fieldBytes(bias, 8, "fc1.bias");
    fieldBytes(graph, 5, bias);
    fieldBytes(graph, 11, valueInfo("input", 1, {1, 8}, "batch"));
    fieldBytes(graph, 12, valueInfo("output", 1, {1, 4}));
    QByteArray model;
    fieldVarint(model, 1, 8);
    fieldBytes(model, 2, "trove-test");
    fieldBytes(model, 3, "1.0");
    QByteArray opset;
    fieldBytes(opset, 1, "");
    fieldVarint(opset, 2, 17);
    fieldBytes(model, 8, opset);
    fieldBytes(model, 7, graph);
    return model;
}

} // namespace

class TestModels final : public QObject
{
    Q_OBJECT

private slots:
    void safetensorsValid()
    {
        const QByteArray header = R"({"__metadata__":{"format":"pt"},
            "a":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]},
            "b":{"dtype":"BF16","shape":[4],"data_offsets":[24,32]}})";
        auto src = memorySource(safetensors(header, 32));
        auto r = SafetensorsDecoder::decode(*src, PreviewOptions{});
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        QCOMPARE(r->tensors.size(), 2);
        QCOMPARE(r->parameterCount, qint64(10));
        QCOMPARE(r->tensors.at(0).name, QStringLiteral("a"));
        QCOMPARE(r->tensors.at(0).shape, (std::vector<qint64>{2, 3}));
        QCOMPARE(r->tensors.at(1).dtype, QStringLiteral("BF16"));
        QCOMPARE(r->metadata.at("user").at("format").get<std::string>(), std::string("pt"));
        QVERIFY(r->warnings.isEmpty());
        const json j = r->toJson();
        QCOMPARE(j.at("tensor_count").get<int>(), 2);
    }

    void safetensorsReadsOnlyTheHeader()
    {
        const QByteArray header
                = R"({"w":{"dtype":"F32","shape":[1000000],"data_offsets":[0,4000000]}})";
        auto mem = memorySource(safetensors(header, 4000000));
        TroveTest::CountingSource counting(*mem);
        auto r = SafetensorsDecoder::decode(counting, PreviewOptions{});
        QVERIFY(r.ok());
        QVERIFY(counting.bytesRequested() < 200);
    }

    void safetensorsHostile_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        const QByteArray ok = R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})";
        QTest::newRow("offsets past end")
                << safetensors(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,800]}})", 8);
        QTest::newRow("size mismatch")
                << safetensors(R"({"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}})", 8);
        QTest::newRow("reversed") << safetensors(
                R"({"a":{"dtype":"F32","shape":[0],"data_offsets":[8,0]}})", 8);
        QTest::newRow("overlap") << safetensors(
                R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})",
                12);
        QTest::newRow("bad dtype")
                << safetensors(R"({"a":{"dtype":"X9","shape":[2],"data_offsets":[0,8]}})", 8);
        QTest::newRow("negative dim")
                << safetensors(R"({"a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}})", 8);
        QTest::newRow("overflowing shape") << safetensors(
                R"({"a":{"dtype":"F32","shape":[4294967296,4294967296,4294967296],"data_offsets":[0,8]}})",
                8);
        QTest::newRow("header too long") << safetensors(ok, 8, qint64(1) << 40);
        QTest::newRow("header past end") << safetensors(ok, 8, 5000);
        QTest::newRow("not json") << safetensors("{not json at all", 8);
        QTest::newRow("deep json") << safetensors(QByteArray(5000, '[') + QByteArray(5000, ']'), 0);
        QTest::newRow("array header") << safetensors("[1,2]", 0);
        QTest::newRow("short") << QByteArray("\x10\x00", 2);
        QTest::newRow("checked-in bad offsets")
                << fixture(QStringLiteral("models/bad_offsets.safetensors"));
    }
    void safetensorsHostile()
    {
        QFETCH(QByteArray, bytes);
        QVERIFY(!bytes.isEmpty());
        auto src = memorySource(bytes);
        auto r = SafetensorsDecoder::decode(*src, PreviewOptions{});
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, Error::Kind::Parse);
    }

    void torchZipCheckpoint()
    {
        const QByteArray pkl = fixture(QStringLiteral("pickle/torch_state_dict.pkl"));
        QVERIFY(!pkl.isEmpty());
        ZipBuilder b;
        b.add("archive/data.pkl", pkl);
        b.add("archive/byteorder", "little");
        b.add("archive/data/0", QByteArray(128 * 4, '\0'));
        b.add("archive/data/1", QByteArray(16 * 4, '\0'));
        b.add("archive/data/2", QByteArray(64 * 4, '\0'));
        b.add("archive/version", "3\n");
        auto src = memorySource(b.build(), QStringLiteral("model.pt"));
        auto r = TorchDecoder::decode(*src, PreviewOptions{});
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        QCOMPARE(r->tensors.size(), 3);
        QCOMPARE(r->tensors.at(0).name, QStringLiteral("fc1.weight"));
        QCOMPARE(r->tensors.at(0).dtype, QStringLiteral("float32"));
        QCOMPARE(r->tensors.at(0).shape, (std::vector<qint64>{16, 8}));
        QCOMPARE(r->tensors.at(0).byteSize, qint64(512));
        QCOMPARE(r->tensors.at(2).name, QStringLiteral("fc2.weight"));
        QCOMPARE(r->parameterCount, qint64(128 + 16 + 64));
        QCOMPARE(r->metadata.at("version").get<std::string>(), std::string("3"));
        QVERIFY(r->warnings.isEmpty());
    }

    void torchDangerousAndBroken()
    {
        ZipBuilder b;
        b.add("m/data.pkl", fixture(QStringLiteral("pickle/os_system.pkl")));
        auto src = memorySource(b.build());
        auto r = TorchDecoder::decode(*src, PreviewOptions{});
        QVERIFY(r.ok());
        QVERIFY(r->warnings.join(QLatin1Char(' ')).contains(QStringLiteral("DANGEROUS")));

        ZipBuilder nopkl;
        nopkl.add("x.txt", "x");
        auto src2 = memorySource(nopkl.build());
        QVERIFY(!TorchDecoder::decode(*src2, PreviewOptions{}).ok());

        QByteArray legacy("\x80\x02\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19.", 15);
        auto src3 = memorySource(legacy);
        auto l = TorchDecoder::decode(*src3, PreviewOptions{});
        QVERIFY(!l.ok());
        QCOMPARE(l.error().kind, Error::Kind::Unsupported);
        QVERIFY(l.error().message.contains(QStringLiteral("legacy")));
    }

    void onnxModelSummary()
    {
        auto src = memorySource(onnxModel());
        auto r = OnnxDecoder::decode(*src, PreviewOptions{});
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        const json &m = r->metadata;
        QCOMPARE(m.at("ir_version").get<int>(), 8);
        QCOMPARE(m.at("producer_name").get<std::string>(), std::string("trove-test"));
        QCOMPARE(m.at("opset_import")[0].at("version").get<int>(), 17);
        QCOMPARE(m.at("node_count").get<int>(), 3);
        QCOMPARE(m.at("op_types").at("Gemm").get<int>(), 2);
        QCOMPARE(m.at("op_types").at("Relu").get<int>(), 1);
        QCOMPARE(m.at("initializer_count").get<int>(), 2);
        QCOMPARE(m.at("inputs")[0].at("name").get<std::string>(), std::string("input"));
        QCOMPARE(m.at("inputs")[0].at("elem_type").get<std::string>(), std::string("FLOAT"));
        QCOMPARE(m.at("inputs")[0].at("dims"), json({1, 8, "batch"}));
        QCOMPARE(m.at("outputs")[0].at("dims"), json({1, 4}));
        QCOMPARE(r->tensors.at(0).name, QStringLiteral("fc1.weight"));
        QCOMPARE(r->tensors.at(0).shape, (std::vector<qint64>{16, 8}));
        QCOMPARE(r->tensors.at(0).byteSize, qint64(512));
        QCOMPARE(r->parameterCount, qint64(128 + 16));
    }

    void onnxSkipsTensorData()
    {
        auto small = memorySource(onnxModel());
        TroveTest::CountingSource countSmall(*small);
        QVERIFY(OnnxDecoder::decode(countSmall, PreviewOptions{}).ok());
        QCOMPARE(countSmall.reads().size(), 1); // nested messages come from the buffer

        const QByteArray big = onnxModel(8 << 20); // raw_data is not read
        auto src = memorySource(big);
        TroveTest::CountingSource counting(*src);
        auto r = OnnxDecoder::decode(counting, PreviewOptions{});
        QVERIFY(r.ok());
        QCOMPARE(r->tensors.at(0).byteSize, qint64(8 << 20));
        QVERIFY(counting.bytesRequested() < big.size() / 4);
    }

    void onnxHostile_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        const QByteArray model = onnxModel();
        QTest::newRow("truncated") << model.left(model.size() - 30);
        QTest::newRow("garbage") << QByteArray("\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", 11);
        QTest::newRow("length past end") << QByteArray("\x3a\xff\xff\xff\x0f", 5);
        QTest::newRow("wire type 7") << QByteArray("\x0f\x01", 2);
        QTest::newRow("text") << QByteArray("hello world, not onnx");
        QTest::newRow("empty message") << QByteArray("\x12\x00", 2);
    }
    void onnxHostile()
    {
        QFETCH(QByteArray, bytes);
        auto src = memorySource(bytes);
        auto r = OnnxDecoder::decode(*src, PreviewOptions{});
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, Error::Kind::Parse);
    }
};

QTEST_GUILESS_MAIN(TestModels)
#include "tst_models.moc"

#include "onnxwriter.h"

namespace Trove::Server::Onnx {

QByteArray varint(quint64 value)
{
    QByteArray out;
    do {
        quint8 byte = value & 0x7f;
        value >>= 7;
        if (value)
            byte |= 0x80;
        out.append(char(byte));
    } while (value);
    return out;
}

QByteArray field(int number, const QByteArray &bytes)
{
    return varint(quint64(number) << 3 | 2) + varint(quint64(bytes.size())) + bytes;
}

QByteArray field(int number, quint64 value)
{
    return varint(quint64(number) << 3) + varint(value);
}

namespace {

QByteArray str(int number, const QString &text)
{
    return field(number, text.toUtf8());
}

constexpr quint64 floatType = 1; // TensorProto.DataType.FLOAT

QByteArray tensor(const TensorData &t)
{
    QByteArray out;
    for (qint64 d : t.shape)
        out += field(1, quint64(d)); // dims
    out += field(2, floatType);      // data_type
    out += str(8, t.name);           // name
    out += field(9, t.data);         // raw_data
    return out;
}

// ValueInfoProto of a float tensor whose first dimension is symbolic ("N").
QByteArray valueInfo(const QString &name, qint64 columns)
{
    const QByteArray shape
            = field(1, str(2, QStringLiteral("N"))) + field(1, field(1, quint64(columns)));
    const QByteArray tensorType = field(1, floatType) + field(2, shape);
    return str(1, name) + field(2, field(1, tensorType));
}

} // namespace

QByteArray linearModel(const TensorData &weight, const TensorData &bias, const QString &graphName)
{
    const qint64 out = weight.shape.at(0);
    const qint64 in = weight.shape.at(1);
    const QByteArray transB = str(1, QStringLiteral("transB")) + field(3, quint64(1))
                              + field(20, quint64(2)); // AttributeProto: name, i, type INT
    const QByteArray node = str(1, QStringLiteral("X")) + str(1, weight.name) + str(1, bias.name)
                            + str(2, QStringLiteral("Y")) + str(3, QStringLiteral("fc"))
                            + str(4, QStringLiteral("Gemm")) + field(5, transB);
    const QByteArray graph = field(1, node) + str(2, graphName) + field(5, tensor(weight))
                             + field(5, tensor(bias))
                             + field(11, valueInfo(QStringLiteral("X"), in))
                             + field(12, valueInfo(QStringLiteral("Y"), out));
    const QByteArray opset = str(1, QString()) + field(2, quint64(17));
    return field(1, quint64(8)) + str(2, QStringLiteral("trove-demo"))
           + str(3, QStringLiteral("1.0")) + field(7, graph) + field(8, opset);
}

} // namespace Trove::Server::Onnx

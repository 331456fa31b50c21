#pragma once

#include <QByteArray>
#include <QString>

#include <map>
#include <vector>

namespace Trove::Server {

/// One tensor of a weights file: little-endian raw bytes in C order.
struct TensorData
{
    QString name;
    QString dtype = QStringLiteral("F32"); ///< safetensors dtype name (F32, F16, I64, …)
    std::vector<qint64> shape;
    QByteArray data;

    static TensorData
    float32(const QString &name, std::vector<qint64> shape, const std::vector<float> &values);
};

/// The safetensors format: an 8-byte little-endian header length, a JSON header
/// {"__metadata__":{…},"<name>":{"dtype","shape","data_offsets":[begin,end]}} padded with
/// spaces to a multiple of 8, then the tensors' bytes back to back.
namespace SafeTensors {

QByteArray serialize(const std::vector<TensorData> &tensors,
                     const std::map<QString, QString> &metadata);
bool write(const QString &path,
           const std::vector<TensorData> &tensors,
           const std::map<QString, QString> &metadata,
           QString *error);

} // namespace SafeTensors

} // namespace Trove::Server

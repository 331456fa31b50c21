#include "safetensorswriter.h"

#include <QFile>
#include <QtEndian>

#include <nlohmann/json.hpp>

#include <cstring>

namespace Trove::Server {

TensorData TensorData::float32(const QString &name,
                               std::vector<qint64> shape,
                               const std::vector<float> &values)
{
    TensorData t;
    t.name = name;
    t.dtype = QStringLiteral("F32");
    t.shape = std::move(shape);
    t.data.resize(qsizetype(values.size() * 4));
    for (size_t i = 0; i < values.size(); ++i) {
        quint32 bits;
        std::memcpy(&bits, &values[i], 4);
        qToLittleEndian(bits, t.data.data() + i * 4);
    }
    return t;
}

namespace SafeTensors {

QByteArray serialize(const std::vector<TensorData> &tensors,
                     const std::map<QString, QString> &metadata)
{
    nlohmann::ordered_json header = nlohmann::ordered_json::object();
    if (!metadata.empty()) {
        nlohmann::ordered_json meta = nlohmann::ordered_json::object();
        for (const auto &[k, v] : metadata)
            meta[k.toStdString()] = v.toStdString();
        header["__metadata__"] = meta;
    }
    qint64 offset = 0;
    QByteArray data;
    for (const TensorData &t : tensors) {
        nlohmann::ordered_json entry;
        entry["dtype"] = t.dtype.toStdString();
        entry["shape"] = t.shape;
        entry["data_offsets"] = {offset, offset + t.data.size()};
        header[t.name.toStdString()] = entry;
        offset += t.data.size();
        data.append(t.data);
    }
    QByteArray text = QByteArray::fromStdString(header.dump());
    while (text.size() % 8 != 0)
        text.append(' ');
    QByteArray out(8, Qt::Uninitialized);
    qToLittleEndian(quint64(text.size()), out.data());
    return out + text + data;
}

bool write(const QString &path,
           const std::vector<TensorData> &tensors,
           const std::map<QString, QString> &metadata,
           QString *error)
{
    QFile f(path);
    const QByteArray bytes = serialize(tensors, metadata);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size()) {
        *error = f.errorString();
        return false;
    }
    return true;
}

} // namespace SafeTensors

} // namespace Trove::Server

#include "torchwriter.h"

#include "picklewriter.h"
#include "zipwriter.h"

namespace Trove::Server::TorchZip {

QByteArray dataPickle(const std::vector<TensorData> &tensors)
{
    PickleWriter w(2);
    const QString collections = QStringLiteral("collections");
    const QString orderedDict = QStringLiteral("OrderedDict");
    w.global(collections, orderedDict);
    w.emptyTuple();
    w.reduce();
    w.mark();
    int key = 0;
    for (const TensorData &t : tensors) {
        const qint64 numel = t.data.size() / 4;
        w.string(t.name);
        w.global(QStringLiteral("torch._utils"), QStringLiteral("_rebuild_tensor_v2"));
        w.mark();
        // persistent id: ('storage', torch.FloatStorage, '<key>', 'cpu', numel)
        w.mark();
        w.string(QStringLiteral("storage"));
        w.global(QStringLiteral("torch"), QStringLiteral("FloatStorage"));
        w.string(QString::number(key++));
        w.string(QStringLiteral("cpu"));
        w.integer(numel);
        w.tuple();
        w.persistentId();
        w.integer(0); // storage offset
        auto dims = [&w](const std::vector<qint64> &values) {
            if (values.empty()) {
                w.emptyTuple();
            } else if (values.size() <= 3) {
                for (qint64 v : values)
                    w.integer(v);
                w.tupleN(int(values.size()));
            } else {
                w.mark();
                for (qint64 v : values)
                    w.integer(v);
                w.tuple();
            }
        };
        dims(t.shape);
        std::vector<qint64> stride(t.shape.size(), 1);
        for (int i = int(t.shape.size()) - 2; i >= 0; --i)
            stride[size_t(i)] = stride[size_t(i) + 1] * t.shape[size_t(i) + 1];
        dims(stride);
        w.boolean(false);                   // requires_grad
        w.global(collections, orderedDict); // backward hooks
        w.emptyTuple();
        w.reduce();
        w.tuple();
        w.reduce();
    }
    w.setItems();
    return w.finish();
}

bool write(const QString &path,
           const std::vector<TensorData> &tensors,
           QString *error,
           const QString &archiveName)
{
    ZipWriter zip(path);
    if (!zip.open()) {
        *error = zip.errorString();
        return false;
    }
    // torch.save stamps no real time; miniz writes the DOS epoch.
    const QDateTime epoch(QDate(1980, 1, 1), QTime(0, 0));
    const QString prefix = archiveName + QLatin1Char('/');
    bool ok = zip.addFile(prefix + QStringLiteral("data.pkl"), dataPickle(tensors),
                          ZipWriter::Method::Stored, epoch, 64)
              && zip.addFile(prefix + QStringLiteral("byteorder"), QByteArrayLiteral("little"),
                             ZipWriter::Method::Stored, epoch, 64);
    int key = 0;
    for (const TensorData &t : tensors)
        ok = ok
             && zip.addFile(prefix + QStringLiteral("data/") + QString::number(key++), t.data,
                            ZipWriter::Method::Stored, epoch, 64);
    ok = ok
         && zip.addFile(prefix + QStringLiteral("version"), QByteArrayLiteral("3\n"),
                        ZipWriter::Method::Stored, epoch, 64)
         && zip.close();
    if (!ok)
        *error = zip.errorString();
    return ok;
}

} // namespace Trove::Server::TorchZip

#pragma once

#include <QByteArray>
#include <QString>

#include <vector>

namespace Trove::Server {

/// numpy's .npy format, version 1.0, byte-exact with numpy.save: the header dict
/// "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }" plus numpy's growth spaces,
/// padded with spaces and a final '\n' so that the data starts at a multiple of 64.
namespace Npy {

/// "(3, 4)", "(5,)", "()": Python's tuple repr.
QString shapeRepr(const std::vector<qint64> &shape);

QByteArray
header(const QString &descr, const std::vector<qint64> &shape, bool fortranOrder = false);

/// header + raw (C-order) data.
QByteArray file(const QString &descr, const std::vector<qint64> &shape, const QByteArray &data);

/// A float64 matrix as raw little-endian bytes.
QByteArray float64Bytes(const std::vector<double> &values);

/// numpy.savez_compressed: a zip of deflated "<key>.npy" members.
bool writeNpz(const QString &path,
              const std::vector<std::pair<QString, QByteArray>> &npyMembers,
              QString *error);

/// repr() of a 2-D float64 array the way numpy prints it (summarized past 1000 items),
/// e.g. "array([[1., 0.],\n       [0., 1.]])".
QString reprFloat2d(const std::vector<double> &values, qint64 rows, qint64 cols);

} // namespace Npy

} // namespace Trove::Server

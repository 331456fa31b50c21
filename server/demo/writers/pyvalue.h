#pragma once

#include <QByteArray>
#include <QString>

#include <utility>
#include <vector>

namespace Trove::Server {

class PickleWriter;

/// A small Python value tree (None, bool, int, float, str, bytes, list, tuple, dict and a
/// float64 numpy array) that renders itself as Python would: repr(), json.dumps(sort_keys=True,
/// indent=4), yaml.dump(sort_keys=True, indent=4) and pickle.
class PyValue final
{
public:
    enum class Kind { None, Bool, Int, Float, Str, Bytes, List, Tuple, Dict, NdArray };

    PyValue() = default;
    static PyValue boolean(bool v);
    static PyValue integer(qint64 v);
    static PyValue floating(double v);
    static PyValue str(const QString &v);
    static PyValue bytes(const QByteArray &v);
    static PyValue list(std::vector<PyValue> items);
    static PyValue tuple(std::vector<PyValue> items);
    static PyValue dict(std::vector<std::pair<PyValue, PyValue>> items);
    /// A C-ordered float64 array (numpy.ndarray, dtype '<f8').
    static PyValue ndarray(std::vector<qint64> shape, std::vector<double> values);

    Kind kind() const { return m_kind; }

    QString repr() const;
    QString json() const;
    QString yaml() const;
    /// Writes this value's opcodes (no PROTO/STOP).
    void pickle(PickleWriter &w) const;
    /// A complete pickle of this value.
    QByteArray pickled(int protocol = 4) const;

    static QString floatRepr(double v);
    static QString strRepr(const QString &s);

private:
    void jsonInto(QString &out, int indent) const;
    void yamlInto(QString &out, int indent, bool inSequence) const;
    QString yamlScalar() const;

    Kind m_kind = Kind::None;
    bool m_bool = false;
    qint64 m_int = 0;
    double m_float = 0;
    QString m_str;
    QByteArray m_bytes;
    std::vector<PyValue> m_items;
    std::vector<std::pair<PyValue, PyValue>> m_dict;
    std::vector<qint64> m_shape;
    std::vector<double> m_values;
};

} // namespace Trove::Server

#pragma once

#include <QString>
#include <QVector>

namespace Trove {

/// Which 2-D slice of an N-D array is shown: the axes mapped to rows and columns, and the
/// index of every other axis (entries for rowAxis/colAxis are ignored). A 1-D array is shown
/// as one row (rowAxis = -1); a 0-D array as one cell.
struct ArraySlice
{
    int rowAxis = 0;
    int colAxis = 1;
    QVector<qint64> fixed;

    /// A valid default slice for `shape`: the last two axes, every other index 0.
    static ArraySlice defaultFor(const QVector<qint64> &shape);
    qint64 rows(const QVector<qint64> &shape) const;
    qint64 cols(const QVector<qint64> &shape) const;
    /// The full N-D index of cell (row, col) of this slice.
    QVector<qint64> indexOf(const QVector<qint64> &shape, qint64 row, qint64 col) const;
};

/// What the array widgets read. A memory-bounded decoder (e.g. a memory-mapped .npy reader)
/// implements value() and, when it can do better than one call per cell, block(). Widgets only
/// ever ask for what is on screen (plus a bounded sample for the colour range).
class ArrayDataProvider
{
public:
    virtual ~ArrayDataProvider() = default;

    virtual QVector<qint64> shape() const = 0;
    /// numpy dtype name ("float32", "int64", "bool", ...), shown to the user.
    virtual QString dtype() const { return QStringLiteral("float64"); }
    /// The element at `index` (one entry per axis) as double; NaN when not representable.
    virtual double value(const QVector<qint64> &index) const = 0;
    /// `rows` x `cols` values of `slice` starting at (row0, col0), row-major. The default calls
    /// value() for each cell.
    virtual QVector<double>
    block(const ArraySlice &slice, qint64 row0, qint64 col0, int rows, int cols) const;
    /// Whether values are integers (the grid then shows them without decimals).
    virtual bool isIntegral() const;

    qint64 elementCount() const;
};

/// In-memory provider over a row-major vector; for small arrays, tests and the gallery.
class MatrixArrayProvider final : public ArrayDataProvider
{
public:
    MatrixArrayProvider(QVector<qint64> shape,
                        QVector<double> values,
                        QString dtype = QStringLiteral("float64"));

    QVector<qint64> shape() const override { return m_shape; }
    QString dtype() const override { return m_dtype; }
    double value(const QVector<qint64> &index) const override;

private:
    QVector<qint64> m_shape;
    QVector<double> m_values;
    QString m_dtype;
};

} // namespace Trove

#include "arraydataprovider.h"

#include <cmath>
#include <limits>

namespace Trove {

ArraySlice ArraySlice::defaultFor(const QVector<qint64> &shape)
{
    ArraySlice s;
    const int n = int(shape.size());
    s.fixed = QVector<qint64>(n, 0);
    s.rowAxis = n >= 2 ? n - 2 : -1;
    s.colAxis = n >= 1 ? n - 1 : -1;
    return s;
}

qint64 ArraySlice::rows(const QVector<qint64> &shape) const
{
    return rowAxis >= 0 && rowAxis < shape.size() ? shape[rowAxis] : 1;
}

qint64 ArraySlice::cols(const QVector<qint64> &shape) const
{
    return colAxis >= 0 && colAxis < shape.size() ? shape[colAxis] : 1;
}

QVector<qint64> ArraySlice::indexOf(const QVector<qint64> &shape, qint64 row, qint64 col) const
{
    QVector<qint64> index(shape.size(), 0);
    for (int a = 0; a < shape.size(); ++a) {
        if (a == rowAxis)
            index[a] = row;
        else if (a == colAxis)
            index[a] = col;
        else if (a < fixed.size())
            index[a] = fixed[a];
    }
    return index;
}

QVector<double> ArrayDataProvider::block(
        const ArraySlice &slice, qint64 row0, qint64 col0, int rows, int cols) const
{
    const QVector<qint64> s = shape();
    QVector<double> out;
    out.reserve(qsizetype(rows) * cols);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            out.append(value(slice.indexOf(s, row0 + r, col0 + c)));
    return out;
}

bool ArrayDataProvider::isIntegral() const
{
    const QString t = dtype();
    return t.startsWith(QLatin1String("int")) || t.startsWith(QLatin1String("uint"))
           || t == QLatin1String("bool");
}

qint64 ArrayDataProvider::elementCount() const
{
    qint64 n = 1;
    for (qint64 d : shape())
        n *= d;
    return n;
}

MatrixArrayProvider::MatrixArrayProvider(QVector<qint64> shape,
                                         QVector<double> values,
                                         QString dtype)
    : m_shape(std::move(shape))
    , m_values(std::move(values))
    , m_dtype(std::move(dtype))
{}

double MatrixArrayProvider::value(const QVector<qint64> &index) const
{
    qint64 flat = 0;
    for (int a = 0; a < m_shape.size(); ++a) {
        const qint64 i = a < index.size() ? index[a] : 0;
        if (i < 0 || i >= m_shape[a])
            return std::numeric_limits<double>::quiet_NaN();
        flat = flat * m_shape[a] + i;
    }
    return flat < m_values.size() ? m_values[flat] : std::numeric_limits<double>::quiet_NaN();
}

} // namespace Trove

#pragma once

#include "common/result.h"

#include <QList>
#include <QStringList>

namespace Trove {

class NpyDecoder;

/// A 2-D window on an N-d array for a table view: two axes are shown (rows and columns), every
/// other axis is fixed at an index. 0-d arrays show one cell; 1-d arrays one column. Only the
/// elements of the requested viewport are read (one ranged read per viewport row, or per
/// element when the row's span would be large), so the cost follows the screen, not the array.
///
/// Blocking (reads through the decoder); call from a worker thread.
class ArrayView final
{
public:
    static constexpr qint64 kMaxCells = 1 << 20;

    explicit ArrayView(NpyDecoder &decoder);

    /// Shows `rowAxis` down and `colAxis` across (colAxis -1: a single column). Fails for
    /// invalid or equal axes.
    Status setAxes(int rowAxis, int colAxis);
    /// Index at which every non-shown axis is fixed (one entry per axis; shown axes ignored).
    Status setFixedIndex(const QList<qint64> &index);

    int rowAxis() const { return m_rowAxis; }
    int colAxis() const { return m_colAxis; }
    qint64 rowCount() const;
    qint64 columnCount() const;

    /// Cells [r0, r1) x [c0, c1) as text (clamped to the array); at most kMaxCells cells.
    Result<QList<QStringList>> text(qint64 r0, qint64 r1, qint64 c0, qint64 c1);
    /// The same cells as numbers (complex: magnitude).
    Result<QList<QList<double>>> values(qint64 r0, qint64 r1, qint64 c0, qint64 c1);

private:
    template<typename Cell, typename Convert>
    Result<QList<QList<Cell>>> read(qint64 r0, qint64 r1, qint64 c0, qint64 c1, Convert convert);

    NpyDecoder &m_decoder;
    int m_rowAxis = -1;
    int m_colAxis = -1;
    QList<qint64> m_fixed;
};

} // namespace Trove

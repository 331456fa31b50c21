#include "arrayview.h"

#include "preview/npydecoder.h"

namespace Trove {
namespace {
constexpr qint64 kMaxSpan = 1 << 20; // read a viewport row in one go if its span is at most this
}

ArrayView::ArrayView(NpyDecoder &decoder)
    : m_decoder(decoder)
{
    const int nd = int(decoder.header().shape.size());
    m_fixed = QList<qint64>(nd, 0);
    if (nd == 1)
        m_rowAxis = 0;
    else if (nd >= 2) {
        m_rowAxis = nd - 2;
        m_colAxis = nd - 1;
    }
}

Status ArrayView::setAxes(int rowAxis, int colAxis)
{
    const int nd = int(m_decoder.header().shape.size());
    if (rowAxis < 0 || rowAxis >= nd || colAxis < -1 || colAxis >= nd || rowAxis == colAxis)
        return Error::make(Error::Kind::Parse, QStringLiteral("invalid axes %1, %2 for %3-d array")
                                                       .arg(rowAxis)
                                                       .arg(colAxis)
                                                       .arg(nd));
    m_rowAxis = rowAxis;
    m_colAxis = colAxis;
    return {};
}

Status ArrayView::setFixedIndex(const QList<qint64> &index)
{
    const auto &shape = m_decoder.header().shape;
    if (index.size() != shape.size())
        return Error::make(Error::Kind::Parse, QStringLiteral("index needs one entry per axis"));
    for (qsizetype k = 0; k < index.size(); ++k)
        if (k != m_rowAxis && k != m_colAxis && (index[k] < 0 || index[k] >= shape[k]))
            return Error::make(
                    Error::Kind::Parse,
                    QStringLiteral("index %1 out of range on axis %2").arg(index[k]).arg(k));
    m_fixed = index;
    return {};
}

qint64 ArrayView::rowCount() const
{
    return m_rowAxis < 0 ? 1 : m_decoder.header().shape[m_rowAxis];
}

qint64 ArrayView::columnCount() const
{
    return m_colAxis < 0 ? 1 : m_decoder.header().shape[m_colAxis];
}

template<typename Cell, typename Convert>
Result<QList<QList<Cell>>>
ArrayView::read(qint64 r0, qint64 r1, qint64 c0, qint64 c1, Convert convert)
{
    QList<QList<Cell>> out;
    if (!m_decoder.header().dtype.isNumeric())
        return Error::make(
                Error::Kind::Unsupported,
                QStringLiteral("values of %1 arrays").arg(m_decoder.header().dtype.name()));
    r0 = std::max<qint64>(r0, 0);
    c0 = std::max<qint64>(c0, 0);
    r1 = std::min(r1, rowCount());
    c1 = std::min(c1, columnCount());
    if (r1 <= r0 || c1 <= c0)
        return out;
    if ((r1 - r0) * (c1 - c0) > kMaxCells)
        return Error::make(Error::Kind::Parse, QStringLiteral("viewport too large"));
    if (m_decoder.header().count == 0)
        return out;
    const qint64 item = m_decoder.header().dtype.itemSize;
    const qint64 rowStride = m_rowAxis < 0 ? 0 : m_decoder.strides()[m_rowAxis];
    const qint64 colStride = m_colAxis < 0 ? 0 : m_decoder.strides()[m_colAxis];
    QList<qint64> index = m_fixed;
    if (m_rowAxis >= 0)
        index[m_rowAxis] = 0;
    if (m_colAxis >= 0)
        index[m_colAxis] = 0;
    const qint64 base = m_decoder.elementOffset(index);
    for (qint64 r = r0; r < r1; ++r) {
        QList<Cell> row;
        row.reserve(c1 - c0);
        const qint64 first = base + r * rowStride + c0 * colStride;
        const qint64 span = (c1 - c0 - 1) * colStride + item;
        if (span <= kMaxSpan) {
            auto bytes = m_decoder.readData(first, span);
            if (!bytes)
                return bytes.error();
            for (qint64 c = 0; c < c1 - c0; ++c)
                row.append(convert(bytes->constData() + c * colStride));
        } else {
            for (qint64 c = 0; c < c1 - c0; ++c) {
                auto bytes = m_decoder.readData(first + c * colStride, item);
                if (!bytes)
                    return bytes.error();
                row.append(convert(bytes->constData()));
            }
        }
        out.append(std::move(row));
    }
    return out;
}

Result<QList<QStringList>> ArrayView::text(qint64 r0, qint64 r1, qint64 c0, qint64 c1)
{
    return read<QString>(r0, r1, c0, c1, [this](const char *p) { return m_decoder.toText(p); });
}

Result<QList<QList<double>>> ArrayView::values(qint64 r0, qint64 r1, qint64 c0, qint64 c1)
{
    return read<double>(r0, r1, c0, c1, [this](const char *p) { return m_decoder.toDouble(p); });
}

} // namespace Trove

#include "arraygridmodel.h"

#include <QLocale>

#include <cmath>
#include <limits>

namespace Trove {

ArrayGridModel::ArrayGridModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ArrayGridModel::setData(std::shared_ptr<const ArrayDataProvider> provider,
                             const ArraySlice &slice)
{
    beginResetModel();
    m_provider = std::move(provider);
    m_slice = slice;
    m_shape = m_provider ? m_provider->shape() : QVector<qint64>();
    constexpr qint64 cap = std::numeric_limits<int>::max();
    m_rows = m_provider ? int(std::min(cap, slice.rows(m_shape))) : 0;
    m_cols = m_provider ? int(std::min(cap, slice.cols(m_shape))) : 0;
    m_integral = m_provider && m_provider->isIntegral();
    endResetModel();
}

void ArrayGridModel::refresh()
{
    if (m_rows > 0 && m_cols > 0)
        emit dataChanged(index(0, 0), index(m_rows - 1, m_cols - 1),
                         {Qt::DisplayRole, ValueRole, Qt::ToolTipRole});
}

int ArrayGridModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int ArrayGridModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_cols;
}

QString ArrayGridModel::formatValue(double v, bool integral)
{
    if (std::isnan(v))
        return QStringLiteral("nan");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    if (integral)
        return QString::number(qint64(v));
    return QString::number(v, 'g', 7);
}

QVariant ArrayGridModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !m_provider)
        return {};
    if (role != Qt::DisplayRole && role != ValueRole && role != Qt::ToolTipRole
        && role != Qt::TextAlignmentRole)
        return {};
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    const double v = m_provider->value(m_slice.indexOf(m_shape, index.row(), index.column()));
    if (role == ValueRole)
        return v;
    if (role == Qt::ToolTipRole)
        return QStringLiteral("[%1, %2] = %3")
                .arg(index.row())
                .arg(index.column())
                .arg(std::isfinite(v) ? QString::number(v, 'g', 17) : formatValue(v, false));
    return formatValue(v, m_integral);
}

QVariant ArrayGridModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    Q_UNUSED(orientation)
    return QString::number(section);
}

} // namespace Trove

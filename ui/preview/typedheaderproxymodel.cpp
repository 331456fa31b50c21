#include "typedheaderproxymodel.h"

namespace Trove {

TypedHeaderProxyModel::TypedHeaderProxyModel(QObject *parent)
    : QIdentityProxyModel(parent)
{}

void TypedHeaderProxyModel::setColumnStats(const QList<ColumnStatsView> &stats)
{
    m_stats = stats;
    const int columns = columnCount();
    if (columns > 0)
        emit headerDataChanged(Qt::Horizontal, 0, columns - 1);
}

QString TypedHeaderProxyModel::typeOf(int section) const
{
    return section >= 0 && section < m_stats.size() ? m_stats.at(section).type : QString();
}

QVariant TypedHeaderProxyModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && section >= 0 && section < m_stats.size()) {
        if (role == Qt::DisplayRole) {
            const QString name
                    = QIdentityProxyModel::headerData(section, orientation, role).toString();
            const QString type = typeOf(section);
            return type.isEmpty() ? name : name + QLatin1Char('\n') + type;
        }
        if (role == Qt::ToolTipRole)
            return m_stats.at(section).toolTip();
    }
    return QIdentityProxyModel::headerData(section, orientation, role);
}

} // namespace Trove

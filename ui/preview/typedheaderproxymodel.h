#pragma once

#include "columnstatsview.h"

#include <QIdentityProxyModel>
#include <QList>

namespace Trove {

/// Pass-through proxy that adds each column's type under its header name ("score\nfloat64")
/// and the column statistics as the header tooltip. TableViewer puts it between the caller's
/// model and the view so the caller's model needs no display logic.
class TypedHeaderProxyModel final : public QIdentityProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TypedHeaderProxyModel)

public:
    explicit TypedHeaderProxyModel(QObject *parent = nullptr);

    void setColumnStats(const QList<ColumnStatsView> &stats);
    const QList<ColumnStatsView> &columnStats() const { return m_stats; }
    /// The type shown for `section`, empty when unknown.
    QString typeOf(int section) const;

    QVariant
    headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<ColumnStatsView> m_stats;
};

} // namespace Trove

#pragma once

#include "columnstatsview.h"

#include <QHeaderView>
#include <QList>

namespace Trove {

/// Horizontal header that shows each column's type under its name (like a dataframe viewer)
/// and the column statistics as a tooltip.
class TypedHeaderView final : public QHeaderView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TypedHeaderView)

public:
    explicit TypedHeaderView(QWidget *parent = nullptr);

    void setColumnStats(const QList<ColumnStatsView> &stats);
    const QList<ColumnStatsView> &columnStats() const { return m_stats; }
    /// The type shown for `section`, empty when unknown.
    QString typeOf(int section) const;

protected:
    void paintSection(QPainter *painter, const QRect &rect, int logicalIndex) const override;
    QSize sectionSizeFromContents(int logicalIndex) const override;
    bool viewportEvent(QEvent *event) override;

private:
    QList<ColumnStatsView> m_stats;
};

} // namespace Trove

#pragma once

#include "columnstatsview.h"

#include <QPointer>
#include <QWidget>

class QAbstractItemModel;
class QLabel;
class QSpinBox;
class QTableView;
class QToolButton;
class QTreeWidget;

namespace Trove {

class TypedHeaderProxyModel;

/// Table preview for any QAbstractTableModel (core's table model, or a paging model that only
/// materialises the visible rows). Rows have a fixed height so QTableView never measures them
/// (virtual scrolling over millions of rows). The header shows each column's type; statistics
/// are in the header tooltip and in a side panel for the current column. A counter reads
/// "Rows 1–50 of 12,345,678" and "Go to row" (Ctrl+G) jumps anywhere.
class TableViewer final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TableViewer)

public:
    explicit TableViewer(QWidget *parent = nullptr);
    ~TableViewer() override;

    void setModel(QAbstractItemModel *model);
    QAbstractItemModel *model() const;
    void setColumnStats(const QList<ColumnStatsView> &stats);
    /// Total rows of the source when the model holds fewer (still loading); -1 = rowCount().
    void setTotalRowCount(qint64 rows);
    qint64 totalRowCount() const;
    /// An estimate of the total while it is unknown (e.g. from the file size and the first
    /// rows): the counter then reads "of about 480,000". -1 = none.
    void setRowCountEstimate(qint64 rows);

    QTableView *tableView() const { return m_table; }
    TypedHeaderProxyModel *headerProxy() const { return m_proxy; }
    /// "Rows 1–50 of 12,345,678".
    QString rowCounterText() const;
    /// 0-based first and last visible rows, (-1, -1) when empty.
    std::pair<int, int> visibleRows() const;
    void setStatsPanelVisible(bool visible);

public slots:
    /// Scrolls so `row` (1-based, as the user types it) is at the top and selects it.
    void goToRow(qint64 row);
    void focusGoToRow();

signals:
    void visibleRowsChanged(int first, int last);

private:
    void updateCounter();
    void updateStatsPanel();

    QTableView *m_table = nullptr;
    TypedHeaderProxyModel *m_proxy = nullptr;
    QPointer<QAbstractItemModel> m_source;
    QLabel *m_counter = nullptr;
    QSpinBox *m_goTo = nullptr;
    QToolButton *m_statsButton = nullptr;
    QTreeWidget *m_stats = nullptr;
    qint64 m_totalRows = -1;
    qint64 m_estimate = -1;
    std::pair<int, int> m_lastVisible{-2, -2};
};

} // namespace Trove

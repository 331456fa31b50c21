#pragma once

#include "arraydataprovider.h"

#include <QAbstractTableModel>

#include <memory>

namespace Trove {

/// Table model over a 2-D slice of an ArrayDataProvider. data() reads one value on demand, so
/// the view's visible cells are all that is ever read. Headers are the indices along the
/// row and column axes. Counts above INT_MAX are capped (the header says so).
class ArrayGridModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ArrayGridModel)

public:
    enum Role { ValueRole = Qt::UserRole + 1 };

    explicit ArrayGridModel(QObject *parent = nullptr);

    void setData(std::shared_ptr<const ArrayDataProvider> provider, const ArraySlice &slice);
    /// The provider has new values (an asynchronous provider's reads arrived): the view
    /// repaints its visible cells, keeping its scroll position.
    void refresh();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant
    headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString formatValue(double v, bool integral);

private:
    std::shared_ptr<const ArrayDataProvider> m_provider;
    ArraySlice m_slice;
    QVector<qint64> m_shape;
    int m_rows = 0;
    int m_cols = 0;
    bool m_integral = false;
};

} // namespace Trove

#pragma once

#include "arraydataprovider.h"

#include <QAbstractScrollArea>

#include <memory>

namespace Trove {

/// Paints the visible viewport of a 2-D slice of an array as a viridis heatmap. Only the cells
/// on screen are read (one block() per paint), and when cells are smaller than a pixel one
/// value per pixel is sampled, so the cost is bounded by the widget size. NaN cells are grey
/// with a hatch; +/-inf clamp to the ends of the scale. Tooltips show "[row, col] = value".
/// Wheel zooms (cell size), drag pans.
class HeatmapWidget final : public QAbstractScrollArea
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeatmapWidget)

public:
    explicit HeatmapWidget(QWidget *parent = nullptr);
    ~HeatmapWidget() override;

    /// The provider must outlive the widget or be replaced before it dies.
    void setData(std::shared_ptr<const ArrayDataProvider> provider, const ArraySlice &slice);
    const ArraySlice &slice() const { return m_slice; }
    /// Colour range. By default it is computed from the slice (exactly up to 4M cells, from a
    /// strided sample beyond; rangeIsEstimate() says which).
    void setRange(double min, double max);
    void resetRange();
    double rangeMin() const { return m_min; }
    double rangeMax() const { return m_max; }
    bool rangeIsEstimate() const { return m_estimate; }

    double cellSize() const { return m_cell; }
    void setCellSize(double pixels);
    void fitToView();

    /// The colour painted for `value` with the current range.
    QColor colorForValue(double value) const;
    /// The cell at `viewportPos` as (row, col), or (-1, -1).
    std::pair<qint64, qint64> cellAt(QPoint viewportPos) const;
    qint64 rowCount() const { return m_rows; }
    /// The keyboard cell cursor (arrow keys, Home/End, PageUp/PageDown).
    std::pair<qint64, qint64> currentCell() const { return m_current; }
    void setCurrentCell(qint64 row, qint64 col);
    qint64 columnCount() const { return m_cols; }

signals:
    void rangeChanged(double min, double max);
    void hoveredCellChanged(qint64 row, qint64 col, double value);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void computeRange();
    void applyCellSize(double pixels);
    void updateScrollBars();
    double valueAt(qint64 row, qint64 col) const;

    std::shared_ptr<const ArrayDataProvider> m_provider;
    ArraySlice m_slice;
    QVector<qint64> m_shape;
    qint64 m_rows = 0;
    qint64 m_cols = 0;
    double m_min = 0;
    double m_max = 1;
    bool m_userRange = false;
    bool m_estimate = false;
    double m_cell = 16;
    bool m_autoFit = true; ///< refit on resize until the user zooms
    bool m_dragging = false;
    std::pair<qint64, qint64> m_current{0, 0};
    QPoint m_dragStart;
    QPoint m_scrollStart;
};

} // namespace Trove

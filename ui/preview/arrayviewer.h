#pragma once

#include "arraydataprovider.h"
#include "arraystatsview.h"

#include <QWidget>

#include <memory>
#include <optional>

class QComboBox;
class QHBoxLayout;
class QLabel;
class QSpinBox;
class QStackedWidget;
class QTabBar;
class QTableView;

namespace Trove {

class ArrayGridModel;
class ColorScaleBar;
class HeatmapWidget;
class HistogramWidget;

/// N-D array preview: choose the two axes shown as rows and columns and the index of every
/// other axis, then view the 2-D slice as a heatmap (with colour scale), a numeric grid, or a
/// histogram. Everything reads through ArrayDataProvider, visible cells only.
class ArrayViewer final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ArrayViewer)

public:
    enum class Mode { Heatmap = 0, Grid = 1, Histogram = 2 };

    explicit ArrayViewer(QWidget *parent = nullptr);
    ~ArrayViewer() override;

    void setProvider(std::shared_ptr<const ArrayDataProvider> provider);
    const ArraySlice &slice() const { return m_slice; }
    /// Changes the slice (axes and fixed indices); invalid values are corrected.
    void setSlice(const ArraySlice &slice);
    void setMode(Mode mode);
    Mode mode() const;

    /// Statistics of the whole array from the owner: shown under the shape line, and the
    /// histogram tab shows their histogram instead of sampling the provider (which an
    /// asynchronous provider cannot answer at once). An invalid `stats` shows its note there
    /// ("Computing statistics…"). Kept across setProvider() until clearStats().
    void setStats(const ArrayStatsView &stats);
    void clearStats();
    const std::optional<ArrayStatsView> &stats() const { return m_stats; }
    QLabel *statsLabel() const { return m_statsLine; }

public slots:
    /// New values are available from an asynchronous provider: repaint what is on screen.
    void refreshValues();

public:
    HeatmapWidget *heatmap() const { return m_heatmap; }
    HistogramWidget *histogram() const { return m_histogram; }
    QTableView *grid() const { return m_grid; }
    ColorScaleBar *scaleBar() const { return m_scale; }
    /// Spin box of the fixed index of `axis`, nullptr for the row/column axes.
    QSpinBox *indexSpinBox(int axis) const;
    QComboBox *rowAxisCombo() const { return m_rowAxis; }
    QComboBox *columnAxisCombo() const { return m_colAxis; }

signals:
    void sliceChanged();

private:
    void rebuildControls();
    void applySlice();
    void updateHistogram();
    void updateStatsLine();

    std::shared_ptr<const ArrayDataProvider> m_provider;
    ArraySlice m_slice;
    QLabel *m_info = nullptr;
    QLabel *m_statsLine = nullptr;
    std::optional<ArrayStatsView> m_stats;
    QComboBox *m_rowAxis = nullptr;
    QComboBox *m_colAxis = nullptr;
    QHBoxLayout *m_indexLayout = nullptr;
    QList<QSpinBox *> m_indexBoxes;
    QTabBar *m_modes = nullptr;
    QStackedWidget *m_stack = nullptr;
    HeatmapWidget *m_heatmap = nullptr;
    ColorScaleBar *m_scale = nullptr;
    QLabel *m_hover = nullptr;
    QTableView *m_grid = nullptr;
    ArrayGridModel *m_gridModel = nullptr;
    HistogramWidget *m_histogram = nullptr;
    bool m_histogramDirty = true;
    bool m_updating = false;
};

} // namespace Trove

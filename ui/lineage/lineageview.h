#pragma once

#include "lineagegraphdata.h"
#include "lineagelayout.h"

#include <QGraphicsView>
#include <QHash>

#include "common/result.h"

namespace Trove {

class LineageNodeItem;
class LineageEdgeItem;

/// Model lineage as a left-to-right layered graph (LineageLayout) of task and model cards
/// joined by labelled curved arrows.
///
/// Mouse: click selects (the "+" button on an expandable card emits expandRequested),
/// double-click emits activated, wheel zooms under the cursor, drag pans.
/// Keyboard: arrows move between nodes, Enter activates, Space or + expands,
/// Ctrl+plus/minus zoom, F or Ctrl+0 fits, Ctrl+1 shows 1:1 (as in ImageViewer).
class LineageView final : public QGraphicsView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LineageView)

public:
    explicit LineageView(QWidget *parent = nullptr);
    ~LineageView() override;

    /// Shows a new graph, fitted to the view.
    void setGraph(const LineageGraphData &graph);
    /// Shows a grown graph (after an expansion) without moving the user's view: the zoom and
    /// the selection stay, and `anchorId` (the expanded node) keeps its place on screen as far
    /// as the scroll range allows. Without a known anchor it behaves like setGraph().
    void updateGraph(const LineageGraphData &graph, const QString &anchorId);
    const LineageGraphData &graph() const { return m_graph; }
    const LineageLayout::Result &layout() const { return m_layout; }

    /// Scene rectangle of a node's card; null when unknown.
    QRectF nodeRect(const QString &id) const;
    LineageNodeItem *nodeItem(const QString &id) const { return m_nodes.value(id); }
    QString selectedId() const;
    void selectNode(const QString &id);
    double zoom() const;

    /// The whole graph rendered at `scale` on the palette's base colour; a null image when
    /// empty or above `maxPixels`.
    QImage renderImage(double scale, double maxPixels = 400e6) const;
    /// The whole graph as an SVG document (empty on failure).
    QByteArray renderSvg() const;
    /// renderImage()/renderSvg() written to `path` (on the calling thread).
    Status exportPng(const QString &path, double scale = 2.0) const;
    Status exportSvg(const QString &path) const;

public slots:
    void zoomIn();
    void zoomOut();
    void resetZoom();
    void fitToView();

signals:
    void selectionChanged(const QString &id);
    void expandRequested(const QString &id);
    void activated(const QString &id);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void drawBackground(QPainter *painter, const QRectF &rect) override;
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void scaleBy(double factor);
    void moveSelection(int key);
    void renderTo(QPainter *painter, const QRectF &target) const;
    void syncScenePalette();

    QGraphicsScene *m_scene = nullptr;
    LineageGraphData m_graph;
    LineageLayout::Result m_layout;
    QHash<QString, LineageNodeItem *> m_nodes;
    bool m_autoFit = true; ///< refit on resize until the user zooms
};

} // namespace Trove

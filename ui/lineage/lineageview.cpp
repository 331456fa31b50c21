#include "lineageview.h"

#include "lineageedgeitem.h"
#include "lineagenodeitem.h"
#include "widgets/palettehelpers.h"

#include <QBuffer>
#include <QFile>
#include <QGraphicsScene>
#include <QImage>
#include <QKeyEvent>
#include <QPainter>
#include <QSvgGenerator>
#include <QWheelEvent>

#include <cmath>

namespace Trove {

namespace {
constexpr double kMargin = 40;
}

LineageView::LineageView(QWidget *parent)
    : QGraphicsView(parent)
    , m_scene(new QGraphicsScene(this))
{
    setAccessibleName(tr("Lineage graph"));
    setScene(m_scene);
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setFocusPolicy(Qt::StrongFocus);
    setFrameShape(QFrame::NoFrame);
    syncScenePalette();
    connect(m_scene, &QGraphicsScene::selectionChanged, this,
            [this] { emit selectionChanged(selectedId()); });
}

LineageView::~LineageView()
{
    // The scene is a child, destroyed after this view's own part: its selectionChanged()
    // while clearing must not reach selectedId() of a half-destroyed LineageView (UBSan).
    disconnect(m_scene, nullptr, this, nullptr);
}

void LineageView::setGraph(const LineageGraphData &graph)
{
    m_scene->clear();
    m_nodes.clear();
    m_graph = graph;
    LineageLayout::Options options;
    m_layout = LineageLayout::compute(graph, options);

    for (const auto &node : graph.nodes) {
        if (m_nodes.contains(node.id))
            continue;
        auto *item = new LineageNodeItem(node, options.nodeSize);
        item->setPos(m_layout.positions.value(node.id));
        item->setData(0, node.id);
        m_scene->addItem(item);
        m_nodes.insert(node.id, item);
        connect(item, &LineageNodeItem::expandClicked, this, &LineageView::expandRequested);
        connect(item, &LineageNodeItem::doubleClicked, this, &LineageView::activated);
    }
    for (int e = 0; e < graph.edges.size(); ++e) {
        const QPolygonF route = m_layout.edgeRoutes.value(e);
        if (route.size() < 2)
            continue;
        m_scene->addItem(new LineageEdgeItem(graph.edges[e], route, m_layout.reversed.value(e)));
    }
    const QRectF bounds
            = m_scene->itemsBoundingRect().adjusted(-kMargin, -kMargin, kMargin, kMargin);
    m_scene->setSceneRect(bounds);
    fitToView();
    m_autoFit = true;
}

void LineageView::updateGraph(const LineageGraphData &graph, const QString &anchorId)
{
    const QRectF before = nodeRect(anchorId);
    if (before.isNull()) {
        setGraph(graph);
        return;
    }
    const QString selected = selectedId();
    const QTransform zoomed = transform();
    const QPointF anchorOnScreen = mapFromScene(before.center());
    setGraph(graph);
    setTransform(zoomed);
    m_autoFit = false;
    const QRectF after = nodeRect(anchorId);
    if (!after.isNull()) {
        // centerOn(c) puts c in the middle of the viewport: shift it by the anchor's offset.
        const QPointF offset = QPointF(anchorOnScreen) - QRectF(viewport()->rect()).center();
        centerOn(after.center() - offset / zoomed.m11());
    }
    if (LineageNodeItem *item = m_nodes.value(selected)) {
        item->setSelected(true);
        item->setFocus();
    }
}

QRectF LineageView::nodeRect(const QString &id) const
{
    const LineageNodeItem *item = m_nodes.value(id);
    return item ? item->mapRectToScene(item->cardRect()) : QRectF();
}

QString LineageView::selectedId() const
{
    const auto items = m_scene->selectedItems();
    for (QGraphicsItem *item : items)
        if (auto *node = dynamic_cast<LineageNodeItem *>(item))
            return node->node().id;
    return {};
}

void LineageView::selectNode(const QString &id)
{
    LineageNodeItem *item = m_nodes.value(id);
    if (!item)
        return;
    m_scene->clearSelection();
    item->setSelected(true);
    item->setFocus();
    ensureVisible(item, 40, 40);
}

double LineageView::zoom() const
{
    return transform().m11();
}

void LineageView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    if (m_autoFit)
        fitToView();
}

void LineageView::scaleBy(double factor)
{
    m_autoFit = false;
    const double target = std::clamp(zoom() * factor, 0.05, 8.0);
    const double f = target / zoom();
    scale(f, f);
}

void LineageView::zoomIn()
{
    scaleBy(1.25);
}

void LineageView::zoomOut()
{
    scaleBy(1 / 1.25);
}

void LineageView::resetZoom()
{
    m_autoFit = false;
    setTransform(QTransform());
}

void LineageView::fitToView()
{
    if (m_nodes.isEmpty()) {
        resetZoom();
        return;
    }
    fitInView(m_scene->sceneRect(), Qt::KeepAspectRatio);
    m_autoFit = true;
    // Never blow small graphs up beyond 100 %.
    if (zoom() > 1.0)
        setTransform(QTransform());
    centerOn(m_scene->sceneRect().center());
}

void LineageView::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps != 0)
        scaleBy(std::pow(1.2, steps));
    event->accept();
}

void LineageView::moveSelection(int key)
{
    const QString current = selectedId();
    if (current.isEmpty()) {
        if (!m_graph.nodes.isEmpty())
            selectNode(m_graph.nodes.first().id);
        return;
    }
    const QRectF from = nodeRect(current);
    QString best;
    double bestScore = std::numeric_limits<double>::max();
    for (auto it = m_nodes.cbegin(); it != m_nodes.cend(); ++it) {
        if (it.key() == current)
            continue;
        const QRectF r = nodeRect(it.key());
        const QPointF d = r.center() - from.center();
        bool ok = false;
        switch (key) {
        case Qt::Key_Left:
            ok = d.x() < -1;
            break;
        case Qt::Key_Right:
            ok = d.x() > 1;
            break;
        case Qt::Key_Up:
            ok = d.y() < -1 && std::abs(d.x()) < 1;
            break;
        case Qt::Key_Down:
            ok = d.y() > 1 && std::abs(d.x()) < 1;
            break;
        default:
            break;
        }
        if (!ok)
            continue;
        const bool horizontal = key == Qt::Key_Left || key == Qt::Key_Right;
        const double score = horizontal ? std::abs(d.x()) + 3 * std::abs(d.y()) : std::abs(d.y());
        if (score < bestScore) {
            bestScore = score;
            best = it.key();
        }
    }
    if (!best.isEmpty())
        selectNode(best);
}

void LineageView::keyPressEvent(QKeyEvent *event)
{
    const QString id = selectedId();
    switch (event->key()) {
    case Qt::Key_Left:
    case Qt::Key_Right:
    case Qt::Key_Up:
    case Qt::Key_Down:
        moveSelection(event->key());
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (!id.isEmpty())
            emit activated(id);
        return;
    case Qt::Key_Space:
        if (!id.isEmpty())
            emit expandRequested(id);
        return;
    case Qt::Key_F:
        fitToView();
        return;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        if (event->modifiers() & Qt::ControlModifier)
            zoomIn();
        else if (!id.isEmpty())
            emit expandRequested(id);
        return;
    case Qt::Key_Minus:
        zoomOut();
        return;
    case Qt::Key_0:
        if (event->modifiers() & Qt::ControlModifier) {
            fitToView();
            return;
        }
        break;
    case Qt::Key_1:
        if (event->modifiers() & Qt::ControlModifier) {
            resetZoom();
            return;
        }
        break;
    default:
        break;
    }
    QGraphicsView::keyPressEvent(event);
}

void LineageView::drawBackground(QPainter *painter, const QRectF &rect)
{
    const QPalette &pal = palette();
    painter->fillRect(rect, pal.color(QPalette::Base));
    // Subtle dot grid, as in node editors.
    const QColor dot
            = PaletteHelpers::mix(pal.color(QPalette::Base), pal.color(QPalette::Text), 0.12);
    const double step = 24;
    if (zoom() < 0.4)
        return;
    painter->setPen(QPen(dot, 1.5 / zoom()));
    for (double x = std::floor(rect.left() / step) * step; x < rect.right(); x += step)
        for (double y = std::floor(rect.top() / step) * step; y < rect.bottom(); y += step)
            painter->drawPoint(QPointF(x, y));
}

void LineageView::changeEvent(QEvent *event)
{
    QGraphicsView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        syncScenePalette();
}

void LineageView::syncScenePalette()
{
    // An inherited widget palette has no resolve bits, and QGraphicsScene::setPalette() would
    // fill every unresolved role from the application palette: mark all of them as set, so a
    // palette set on a parent widget (dark theme on one window) reaches the cards too.
    QPalette p = palette();
    p.setResolveMask(~QPalette::ResolveMask(0));
    m_scene->setPalette(p);
}

void LineageView::renderTo(QPainter *painter, const QRectF &target) const
{
    painter->fillRect(target, palette().color(QPalette::Base));
    painter->setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    // Render without the selection highlight state leaking? Selection is kept: what you see.
    m_scene->render(painter, target, m_scene->sceneRect());
}

QImage LineageView::renderImage(double scale, double maxPixels) const
{
    const QSizeF size = m_scene->sceneRect().size() * scale;
    if (size.isEmpty() || size.width() * size.height() > maxPixels)
        return {};
    QImage image(size.toSize(), QImage::Format_ARGB32_Premultiplied);
    if (image.isNull())
        return {};
    image.fill(Qt::transparent);
    QPainter p(&image);
    renderTo(&p, QRectF(QPointF(0, 0), size));
    return image;
}

QByteArray LineageView::renderSvg() const
{
    const QSizeF size = m_scene->sceneRect().size();
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(size.toSize());
    generator.setViewBox(QRectF(QPointF(0, 0), size));
    generator.setTitle(tr("Model lineage"));
    generator.setDescription(tr("Exported by Trove"));
    QPainter p;
    if (!p.begin(&generator))
        return {};
    renderTo(&p, QRectF(QPointF(0, 0), size));
    p.end();
    return buffer.data();
}

Status LineageView::exportPng(const QString &path, double scale) const
{
    const QImage image = renderImage(scale);
    if (image.isNull())
        return Error::make(Error::Kind::Unsupported, tr("The graph is too large to export."), path);
    if (!image.save(path, "PNG"))
        return Error::make(Error::Kind::Io, tr("Could not write %1.").arg(path), path);
    return {};
}

Status LineageView::exportSvg(const QString &path) const
{
    const QByteArray svg = renderSvg();
    QFile file(path);
    if (svg.isEmpty() || !file.open(QIODevice::WriteOnly) || file.write(svg) != svg.size())
        return Error::make(Error::Kind::Io, tr("Could not write %1.").arg(path), path);
    return {};
}

} // namespace Trove

#include "lineagepanel.h"

#include "lineage/lineagebuilder.h"
#include "lineageadapter.h"
#include "lineageview.h"
#include "session/session.h"
#include "widgets/messagebar.h"
#include "widgets/palettehelpers.h"

#include <QAction>
#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QProgressBar>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

namespace Trove {

namespace {

/// PNG exports render at up to 2× but never above this many pixels (memory).
constexpr double kMaxExportPixels = 32e6;

QString writeFileBytes(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return file.errorString();
    return {};
}

QString writePngFile(const QString &path, const QImage &image)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return file.errorString();
    if (!image.save(&file, "PNG")) {
        file.cancelWriting();
        return QCoreApplication::translate("LineagePanel", "the image could not be encoded");
    }
    if (!file.commit())
        return file.errorString();
    return {};
}

} // namespace

LineagePanel::LineagePanel(QWidget *parent)
    : QWidget(parent)
    , m_messages(new MessageBar(this))
    , m_stack(new QStackedWidget(this))
    , m_view(new LineageView(this))
    , m_placeholder(new QLabel(this))
    , m_depthTimer(new QTimer(this))
{
    setAccessibleName(tr("Model lineage"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setMargin(24);
    m_placeholder->setAccessibleName(tr("Lineage status"));
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_placeholder);
    m_messages->hide();

    createToolBar();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_topRow);
    layout->addWidget(m_messages);
    layout->addWidget(m_stack, 1);

    m_depthTimer->setSingleShot(true);
    m_depthTimer->setInterval(400);
    connect(m_depthTimer, &QTimer::timeout, this, [this] {
        if (!m_rootId.isEmpty())
            refresh();
    });
    connect(m_view, &LineageView::expandRequested, this, &LineagePanel::expand);
    connect(m_view, &LineageView::activated, this, &LineagePanel::onViewActivated);
    connect(m_view, &LineageView::selectionChanged, this, &LineagePanel::onViewSelectionChanged);
    connect(m_messages, &MessageBar::retryRequested, this, [this] {
        m_messages->dismiss();
        if (m_operation == Operation::Expand && !m_expandKey.isEmpty() && graph().node(m_expandKey))
            expand(m_expandKey);
        else
            refresh();
    });
    connect(&m_exportWatcher, &QFutureWatcher<QString>::finished, this, [this] {
        const QString error = m_exportWatcher.result();
        if (error.isEmpty())
            m_messages->showMessage(
                    tr("Exported the lineage to %1.").arg(QDir::toNativeSeparators(m_exportPath)),
                    MessageBar::Type::Positive);
        else
            m_messages->showMessage(
                    tr("Could not write %1: %2").arg(QDir::toNativeSeparators(m_exportPath), error),
                    MessageBar::Type::Error);
        updateActions();
        emit exportFinished(m_exportPath, error);
    });

    showPlaceholder(idleText());
    updateActions();
}

LineagePanel::~LineagePanel()
{
    m_exportWatcher.disconnect(this);
    m_exportWatcher.waitForFinished(); // a small file write, already under way
}

void LineagePanel::createToolBar()
{
    m_toolBar = new QToolBar(this);
    m_toolBar->setAccessibleName(tr("Lineage tools"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_toolBar->setIconSize(QSize(16, 16));
    m_toolBar->setMovable(false);
    m_toolBar->setFloatable(false);

    auto *depthLabel = new QLabel(tr("&Depth:"), m_toolBar);
    m_depth = new QSpinBox(m_toolBar);
    m_depth->setRange(1, kMaxDepth);
    m_depth->setValue(kDefaultDepth);
    m_depth->setAccessibleName(tr("Lineage depth"));
    m_depth->setToolTip(tr("How many links to follow from the selected task or model"));
    depthLabel->setBuddy(m_depth);
    depthLabel->setContentsMargins(4, 0, 4, 0);
    connect(m_depth, &QSpinBox::valueChanged, this, [this] { m_depthTimer->start(); });
    m_toolBar->addWidget(depthLabel);
    m_toolBar->addWidget(m_depth);
    m_toolBar->addSeparator();

    m_zoomOut = addToolAction(tr("Zoom out"), QStringLiteral("−"), QStringLiteral("zoom-out"),
                              {QKeySequence::ZoomOut});
    m_zoomIn = addToolAction(tr("Zoom in"), QStringLiteral("+"), QStringLiteral("zoom-in"),
                             {QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)});
    m_fit = addToolAction(tr("Fit to view"), tr("Fit"), QStringLiteral("zoom-fit-best"),
                          {QKeySequence(Qt::CTRL | Qt::Key_0)});
    m_actualSize = addToolAction(tr("Actual size"), tr("1:1"), QStringLiteral("zoom-original"),
                                 {QKeySequence(Qt::CTRL | Qt::Key_1)});
    connect(m_zoomOut, &QAction::triggered, m_view, &LineageView::zoomOut);
    connect(m_zoomIn, &QAction::triggered, m_view, &LineageView::zoomIn);
    connect(m_fit, &QAction::triggered, m_view, &LineageView::fitToView);
    connect(m_actualSize, &QAction::triggered, m_view, &LineageView::resetZoom);
    m_toolBar->addSeparator();

    m_exportPng = addToolAction(tr("Export as PNG…"), tr("PNG…"), QStringLiteral("image-x-generic"),
                                {QKeySequence(Qt::CTRL | Qt::Key_E)});
    m_exportSvg = addToolAction(tr("Export as SVG…"), tr("SVG…"), QStringLiteral("image-svg+xml"),
                                {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E)});
    connect(m_exportPng, &QAction::triggered, this, [this] { chooseExportFile(false); });
    connect(m_exportSvg, &QAction::triggered, this, [this] { chooseExportFile(true); });

    m_summary = new QLabel(this);
    m_summary->setAccessibleName(tr("Lineage summary"));
    m_summary->setForegroundRole(QPalette::PlaceholderText);
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setFixedWidth(72);
    m_busy->setMaximumHeight(10);
    m_busy->setAccessibleName(tr("Loading the lineage"));
    m_busy->hide();
    m_stop = addToolAction(tr("Stop loading"), tr("Stop"), QStringLiteral("process-stop"),
                           {QKeySequence(Qt::Key_Escape)}, false);
    m_refresh = addToolAction(tr("Reload the lineage"), tr("Reload"),
                              QStringLiteral("view-refresh"), {QKeySequence::Refresh}, false);
    auto toolButton = [this](QAction *action) {
        auto *button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setAutoRaise(true);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setAccessibleName(action->text());
        return button;
    };
    m_stopButton = toolButton(m_stop);
    m_stopButton->hide();
    // The status side sits beside the toolbar: its widgets show and hide directly.
    m_topRow = new QWidget(this);
    auto *row = new QHBoxLayout(m_topRow);
    row->setContentsMargins(0, 0, 4, 0);
    row->setSpacing(6);
    row->addWidget(m_toolBar, 1);
    row->addWidget(m_summary);
    row->addWidget(m_busy);
    row->addWidget(m_stopButton);
    row->addWidget(toolButton(m_refresh));
    connect(m_stop, &QAction::triggered, this, &LineagePanel::cancel);
    connect(m_refresh, &QAction::triggered, this, &LineagePanel::refresh);
}

QAction *LineagePanel::addToolAction(const QString &text,
                                     const QString &iconText,
                                     const QString &iconName,
                                     const QList<QKeySequence> &keys,
                                     bool inToolBar)
{
    auto *action = new QAction(QIcon::fromTheme(iconName), text, this);
    action->setIconText(iconText);
    action->setShortcuts(keys);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    action->setToolTip(keys.isEmpty()
                               ? text
                               : QStringLiteral("%1 (%2)").arg(
                                       text, keys.first().toString(QKeySequence::NativeText)));
    addAction(action); // shortcuts work wherever the focus is inside the panel
    if (inToolBar) {
        m_toolBar->addAction(action);
        if (QWidget *button = m_toolBar->widgetForAction(action))
            button->setAccessibleName(text);
    }
    return action;
}

void LineagePanel::setSession(Session *session)
{
    if (session == m_session)
        return;
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    delete m_builder; // cancels its requests
    m_builder = nullptr;
    m_session = session;
    if (session) {
        m_builder = new LineageBuilder(session->api(), this);
        connect(m_builder, &LineageBuilder::finished, this, &LineagePanel::onBuilderFinished);
        connect(m_builder, &LineageBuilder::graphChanged, this, [this] {
            if (m_operation == Operation::Build && m_loading)
                showPlaceholder(tr("Loading the lineage of %1… (%2 found)")
                                        .arg(rootLabel())
                                        .arg(m_builder->graph().nodeCount()));
        });
        connect(session, &QObject::destroyed, this, [this] { setSession(nullptr); });
    }
    clear();
}

Session *LineagePanel::session() const
{
    return m_session;
}

const LineageGraph &LineagePanel::graph() const
{
    static const LineageGraph empty;
    return m_builder ? m_builder->graph() : empty;
}

int LineagePanel::depth() const
{
    return m_depth->value();
}

void LineagePanel::setDepth(int hops)
{
    m_depth->setValue(hops);
}

QString LineagePanel::rootLabel() const
{
    const LineageNode *root = graph().node(LineageNode::keyOf(m_rootKind, m_rootId));
    const QString name = root && !root->name.isEmpty() ? root->name : m_rootId;
    return (m_rootKind == LineageNode::Kind::Task ? tr("task “%1”") : tr("model “%1”")).arg(name);
}

void LineagePanel::showFor(LineageNode::Kind kind, const QString &id)
{
    m_depthTimer->stop();
    m_rootKind = kind;
    m_rootId = id;
    m_messages->dismiss();
    if (id.isEmpty()) {
        clear();
        return;
    }
    if (!m_builder) {
        showPlaceholder(idleText());
        updateActions();
        return;
    }
    m_operation = Operation::Build;
    m_expandKey.clear();
    m_view->setGraph({});
    showPlaceholder(tr("Loading the lineage of %1…").arg(rootLabel()));
    setLoading(true);
    m_builder->build(kind, id, depth());
    finishIfIdle();
}

void LineagePanel::clear()
{
    if (m_builder)
        m_builder->cancel();
    m_rootId.clear();
    m_operation = Operation::None;
    m_view->setGraph({});
    m_messages->dismiss();
    setLoading(false);
    showPlaceholder(idleText());
    updateSummary();
    updateActions();
}

QString LineagePanel::idleText() const
{
    return m_builder ? tr("Select a task or a model to see its lineage.")
                     : tr("Connect to a server to see the lineage of its models.");
}

void LineagePanel::refresh()
{
    if (!m_rootId.isEmpty())
        showFor(m_rootKind, m_rootId);
}

void LineagePanel::cancel()
{
    if (!m_loading || !m_builder)
        return;
    m_builder->cancel();
    m_stopped = true;
    onBuilderFinished();
    m_stopped = false;
    m_messages->showMessage(tr("Loading stopped: the lineage may be incomplete."),
                            MessageBar::Type::Information, MessageBar::Action::Retry);
}

void LineagePanel::expand(const QString &nodeKey)
{
    const LineageNode *node = graph().node(nodeKey);
    if (!m_builder || !node || node->expanded || (m_loading && m_operation == Operation::Build))
        return;
    m_operation = Operation::Expand;
    m_expandKey = nodeKey;
    m_messages->dismiss();
    setLoading(true);
    m_builder->expand(nodeKey);
    finishIfIdle();
}

void LineagePanel::finishIfIdle()
{
    // Without an API (a vanished session) nothing starts and no finished() comes.
    if (m_builder && !m_builder->isRunning())
        onBuilderFinished();
}

void LineagePanel::onBuilderFinished()
{
    setLoading(false);
    const LineageGraph &g = graph();
    const LineageNode *root = g.node(g.rootKey());
    const Error &error = m_builder ? m_builder->lastError() : Error();
    const bool failed = error.kind != Error::Kind::None;
    if (!root || !root->expanded) {
        m_view->setGraph({});
        showPlaceholder(failed      ? tr("The lineage of %1 could not be loaded.").arg(rootLabel())
                        : m_stopped ? tr("Loading stopped.")
                                    : tr("Nothing to show."));
    } else {
        const LineageGraphData data = LineageAdapter::toViewData(g);
        if (m_operation == Operation::Expand)
            m_view->updateGraph(data, m_expandKey);
        else
            m_view->setGraph(data);
        m_stack->setCurrentWidget(m_view);
        if (!failed && g.nodeCount() == 1)
            m_messages->showMessage(
                    tr("%1 has no recorded models: it produced and used none.").arg(rootLabel()),
                    MessageBar::Type::Information);
    }
    if (failed)
        m_messages->showMessage(tr("Could not load the lineage: %1").arg(error.userMessage()),
                                MessageBar::Type::Error, MessageBar::Action::Retry);
    updateSummary();
    updateActions();
}

void LineagePanel::setLoading(bool loading)
{
    if (loading == m_loading)
        return;
    m_loading = loading;
    m_busy->setVisible(loading);
    m_stopButton->setVisible(loading);
    updateActions();
    emit loadingChanged(loading);
}

void LineagePanel::showPlaceholder(const QString &text)
{
    m_placeholder->setText(text);
    m_stack->setCurrentWidget(m_placeholder);
}

QString LineagePanel::placeholderText() const
{
    return m_stack->currentWidget() == m_placeholder ? m_placeholder->text() : QString();
}

void LineagePanel::updateActions()
{
    const bool hasGraph = m_stack->currentWidget() == m_view && !m_view->graph().nodes.isEmpty();
    for (QAction *a : {m_zoomIn, m_zoomOut, m_fit, m_actualSize})
        a->setEnabled(hasGraph);
    m_exportPng->setEnabled(hasGraph && !isExporting());
    m_exportSvg->setEnabled(hasGraph && !isExporting());
    m_stop->setEnabled(m_loading);
    m_refresh->setEnabled(m_builder && !m_rootId.isEmpty());
}

void LineagePanel::updateSummary()
{
    int tasks = 0;
    int models = 0;
    for (const LineageGraphData::Node &n : m_view->graph().nodes)
        (n.kind == LineageGraphData::Node::Kind::Task ? tasks : models)++;
    m_summary->setText(
            tasks + models == 0
                    ? QString()
                    : tr("%1, %2").arg(
                            PaletteHelpers::countText(tasks, tr("task"), tr("tasks")),
                            PaletteHelpers::countText(models, tr("model"), tr("models"))));
}

void LineagePanel::onViewActivated(const QString &key)
{
    const LineageNode *node = graph().node(key);
    if (!node)
        return;
    if (node->kind == LineageNode::Kind::Task)
        emit taskActivated(node->id);
    else
        emit modelActivated(node->id);
}

void LineagePanel::onViewSelectionChanged(const QString &key)
{
    const LineageNode *node = graph().node(key);
    if (node)
        emit selectionChanged(node->kind, node->id);
    else
        emit selectionChanged(LineageNode::Kind::Task, QString());
}

void LineagePanel::chooseExportFile(bool svg)
{
    auto *dialog = new QFileDialog(this, svg ? tr("Export the lineage as SVG")
                                             : tr("Export the lineage as PNG"));
    dialog->setObjectName(QStringLiteral("lineageExportDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setNameFilter(svg ? tr("SVG drawings (*.svg)") : tr("PNG images (*.png)"));
    dialog->setDefaultSuffix(svg ? QStringLiteral("svg") : QStringLiteral("png"));
    const LineageNode *root = graph().node(graph().rootKey());
    QString stem = root && !root->name.isEmpty() ? root->name : m_rootId;
    stem.replace(QRegularExpression(QStringLiteral("[^\\w.-]+")), QStringLiteral("-"));
    dialog->selectFile(QStringLiteral("lineage-%1.%2")
                               .arg(stem, svg ? QStringLiteral("svg") : QStringLiteral("png")));
    connect(dialog, &QFileDialog::fileSelected, this,
            [this, svg](const QString &path) { startExport(path, svg); });
    dialog->open(); // window-modal, no nested event loop
}

void LineagePanel::exportPng(const QString &path)
{
    startExport(path, false);
}

void LineagePanel::exportSvg(const QString &path)
{
    startExport(path, true);
}

void LineagePanel::startExport(const QString &path, bool svg)
{
    if (isExporting()) {
        emit exportFinished(path, tr("another export is still running"));
        return;
    }
    m_exportPath = path;
    if (svg) {
        const QByteArray bytes = m_view->renderSvg();
        m_exportWatcher.setFuture(
                QtConcurrent::run([path, bytes] { return writeFileBytes(path, bytes); }));
    } else {
        const QSizeF size = m_view->scene()->sceneRect().size();
        const double area = std::max(1.0, size.width() * size.height());
        const double scale = std::min(2.0, std::sqrt(kMaxExportPixels / area));
        const QImage image = m_view->renderImage(scale, kMaxExportPixels);
        m_exportWatcher.setFuture(QtConcurrent::run([path, image] {
            if (image.isNull())
                return QCoreApplication::translate("LineagePanel", "the graph is empty");
            return writePngFile(path, image);
        }));
    }
    updateActions();
}

} // namespace Trove

// LineagePanel against the real trove-server and its demo workspace: prepare → train →
// fine-tune → evaluate → inference, with input models and model parents. Also the
// LineageGraph → LineageGraphData adapter on its own.
#include "api/syncapi.h"
#include "lineage/lineageadapter.h"
#include "lineage/lineagenodeitem.h"
#include "lineage/lineagepanel.h"
#include "lineage/lineageview.h"
#include "session/session.h"
#include "testserver.h"
#include "widgets/messagebar.h"
#include "widgets/palettehelpers.h"

#include <QAction>
#include <QFileDialog>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Trove;
using ViewEdge = LineageGraphData::Edge;
using ViewNode = LineageGraphData::Node;

namespace {

QString taskKey(const QString &id)
{
    return LineageNode::keyOf(LineageNode::Kind::Task, id);
}

QString modelKey(const QString &id)
{
    return LineageNode::keyOf(LineageNode::Kind::Model, id);
}

const ViewNode *findNode(const LineageGraphData &g, const QString &id)
{
    for (const ViewNode &n : g.nodes)
        if (n.id == id)
            return &n;
    return nullptr;
}

bool hasEdge(const LineageGraphData &g, const QString &from, const QString &to, ViewEdge::Kind k)
{
    return std::any_of(g.edges.cbegin(), g.edges.cend(), [&](const ViewEdge &e) {
        return e.from == from && e.to == to && e.kind == k;
    });
}

QSet<QString> nodeIds(const LineageGraphData &g)
{
    QSet<QString> ids;
    for (const ViewNode &n : g.nodes)
        ids.insert(n.id);
    return ids;
}

/// Waits until the panel's requests are done.
bool settle(LineagePanel &panel)
{
    if (panel.isLoading()) {
        QSignalSpy done(&panel, &LineagePanel::loadingChanged);
        if (!done.wait(30000))
            return false;
    }
    return !panel.isLoading();
}

QPoint cardCenter(LineageView *view, const QString &key)
{
    view->centerOn(view->nodeRect(key).center());
    return view->mapFromScene(view->nodeRect(key).center());
}

} // namespace

class TestLineagePanel : public QObject
{
    Q_OBJECT

private:
    TestServer m_server;
    std::unique_ptr<Session> m_session;
    QHash<QString, QString> m_tasks;  // name → id
    QHash<QString, QString> m_models; // name → id

    /// Graph keys of the demo's lineage chain.
    struct Keys
    {
        QString train, tune, failed, eval, infer; // tasks
        QString base, tuned, quant, onnx;         // models
    } k;

    QString task(const char *name) const { return m_tasks.value(QString::fromUtf8(name)); }
    QString model(const char *name) const { return m_models.value(QString::fromUtf8(name)); }

    /// Shows `panel` at `size` as the active window, connected to the demo server.
    bool present(LineagePanel &panel, QSize size)
    {
        panel.resize(size);
        panel.show();
        panel.activateWindow();
        if (!QTest::qWaitForWindowExposed(&panel) || !QTest::qWaitForWindowActive(&panel))
            return false;
        panel.setSession(m_session.get());
        return true;
    }

    /// showFor() the evaluation task while the server fails every tasks.get_by_id.
    bool showFailing(LineagePanel &panel)
    {
        injectFault("tasks.get_by_id", 100);
        panel.showFor(LineageNode::Kind::Task, task("evaluate fine-tuned"));
        const bool settled = settle(panel);
        injectFault("tasks.get_by_id", 0);
        return settled;
    }

    void injectFault(const char *endpoint, int count)
    {
        SyncApi sync(m_session->api());
        const auto r = sync.waitData(
                m_session->client()->call(
                        QStringLiteral("debug.inject_faults"),
                        nlohmann::json{{"endpoint", endpoint}, {"status", 500}, {"count", count}}),
                30000);
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().userMessage()));
    }

private slots:
    void initTestCase()
    {
        TestServer::Options options;
        options.demo = true;
        options.extraArgs = {QStringLiteral("--test-hooks")};
        QVERIFY2(m_server.start(options), qPrintable(m_server.errorString()));
        ClearmlConfig config;
        config.apiServer = m_server.apiUrl();
        config.filesServer = m_server.filesUrl();
        config.accessKey = m_server.accessKey();
        config.secretKey = m_server.secretKey();
        SessionOptions options2;
        options2.api.backoffBaseMs = 10;
        options2.api.backoffMaxMs = 50;
        options2.api.maxRetries = 2;
        options2.api.useSystemProxy = false;
        m_session = std::make_unique<Session>(config, options2);

        SyncApi sync(m_session->api());
        TaskQuery tq;
        tq.includeArchived = true;
        tq.size = 500;
        const auto tasks = sync.tasks(tq);
        QVERIFY(tasks.ok());
        for (const Task &t : tasks->items)
            m_tasks.insert(t.name, t.id);
        const auto models
                = sync.wait<Page<Model>>(m_session->api()->getModels(ModelQuery{}), 30000);
        QVERIFY(models.ok());
        for (const Model &m : models->items)
            m_models.insert(m.name, m.id);
        for (const char *name :
             {"prepare customer table", "train classifier", "fine-tune classifier lr=1e-4",
              "evaluate fine-tuned", "batch inference", "fine-tune classifier lr=1e-2"})
            QVERIFY2(!task(name).isEmpty(), name);
        for (const char *name : {"base classifier", "fine-tuned classifier", "quantized classifier",
                                 "classifier head (ONNX)"})
            QVERIFY2(!model(name).isEmpty(), name);
        k.train = taskKey(task("train classifier"));
        k.tune = taskKey(task("fine-tune classifier lr=1e-4"));
        k.failed = taskKey(task("fine-tune classifier lr=1e-2"));
        k.eval = taskKey(task("evaluate fine-tuned"));
        k.infer = taskKey(task("batch inference"));
        k.base = modelKey(model("base classifier"));
        k.tuned = modelKey(model("fine-tuned classifier"));
        k.quant = modelKey(model("quantized classifier"));
        k.onnx = modelKey(model("classifier head (ONNX)"));
    }

    void adapterMapsNodesAndEdges()
    {
        LineageGraph g;
        LineageNode &t = g.addNode(LineageNode::Kind::Task, QStringLiteral("t1"), 0);
        t.name = QStringLiteral("train <b>"); // escaped in the tooltip
        t.detail = QStringLiteral("completed");
        t.type = QStringLiteral("training");
        t.described = t.expanded = true;
        LineageNode &m = g.addNode(LineageNode::Kind::Model, QStringLiteral("t1"), 1);
        m.name = QStringLiteral("weights");
        m.detail = QStringLiteral("PyTorch");
        m.published = true;
        m.described = true;
        g.addNode(LineageNode::Kind::Model, QStringLiteral("0123456789abcdef"), 1);
        g.setRoot(t.key());
        g.addEdge(LineageEdge::Kind::Produced, t.key(), m.key(), QStringLiteral("out"));
        g.addEdge(LineageEdge::Kind::Consumed, modelKey(QStringLiteral("0123456789abcdef")),
                  t.key(), QStringLiteral("classifier"));
        g.addEdge(LineageEdge::Kind::Derived, modelKey(QStringLiteral("0123456789abcdef")),
                  m.key());

        const LineageGraphData data = LineageAdapter::toViewData(g);
        QCOMPARE(data.nodes.size(), 3);
        const ViewNode *task = findNode(data, QStringLiteral("task:t1"));
        const ViewNode *weights = findNode(data, QStringLiteral("model:t1")); // same id, apart
        const ViewNode *bare = findNode(data, QStringLiteral("model:0123456789abcdef"));
        QVERIFY(task && weights && bare);
        QCOMPARE(task->kind, ViewNode::Kind::Task);
        QCOMPARE(task->title, QStringLiteral("train <b>"));
        QCOMPARE(task->subtitle, QStringLiteral("training · t1"));
        QCOMPARE(task->status, QStringLiteral("completed"));
        QVERIFY(task->root && !task->expandable);
        QVERIFY(task->toolTip.contains(QStringLiteral("train &lt;b&gt;")));
        QVERIFY(task->toolTip.contains(QStringLiteral("t1")));
        QCOMPARE(weights->kind, ViewNode::Kind::Model);
        QCOMPARE(weights->status, QStringLiteral("published"));
        QCOMPARE(weights->subtitle, QStringLiteral("PyTorch · t1"));
        QVERIFY(weights->expandable && !weights->root);
        QVERIFY(weights->toolTip.contains(QStringLiteral("PyTorch")));
        QCOMPARE(bare->title, QStringLiteral("0123456789abcdef")); // undescribed: the id
        QCOMPARE(bare->subtitle, QStringLiteral("01234567"));
        QVERIFY(bare->status.isEmpty());

        QCOMPARE(data.edges.size(), 3);
        QVERIFY(hasEdge(data, QStringLiteral("task:t1"), QStringLiteral("model:t1"),
                        ViewEdge::Kind::Produced));
        QVERIFY(hasEdge(data, bare->id, QStringLiteral("task:t1"), ViewEdge::Kind::UsedBy));
        QVERIFY(hasEdge(data, bare->id, QStringLiteral("model:t1"), ViewEdge::Kind::Parent));
        QCOMPARE(data.edges.at(1).label, QStringLiteral("classifier"));
    }

    void withoutSession()
    {
        LineagePanel panel;
        QVERIFY(panel.placeholderText().contains(QStringLiteral("server")));
        panel.showFor(LineageNode::Kind::Task, QStringLiteral("abc"));
        QVERIFY(!panel.isLoading());
        QCOMPARE(panel.graph().nodeCount(), 0);
        QVERIFY(!panel.accessibleName().isEmpty());
        QCOMPARE(panel.depth(), LineagePanel::kDefaultDepth);
    }

    void fromTheEvaluationTask()
    {
        LineagePanel panel;
        QVERIFY(present(panel, {1300, 700}));
        QSignalSpy loading(&panel, &LineagePanel::loadingChanged);
        panel.showFor(LineageNode::Kind::Task, task("evaluate fine-tuned"));
        QVERIFY(panel.isLoading());
        QVERIFY(!panel.findChild<QProgressBar *>()->isHidden());
        QVERIFY(panel.placeholderText().contains(QStringLiteral("Loading")));
        QVERIFY(settle(panel));
        QCOMPARE(loading.count(), 2);
        QVERIFY(panel.placeholderText().isEmpty());
        QVERIFY(panel.messageBar()->isHidden());
        auto *busy = panel.findChild<QProgressBar *>();
        QVERIFY(busy && busy->isHidden());

        const LineageGraphData &g = panel.view()->graph();
        QCOMPARE(nodeIds(g),
                 (QSet<QString>{k.eval, k.tuned, k.quant, k.onnx, k.tune, k.base, k.infer}));
        // Data flows left to right: producer → model → consumer, parent → child.
        QVERIFY(hasEdge(g, k.tuned, k.eval, ViewEdge::Kind::UsedBy));
        QVERIFY(hasEdge(g, k.eval, k.quant, ViewEdge::Kind::Produced));
        QVERIFY(hasEdge(g, k.eval, k.onnx, ViewEdge::Kind::Produced));
        QVERIFY(hasEdge(g, k.tune, k.tuned, ViewEdge::Kind::Produced));
        QVERIFY(hasEdge(g, k.base, k.tuned, ViewEdge::Kind::Parent));
        QVERIFY(hasEdge(g, k.tuned, k.quant, ViewEdge::Kind::Parent));
        QVERIFY(hasEdge(g, k.quant, k.infer, ViewEdge::Kind::UsedBy));
        QCOMPARE(g.edges.size(), 8);
        for (const ViewEdge &e : g.edges)
            QVERIFY2(panel.view()->nodeRect(e.from).right() < panel.view()->nodeRect(e.to).left(),
                     qPrintable(e.from + QStringLiteral(" → ") + e.to));
        QVERIFY(findNode(g, k.eval)->root);
        QCOMPARE(findNode(g, k.eval)->title, QStringLiteral("evaluate fine-tuned"));
        QCOMPARE(findNode(g, k.eval)->status, QStringLiteral("completed"));
        QCOMPARE(findNode(g, k.tuned)->status, QStringLiteral("published"));
        QVERIFY(findNode(g, k.tuned)->toolTip.contains(model("fine-tuned classifier")));
        QVERIFY(findNode(g, k.tuned)->toolTip.contains(QStringLiteral("PyTorch")));
        // The depth limit (2): the outer ring can be expanded, the inner one is complete.
        for (const QString &outer : {k.tune, k.base, k.infer})
            QVERIFY2(findNode(g, outer)->expandable, qPrintable(outer));
        for (const QString &inner : {k.eval, k.tuned, k.quant, k.onnx})
            QVERIFY2(!findNode(g, inner)->expandable, qPrintable(inner));

        // Expanding the base classifier with its + (which selects it) adds its producer and its
        // other consumer, keeps everything else, the zoom, the selection and the card's place
        // on screen.
        LineageView *view = panel.view();
        view->resetZoom();
        LineageNodeItem *baseItem = view->nodeItem(k.base);
        QVERIFY(baseItem);
        view->centerOn(view->nodeRect(k.base).center());
        const QPoint plus
                = view->mapFromScene(baseItem->mapToScene(baseItem->expandButtonRect().center()));
        const QPointF before = view->mapFromScene(view->nodeRect(k.base).center());
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, plus);
        QVERIFY(panel.isLoading());
        QVERIFY(settle(panel));
        const LineageGraphData &grown = view->graph();
        QVERIFY(nodeIds(grown).contains(nodeIds(g)));
        QCOMPARE(nodeIds(grown).size(), 9);
        QVERIFY(hasEdge(grown, k.train, k.base, ViewEdge::Kind::Produced));
        QVERIFY(hasEdge(grown, k.base, k.failed, ViewEdge::Kind::UsedBy));
        QVERIFY(!findNode(grown, k.base)->expandable);
        QVERIFY(findNode(grown, k.train)->expandable);
        QCOMPARE(view->zoom(), 1.0);
        QCOMPARE(view->selectedId(), k.base);
        const QPointF after = view->mapFromScene(view->nodeRect(k.base).center());
        QVERIFY2(std::abs(after.x() - before.x()) <= 2,
                 qPrintable(QStringLiteral("%1 → %2").arg(before.x()).arg(after.x())));
        QVERIFY(panel.messageBar()->isHidden());
    }

    void fromAModelAndNavigation()
    {
        LineagePanel panel;
        QVERIFY(present(panel, {1200, 700}));
        panel.setDepth(1);
        panel.showFor(LineageNode::Kind::Model, model("fine-tuned classifier"));
        QVERIFY(settle(panel));
        const LineageGraphData &g = panel.view()->graph();
        QCOMPARE(nodeIds(g), (QSet<QString>{k.tuned, k.eval, k.tune, k.base, k.quant, k.onnx}));
        QCOMPARE(g.edges.size(), 5);
        QVERIFY(hasEdge(g, k.tune, k.tuned, ViewEdge::Kind::Produced));
        QVERIFY(hasEdge(g, k.base, k.tuned, ViewEdge::Kind::Parent));
        QVERIFY(hasEdge(g, k.tuned, k.eval, ViewEdge::Kind::UsedBy));
        QVERIFY(hasEdge(g, k.tuned, k.quant, ViewEdge::Kind::Parent));
        QVERIFY(hasEdge(g, k.tuned, k.onnx, ViewEdge::Kind::Parent));
        QVERIFY(findNode(g, k.tuned)->root);

        QSignalSpy tasks(&panel, &LineagePanel::taskActivated);
        QSignalSpy models(&panel, &LineagePanel::modelActivated);
        QSignalSpy selection(&panel, &LineagePanel::selectionChanged);
        LineageView *view = panel.view();
        // QTest's double-click (Qt 6.4) is the second press alone: click first, release after.
        auto doubleClick = [view](const QString &key) {
            const QPoint at = cardCenter(view, key);
            QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
            QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, at);
            QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, at);
        };
        doubleClick(k.eval);
        QCOMPARE(tasks.count(), 1);
        QCOMPARE(tasks.at(0).at(0).toString(), task("evaluate fine-tuned"));
        QVERIFY(selection.count() >= 1);
        QCOMPARE(selection.last().at(0).value<LineageNode::Kind>(), LineageNode::Kind::Task);
        QCOMPARE(selection.last().at(1).toString(), task("evaluate fine-tuned"));
        doubleClick(k.base);
        QCOMPARE(models.count(), 1);
        QCOMPARE(models.at(0).at(0).toString(), model("base classifier"));
        QCOMPARE(tasks.count(), 1);
        // Enter on the selected card opens it too.
        view->setFocus();
        QTest::keyClick(view->viewport(), Qt::Key_Return);
        QCOMPARE(models.count(), 2);

        // A new root cancels what runs and replaces the graph.
        panel.showFor(LineageNode::Kind::Task, task("evaluate fine-tuned"));
        panel.showFor(LineageNode::Kind::Task, task("train classifier"));
        QVERIFY(settle(panel));
        QCOMPARE(panel.graph().rootKey(), k.train);
        QVERIFY(findNode(panel.view()->graph(), k.train)->root);
        QVERIFY(!nodeIds(panel.view()->graph()).contains(k.eval));

        // Stop keeps what arrived and says so.
        panel.showFor(LineageNode::Kind::Task, task("evaluate fine-tuned"));
        QVERIFY(panel.isLoading());
        view->setFocus();
        QTest::keyClick(view->viewport(), Qt::Key_Escape);
        QVERIFY(!panel.isLoading());
        QVERIFY(!panel.messageBar()->isHidden());
        QVERIFY(panel.messageBar()->retryButton());
    }

    void errorsShowRetry()
    {
        LineagePanel panel;
        QVERIFY(present(panel, {1000, 600}));
        QVERIFY(showFailing(panel));
        QVERIFY(panel.placeholderText().contains(QStringLiteral("could not be loaded")));
        QVERIFY(!panel.messageBar()->isHidden());
        QCOMPARE(panel.messageBar()->type(), MessageBar::Type::Error);
        QVERIFY(panel.messageBar()->retryButton());
        QTest::mouseClick(panel.messageBar()->retryButton(), Qt::LeftButton);
        QVERIFY(settle(panel));
        QVERIFY(panel.placeholderText().isEmpty());
        QCOMPARE(panel.view()->graph().nodes.size(), 7);

        // A failed expansion is retried in place.
        injectFault("tasks.get_by_id", 100);
        panel.expand(k.infer);
        QVERIFY(settle(panel));
        injectFault("tasks.get_by_id", 0);
        QCOMPARE(panel.messageBar()->type(), MessageBar::Type::Error);
        QVERIFY(findNode(panel.view()->graph(), k.infer)->expandable);
        QTest::mouseClick(panel.messageBar()->retryButton(), Qt::LeftButton);
        QVERIFY(settle(panel));
        QVERIFY(panel.messageBar()->isHidden());
        QVERIFY(!findNode(panel.view()->graph(), k.infer)->expandable);
        QCOMPARE(panel.view()->graph().nodes.size(), 7); // inference produced no model
    }

    void exportsWritePngAndSvg()
    {
        QTemporaryDir dir;
        LineagePanel panel;
        QVERIFY(present(panel, {1000, 600}));
        panel.showFor(LineageNode::Kind::Task, task("evaluate fine-tuned"));
        QVERIFY(settle(panel));
        QSignalSpy exported(&panel, &LineagePanel::exportFinished);

        const QString png = dir.filePath(QStringLiteral("lineage.png"));
        panel.exportPng(png);
        QVERIFY(exported.wait(30000));
        QCOMPARE(exported.last().at(1).toString(), QString());
        QFile pngFile(png);
        QVERIFY(pngFile.open(QIODevice::ReadOnly));
        QCOMPARE(pngFile.read(8), QByteArray("\x89PNG\r\n\x1a\n"));
        const QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() > 1000); // 2× the scene
        QCOMPARE(panel.messageBar()->type(), MessageBar::Type::Positive);

        // SVG through the toolbar's file dialog (non-modal, no nested event loop).
        const QString svg = dir.filePath(QStringLiteral("lineage.svg"));
        panel.view()->setFocus();
        QTest::keyClick(panel.view()->viewport(), Qt::Key_E,
                        Qt::ControlModifier | Qt::ShiftModifier);
        auto *dialog = panel.findChild<QFileDialog *>(QStringLiteral("lineageExportDialog"));
        QVERIFY(dialog);
        QVERIFY(dialog->selectedFiles().value(0).endsWith(QStringLiteral(".svg")));
        dialog->selectFile(svg);
        static_cast<QDialog *>(dialog)->accept(); // QFileDialog::accept() is protected
        QVERIFY(exported.wait(30000));
        QCOMPARE(exported.last().at(0).toString(), svg);
        QCOMPARE(exported.last().at(1).toString(), QString());
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        const QByteArray content = svgFile.readAll();
        QVERIFY(content.contains("<svg"));
        QVERIFY(content.contains("</svg>"));
        QVERIFY(content.contains("evaluate fine-tuned"));
        QVERIFY(content.contains("quantized classifier"));

        // An unwritable path is reported, not a crash.
        panel.exportPng(dir.filePath(QStringLiteral("missing/dir/x.png")));
        QVERIFY(exported.wait(30000));
        QVERIFY(!exported.last().at(1).toString().isEmpty());
        QCOMPARE(panel.messageBar()->type(), MessageBar::Type::Error);
    }

    void keyboardAndAccessibility()
    {
        LineagePanel panel;
        panel.setSession(m_session.get());
        const auto actions = panel.actions();
        QVERIFY(actions.size() >= 8);
        for (QAction *a : actions) {
            QVERIFY2(!a->shortcut().isEmpty(), qPrintable(a->text()));
            QCOMPARE(a->shortcutContext(), Qt::WidgetWithChildrenShortcut);
        }
        const auto widgets = panel.findChildren<QWidget *>();
        for (QWidget *w : widgets)
            if (w->focusPolicy() != Qt::NoFocus && w->isVisibleTo(&panel)
                && !w->inherits("QScrollBar") && !w->inherits("QLineEdit")) // spin box editor
                QVERIFY2(!w->accessibleName().isEmpty(), w->metaObject()->className());
    }

    /// With TROVE_SCREENSHOT_DIR set, renders the panel in light and dark palettes to PNGs.
    void screenshots()
    {
        const QString out = qEnvironmentVariable("TROVE_SCREENSHOT_DIR");
        if (out.isEmpty())
            QSKIP("TROVE_SCREENSHOT_DIR not set");
        for (const bool dark : {false, true}) {
            LineagePanel panel;
            if (dark)
                panel.setPalette(PaletteHelpers::darkPalette());
            QVERIFY(present(panel, {1300, 650}));
            panel.showFor(LineageNode::Kind::Task, task("evaluate fine-tuned"));
            QVERIFY(settle(panel));
            panel.view()->selectNode(k.tuned);
            for (int i = 0; i < 5; ++i) // pending layout requests, as the gallery does
                QCoreApplication::processEvents();
            QVERIFY(panel.grab().save(
                    QDir(out).filePath(dark ? QStringLiteral("lineagepanel-dark.png")
                                            : QStringLiteral("lineagepanel-light.png"))));
        }
        // The error state: placeholder and message bar with Retry.
        LineagePanel failing;
        QVERIFY(present(failing, {900, 400}));
        QVERIFY(showFailing(failing));
        for (int i = 0; i < 5; ++i)
            QCoreApplication::processEvents();
        QVERIFY(failing.grab().save(QDir(out).filePath(QStringLiteral("lineagepanel-error.png"))));
    }
};

QTEST_MAIN(TestLineagePanel)
#include "tst_lineagepanel.moc"

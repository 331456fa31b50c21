#pragma once

#include "common/result.h"
#include "lineage/lineagegraph.h"

#include <QFutureWatcher>
#include <QPointer>
#include <QWidget>

class QAction;
class QLabel;
class QProgressBar;
class QSpinBox;
class QStackedWidget;
class QTimer;
class QToolBar;
class QToolButton;

namespace Trove {

class LineageBuilder;
class LineageView;
class MessageBar;
class Session;

/// The model-genealogy panel: a LineageBuilder (core) feeding a LineageView through
/// LineageAdapter, with a toolbar (depth, zoom, fit, 1:1, PNG/SVG export, refresh, stop).
///
/// showFor() builds the graph around a task or a model `depth()` hops deep (producer task →
/// model → consumer tasks → their models, and parent models), left to right. The + of a card
/// (or Space on the selected one) expands that node one more hop in place: the zoom, the
/// selection and the node's place on screen are kept. Requests never block: a busy bar shows
/// while they run, Esc or Stop cancels them, a new showFor() cancels the previous one. A
/// failure shows in the message bar with Retry (rebuild, or the failed expansion again).
///
/// Exports render on the GUI thread (the scene) and write the file on a worker thread;
/// exportFinished() reports the outcome, the message bar shows it.
///
/// Keys (while the focus is in the panel): Ctrl+plus/minus zoom, Ctrl+0 fit, Ctrl+1 1:1,
/// Ctrl+E export PNG, Ctrl+Shift+E export SVG, F5 refresh, Esc stop; in the graph, arrows move,
/// Enter opens (taskActivated/modelActivated), Space expands.
class LineagePanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LineagePanel)

public:
    static constexpr int kDefaultDepth = 2;
    static constexpr int kMaxDepth = 10;

    explicit LineagePanel(QWidget *parent = nullptr);
    ~LineagePanel() override;

    /// The server asked for the lineage; nullptr allowed ("no server"). A change clears the
    /// graph. The session must outlive its use here or be destroyed (then it is dropped).
    void setSession(Session *session);
    Session *session() const;

    /// Builds the lineage around a task or a model (cancels any running build).
    void showFor(LineageNode::Kind kind, const QString &id);
    /// Cancels and shows nothing.
    void clear();

    int depth() const;
    /// Hops from the root built by showFor() (1…kMaxDepth); a change rebuilds after a pause.
    void setDepth(int hops);

    bool isLoading() const { return m_loading; }
    LineageNode::Kind rootKind() const { return m_rootKind; }
    QString rootId() const { return m_rootId; }
    /// The graph as built so far (empty without a session).
    const LineageGraph &graph() const;
    LineageView *view() const { return m_view; }
    MessageBar *messageBar() const { return m_messages; }
    /// The text shown instead of the graph (no server, nothing selected, loading, failed);
    /// empty while the graph is shown.
    QString placeholderText() const;

    /// Writes the graph to `path` (PNG at up to 2× scale / SVG); see exportFinished().
    void exportPng(const QString &path);
    void exportSvg(const QString &path);
    bool isExporting() const { return m_exportWatcher.isRunning(); }

public slots:
    /// Rebuilds around the current root with the current depth.
    void refresh();
    /// Stops the requests in flight; what arrived stays shown.
    void cancel();
    /// Loads one more hop around a node (key as in LineageGraph, "task:<id>"/"model:<id>").
    void expand(const QString &nodeKey);

signals:
    /// Double-click or Enter on a card: open that task or model.
    void taskActivated(const QString &taskId);
    void modelActivated(const QString &modelId);
    /// The selected card changed; `id` is empty when nothing is selected.
    void selectionChanged(Trove::LineageNode::Kind kind, const QString &id);
    void loadingChanged(bool loading);
    /// An export ended: `error` is empty on success.
    void exportFinished(const QString &path, const QString &error);

private:
    enum class Operation { None, Build, Expand };

    void createToolBar();
    QAction *addToolAction(const QString &text,
                           const QString &iconText,
                           const QString &iconName,
                           const QList<QKeySequence> &keys,
                           bool inToolBar = true);
    void setLoading(bool loading);
    void onBuilderFinished();
    void finishIfIdle();
    void showPlaceholder(const QString &text);
    void updateActions();
    void updateSummary();
    void onViewActivated(const QString &key);
    void onViewSelectionChanged(const QString &key);
    void chooseExportFile(bool svg);
    void startExport(const QString &path, bool svg);
    QString rootLabel() const;
    /// The placeholder without a graph: "connect to a server" or "select a task or model".
    QString idleText() const;

    QPointer<Session> m_session;
    LineageBuilder *m_builder = nullptr;
    LineageNode::Kind m_rootKind = LineageNode::Kind::Task;
    QString m_rootId;
    Operation m_operation = Operation::None;
    QString m_expandKey;
    bool m_loading = false;
    bool m_stopped = false; ///< cancel() is finishing the operation

    QToolBar *m_toolBar = nullptr;
    QSpinBox *m_depth = nullptr;
    QWidget *m_topRow = nullptr;
    QProgressBar *m_busy = nullptr;
    QToolButton *m_stopButton = nullptr;
    QLabel *m_summary = nullptr;
    MessageBar *m_messages = nullptr;
    QStackedWidget *m_stack = nullptr;
    LineageView *m_view = nullptr;
    QLabel *m_placeholder = nullptr;
    QTimer *m_depthTimer = nullptr;
    QAction *m_zoomIn = nullptr;
    QAction *m_zoomOut = nullptr;
    QAction *m_fit = nullptr;
    QAction *m_actualSize = nullptr;
    QAction *m_exportPng = nullptr;
    QAction *m_exportSvg = nullptr;
    QAction *m_refresh = nullptr;
    QAction *m_stop = nullptr;
    QFutureWatcher<QString> m_exportWatcher;
    QString m_exportPath;
};

} // namespace Trove

#pragma once

#include <QStackedWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace Trove {

class ArchiveTreeView;
class ArrayViewer;
class HexView;
class ImageViewer;
class JsonTreeView;
class ModelSummaryView;
class PickleTreeView;
class TableViewer;
class TextViewer;

/// Hosts every preview viewer plus three states the integrator drives:
/// - empty ("Select an artifact to preview it"),
/// - loading: message, progress bar (busy when the total is unknown) and Cancel,
/// - error: a clear message, optional details and Retry.
/// Viewers are created on first use by their accessor and shown with showViewer().
class PreviewPane final : public QStackedWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreviewPane)

public:
    enum class State { Empty, Loading, Error, Viewer };

    explicit PreviewPane(QWidget *parent = nullptr);
    ~PreviewPane() override;

    ImageViewer *imageViewer();
    TextViewer *textViewer();
    JsonTreeView *jsonView();
    HexView *hexView();
    TableViewer *tableViewer();
    ArrayViewer *arrayViewer();
    ArchiveTreeView *archiveView();
    PickleTreeView *pickleView();
    ModelSummaryView *modelView();

    /// Shows `viewer` (adding it to the stack if needed; the pane takes ownership).
    void showViewer(QWidget *viewer);
    State state() const { return m_state; }

    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *retryButton() const { return m_retry; }
    QPushButton *reloadButton() const { return m_reload; }
    QProgressBar *progressBar() const { return m_progress; }
    QString errorText() const;

public slots:
    /// `canReload`: a "Load again" button (emitting retryRequested()) under the text, e.g.
    /// after the user cancelled a preview.
    void showEmpty(const QString &text = {}, bool canReload = false);
    /// `what` e.g. "Downloading weights.safetensors…".
    void showLoading(const QString &what);
    /// `total` < 0 = unknown (busy indicator).
    void setProgress(qint64 done, qint64 total);
    void showError(const QString &message, const QString &details = {}, bool canRetry = true);

signals:
    void cancelRequested();
    void retryRequested();

private:
    template<typename T>
    T *viewer(T *&slot);
    void focusIfInside(QWidget *button);

    State m_state = State::Empty;
    QWidget *m_emptyPage = nullptr;
    QLabel *m_emptyLabel = nullptr;
    QPushButton *m_reload = nullptr;
    QWidget *m_loadingPage = nullptr;
    QLabel *m_loadingLabel = nullptr;
    QLabel *m_loadingDetail = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancel = nullptr;
    QWidget *m_errorPage = nullptr;
    QLabel *m_errorIcon = nullptr;
    QLabel *m_errorLabel = nullptr;
    QLabel *m_errorDetails = nullptr;
    QPushButton *m_retry = nullptr;

    ImageViewer *m_image = nullptr;
    TextViewer *m_text = nullptr;
    JsonTreeView *m_json = nullptr;
    HexView *m_hex = nullptr;
    TableViewer *m_table = nullptr;
    ArrayViewer *m_array = nullptr;
    ArchiveTreeView *m_archive = nullptr;
    PickleTreeView *m_pickle = nullptr;
    ModelSummaryView *m_model = nullptr;
};

} // namespace Trove

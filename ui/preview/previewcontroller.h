#pragma once

#include "previewsource.h"

#include "api/wiretypes.h"
#include "common/error.h"
#include "preview/previewtypes.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

namespace Trove {

class PreviewFrame;
class PreviewPane;
class Session;
struct PreviewLoad;

/// Connects core's preview decoders to the viewers of a PreviewPane.
///
/// show*() resolves where the bytes are (a local file in place; the copy in the SDK-shared
/// cache; else HTTP Range reads of the file server, http(s) or s3 — never a whole download),
/// detects the kind (artifact type, extension, magic) and decodes the first screen on a worker
/// thread while the pane shows progress with Cancel. The result replaces the pane's content
/// with a PreviewFrame around a fresh viewer for the kind (table, array, image, text, JSON,
/// archive, pickle, model summary, hex); follow-up reads (table blocks and scans, array
/// values and statistics, text pages, archive members) run off the GUI thread on the same
/// source, whose cancel flag stops them all.
///
/// Any new show*() or clear() cancels everything in flight for the previous selection and a
/// generation counter drops results that arrive late. Failures are shown in the pane with a
/// clear message (pending uploads, network errors and I/O errors offer Retry) and reported by
/// previewFailed(); cancelling is not a failure.
class PreviewController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreviewController)

public:
    explicit PreviewController(PreviewPane *pane, QObject *parent = nullptr);
    ~PreviewController() override;

    /// The server whose cache and storage credentials are used; nullptr: local files and
    /// public URLs only.
    void setSession(Session *session);
    /// A task's artifact: `type`, `type_data.content_type`, the uri's file name and the stored
    /// preview are the hints.
    void showArtifact(const Artifact &artifact);
    /// A model's weights file.
    void showModel(const Model &model);
    /// A local path, or any uri a preview can read (file://, http(s)://, s3://, files server).
    void showFile(const QString &path, const PreviewHints &hints = {});
    /// One member of an archive already opened by another preview (ArchivePreviewWidget).
    void showArchiveMember(const PreviewSourcePtr &archive, const QString &memberPath);
    /// Cancels whatever runs and shows the empty pane.
    void clear();

    /// The kind shown (Unknown while loading, after an error and when empty).
    PreviewKind currentKind() const { return m_kind; }
    bool isLoading() const { return m_loading; }
    PreviewPane *pane() const { return m_pane; }
    /// The frame shown around the current viewer, or nullptr.
    PreviewFrame *currentFrame() const;
    /// The viewer inside the current frame (TablePreviewWidget, ArrayPreviewWidget,
    /// ImageViewer, TextViewer, JsonPreviewWidget, ArchivePreviewWidget, PickleTreeView,
    /// ModelSummaryView, HexView), or nullptr.
    QWidget *currentViewer() const;
    /// The source of the current preview (loading or shown), or null.
    PreviewSourcePtr currentSource() const { return m_source; }
    /// Bytes read from the current preview's source so far.
    qint64 bytesRead() const;

    /// A display name for a kind ("Table", "NumPy array", ...).
    static QString kindDisplayName(PreviewKind kind);

public slots:
    /// Loads the last target again (after an error or a cancel).
    void retry();
    /// Cancels the loading preview (the pane's Cancel button).
    void cancel();

signals:
    /// The first screen is shown.
    void previewReady(Trove::PreviewKind kind);
    void previewFailed(const Trove::Error &error);

private:
    struct Job;
    void start(PreviewTarget target);
    void stopCurrent();
    void loaded(quint64 generation, Job *job);
    void present(PreviewLoad load);
    void fail(const Error &error, PreviewKind kind);
    QWidget *createViewer(PreviewLoad &load);
    void updateStatus();
    PreviewTarget baseTarget() const;

    PreviewPane *m_pane;
    QPointer<Session> m_session;
    QPointer<PreviewFrame> m_frame;
    PreviewTarget m_target;
    bool m_hasTarget = false;
    quint64 m_generation = 0;
    CancelFlag m_cancel;
    std::shared_ptr<Job> m_job;
    PreviewSourcePtr m_source;
    PreviewKind m_kind = PreviewKind::Unknown;
    bool m_loading = false;
    QTimer m_statusTimer;
};

} // namespace Trove

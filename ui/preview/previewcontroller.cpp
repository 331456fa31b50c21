#include "previewcontroller.h"

#include "archivepreviewwidget.h"
#include "arraypreviewwidget.h"
#include "hexview.h"
#include "imageviewer.h"
#include "jsonpreviewwidget.h"
#include "modelsummaryview.h"
#include "pickletreeview.h"
#include "previewframe.h"
#include "previewloader.h"
#include "previewpane.h"
#include "previewthreadpool.h"
#include "tablepreviewwidget.h"
#include "textpager.h"
#include "textviewer.h"
#include "widgets/palettehelpers.h"

#include "session/session.h"

#include <QFutureWatcher>
#include <QMutex>
#include <QUrl>
#include <QtConcurrent>

namespace Trove {

namespace {

/// Remote tables up to this size are scanned (row count, statistics) at once.
constexpr qint64 kRemoteScanBytes = 32 << 20;

struct JobResult
{
    std::optional<PreviewLoad> load;
    Error error;
    PreviewKind kind = PreviewKind::Unknown;
};

/// The opened source, published by the worker so the GUI can show what was read.
struct SourceBox
{
    QMutex mutex;
    PreviewSourcePtr source;
};

QString fileNameOfUri(const QString &uri)
{
    const QUrl url = StorageAccess::parse(uri);
    QString name = url.isValid() ? url.fileName(QUrl::FullyDecoded) : QString();
    if (name.isEmpty())
        name = uri.section(QLatin1Char('/'), -1, -1, QString::SectionSkipEmpty);
    return name;
}

bool looksLikeUri(const QString &path)
{
    static const char *const schemes[] = {"file:", "http:", "https:", "s3:", "gs:", "azure:"};
    for (const char *s : schemes)
        if (path.startsWith(QLatin1String(s), Qt::CaseInsensitive))
            return true;
    return false;
}

} // namespace

struct PreviewController::Job
{
    quint64 generation = 0;
    std::shared_ptr<SourceBox> box = std::make_shared<SourceBox>();
    QFutureWatcher<JobResult> watcher;
};

PreviewController::PreviewController(PreviewPane *pane, QObject *parent)
    : QObject(parent)
    , m_pane(pane)
{
    connect(m_pane, &PreviewPane::cancelRequested, this, &PreviewController::cancel);
    connect(m_pane, &PreviewPane::retryRequested, this, &PreviewController::retry);
    m_statusTimer.setInterval(200);
    connect(&m_statusTimer, &QTimer::timeout, this, &PreviewController::updateStatus);
}

PreviewController::~PreviewController()
{
    // Stop the work in flight; the widgets belong to the pane (possibly being destroyed too).
    if (m_cancel)
        m_cancel->store(true);
    if (m_job)
        m_job->watcher.disconnect(this);
}

void PreviewController::setSession(Session *session)
{
    m_session = session;
}

PreviewTarget PreviewController::baseTarget() const
{
    PreviewTarget t;
    if (m_session) {
        t.cache = m_session->cache();
        t.access = m_session->storageAccess();
    }
    return t;
}

void PreviewController::showArtifact(const Artifact &artifact)
{
    PreviewTarget t = baseTarget();
    t.uri = artifact.uri;
    t.hints.artifactType = artifact.type;
    t.hints.contentType = artifact.contentType;
    t.hints.fileName = fileNameOfUri(artifact.uri);
    t.hints.storedPreview = artifact.preview;
    if (t.hints.fileName.isEmpty())
        t.hints.fileName = artifact.key;
    if (artifact.uri.isEmpty() && !artifact.preview.isEmpty()) {
        // Nothing uploaded (values the SDK keeps in the task only): the stored preview it is.
        const QByteArray text = artifact.preview.toUtf8();
        t.hints.artifactType = QStringLiteral("string");
        t.opener = [text,
                    name = artifact.key](const CancelFlag &cancel) -> Result<PreviewSourcePtr> {
            return std::make_shared<PreviewSource>(memorySource(text, name),
                                                   PreviewSource::Origin::Stored, cancel);
        };
    }
    start(std::move(t));
}

void PreviewController::showModel(const Model &model)
{
    PreviewTarget t = baseTarget();
    t.uri = model.uri;
    t.hints.fileName = fileNameOfUri(model.uri);
    t.isModel = true;
    start(std::move(t));
}

void PreviewController::showFile(const QString &path, const PreviewHints &hints)
{
    PreviewTarget t = baseTarget();
    if (looksLikeUri(path))
        t.uri = path;
    else
        t.localPath = path;
    t.hints = hints;
    if (t.hints.fileName.isEmpty())
        t.hints.fileName
                = t.localPath.isEmpty() ? fileNameOfUri(path) : path.section(QLatin1Char('/'), -1);
    start(std::move(t));
}

void PreviewController::showArchiveMember(const PreviewSourcePtr &archive,
                                          const QString &memberPath)
{
    PreviewTarget t;
    t.uri = memberPath;
    t.hints.fileName = memberPath.section(QLatin1Char('/'), -1);
    t.opener = [archive, memberPath](const CancelFlag &cancel) {
        return openArchiveMember(archive, memberPath, cancel);
    };
    start(std::move(t));
}

void PreviewController::clear()
{
    stopCurrent();
    m_hasTarget = false;
    m_pane->showEmpty();
}

void PreviewController::retry()
{
    if (m_hasTarget)
        start(m_target);
}

void PreviewController::cancel()
{
    if (!m_loading)
        return;
    stopCurrent();
    m_pane->showEmpty(tr("Preview of %1 cancelled.").arg(m_target.displayName()), true);
}

void PreviewController::stopCurrent()
{
    ++m_generation;
    if (m_cancel)
        m_cancel->store(true); // stops the load, table scans, array reads, text pages, members
    m_cancel.reset();
    if (m_job)
        m_job->watcher.disconnect(this);
    m_job.reset(); // a running job finishes on its own; its result is dropped
    m_source.reset();
    m_loading = false;
    m_kind = PreviewKind::Unknown;
    m_statusTimer.stop();
    if (m_frame) {
        m_pane->removeWidget(m_frame);
        m_frame->deleteLater();
        m_frame = nullptr;
    }
}

void PreviewController::start(PreviewTarget target)
{
    stopCurrent();
    m_target = target;
    m_hasTarget = true;
    m_loading = true;
    m_cancel = newPreviewCancelFlag();
    m_pane->showLoading(tr("Loading the preview of %1…").arg(target.displayName()));

    const qreal dpr = m_pane->devicePixelRatioF();
    PreviewLimits limits;
    const QSize box
            = (m_pane->size() * dpr).expandedTo(QSize(1024, 768)).boundedTo(QSize(4096, 4096));
    limits.imageBox = box;

    auto job = std::make_shared<Job>();
    job->generation = m_generation;
    m_job = job;
    Job *raw = job.get();
    connect(&job->watcher, &QFutureWatcherBase::finished, this,
            [this, generation = m_generation, raw] { loaded(generation, raw); });
    job->watcher.setFuture(
            QtConcurrent::run(previewThreadPool(), [target = std::move(target), cancel = m_cancel,
                                                    box = job->box, limits] {
                JobResult r;
                auto source = openPreviewSource(target, cancel);
                if (!source) {
                    r.error = source.error();
                    return r;
                }
                {
                    QMutexLocker lock(&box->mutex);
                    box->source = *source;
                }
                auto load = loadPreview(*source, target.hints, limits, &r.kind);
                if (load)
                    r.load = std::move(load.value());
                else
                    r.error = load.error();
                return r;
            }));
    m_statusTimer.start();
}

void PreviewController::loaded(quint64 generation, Job *job)
{
    if (generation != m_generation || job != m_job.get())
        return; // a stale result: the selection changed meanwhile
    JobResult r = job->watcher.future().takeResult();
    m_loading = false;
    if (!r.load) {
        if (r.error.isCancelled())
            return;
        {
            QMutexLocker lock(&job->box->mutex);
            m_source = job->box->source;
        }
        fail(r.error, r.kind);
        return;
    }
    present(std::move(*r.load));
}

PreviewFrame *PreviewController::currentFrame() const
{
    return m_frame;
}

QWidget *PreviewController::currentViewer() const
{
    return m_frame ? m_frame->content() : nullptr;
}

qint64 PreviewController::bytesRead() const
{
    if (m_source)
        return m_source->bytesRead();
    if (m_job) {
        QMutexLocker lock(&m_job->box->mutex);
        if (m_job->box->source)
            return m_job->box->source->bytesRead();
    }
    return 0;
}

void PreviewController::updateStatus()
{
    if (m_loading) {
        m_pane->setProgress(bytesRead(), -1);
        return;
    }
    if (!m_frame || !m_source)
        return;
    if (m_source->origin() == PreviewSource::Origin::Remote) {
        // Bytes handed to the decoders (a block read twice counts twice).
        const qint64 read = m_source->bytesRead();
        const qint64 size = m_source->size();
        m_frame->setStatus(read < size ? tr("%1 of %2 read")
                                                 .arg(PaletteHelpers::formatBytes(read),
                                                      PaletteHelpers::formatBytes(size))
                                       : tr("%1 read").arg(PaletteHelpers::formatBytes(read)));
    }
}

void PreviewController::present(PreviewLoad load)
{
    m_source = load.source;
    m_kind = load.kind;
    QWidget *viewer = createViewer(load);
    auto *frame = new PreviewFrame(viewer);
    QStringList details{kindDisplayName(load.kind)};
    if (load.image)
        details << tr("%1 × %2")
                           .arg(load.image->originalSize.width())
                           .arg(load.image->originalSize.height())
                << load.image->format.toUpper();
    if (load.source->size() >= 0)
        details << PaletteHelpers::formatBytes(load.source->size());
    details << PreviewSource::originText(load.source->origin());
    frame->setTitle(m_target.displayName(), details.join(QStringLiteral("  ·  ")));
    frame->setNotes(load.notes);
    m_frame = frame;
    m_pane->showViewer(frame);
    updateStatus();
    if (m_source->origin() != PreviewSource::Origin::Remote)
        m_statusTimer.stop();
    emit previewReady(m_kind);
}

QWidget *PreviewController::createViewer(PreviewLoad &load)
{
    switch (load.kind) {
    case PreviewKind::Table: {
        const bool cheap = load.source->origin() != PreviewSource::Origin::Remote
                           || (load.source->size() >= 0 && load.source->size() <= kRemoteScanBytes);
        return new TablePreviewWidget(load.table, load.source->size(), cheap);
    }
    case PreviewKind::NumpyArray:
    case PreviewKind::NumpyZip:
        return new ArrayPreviewWidget(load.arrays, std::move(*load.firstArray));
    case PreviewKind::Image: {
        auto *v = new ImageViewer;
        v->setImage(load.image->image, load.image->format.toUpper());
        if (load.image->scaled)
            load.notes << tr("Shown scaled to %1 × %2 (the original is %3 × %4).")
                                  .arg(load.image->image.width())
                                  .arg(load.image->image.height())
                                  .arg(load.image->originalSize.width())
                                  .arg(load.image->originalSize.height());
        return v;
    }
    case PreviewKind::Text:
    case PreviewKind::Yaml: {
        auto *v = new TextViewer;
        if (load.kind == PreviewKind::Yaml)
            v->setLanguage(TextViewer::Language::Yaml);
        else
            v->setFileName(m_target.hints.fileName);
        new TextPager(v, load.source, *load.text);
        return v;
    }
    case PreviewKind::Json:
        return new JsonPreviewWidget(load.source, load.json->pretty, load.json->prettyComplete,
                                     std::move(load.json->tree), load.json->treeError);
    case PreviewKind::Archive:
        return new ArchivePreviewWidget(load.source, *load.archive);
    case PreviewKind::Pickle: {
        auto *v = new PickleTreeView;
        v->setRoot(*load.pickle);
        return v;
    }
    case PreviewKind::Safetensors:
    case PreviewKind::TorchZip:
    case PreviewKind::Onnx: {
        auto *v = new ModelSummaryView;
        v->setSummary(*load.model);
        return v;
    }
    case PreviewKind::Unknown:
    case PreviewKind::Binary:
        break;
    }
    auto *v = new HexView;
    v->setData(load.hexHead, load.source->size());
    v->setStoredPreview(m_target.hints.storedPreview);
    const QString type = load.fileType.isEmpty() ? tr("unrecognized binary data") : load.fileType;
    load.notes.prepend(m_target.isModel ? tr("No preview for this model format (%1): the first "
                                             "bytes are shown.")
                                                  .arg(type)
                                        : tr("No preview for this file type (%1): the first "
                                             "bytes are shown.")
                                                  .arg(type));
    return v;
}

void PreviewController::fail(const Error &error, PreviewKind kind)
{
    m_kind = PreviewKind::Unknown;
    m_statusTimer.stop();
    const QString name = m_target.displayName();
    QString message;
    QString details = error.userMessage();
    bool canRetry = true;
    switch (error.kind) {
    case Error::Kind::Http:
        if (error.httpStatus == 404) {
            message = m_target.uri.isEmpty() || m_target.opener
                              ? tr("%1 was not found.").arg(name)
                              : tr("%1 is registered but its file is not on the server yet (it "
                                   "may still be uploading).")
                                        .arg(name);
        } else if (error.httpStatus == 401 || error.httpStatus == 403) {
            message = tr("The storage refused access to %1 (HTTP %2).")
                              .arg(name)
                              .arg(error.httpStatus);
        } else {
            message = tr("The server could not deliver %1 (HTTP %2).")
                              .arg(name)
                              .arg(error.httpStatus);
        }
        break;
    case Error::Kind::Network:
        message = tr("Cannot reach the storage of %1.").arg(name);
        break;
    case Error::Kind::Io:
        message = tr("Cannot read %1.").arg(name);
        break;
    case Error::Kind::Unsupported:
        message = tr("Trove cannot preview %1.").arg(name);
        details = error.message;
        canRetry = false;
        break;
    case Error::Kind::Parse:
    case Error::Kind::Integrity:
        message = kind == PreviewKind::Unknown
                          ? tr("%1 cannot be previewed: its content is damaged or not what its "
                               "name says.")
                                    .arg(name)
                          : tr("%1 cannot be previewed as %2: the file is damaged or not what "
                               "it claims to be.")
                                    .arg(name, kindDisplayName(kind).toLower());
        details = error.message;
        canRetry = false;
        break;
    case Error::Kind::Server:
    case Error::Kind::Cancelled:
    case Error::Kind::None:
        message = tr("The preview of %1 failed.").arg(name);
        break;
    }
    m_pane->showError(message, details, canRetry);
    emit previewFailed(error);
}

QString PreviewController::kindDisplayName(PreviewKind kind)
{
    switch (kind) {
    case PreviewKind::Table:
        return tr("Table");
    case PreviewKind::NumpyArray:
        return tr("NumPy array");
    case PreviewKind::NumpyZip:
        return tr("NumPy archive");
    case PreviewKind::Image:
        return tr("Image");
    case PreviewKind::Text:
        return tr("Text");
    case PreviewKind::Json:
        return tr("JSON");
    case PreviewKind::Yaml:
        return tr("YAML");
    case PreviewKind::Archive:
        return tr("Archive");
    case PreviewKind::Pickle:
        return tr("Pickle");
    case PreviewKind::Safetensors:
        return tr("Safetensors");
    case PreviewKind::TorchZip:
        return tr("PyTorch checkpoint");
    case PreviewKind::Onnx:
        return tr("ONNX model");
    case PreviewKind::Binary:
        return tr("Binary");
    case PreviewKind::Unknown:
        break;
    }
    return tr("Unknown");
}

} // namespace Trove

#pragma once

#include "api/wiretypes.h"
#include "common/error.h"
#include "transfers/droppedpath.h"
#include "transfers/transferjob.h"
#include "transfers/uploadjob.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>

namespace Trove {

class ApiReply;
class Session;

/// Puts a local file or folder on a task, asynchronously, the way `trove-cli put` /
/// `put-model` do synchronously:
///
///   inspect the path (worker thread) → tasks.get_by_id (fresh status and artifacts)
///   → pre-check → projects.get_by_id (the project path of the storage key)
///   → TransferManager upload (shown in the transfers dock, progress, cancel)
///   → ClearmlApi::registerArtifact → the registered Artifact, or
///   → ClearmlApi::registerOutputModel → models.get_by_id → the new output Model.
///
/// Pre-checks (checkTask()) mirror what a real ClearML server refuses, so that nothing is
/// uploaded for a registration that cannot happen. A name clash is settled by IfExists:
/// Fail (the default: nothing is overwritten by surprise), Replace (the task's artifact of
/// that name is replaced, every other artifact kept), or Rename (the first free name
/// "<name>_2", "<name>_3"…). After a replace the SDK cache's copy of the old bytes is
/// forgotten (SdkCache::invalidate), so the next download fetches the new ones.
///
/// finished() is emitted once per run, asynchronously; then state() is Finished, Failed
/// (error() says why, in words for the user) or Cancelled. retry() runs a failed or
/// cancelled publication again from the step that failed: a failed upload is re-queued
/// (TransferManager::retry, same dock row), a failed registration registers the uploaded
/// bytes again. Retrying the upload from the transfers dock continues this publisher too
/// (it follows TransferManager::jobRetried), so keep the publisher alive while its failure
/// is shown. Lives in the GUI thread; never blocks it.
class ArtifactPublisher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ArtifactPublisher)

public:
    enum class Kind { Artifact, Model };
    enum class IfExists { Fail, Replace, Rename };
    enum class State { Idle, Checking, Uploading, Registering, Finished, Failed, Cancelled };
    Q_ENUM(State)

    struct Request
    {
        Kind kind = Kind::Artifact;
        QString taskId;
        QString localPath;
        /// Artifact name (empty: DroppedPath::defaultArtifactName), or model name (empty:
        /// the task's name, as trove-cli put-model and the SDK's OutputModel do).
        QString name;
        IfExists ifExists = IfExists::Fail; ///< artifacts only
        QString framework;                  ///< models only ("PyTorch", …), may be empty
    };

    ArtifactPublisher(Session *session, Request request, QObject *parent = nullptr);
    ~ArtifactPublisher() override;

    /// Starts (once); later runs go through retry().
    void start();
    /// Cancels the step in flight; finished() follows with state Cancelled. A registration
    /// already sent to the server may still complete there.
    void cancel();
    /// Runs a Failed or Cancelled publication again from the failed step. False otherwise.
    bool retry();

    const Request &request() const { return m_request; }
    State state() const { return m_state; }
    bool isDone() const;
    const Error &error() const { return m_error; }
    /// The name used (after Rename, or the default).
    QString name() const { return m_name; }
    /// The upload job while uploading (and after): for progress in the UI.
    TransferJob *job() const { return m_job; }
    /// Finished, Kind::Artifact: the artifact as registered on the task.
    const Artifact &artifact() const { return m_artifact; }
    /// Finished, Kind::Model: the new output model.
    const Model &model() const { return m_model; }
    /// Finished: the task as re-read after registering (artifacts only).
    const Task &task() const { return m_task; }

    /// Why `task` cannot take an upload of `kind`, as a real ClearML server decides
    /// (allegroai/clearml-server): tasks.add_or_update_model only accepts created and
    /// in_progress tasks, so models need one of those; tasks.add_or_update_artifacts has the
    /// same limit, and for other statuses registerArtifact edits the artifact list with
    /// tasks.edit{force}, which the server accepts — except that a published (or publishing)
    /// task is read-only for the SDK and the web UI, so Trove refuses it too. Kind None when
    /// the upload can go ahead.
    static Error checkTask(const Task &task, Kind kind);
    /// The artifact of `key` (output before input), or nullptr.
    static const Artifact *findArtifact(const Task &task, const QString &key);

Q_SIGNALS:
    void stateChanged(Trove::ArtifactPublisher::State state);
    void progressChanged(const Trove::TransferProgress &progress);
    void finished();

private:
    void setState(State state);
    void runChecks();
    void onInspected();
    void onTask(const Task &task);
    void startUpload(const QString &projectName);
    void adoptJob(TransferJob *job);
    void onUploaded();
    void registerUpload();
    void succeed();
    void fail(Error error);
    void finishCancelled();
    /// Runs `fn` on `reply`'s result unless a newer run or cancel() came in between.
    void track(ApiReply *reply, std::function<void(ApiReply &)> fn);

    QPointer<Session> m_session;
    Request m_request;
    State m_state = State::Idle;
    State m_failedStep = State::Idle;
    Error m_error;
    QString m_name;
    Task m_task;
    UploadRequest m_upload;
    ArtifactSpec m_spec;
    Artifact m_artifact;
    Model m_model;
    QPointer<TransferJob> m_job;
    QPointer<ApiReply> m_reply;
    quint64 m_generation = 0;
    std::shared_ptr<std::atomic_bool> m_cancelFlag;
    QFutureWatcher<DroppedPath> m_inspect;
};

} // namespace Trove

#include "artifactpublisher.h"

#include "session/session.h"
#include "transfers/transfermanager.h"
#include "transfers/uploadplan.h"

#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>

namespace Trove {
namespace {

Error refusal(const QString &message)
{
    return Error::make(Error::Kind::Unsupported, message);
}

QString statusWord(const Task &task)
{
    return task.statusText.isEmpty() ? taskStatusToString(task.status) : task.statusText;
}

} // namespace

ArtifactPublisher::ArtifactPublisher(Session *session, Request request, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_request(std::move(request))
{
    connect(&m_inspect, &QFutureWatcher<DroppedPath>::finished, this,
            &ArtifactPublisher::onInspected);
    if (session) {
        // A retry from the transfers dock continues this publication.
        connect(session->transfers(), &TransferManager::jobRetried, this,
                [this](TransferJob *oldJob, TransferJob *newJob) {
                    if (oldJob && oldJob == m_job.data() && m_failedStep == State::Uploading
                        && (m_state == State::Failed || m_state == State::Cancelled))
                        adoptJob(newJob);
                });
    }
}

ArtifactPublisher::~ArtifactPublisher()
{
    ++m_generation;
    if (m_cancelFlag)
        m_cancelFlag->store(true);
    if (m_reply)
        m_reply->cancel();
    if (m_job && !m_job->isDone() && m_state == State::Uploading)
        m_job->cancel(); // nobody would register it
    m_inspect.waitForFinished();
}

bool ArtifactPublisher::isDone() const
{
    return m_state == State::Finished || m_state == State::Failed || m_state == State::Cancelled;
}

void ArtifactPublisher::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void ArtifactPublisher::start()
{
    if (m_state != State::Idle)
        return;
    runChecks();
}

void ArtifactPublisher::runChecks()
{
    ++m_generation;
    m_error = Error();
    setState(State::Checking);
    if (!m_session)
        return fail(Error::make(Error::Kind::Network, QStringLiteral("no session")));
    m_cancelFlag = std::make_shared<std::atomic_bool>(false);
    const QString path = m_request.localPath;
    auto flag = m_cancelFlag;
    m_inspect.setFuture(
            QtConcurrent::run([path, flag] { return DroppedPath::inspect(path, flag.get()); }));
}

void ArtifactPublisher::onInspected()
{
    if (m_state != State::Checking || !m_session)
        return;
    const DroppedPath inspected = m_inspect.result();
    if (m_request.kind == Kind::Model && inspected.kind == DroppedPath::Kind::Folder)
        return fail(Error::make(Error::Kind::Io,
                                QStringLiteral("model weights must be a file, not a folder"),
                                inspected.path));
    if (!inspected.isUsable())
        return fail(Error::make(Error::Kind::Io, inspected.problem, inspected.path));
    m_request.localPath = inspected.path;
    if (m_request.kind == Kind::Artifact) {
        m_name = m_request.name.trimmed();
        if (m_name.isEmpty())
            m_name = DroppedPath::defaultArtifactName(inspected.path, inspected.isFolder());
    }
    track(m_session->api()->getTask(m_request.taskId), [this](ApiReply &reply) {
        auto task = reply.value<Task>();
        if (!task)
            return fail(task.error());
        onTask(task.value());
    });
}

void ArtifactPublisher::onTask(const Task &task)
{
    m_task = task;
    if (Error refused = checkTask(task, m_request.kind); refused.kind != Error::Kind::None)
        return fail(refused);
    if (m_request.kind == Kind::Artifact) {
        if (findArtifact(task, m_name)) {
            switch (m_request.ifExists) {
            case IfExists::Fail:
                return fail(refusal(QStringLiteral("task \"%1\" already has an artifact \"%2\"; "
                                                   "replace it or choose another name")
                                            .arg(task.name, m_name)));
            case IfExists::Replace:
                break;
            case IfExists::Rename: {
                QSet<QString> taken;
                for (const Artifact &a : task.artifacts)
                    taken.insert(a.key);
                m_name = UploadPlan::freeName(m_name, taken);
                break;
            }
            }
        }
    } else {
        m_name = m_request.name.trimmed();
        if (m_name.isEmpty())
            m_name = task.name.isEmpty() ? QFileInfo(m_request.localPath).completeBaseName()
                                         : task.name;
    }
    if (task.project.isEmpty())
        return startUpload(QString());
    if (!task.project.name.isEmpty())
        return startUpload(task.project.name);
    track(m_session->api()->getProject(task.project.id), [this](ApiReply &reply) {
        auto project = reply.value<Project>();
        if (!project)
            return fail(project.error());
        startUpload(project->name);
    });
}

void ArtifactPublisher::startUpload(const QString &projectName)
{
    m_upload = m_request.kind == Kind::Artifact
                       ? m_session->artifactUpload(m_task, projectName, m_request.localPath, m_name)
                       : m_session->modelUpload(m_task, projectName, m_request.localPath);
    adoptJob(m_session->transfers()->upload(m_upload));
}

void ArtifactPublisher::adoptJob(TransferJob *job)
{
    if (m_job)
        m_job->disconnect(this);
    m_job = job;
    m_error = Error();
    ++m_generation;
    setState(State::Uploading);
    connect(job, &TransferJob::progressChanged, this, &ArtifactPublisher::progressChanged);
    connect(job, &TransferJob::finished, this, &ArtifactPublisher::onUploaded);
    if (job->isDone()) // finished before we could connect (not expected, but harmless)
        onUploaded();
}

void ArtifactPublisher::onUploaded()
{
    if (m_state != State::Uploading || !m_job || !m_job->isDone())
        return;
    switch (m_job->state()) {
    case TransferJob::State::Finished:
        break;
    case TransferJob::State::Cancelled:
        return finishCancelled();
    default:
        return fail(m_job->error());
    }
    auto *upload = qobject_cast<UploadJob *>(m_job.data());
    m_spec = upload ? upload->spec() : ArtifactSpec();
    m_spec.key = m_name;
    registerUpload();
}

void ArtifactPublisher::registerUpload()
{
    setState(State::Registering);
    // The old bytes under this uri (a replaced artifact, re-uploaded weights) must not be
    // served from the cache any more. Disk work: off the GUI thread, before registering.
    const SdkCache cache = m_session->cache();
    const QString uri = m_spec.uri;
    const QString key = m_request.kind == Kind::Artifact ? m_name : QString();
    auto *watcher = new QFutureWatcher<QStringList>(this);
    const quint64 generation = m_generation;
    connect(watcher, &QFutureWatcher<QStringList>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation || m_state != State::Registering || !m_session)
            return;
        if (m_request.kind == Kind::Artifact) {
            track(m_session->api()->registerArtifact(m_request.taskId,
                                                     Session::artifactFromSpec(m_spec)),
                  [this](ApiReply &reply) {
                      auto task = reply.value<Task>();
                      if (!task)
                          return fail(task.error());
                      m_task = task.value();
                      const Artifact *registered = findArtifact(m_task, m_name);
                      m_artifact = registered ? *registered : Session::artifactFromSpec(m_spec);
                      succeed();
                  });
            return;
        }
        track(m_session->api()->registerOutputModel(m_request.taskId, m_name, m_spec.uri,
                                                    m_request.framework),
              [this](ApiReply &reply) {
                  auto id = reply.value<QString>();
                  if (!id)
                      return fail(id.error());
                  m_model = Model();
                  m_model.id = id.value();
                  m_model.name = m_name;
                  m_model.uri = m_spec.uri;
                  m_model.framework = m_request.framework;
                  // Registered: reading it back only completes the picture.
                  track(m_session->api()->getModel(id.value()), [this](ApiReply &r) {
                      if (auto model = r.value<Model>())
                          m_model = model.value();
                      succeed();
                  });
              });
    });
    watcher->setFuture(QtConcurrent::run([cache, uri, key] { return cache.invalidate(uri, key); }));
}

void ArtifactPublisher::track(ApiReply *reply, std::function<void(ApiReply &)> fn)
{
    m_reply = reply;
    const quint64 generation = m_generation;
    reply->onFinished(this, [this, generation, fn = std::move(fn)](ApiReply &r) {
        if (generation != m_generation)
            return;
        m_reply = nullptr;
        if (r.error().isCancelled())
            return finishCancelled();
        fn(r);
    });
}

void ArtifactPublisher::succeed()
{
    m_failedStep = State::Idle;
    setState(State::Finished);
    Q_EMIT finished();
}

void ArtifactPublisher::fail(Error error)
{
    m_failedStep = m_state;
    m_error = std::move(error);
    ++m_generation;
    setState(State::Failed);
    Q_EMIT finished();
}

void ArtifactPublisher::finishCancelled()
{
    if (isDone())
        return;
    m_failedStep = m_state;
    m_error = Error::make(Error::Kind::Cancelled, QString(), m_request.localPath);
    ++m_generation;
    setState(State::Cancelled);
    Q_EMIT finished();
}

void ArtifactPublisher::cancel()
{
    switch (m_state) {
    case State::Idle:
        m_failedStep = State::Checking;
        m_state = State::Checking;
        return finishCancelled();
    case State::Checking:
    case State::Registering:
        if (m_cancelFlag)
            m_cancelFlag->store(true);
        if (m_reply)
            m_reply->cancel();
        return finishCancelled();
    case State::Uploading:
        if (m_job)
            m_job->cancel(); // onUploaded() reports it
        else
            finishCancelled();
        return;
    case State::Finished:
    case State::Failed:
    case State::Cancelled:
        return;
    }
}

bool ArtifactPublisher::retry()
{
    if (m_state != State::Failed && m_state != State::Cancelled)
        return false;
    if (!m_session)
        return false;
    switch (m_failedStep) {
    case State::Uploading: {
        TransferManager *manager = m_session->transfers();
        TransferJob *next = m_job ? manager->retry(m_job) : nullptr; // adopted via jobRetried
        if (!next)
            next = manager->upload(m_upload);
        if (next != m_job.data())
            adoptJob(next);
        return true;
    }
    case State::Registering:
        ++m_generation;
        m_error = Error();
        registerUpload();
        return true;
    default:
        runChecks();
        return true;
    }
}

Error ArtifactPublisher::checkTask(const Task &task, Kind kind)
{
    const QString name = task.name.isEmpty() ? task.id : task.name;
    if (kind == Kind::Model && task.status != TaskStatus::Created
        && task.status != TaskStatus::InProgress)
        return refusal(QStringLiteral("task \"%1\" is %2: ClearML adds output models only to "
                                      "tasks that are created or in progress (the server "
                                      "refuses tasks.add_or_update_model otherwise)")
                               .arg(name, statusWord(task)));
    if (task.status == TaskStatus::Published || task.status == TaskStatus::Publishing)
        return refusal(QStringLiteral("task \"%1\" is published: ClearML keeps published tasks "
                                      "read-only (the SDK and the web UI refuse to change "
                                      "them); clone it to add artifacts")
                               .arg(name));
    return Error();
}

const Artifact *ArtifactPublisher::findArtifact(const Task &task, const QString &key)
{
    const Artifact *found = nullptr;
    for (const Artifact &a : task.artifacts) {
        if (a.key != key)
            continue;
        if (!found || a.mode == QLatin1String("output"))
            found = &a;
    }
    return found;
}

} // namespace Trove

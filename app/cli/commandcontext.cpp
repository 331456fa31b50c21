#include "commandcontext.h"

#include "interruptguard.h"
#include "output.h"
#include "progressprinter.h"
#include "session/session.h"
#include "transfers/artifactpublisher.h"
#include "transfers/transferjob.h"

#include <QCoreApplication>
#include <QEventLoop>

#include <unistd.h>

namespace Trove::Cli {

CommandContext::CommandContext(QString command,
                               const QCommandLineParser &parser,
                               ConfigSource source,
                               QTextStream &out,
                               QTextStream &err)
    : m_command(std::move(command))
    , m_parser(parser)
    , m_source(std::move(source))
    , m_out(out)
    , m_err(err)
{}

CommandContext::~CommandContext() = default;

namespace {

/// The endpoint that marks an Error made by plainError().
QString plainMarker()
{
    return QStringLiteral("trove-cli");
}

} // namespace

void CommandContext::note(const QString &line)
{
    m_out.flush();
    m_err << oneLine(line) << '\n';
    m_err.flush();
}

Error CommandContext::plainError(Error::Kind kind, const QString &message)
{
    return Error::make(kind, message, plainMarker());
}

bool CommandContext::stderrIsTerminal() const
{
    return ::isatty(STDERR_FILENO) == 1;
}

Result<ClearmlConfig> CommandContext::config()
{
    if (!m_config)
        m_config = m_source.resolve();
    return *m_config;
}

Result<Session *> CommandContext::session()
{
    if (m_session)
        return m_session.get();
    auto cfg = config();
    if (!cfg)
        return cfg.error();
    if (!cfg->hasCredentials())
        return plainError(Error::Kind::Io,
                          QStringLiteral("ClearML is not configured: no credentials (set "
                                         "CLEARML_API_ACCESS_KEY/CLEARML_API_SECRET_KEY, write "
                                         "~/clearml.conf, or use --config/--server)"));
    SessionOptions options;
    // A terminal tool should fail fast when the server is down: few, short retries.
    options.api.maxRetries = 2;
    options.api.backoffBaseMs = 300;
    options.api.backoffMaxMs = 2000;
    options.maxParallelTransfers = 1;
    m_session = std::make_unique<Session>(*cfg, options);
    m_sync = std::make_unique<SyncApi>(m_session->api());
    return m_session.get();
}

SyncApi &CommandContext::sync()
{
    Q_ASSERT(m_sync);
    return *m_sync;
}

Result<Task> CommandContext::task(const QString &taskId)
{
    auto s = session();
    if (!s)
        return s.error();
    auto t = sync().task(taskId);
    if (!t && t.error().kind == Error::Kind::Server)
        return plainError(Error::Kind::Server, QStringLiteral("no task with id %1").arg(taskId));
    return t;
}

Result<Artifact> CommandContext::artifact(const Task &task, const QString &key)
{
    if (const Artifact *found = ArtifactPublisher::findArtifact(task, key))
        return *found;
    QStringList keys;
    for (const Artifact &a : task.artifacts)
        keys << a.key;
    return plainError(Error::Kind::Server,
                      QStringLiteral("task %1 has no artifact \"%2\" (%3)")
                              .arg(task.id, key,
                                   keys.isEmpty()
                                           ? QStringLiteral("it has none")
                                           : QStringLiteral("artifacts: ") + keys.join(u", ")));
}

Result<QString> CommandContext::projectName(const QString &projectId)
{
    if (projectId.isEmpty())
        return QString();
    auto s = session();
    if (!s)
        return s.error();
    auto p = sync().wait<Project>(m_session->api()->getProject(projectId));
    if (!p)
        return p.error();
    return p->name;
}

Status CommandContext::runTransfer(TransferJob *job, const QString &label)
{
    ProgressPrinter progress(m_err, label, stderrIsTerminal());
    InterruptGuard guard;
    QEventLoop loop;
    bool interrupted = false;
    QObject::connect(&guard, &InterruptGuard::interrupted, job, [&] {
        interrupted = true;
        job->cancel();
    });
    QObject::connect(job, &TransferJob::progressChanged, job,
                     [&progress](const TransferProgress &p) { progress.update(p); });
    QObject::connect(job, &TransferJob::finished, &loop, &QEventLoop::quit);
    if (!job->isDone())
        loop.exec();
    progress.finish(job->state() == TransferJob::State::Finished);
    if (job->state() == TransferJob::State::Finished)
        return {};
    if (job->state() == TransferJob::State::Cancelled || interrupted)
        return Error::make(Error::Kind::Cancelled, QStringLiteral("interrupted"), label);
    return job->error();
}

int CommandContext::fail(const Error &error)
{
    if (error.isCancelled()) {
        note(QStringLiteral("trove-cli: interrupted"));
        return ExitCancelled;
    }
    return fail(error.endpoint == plainMarker() ? error.message : error.userMessage());
}

int CommandContext::fail(const QString &message)
{
    note(QStringLiteral("trove-cli: ") + message);
    return 1;
}

int CommandContext::usage(const QString &message)
{
    note(QStringLiteral("trove-cli: ") + message);
    m_err << "Try 'trove-cli " << m_command << " --help' for usage.\n";
    m_err.flush();
    return 2;
}

void CommandContext::printJson(const nlohmann::json &value)
{
    Cli::printJson(m_out, value);
}

} // namespace Trove::Cli

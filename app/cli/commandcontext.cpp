#include "commandcontext.h"

#include "output.h"
#include "progressprinter.h"
#include "interruptguard.h"
#include "session/session.h"
#include "transfers/transferjob.h"

#include <QCoreApplication>
#include <QEventLoop>

#include <unistd.h>

namespace Trove::Cli {

CommandContext::CommandContext(const QCommandLineParser &parser,
                               ConfigSource source,
                               QTextStream &out,
                               QTextStream &err)
    : m_parser(parser)
    , m_source(std::move(source))
    , m_out(out)
    , m_err(err)
{}

CommandContext::~CommandContext() = default;

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
        return Error::make(Error::Kind::Io,
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
        return Error::make(Error::Kind::Server, QStringLiteral("no task with id %1").arg(taskId));
    return t;
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
        m_err << "trove-cli: cancelled\n";
        m_err.flush();
        return ExitCancelled;
    }
    return fail(error.userMessage());
}

int CommandContext::fail(const QString &message)
{
    m_err << "trove-cli: " << oneLine(message) << '\n';
    m_err.flush();
    return 1;
}

int CommandContext::usage(const QString &message)
{
    m_err << "trove-cli: " << oneLine(message) << '\n'
          << "Try 'trove-cli --help' for usage.\n";
    m_err.flush();
    return 2;
}

void CommandContext::printJson(const nlohmann::json &value)
{
    Cli::printJson(m_out, value);
}

} // namespace Trove::Cli

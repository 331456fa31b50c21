#include "testserver.h"

#include <QDeadlineTimer>
#include <QFileInfo>
#include <QProcessEnvironment>

#include <csignal>

#include <sys/prctl.h>

TestServer::TestServer() = default;

TestServer::~TestServer()
{
    if (isRunning())
        stop(5000);
}

QString TestServer::binary()
{
    return qEnvironmentVariable("TROVE_SERVER_BIN");
}

qint64 TestServer::pid() const
{
    return m_process ? m_process->processId() : 0;
}

bool TestServer::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

bool TestServer::readCredentials()
{
    QProcess p;
    p.start(binary(), {QStringLiteral("--data"), m_dataDir, QStringLiteral("--print-credentials")});
    if (!p.waitForFinished(30000) || p.exitCode() != 0) {
        m_error = QStringLiteral("--print-credentials failed: ")
                  + QString::fromUtf8(p.readAllStandardError());
        return false;
    }
    const auto lines = QString::fromUtf8(p.readAllStandardOutput()).split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (line.startsWith(QLatin1String("CLEARML_API_ACCESS_KEY=")))
            m_accessKey = line.section(QLatin1Char('='), 1).trimmed();
        else if (line.startsWith(QLatin1String("CLEARML_API_SECRET_KEY=")))
            m_secretKey = line.section(QLatin1Char('='), 1).trimmed();
    }
    if (m_accessKey.isEmpty() || m_secretKey.isEmpty()) {
        m_error = QStringLiteral("--print-credentials printed no keys");
        return false;
    }
    return true;
}

bool TestServer::start(const Options &options, int timeoutMs)
{
    m_options = options;
    if (binary().isEmpty() || !QFileInfo(binary()).isExecutable()) {
        m_error = QStringLiteral("TROVE_SERVER_BIN is not set to an executable");
        return false;
    }
    if (!options.dataDir.isEmpty()) {
        m_dataDir = options.dataDir;
    } else if (m_dataDir.isEmpty()) {
        m_tempDir = std::make_unique<QTemporaryDir>();
        if (!m_tempDir->isValid()) {
            m_error = m_tempDir->errorString();
            return false;
        }
        m_dataDir = m_tempDir->path();
    }

    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    // A test that crashes or aborts (sanitizers) takes its server with it instead of leaving
    // it running on the CI machine. (Fires when the forking thread, here the test's, ends.)
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    QStringList args{QStringLiteral("--data"),       m_dataDir,
                     QStringLiteral("--host"),       QStringLiteral("127.0.0.1"),
                     QStringLiteral("--api-port"),   QString::number(options.apiPort),
                     QStringLiteral("--files-port"), QString::number(options.filesPort)};
    if (options.demo)
        args << QStringLiteral("--demo");
    args << options.extraArgs;
    m_process->start(binary(), args);
    if (!m_process->waitForStarted(10000)) {
        m_error = m_process->errorString();
        return false;
    }

    m_apiUrl.clear();
    m_filesUrl.clear();
    QByteArray out;
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired() && (m_apiUrl.isEmpty() || m_filesUrl.isEmpty())) {
        if (m_process->state() == QProcess::NotRunning)
            break;
        m_process->waitForReadyRead(200);
        out += m_process->readAllStandardOutput();
        m_stderr += m_process->readAllStandardError();
        const auto lines = out.split('\n');
        for (const QByteArray &line : lines) {
            if (line.startsWith("api_server="))
                m_apiUrl = QUrl(QString::fromUtf8(line.mid(11).trimmed()));
            else if (line.startsWith("files_server="))
                m_filesUrl = QUrl(QString::fromUtf8(line.mid(13).trimmed()));
        }
    }
    if (m_apiUrl.isEmpty() || m_filesUrl.isEmpty()) {
        m_stderr += m_process->readAllStandardError();
        m_error = QStringLiteral("trove-server did not report its URLs; stderr: ")
                  + QString::fromUtf8(m_stderr);
        kill();
        return false;
    }
    // Keep the actual ports so that restart() comes back on the same URLs.
    m_options.apiPort = m_apiUrl.port();
    m_options.filesPort = m_filesUrl.port();
    m_options.dataDir = m_dataDir;
    return readCredentials();
}

int TestServer::stop(int timeoutMs)
{
    if (!isRunning())
        return m_process ? m_process->exitCode() : 0;
    ::kill(static_cast<pid_t>(m_process->processId()), SIGTERM);
    if (!m_process->waitForFinished(timeoutMs)) {
        kill();
        return -1;
    }
    m_stderr += m_process->readAllStandardError();
    return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
}

void TestServer::kill()
{
    if (!isRunning())
        return;
    ::kill(static_cast<pid_t>(m_process->processId()), SIGKILL);
    m_process->waitForFinished(10000);
}

bool TestServer::restart(int timeoutMs)
{
    if (isRunning())
        stop();
    Options again = m_options;
    again.demo = false;
    return start(again, timeoutMs);
}

QProcessEnvironment TestServer::clearmlEnvironment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CLEARML_API_HOST"), m_apiUrl.toString());
    env.insert(QStringLiteral("CLEARML_FILES_HOST"), m_filesUrl.toString());
    env.insert(QStringLiteral("CLEARML_WEB_HOST"), m_apiUrl.toString());
    env.insert(QStringLiteral("CLEARML_API_ACCESS_KEY"), m_accessKey);
    env.insert(QStringLiteral("CLEARML_API_SECRET_KEY"), m_secretKey);
    return env;
}

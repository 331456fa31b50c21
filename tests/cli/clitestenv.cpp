#include "clitestenv.h"

#include <QCryptographicHash>
#include <QDir>
#include <QEventLoop>
#include <QTimer>
#include <QtTest>

QStringList CliRun::outLines() const
{
    return QString::fromUtf8(out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

QStringList CliRun::errLines() const
{
    return QString::fromUtf8(err).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

QString CliRun::lastLine() const
{
    const QStringList lines = outLines();
    return lines.isEmpty() ? QString() : lines.last();
}

nlohmann::json CliRun::json() const
{
    return nlohmann::json::parse(out.constData(), out.constData() + out.size(), nullptr, false);
}

QByteArray CliRun::describe() const
{
    return "exit " + QByteArray::number(exitCode)
           + (timedOut  ? " (timed out)"
              : crashed ? " (crashed)"
                        : "")
           + "\n--- stdout:\n" + out.left(4000) + "\n--- stderr:\n" + err.left(4000);
}

QString CliTestEnv::cliBinary()
{
    return QStringLiteral(TROVE_CLI_BIN);
}

bool CliTestEnv::start(const QStringList &serverArgs)
{
    if (!home.isValid())
        return false;
    TestServer::Options o;
    o.extraArgs = serverArgs;
    if (!server.start(o)) {
        qWarning() << "trove-server did not start:" << server.errorString();
        return false;
    }
    Trove::ClearmlConfig c;
    c.apiServer = server.apiUrl();
    c.filesServer = server.filesUrl();
    c.webServer = server.apiUrl();
    c.accessKey = server.accessKey();
    c.secretKey = server.secretKey();
    Trove::ApiClientOptions options;
    options.backoffBaseMs = 10;
    options.backoffMaxMs = 50;
    options.useSystemProxy = false;
    client = std::make_unique<Trove::ApiClient>(c, options);
    api = new Trove::ClearmlApi(client.get(), client.get());
    sync = std::make_unique<Trove::SyncApi>(api);
    return true;
}

QProcessEnvironment CliTestEnv::environment() const
{
    QProcessEnvironment env = server.clearmlEnvironment();
    for (const char *name :
         {"CLEARML_CONFIG_FILE", "TRAINS_CONFIG_FILE", "TRAINS_CACHE_DIR", "CLEARML_AUTH_TOKEN",
          "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"})
        env.remove(QLatin1String(name));
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("CLEARML_CACHE_DIR"), cacheDir());
    return env;
}

bool CliTestEnv::startFilesRelay()
{
    relay = std::make_unique<TcpRelay>(server.filesUrl());
    return relay->listen();
}

QProcessEnvironment CliTestEnv::relayEnvironment() const
{
    QProcessEnvironment env = environment();
    if (relay)
        env.insert(QStringLiteral("CLEARML_FILES_HOST"), relay->url().toString());
    return env;
}

CliRun CliTestEnv::run(const QStringList &args, int timeoutMs) const
{
    return run(args, environment(), timeoutMs);
}

CliRun CliTestEnv::run(const QStringList &args, const QProcessEnvironment &env, int timeoutMs) const
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(cliBinary(), args);
    return finish(process, timeoutMs);
}

std::unique_ptr<QProcess> CliTestEnv::startCli(const QStringList &args) const
{
    auto process = std::make_unique<QProcess>();
    process->setProcessEnvironment(environment());
    process->start(cliBinary(), args);
    return process;
}

CliRun CliTestEnv::finish(QProcess &process, int timeoutMs)
{
    CliRun r;
    if (!process.waitForStarted(10000)) {
        r.err = "could not start " + cliBinary().toUtf8();
        return r;
    }
    // Spin the event loop meanwhile: an in-process peer (TcpRelay) must keep serving.
    if (process.state() != QProcess::NotRunning) {
        QEventLoop loop;
        QTimer timeout;
        timeout.setSingleShot(true);
        QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
        QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
        timeout.start(timeoutMs);
        loop.exec();
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(5000);
            r.timedOut = true;
        }
    }
    r.out = process.readAllStandardOutput();
    r.err = process.readAllStandardError();
    r.crashed = r.timedOut || process.exitStatus() != QProcess::NormalExit;
    r.exitCode = process.exitCode();
    return r;
}

QString CliTestEnv::writeFile(const QString &relativePath, const QByteArray &data) const
{
    const QString path = home.filePath(QStringLiteral("work/") + relativePath);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size())
        return QString();
    return path;
}

QByteArray CliTestEnv::sha256Of(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QByteArray();
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&f);
    return hash.result().toHex();
}

QStringList CliTestEnv::cacheEntries() const
{
    return QDir(cacheContextDir())
            .entryList(QDir::Files | QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

nlohmann::json CliTestEnv::call(const char *endpoint, const nlohmann::json &body)
{
    auto r = sync->waitData(client->call(QLatin1String(endpoint), body), 30000);
    if (!r)
        qWarning() << endpoint << r.error().userMessage();
    return r ? r.value() : nlohmann::json();
}

QString CliTestEnv::createProject(const QString &name)
{
    auto id = sync->wait<QString>(api->createProject(name), 30000);
    return id ? id.value() : QString();
}

QString CliTestEnv::createTask(const QString &name, const QString &projectId)
{
    auto id = sync->wait<QString>(api->createTask(name, projectId), 30000);
    if (!id)
        qWarning() << "createTask" << id.error().userMessage();
    return id ? id.value() : QString();
}

bool CliTestEnv::setStatus(const QString &taskId, const QString &action)
{
    return sync->wait<nlohmann::json>(api->setTaskStatus(taskId, action, true), 30000).ok();
}

Trove::Task CliTestEnv::task(const QString &taskId)
{
    auto t = sync->task(taskId);
    return t ? t.value() : Trove::Task{};
}

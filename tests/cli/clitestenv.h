#pragma once

// Shared setup of the trove-cli tests: the real trove-server, an API session to create
// fixtures, and a runner for the real trove-cli binary with HOME, XDG_CONFIG_HOME and
// CLEARML_CACHE_DIR pointing into a temporary folder. Test code: blocking waits are fine.
#include "api/apiclient.h"
#include "api/clearmlapi.h"
#include "api/syncapi.h"
#include "tcprelay.h"
#include "testserver.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>

#include <nlohmann/json.hpp>

#include <memory>

struct CliRun
{
    int exitCode = -1;
    bool crashed = false;  ///< killed by a signal, or timed out
    bool timedOut = false; ///< did not finish in time (then killed)
    QByteArray out;
    QByteArray err;

    QStringList outLines() const;
    QStringList errLines() const;
    /// The last non-empty line of stdout.
    QString lastLine() const;
    /// stdout parsed as JSON (a discarded value when it does not parse).
    nlohmann::json json() const;
    /// A description for failure messages.
    QByteArray describe() const;
};

class CliTestEnv
{
public:
    TestServer server;
    QTemporaryDir home;
    std::unique_ptr<Trove::ApiClient> client;
    Trove::ClearmlApi *api = nullptr;
    std::unique_ptr<Trove::SyncApi> sync;

    bool start(const QStringList &serverArgs = {QStringLiteral("--test-hooks")});

    /// The environment trove-cli runs with: the server's CLEARML_* variables, HOME and
    /// XDG_CONFIG_HOME in the temp folder, CLEARML_CACHE_DIR = cacheDir().
    QProcessEnvironment environment() const;
    QString cacheDir() const { return home.filePath(QStringLiteral("cache")); }
    QString cacheContextDir() const
    {
        return cacheDir() + QStringLiteral("/storage_manager/global");
    }

    /// A byte-counting relay in front of the files server (startFilesRelay()), and the
    /// environment that sends trove-cli's files-server traffic through it.
    std::unique_ptr<TcpRelay> relay;
    bool startFilesRelay();
    QProcessEnvironment relayEnvironment() const;

    CliRun run(const QStringList &args, int timeoutMs = 60000) const;
    CliRun
    run(const QStringList &args, const QProcessEnvironment &env, int timeoutMs = 60000) const;
    /// Starts trove-cli without waiting (for interrupt tests).
    std::unique_ptr<QProcess> startCli(const QStringList &args) const;
    /// Waits for the process, spinning the event loop (in-process peers keep serving).
    static CliRun finish(QProcess &process, int timeoutMs);

    /// Writes `data` to <home>/work/<relativePath> (folders created); returns the path.
    QString writeFile(const QString &relativePath, const QByteArray &data) const;
    static QByteArray sha256Of(const QString &path);
    /// The names in the cache's context folder (files and folders, lock files included).
    QStringList cacheEntries() const;

    nlohmann::json call(const char *endpoint, const nlohmann::json &body);
    QString createProject(const QString &name);
    QString createTask(const QString &name, const QString &projectId);
    bool setStatus(const QString &taskId, const QString &action);
    Trove::Task task(const QString &taskId);

    static QString cliBinary();
};

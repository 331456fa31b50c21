#pragma once

#include "api/syncapi.h"
#include "common/result.h"
#include "session/configsource.h"

#include <QCommandLineParser>
#include <QStringList>
#include <QTextStream>

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>

namespace Trove {
class Session;
class TransferJob;
} // namespace Trove

namespace Trove::Cli {

/// What a command runs with: its parsed arguments, stdout/stderr, and the connection, built
/// on first use (commands that only need the configuration, like `cache`, never log in).
/// Blocking by design: trove-cli is sequential code on its own thread (SyncApi).
class CommandContext final
{
public:
    CommandContext(QString command,
                   const QCommandLineParser &parser,
                   ConfigSource source,
                   QTextStream &out,
                   QTextStream &err);
    ~CommandContext();
    CommandContext(const CommandContext &) = delete;
    CommandContext &operator=(const CommandContext &) = delete;

    const QCommandLineParser &parser() const { return m_parser; }
    QStringList positional() const { return m_parser.positionalArguments(); }
    bool isSet(const QString &option) const { return m_parser.isSet(option); }
    QString value(const QString &option) const { return m_parser.value(option); }
    bool json() const { return m_parser.isSet(QStringLiteral("json")); }

    QTextStream &out() { return m_out; }
    /// One informational line on stderr ("registered …", "cached"), written at once, after
    /// what stdout holds so far, so that a terminal shows both streams in order.
    void note(const QString &line);
    /// Whether stderr is a terminal (progress bar) or not (sparse progress lines).
    bool stderrIsTerminal() const;

    /// The resolved configuration (no network).
    Result<ClearmlConfig> config();
    /// The session with the server: fails when no credentials are configured.
    Result<Session *> session();
    /// Blocking API calls on the session (call session() first).
    SyncApi &sync();

    // ---- lookups shared by several commands ----
    Result<Task> task(const QString &taskId);
    /// The artifact named `key` of `task` (an output artifact wins over an input one of the
    /// same key); the error lists the task's artifact names.
    static Result<Artifact> artifact(const Task &task, const QString &key);
    /// The full project path ("Trove Demo/Vision") of a project id; empty id → "".
    Result<QString> projectName(const QString &projectId);

    /// Runs a transfer to its end with progress on stderr; Ctrl+C (SIGINT/SIGTERM) cancels
    /// it cleanly (the job removes its partial file) and yields a Cancelled error.
    Status runTransfer(TransferJob *job, const QString &label);

    /// An error whose message is the whole line (fail() prints it without a "Kind (where):"
    /// prefix): "no task with id …", "ClearML is not configured …".
    static Error plainError(Error::Kind kind, const QString &message);

    // ---- exit codes ----
    /// Prints "trove-cli: <message>" (one line) and returns 1 (130 for a cancel).
    int fail(const Error &error);
    int fail(const QString &message);
    /// Prints "trove-cli: <message>" and a hint ("Try 'trove-cli get --help'"), returns 2.
    int usage(const QString &message);

    void printJson(const nlohmann::json &value);

    static constexpr int ExitCancelled = 130;

private:
    QString m_command;
    const QCommandLineParser &m_parser;
    ConfigSource m_source;
    QTextStream &m_out;
    QTextStream &m_err;
    std::optional<Result<ClearmlConfig>> m_config;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<SyncApi> m_sync;
};

} // namespace Trove::Cli

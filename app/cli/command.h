#pragma once

#include <QString>

#include <vector>

class QCommandLineParser;

namespace Trove::Cli {

class CommandContext;

/// One trove-cli command. `setup` declares its options and positional arguments on a fresh
/// parser (the shared --json/--config/--server options are already there); `run` does the
/// work and returns the exit code (use CommandContext::fail()/usage() for 1 and 2).
struct Command
{
    QString name;
    QString synopsis;     ///< "get TASK_ID ARTIFACT"
    QString summary;      ///< one line for `trove-cli --help`
    bool listing = false; ///< takes --json
    void (*setup)(QCommandLineParser &parser) = nullptr;
    int (*run)(CommandContext &context) = nullptr;
};

/// The command table, in help order. Adding a command is one line in commandtable.cpp.
const std::vector<Command> &commandTable();
const Command *findCommand(const QString &name);

} // namespace Trove::Cli

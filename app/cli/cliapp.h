#pragma once

#include <QStringList>

namespace Trove::Cli {

/// trove-cli's entry point: parses `[--config FILE] [--server NAME] COMMAND [ARGS]`, looks the
/// command up in the command table, runs it and returns the exit code: 0 success, 1 error
/// (one "trove-cli: …" line on stderr), 2 usage error, 130 interrupted by Ctrl+C.
int run(const QStringList &arguments);

} // namespace Trove::Cli

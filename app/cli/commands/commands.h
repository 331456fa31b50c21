#pragma once

#include "command.h"

/// One factory per command file in app/cli/commands/. Each returns its table entry.
namespace Trove::Cli {

Command projectsCommand();
Command tasksCommand();
Command artifactsCommand();
Command modelsCommand();
Command getCommand();
Command getModelCommand();
Command putCommand();
Command putModelCommand();
Command lineageCommand();
Command cacheCommand();
Command inspectCommand();

} // namespace Trove::Cli

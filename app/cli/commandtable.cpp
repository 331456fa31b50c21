#include "command.h"

#include "commands/commands.h"

namespace Trove::Cli {

const std::vector<Command> &commandTable()
{
    static const std::vector<Command> table = {
            projectsCommand(), tasksCommand(),    artifactsCommand(), modelsCommand(),
            getCommand(),      getModelCommand(), putCommand(),       putModelCommand(),
            lineageCommand(),  inspectCommand(),  cacheCommand(),
    };
    return table;
}

const Command *findCommand(const QString &name)
{
    for (const Command &c : commandTable())
        if (c.name == name)
            return &c;
    return nullptr;
}

} // namespace Trove::Cli

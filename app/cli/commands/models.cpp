// trove-cli models TASK_ID: the input and output models of one task.
#include "commands.h"

#include "commandcontext.h"
#include "output.h"
#include "session/session.h"

#include <QCommandLineParser>

namespace Trove::Cli {
namespace {

/// The task's entry name for a model (task.models.input/output[].name), if any.
QString entryName(const QList<TaskModelRef> &refs, const QString &modelId)
{
    for (const TaskModelRef &r : refs)
        if (r.model.id == modelId)
            return r.name;
    return QString();
}

nlohmann::json toJson(const Model &m, const QString &entry)
{
    return nlohmann::json{{"id", js(m.id)},
                          {"name", js(m.name)},
                          {"entry", jsOrNull(entry)},
                          {"framework", jsOrNull(m.framework)},
                          {"uri", jsOrNull(m.uri)},
                          {"ready", m.ready},
                          {"task", jsOrNull(m.task.id)},
                          {"created", jsonTime(m.created)}};
}

void setup(QCommandLineParser &parser)
{
    parser.addPositionalArgument(QStringLiteral("TASK_ID"), QStringLiteral("task id"));
}

int run(CommandContext &ctx)
{
    const QStringList args = ctx.positional();
    if (args.size() != 1)
        return ctx.usage(QStringLiteral("models takes one TASK_ID"));
    auto task = ctx.task(args.first()); // a clear "no task" error before the composed call
    if (!task)
        return ctx.fail(task.error());
    auto session = ctx.session();
    auto models = ctx.sync().wait<TaskModels>(session.value()->api()->getTaskModels(task->id));
    if (!models)
        return ctx.fail(models.error());

    if (ctx.json()) {
        nlohmann::json input = nlohmann::json::array(), output = nlohmann::json::array();
        for (const Model &m : std::as_const(models->input))
            input.push_back(toJson(m, entryName(models->inputRefs, m.id)));
        for (const Model &m : std::as_const(models->output))
            output.push_back(toJson(m, entryName(models->outputRefs, m.id)));
        ctx.printJson(nlohmann::json{{"task", js(task->id)}, {"input", input}, {"output", output}});
        return 0;
    }
    TextTable table({QStringLiteral("DIRECTION"), QStringLiteral("NAME"), QStringLiteral("ID"),
                     QStringLiteral("FRAMEWORK"), QStringLiteral("READY"), QStringLiteral("URI")});
    auto add = [&table](const QString &direction, const QList<Model> &list) {
        for (const Model &m : list)
            table.addRow({direction, m.name, m.id,
                          m.framework.isEmpty() ? QStringLiteral("-") : m.framework,
                          m.ready ? QStringLiteral("yes") : QStringLiteral("no"),
                          m.uri.isEmpty() ? QStringLiteral("-") : m.uri});
    };
    add(QStringLiteral("input"), models->input);
    add(QStringLiteral("output"), models->output);
    table.print(ctx.out());
    return 0;
}

} // namespace

Command modelsCommand()
{
    return Command{QStringLiteral("models"),
                   QStringLiteral("models TASK_ID"),
                   QStringLiteral("the input and output models of a task"),
                   true,
                   setup,
                   run};
}

} // namespace Trove::Cli

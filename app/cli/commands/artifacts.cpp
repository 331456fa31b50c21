// trove-cli artifacts TASK_ID: the artifacts of one task.
#include "commands.h"

#include "commandcontext.h"
#include "output.h"

#include <QCommandLineParser>
#include <QDateTime>

namespace Trove::Cli {
namespace {

nlohmann::json toJson(const Artifact &a)
{
    nlohmann::json display = nlohmann::json::object();
    for (const auto &pair : a.displayData)
        display[pair.first.toStdString()] = pair.second.toStdString();
    return nlohmann::json{
            {"key", js(a.key)},
            {"type", js(a.type)},
            {"mode", js(a.mode)},
            {"size", a.contentSize >= 0 ? nlohmann::json(a.contentSize) : nlohmann::json()},
            {"hash", jsOrNull(a.hash)},
            {"uri", js(a.uri)},
            {"timestamp", a.timestamp},
            {"time", a.timestamp > 0 ? jsonTime(QDateTime::fromSecsSinceEpoch(a.timestamp))
                                     : nlohmann::json()},
            {"content_type", jsOrNull(a.contentType)},
            {"preview", js(a.preview)},
            {"metadata", display}};
}

void setup(QCommandLineParser &parser)
{
    parser.addPositionalArgument(QStringLiteral("TASK_ID"), QStringLiteral("task id"));
}

int run(CommandContext &ctx)
{
    const QStringList args = ctx.positional();
    if (args.size() != 1)
        return ctx.usage(QStringLiteral("artifacts takes one TASK_ID"));
    auto task = ctx.task(args.first());
    if (!task)
        return ctx.fail(task.error());
    if (ctx.json()) {
        nlohmann::json list = nlohmann::json::array();
        for (const Artifact &a : std::as_const(task->artifacts))
            list.push_back(toJson(a));
        ctx.printJson(list);
        return 0;
    }
    TextTable table({QStringLiteral("KEY"), QStringLiteral("TYPE"), QStringLiteral("MODE"),
                     QStringLiteral("SIZE"), QStringLiteral("HASH"), QStringLiteral("TIMESTAMP"),
                     QStringLiteral("URI")});
    for (const Artifact &a : std::as_const(task->artifacts)) {
        table.addRow({a.key, a.type, a.mode, humanSize(a.contentSize),
                      a.hash.isEmpty() ? QStringLiteral("-") : a.hash.left(12),
                      a.timestamp > 0 ? textTime(QDateTime::fromSecsSinceEpoch(a.timestamp))
                                      : QStringLiteral("-"),
                      a.uri});
    }
    table.print(ctx.out());
    return 0;
}

} // namespace

Command artifactsCommand()
{
    return Command{QStringLiteral("artifacts"),
                   QStringLiteral("artifacts TASK_ID"),
                   QStringLiteral("the artifacts of a task"),
                   true,
                   setup,
                   run};
}

} // namespace Trove::Cli

// trove-cli lineage (TASK_ID|MODEL_ID): where a model came from and where it went.
#include "commands.h"

#include "commandcontext.h"
#include "lineage/lineagebuilder.h"
#include "output.h"
#include "session/session.h"

#include <QCommandLineParser>

namespace Trove::Cli {
namespace {

void setup(QCommandLineParser &parser)
{
    parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("a task id or a model id"));
    parser.addOption(QCommandLineOption(QStringLiteral("depth"),
                                        QStringLiteral("hops from the root (default 3)"),
                                        QStringLiteral("N"), QStringLiteral("3")));
    parser.addOption(QCommandLineOption(QStringLiteral("format"),
                                        QStringLiteral("text (default), json or dot"),
                                        QStringLiteral("FORMAT"), QStringLiteral("text")));
}

int run(CommandContext &ctx)
{
    const QStringList args = ctx.positional();
    if (args.size() != 1)
        return ctx.usage(QStringLiteral("lineage takes one TASK_ID or MODEL_ID"));
    bool depthOk = false;
    const int depth = ctx.value(QStringLiteral("depth")).toInt(&depthOk);
    if (!depthOk || depth < 0 || depth > 100)
        return ctx.usage(QStringLiteral("--depth takes a number from 0 to 100"));
    QString format = ctx.value(QStringLiteral("format")).toLower();
    if (ctx.json())
        format = QStringLiteral("json");
    if (format != QLatin1String("text") && format != QLatin1String("json")
        && format != QLatin1String("dot"))
        return ctx.usage(QStringLiteral("--format is text, json or dot"));

    auto session = ctx.session();
    if (!session)
        return ctx.fail(session.error());
    ClearmlApi *api = session.value()->api();
    // The id names a task or a model: ask for the task first.
    LineageNode::Kind kind = LineageNode::Kind::Task;
    auto task = ctx.sync().task(args[0]);
    if (!task) {
        if (task.error().kind != Error::Kind::Server)
            return ctx.fail(task.error());
        auto model = ctx.sync().model(args[0]);
        if (!model) {
            if (model.error().kind != Error::Kind::Server)
                return ctx.fail(model.error());
            return ctx.fail(QStringLiteral("no task or model with id %1").arg(args[0]));
        }
        kind = LineageNode::Kind::Model;
    }
    auto graph = LineageBuilder::buildBlocking(api, kind, args[0], depth);
    if (!graph)
        return ctx.fail(graph.error());
    if (format == QLatin1String("json"))
        ctx.printJson(graph->toJson());
    else if (format == QLatin1String("dot"))
        ctx.out() << graph->toDot();
    else
        ctx.out() << graph->toText();
    if (format != QLatin1String("json")) {
        // Both exports end with a newline; make sure the stream does too.
        ctx.out().flush();
    }
    return 0;
}

} // namespace

Command lineageCommand()
{
    return Command{QStringLiteral("lineage"),
                   QStringLiteral("lineage ID [--depth N] [--format text|json|dot]"),
                   QStringLiteral("where a model came from and went to"),
                   true,
                   setup,
                   run};
}

} // namespace Trove::Cli

// trove-cli get TASK_ID ARTIFACT, get-model MODEL_ID: download into the cache shared with the
// SDK and print the local path as the last line of stdout.
#include "commands.h"

#include "commandcontext.h"
#include "output.h"
#include "session/session.h"
#include "transfers/transfermanager.h"

#include <QCommandLineParser>
#include <QDir>

namespace Trove::Cli {
namespace {

int download(CommandContext &ctx, DownloadRequest request, const QString &label)
{
    Session *session = ctx.session().value();
    DownloadJob *job = session->transfers()->download(std::move(request));
    const Status status = ctx.runTransfer(job, label);
    if (!status)
        return ctx.fail(status.error());
    const QString path = QDir::toNativeSeparators(QFileInfo(job->resultPath()).absoluteFilePath());
    if (ctx.json()) {
        ctx.printJson(nlohmann::json{{"path", js(path)},
                                     {"file", js(QDir::toNativeSeparators(job->filePath()))},
                                     {"from_cache", job->servedFromCache()},
                                     {"sha256", jsOrNull(job->sha256())}});
    } else {
        if (job->servedFromCache())
            ctx.note(label + QStringLiteral(": cached"));
        ctx.out() << path << '\n';
    }
    return 0;
}

void setupGet(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QStringLiteral(
            "Downloads an artifact into the cache shared with the ClearML SDK (an archive\n"
            "artifact is extracted as the SDK does) and prints the local path as the last line\n"
            "of stdout. A cached copy is used without a download. Progress goes to stderr."));
    parser.addPositionalArgument(QStringLiteral("TASK_ID"), QStringLiteral("task id"));
    parser.addPositionalArgument(QStringLiteral("ARTIFACT"), QStringLiteral("artifact name"));
}

int runGet(CommandContext &ctx)
{
    const QStringList args = ctx.positional();
    if (args.size() != 2)
        return ctx.usage(QStringLiteral("get takes TASK_ID and ARTIFACT"));
    auto task = ctx.task(args[0]);
    if (!task)
        return ctx.fail(task.error());
    auto artifact = CommandContext::artifact(task.value(), args[1]);
    if (!artifact)
        return ctx.fail(artifact.error());
    if (artifact->uri.isEmpty())
        return ctx.fail(QStringLiteral("artifact \"%1\" has no uri").arg(artifact->key));
    return download(ctx, ctx.session().value()->artifactDownload(*artifact), artifact->key);
}

void setupGetModel(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QStringLiteral(
            "Downloads a model's weights into the cache shared with the ClearML SDK and prints\n"
            "the local path as the last line of stdout. Progress goes to stderr."));
    parser.addPositionalArgument(QStringLiteral("MODEL_ID"), QStringLiteral("model id"));
}

int runGetModel(CommandContext &ctx)
{
    const QStringList args = ctx.positional();
    if (args.size() != 1)
        return ctx.usage(QStringLiteral("get-model takes one MODEL_ID"));
    auto session = ctx.session();
    if (!session)
        return ctx.fail(session.error());
    auto model = ctx.sync().model(args[0]);
    if (!model) {
        if (model.error().kind == Error::Kind::Server)
            return ctx.fail(QStringLiteral("no model with id %1").arg(args[0]));
        return ctx.fail(model.error());
    }
    if (model->uri.isEmpty())
        return ctx.fail(QStringLiteral("model %1 has no uri").arg(model->id));
    return download(ctx, session.value()->modelDownload(model.value()),
                    model->name.isEmpty() ? model->id : model->name);
}

} // namespace

Command getCommand()
{
    return Command{QStringLiteral("get"),
                   QStringLiteral("get TASK_ID ARTIFACT"),
                   QStringLiteral("download an artifact into the SDK cache"),
                   true,
                   setupGet,
                   runGet};
}

Command getModelCommand()
{
    return Command{QStringLiteral("get-model"),
                   QStringLiteral("get-model MODEL_ID"),
                   QStringLiteral("download model weights into the SDK cache"),
                   true,
                   setupGetModel,
                   runGetModel};
}

} // namespace Trove::Cli

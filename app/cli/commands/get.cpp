// trove-cli get TASK_ID ARTIFACT, get-model MODEL_ID: download into the cache shared with the
// SDK and print the local path as the last line of stdout.
#include "commands.h"

#include "commandcontext.h"
#include "output.h"
#include "session/session.h"
#include "transfers/artifactpublisher.h"
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
            ctx.err() << label << ": cached\n";
        ctx.out() << path << '\n';
    }
    return 0;
}

void setupGet(QCommandLineParser &parser)
{
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
    const Artifact *artifact = ArtifactPublisher::findArtifact(task.value(), args[1]);
    if (!artifact) {
        QStringList keys;
        for (const Artifact &a : std::as_const(task->artifacts))
            keys << a.key;
        return ctx.fail(QStringLiteral("task %1 has no artifact \"%2\" (%3)")
                                .arg(task->id, args[1],
                                     keys.isEmpty()
                                             ? QStringLiteral("it has none")
                                             : QStringLiteral("artifacts: ") + keys.join(u", ")));
    }
    if (artifact->uri.isEmpty())
        return ctx.fail(QStringLiteral("artifact \"%1\" has no uri").arg(artifact->key));
    return download(ctx, ctx.session().value()->artifactDownload(*artifact), artifact->key);
}

void setupGetModel(QCommandLineParser &parser)
{
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
                   QStringLiteral("download an artifact into the SDK cache; prints its path"),
                   true,
                   setupGet,
                   runGet};
}

Command getModelCommand()
{
    return Command{QStringLiteral("get-model"),
                   QStringLiteral("get-model MODEL_ID"),
                   QStringLiteral("download a model's weights into the SDK cache; prints the path"),
                   true,
                   setupGetModel,
                   runGetModel};
}

} // namespace Trove::Cli

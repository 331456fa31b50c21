// trove-cli put TASK_ID PATH, put-model TASK_ID FILE: upload with the SDK's key layout and
// register the result on the task so that the SDK finds it.
#include "commands.h"

#include "commandcontext.h"
#include "output.h"
#include "session/session.h"
#include "transfers/droppedpath.h"
#include "transfers/transfermanager.h"

#include <QCommandLineParser>
#include <QFileInfo>

namespace Trove::Cli {
namespace {

QCommandLineOption nameOption(const QString &description)
{
    return QCommandLineOption(QStringLiteral("name"), description, QStringLiteral("NAME"));
}

/// Uploads `request`; returns the finished job's spec.
Result<ArtifactSpec> upload(CommandContext &ctx, UploadRequest request, const QString &label)
{
    UploadJob *job = ctx.session().value()->transfers()->upload(std::move(request));
    const Status status = ctx.runTransfer(job, label);
    if (!status)
        return status.error();
    return job->spec();
}

void setupPut(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QStringLiteral(
            "Uploads a file, or a folder as a zip, with the SDK's storage layout, registers it\n"
            "as an output artifact of the task (its other artifacts are kept) and prints the\n"
            "artifact's uri."));
    parser.addPositionalArgument(QStringLiteral("TASK_ID"), QStringLiteral("task id"));
    parser.addPositionalArgument(QStringLiteral("PATH"),
                                 QStringLiteral("a file, or a folder (uploaded as a zip)"));
    parser.addOption(nameOption(QStringLiteral(
            "artifact name (default: the file name without its last suffix, or the folder "
            "name)")));
}

int runPut(CommandContext &ctx)
{
    const QStringList args = ctx.positional();
    if (args.size() != 2)
        return ctx.usage(QStringLiteral("put takes TASK_ID and PATH"));
    const QFileInfo info(args[1]);
    if (!info.exists())
        return ctx.fail(QStringLiteral("no such file or folder: %1").arg(args[1]));
    if (!info.isFile() && !info.isDir())
        return ctx.fail(QStringLiteral("not a regular file or folder: %1").arg(args[1]));
    QString name = ctx.value(QStringLiteral("name"));
    if (ctx.isSet(QStringLiteral("name")) && name.trimmed().isEmpty())
        return ctx.usage(QStringLiteral("--name must not be empty"));
    if (name.isEmpty())
        name = DroppedPath::defaultArtifactName(info.absoluteFilePath(), info.isDir());

    auto task = ctx.task(args[0]);
    if (!task)
        return ctx.fail(task.error());
    auto projectName = ctx.projectName(task->project.id);
    if (!projectName)
        return ctx.fail(projectName.error());
    Session *session = ctx.session().value();
    auto spec = upload(ctx,
                       session->artifactUpload(task.value(), projectName.value(),
                                               info.absoluteFilePath(), name),
                       name);
    if (!spec)
        return ctx.fail(spec.error());
    const Artifact artifact = Session::artifactFromSpec(spec.value());
    auto registered = ctx.sync().registerArtifact(task->id, artifact);
    if (!registered)
        return ctx.fail(registered.error());

    if (ctx.json()) {
        ctx.printJson(nlohmann::json{{"task", js(task->id)},
                                     {"key", js(artifact.key)},
                                     {"type", js(artifact.type)},
                                     {"uri", js(artifact.uri)},
                                     {"size", artifact.contentSize},
                                     {"hash", js(artifact.hash)},
                                     {"content_type", jsOrNull(artifact.contentType)}});
    } else {
        ctx.note(QStringLiteral("registered artifact \"%1\" (%2, %3) on task %4")
                         .arg(artifact.key, artifact.type, humanSize(artifact.contentSize),
                              task->id));
        ctx.out() << artifact.uri << '\n';
    }
    return 0;
}

void setupPutModel(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QStringLiteral(
            "Uploads a weights file and registers it as an output model of the task; prints\n"
            "the new model's id."));
    parser.addPositionalArgument(QStringLiteral("TASK_ID"), QStringLiteral("task id"));
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("the weights file"));
    parser.addOption(nameOption(QStringLiteral("model name (default: the task name)")));
    parser.addOption(QCommandLineOption(QStringLiteral("framework"),
                                        QStringLiteral("framework (PyTorch, TensorFlow, …)"),
                                        QStringLiteral("NAME")));
}

int runPutModel(CommandContext &ctx)
{
    const QStringList args = ctx.positional();
    if (args.size() != 2)
        return ctx.usage(QStringLiteral("put-model takes TASK_ID and FILE"));
    const QFileInfo info(args[1]);
    if (!info.isFile())
        return ctx.fail(QStringLiteral("no such file: %1").arg(args[1]));
    if (ctx.isSet(QStringLiteral("name")) && ctx.value(QStringLiteral("name")).trimmed().isEmpty())
        return ctx.usage(QStringLiteral("--name must not be empty"));

    auto task = ctx.task(args[0]);
    if (!task)
        return ctx.fail(task.error());
    auto projectName = ctx.projectName(task->project.id);
    if (!projectName)
        return ctx.fail(projectName.error());
    const QString name
            = ctx.isSet(QStringLiteral("name")) ? ctx.value(QStringLiteral("name")) : task->name;
    Session *session = ctx.session().value();
    auto spec = upload(
            ctx, session->modelUpload(task.value(), projectName.value(), info.absoluteFilePath()),
            info.fileName());
    if (!spec)
        return ctx.fail(spec.error());
    auto modelId = ctx.sync().registerOutputModel(task->id, name, spec->uri,
                                                  ctx.value(QStringLiteral("framework")));
    if (!modelId)
        return ctx.fail(modelId.error());

    if (ctx.json()) {
        ctx.printJson(nlohmann::json{{"id", js(modelId.value())},
                                     {"name", js(name)},
                                     {"task", js(task->id)},
                                     {"uri", js(spec->uri)},
                                     {"size", spec->contentSize},
                                     {"hash", js(spec->hash)}});
    } else {
        ctx.note(QStringLiteral("registered output model \"%1\" (%2) on task %3")
                         .arg(name, spec->uri, task->id));
        ctx.out() << modelId.value() << '\n';
    }
    return 0;
}

} // namespace

Command putCommand()
{
    return Command{QStringLiteral("put"),
                   QStringLiteral("put TASK_ID PATH [--name NAME]"),
                   QStringLiteral("upload a file or folder as an artifact"),
                   true,
                   setupPut,
                   runPut};
}

Command putModelCommand()
{
    return Command{QStringLiteral("put-model"),
                   QStringLiteral("put-model TASK_ID FILE [--name NAME] [--framework NAME]"),
                   QStringLiteral("upload weights as an output model"),
                   true,
                   setupPutModel,
                   runPutModel};
}

} // namespace Trove::Cli

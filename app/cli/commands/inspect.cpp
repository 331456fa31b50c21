// trove-cli inspect (PATH|URI|TASK_ID ARTIFACT): what the preview would show, from a local
// file, a remote object read by Range (never downloaded whole), or a task's artifact (the
// cached copy when the shared cache has it).
#include "commands.h"

#include "commandcontext.h"
#include "interruptguard.h"
#include "output.h"
#include "preview/inspect.h"
#include "session/session.h"
#include "storage/remotebytesource.h"

#include <QCommandLineParser>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QRegularExpression>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <unistd.h>

namespace Trove::Cli {
namespace {

/// Where the bytes are: a local file, or a remote URI with the access to read it.
struct Target
{
    QString localPath;    ///< set: read this file
    QString uri;          ///< the remote object (or the artifact's uri when cached)
    StorageAccess access; ///< for `uri`
    PreviewHints hints;
    bool fromCache = false;
};

/// Runs on a worker thread: opens the bytes (a remote source makes its first request here)
/// and inspects them. The remote source runs its own event loop in this thread.
Result<nlohmann::json> inspectTarget(const Target &target, const PreviewOptions &options)
{
    Error error;
    std::unique_ptr<ByteSource> source
            = target.localPath.isEmpty()
                      ? openRemoteSource(target.uri, target.access, options.cancel, &error)
                      : openFileSource(target.localPath, &error);
    if (!source)
        return error;
    return inspect(*source, target.hints, options);
}

/// The last path segment of a URI, percent-decoded ("my%20data.csv" → "my data.csv").
QString uriFileName(const QString &uri)
{
    const QUrl url = StorageAccess::parse(uri);
    return url.fileName(QUrl::FullyDecoded);
}

/// Storage access for a URI: the session's (token for the files server, clearml.conf S3
/// keys), logging in first when the URI is on the files server; without credentials, plain
/// access (public http(s), S3 keys from the configuration and environment).
Result<StorageAccess> accessFor(CommandContext &ctx, const QUrl &url)
{
    auto config = ctx.config();
    if (!config)
        return config.error();
    if (!config->hasCredentials()) {
        S3Config s3 = config->s3;
        s3.applyEnvironment();
        return StorageAccess(config->filesServer, TokenProvider(), std::move(s3));
    }
    auto session = ctx.session();
    if (!session)
        return session.error();
    StorageAccess access = session.value()->storageAccess();
    if (access.classify(url) == StorageAccess::Kind::FilesServer) {
        auto login = ctx.sync().waitData(session.value()->client()->login());
        if (!login)
            return login.error();
    }
    return access;
}

/// PATH or URI.
Result<Target> resolveLocation(CommandContext &ctx, const QString &location)
{
    Target target;
    const QFileInfo info(location);
    if (info.exists()) {
        if (!info.isFile())
            return CommandContext::plainError(
                    Error::Kind::Io, QStringLiteral("not a regular file: %1").arg(location));
        target.localPath = info.absoluteFilePath();
        target.hints.fileName = info.fileName();
        return target;
    }
    if (!location.contains(QLatin1String("://"))) {
        static const QRegularExpression id(QStringLiteral("^[0-9a-f]{32}$"));
        return CommandContext::plainError(
                Error::Kind::Io,
                QStringLiteral("no such file: %1%2")
                        .arg(location, id.match(location).hasMatch() ? QStringLiteral(
                                               " (an artifact is TASK_ID ARTIFACT)")
                                                                     : QString()));
    }
    const QUrl url = StorageAccess::parse(location);
    target.hints.fileName = uriFileName(location);
    switch (StorageAccess().classify(url)) {
    case StorageAccess::Kind::Local:
        target.localPath = StorageAccess::localPath(url);
        if (!QFileInfo(target.localPath).isFile())
            return CommandContext::plainError(
                    Error::Kind::Io, QStringLiteral("no such file: %1").arg(target.localPath));
        return target;
    case StorageAccess::Kind::Invalid:
    case StorageAccess::Kind::Unsupported:
        return StorageAccess().unsupportedError(url);
    default:
        break;
    }
    auto access = accessFor(ctx, url);
    if (!access)
        return access.error();
    target.uri = location;
    target.access = access.value();
    return target;
}

/// TASK_ID ARTIFACT: the artifact's uri with its type hints, or its cached copy.
Result<Target> resolveArtifact(CommandContext &ctx, const QString &taskId, const QString &key)
{
    auto task = ctx.task(taskId);
    if (!task)
        return task.error();
    auto artifact = CommandContext::artifact(task.value(), key);
    if (!artifact)
        return artifact.error();
    if (artifact->uri.isEmpty())
        return CommandContext::plainError(Error::Kind::Io,
                                          QStringLiteral("artifact \"%1\" has no uri").arg(key));

    Session *session = ctx.session().value();
    Target target;
    const QString cached = session->cache().lookup(artifact->uri);
    if (!cached.isEmpty() && QFileInfo(cached).isFile()) {
        target.localPath = cached;
        target.fromCache = true;
    } else {
        auto location = resolveLocation(ctx, artifact->uri);
        if (!location)
            return location.error();
        target = std::move(location.value());
    }
    target.uri = artifact->uri;
    target.hints.fileName = uriFileName(artifact->uri);
    target.hints.artifactType = artifact->type;
    target.hints.contentType = artifact->contentType;
    target.hints.storedPreview = artifact->preview;
    return target;
}

void setup(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QStringLiteral(
            "Describes a file the way Trove's preview would: its kind, plus the shape and dtype\n"
            "of arrays, the columns and types of tables, the members of archives, the pickle\n"
            "tree with its imports and warnings, or the tensors of a model. Remote objects are\n"
            "read by HTTP Range requests, never downloaded whole; an artifact's cached copy is\n"
            "used when the shared cache has it.\n"
            "\n"
            "A broken file exits with 1 and one error line. A hostile one (path traversal or\n"
            "overlapping archive members, a decompression bomb, dangerous pickle imports,\n"
            "truncated array data) is described, then exits with 1 and one line naming the\n"
            "problems."));
    parser.addPositionalArgument(
            QStringLiteral("TARGET"),
            QStringLiteral("a local file, a URI (files server, http(s), s3://, file://), or "
                           "TASK_ID ARTIFACT"),
            QStringLiteral("(PATH|URI|TASK_ID ARTIFACT)"));
    parser.addOption(QCommandLineOption(QStringLiteral("rows"),
                                        QStringLiteral("rows of tables and values shown "
                                                       "(default 20)"),
                                        QStringLiteral("N"), QStringLiteral("20")));
}

int run(CommandContext &ctx)
{
    const QStringList args = ctx.positional();
    if (args.isEmpty() || args.size() > 2)
        return ctx.usage(QStringLiteral("inspect takes a PATH, a URI, or TASK_ID ARTIFACT"));
    bool rowsOk = false;
    const int rows = ctx.value(QStringLiteral("rows")).toInt(&rowsOk);
    if (!rowsOk || rows < 1 || rows > 10000)
        return ctx.usage(QStringLiteral("--rows takes a number from 1 to 10000"));

    auto target = args.size() == 2 ? resolveArtifact(ctx, args[0], args[1])
                                   : resolveLocation(ctx, args[0]);
    if (!target)
        return ctx.fail(target.error());

    std::atomic_bool cancel{false};
    PreviewOptions options;
    options.cancel = &cancel;
    options.maxRows = rows;
    // A terminal tool answers in bounded time: archive listings and gzip streams stop at
    // 1 GiB of decompressed data (a bomb is reported, not expanded).
    options.maxDecompressedBytes = qint64(1) << 30;

    // The decoders block: run them on a worker so that Ctrl+C is seen here and cancels them
    // (a second Ctrl+C exits at once).
    InterruptGuard guard;
    QObject::connect(&guard, &InterruptGuard::interrupted, &guard, [&cancel] {
        if (cancel.exchange(true))
            ::_exit(CommandContext::ExitCancelled);
    });
    QFutureWatcher<Result<nlohmann::json>> watcher;
    QEventLoop loop;
    QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
    const Target &t = target.value();
    watcher.setFuture(QtConcurrent::run([&t, options] { return inspectTarget(t, options); }));
    if (!watcher.isFinished())
        loop.exec();
    Result<nlohmann::json> result = watcher.result();
    if (cancel.load())
        return ctx.fail(Error::make(Error::Kind::Cancelled, QString()));
    if (!result)
        return ctx.fail(result.error());

    nlohmann::json &json = result.value();
    json["source"] = {{"path", t.localPath.isEmpty() ? nlohmann::json()
                                                     : js(QDir::toNativeSeparators(t.localPath))},
                      {"uri", jsOrNull(t.uri)},
                      {"from_cache", t.fromCache}};
    if (ctx.json()) {
        ctx.printJson(json);
    } else {
        QString text = renderInspectText(json);
        if (!text.endsWith(QLatin1Char('\n')))
            text += QLatin1Char('\n');
        ctx.out() << text;
    }
    // A hostile or broken file is described all the same, and still fails: one line.
    QStringList problems;
    for (const auto &p : json.value("problems", nlohmann::json::array()))
        problems << QString::fromStdString(p.get<std::string>());
    if (!problems.isEmpty())
        return ctx.fail(QStringLiteral("%1: %2").arg(
                QString::fromStdString(json.value("name", std::string())),
                problems.join(QStringLiteral("; "))));
    return 0;
}

} // namespace

Command inspectCommand()
{
    return Command{QStringLiteral("inspect"),
                   QStringLiteral("inspect (PATH|URI|TASK_ID ARTIFACT) [--rows N]"),
                   QStringLiteral("describe a file the way its preview would"),
                   true,
                   setup,
                   run};
}

} // namespace Trove::Cli

// trove-cli cache [--clear]: the cache shared with the SDK (context "global").
#include "commands.h"

#include "commandcontext.h"
#include "output.h"
#include "session/session.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>

namespace Trove::Cli {
namespace {

qint64 totalBytes(const QList<SdkCache::Entry> &entries)
{
    qint64 total = 0;
    for (const SdkCache::Entry &e : entries)
        total += e.bytes;
    return total;
}

void setup(QCommandLineParser &parser)
{
    parser.addOption(QCommandLineOption(QStringLiteral("clear"),
                                        QStringLiteral("remove every entry that is not locked")));
}

int run(CommandContext &ctx)
{
    if (!ctx.positional().isEmpty())
        return ctx.usage(QStringLiteral("cache takes no arguments"));
    auto config = ctx.config();
    if (!config)
        return ctx.fail(config.error());
    const SdkCache cache = Session::cacheFor(config.value());
    const QString dir = cache.contextDir();

    if (ctx.isSet(QStringLiteral("clear"))) {
        // Every entry goes but one in use (its SDK lock is held); downloads in progress
        // (".partially") are not entries, so they finish undisturbed.
        const QList<SdkCache::Entry> before = cache.entries();
        QStringList names;
        for (const SdkCache::Entry &e : before)
            names << e.name;
        const SdkCache::RemoveReport report = cache.remove(names);
        qint64 freed = 0;
        for (const SdkCache::Entry &e : before)
            if (report.removed.contains(e.name))
                freed += e.bytes;
        const QStringList kept = report.keptLocked + report.failed;
        if (ctx.json()) {
            nlohmann::json removed = nlohmann::json::array(), keptJson = nlohmann::json::array();
            for (const QString &n : report.removed)
                removed.push_back(js(n));
            for (const QString &n : kept)
                keptJson.push_back(js(n));
            ctx.printJson(nlohmann::json{{"location", js(QDir::toNativeSeparators(dir))},
                                         {"removed", removed},
                                         {"kept", keptJson},
                                         {"freed_bytes", freed}});
        } else {
            ctx.out() << "removed " << report.removed.size() << " entries (" << humanSize(freed)
                      << ")";
            if (!kept.isEmpty())
                ctx.out() << ", kept " << kept.size() << " locked or in use";
            ctx.out() << '\n';
        }
        return 0;
    }

    const QList<SdkCache::Entry> entries = cache.entries();
    const qint64 total = totalBytes(entries);
    if (ctx.json()) {
        nlohmann::json list = nlohmann::json::array();
        for (const SdkCache::Entry &e : entries)
            list.push_back(nlohmann::json{{"name", js(e.name)},
                                          {"path", js(QDir::toNativeSeparators(e.path))},
                                          {"kind", e.folder ? "folder" : "file"},
                                          {"size", e.bytes},
                                          {"modified", jsonTime(e.lastUsed)},
                                          {"locked", e.locked}});
        ctx.printJson(nlohmann::json{{"location", js(QDir::toNativeSeparators(dir))},
                                     {"base_dir", js(QDir::toNativeSeparators(cache.baseDir()))},
                                     {"entries", list},
                                     {"count", entries.size()},
                                     {"total_bytes", total}});
        return 0;
    }
    ctx.out() << "location: " << QDir::toNativeSeparators(dir) << '\n';
    TextTable table({QStringLiteral("SIZE"), QStringLiteral("MODIFIED"), QStringLiteral("KIND"),
                     QStringLiteral("NAME")});
    for (const SdkCache::Entry &e : entries)
        table.addRow({humanSize(e.bytes), textTime(e.lastUsed),
                      (e.folder ? QStringLiteral("folder") : QStringLiteral("file"))
                              + (e.locked ? QStringLiteral(" (locked)") : QString()),
                      e.name});
    table.print(ctx.out());
    ctx.out() << "total: " << entries.size() << " entries, " << humanSize(total) << '\n';
    return 0;
}

} // namespace

Command cacheCommand()
{
    return Command{QStringLiteral("cache"),
                   QStringLiteral("cache [--clear]"),
                   QStringLiteral("the cache shared with the SDK"),
                   true,
                   setup,
                   run};
}

} // namespace Trove::Cli

// trove-cli cache [--clear]: the cache shared with the SDK (context "global").
#include "commands.h"

#include "cache/cachelock.h"
#include "commandcontext.h"
#include "output.h"
#include "session/session.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

#include <algorithm>

namespace Trove::Cli {
namespace {

struct Entry
{
    QString name;
    bool folder = false;
    qint64 bytes = 0;
    QDateTime modified;
    bool locked = false;
};

qint64 sizeOf(const QFileInfo &info)
{
    if (!info.isDir())
        return info.size();
    qint64 total = 0;
    QDirIterator it(info.absoluteFilePath(), QDir::Files | QDir::Hidden | QDir::NoSymLinks,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        total += it.fileInfo().size();
    }
    return total;
}

/// The entries of the context folder, newest first; lock files and downloads in progress
/// (".partially") are not entries.
QList<Entry> listEntries(const QString &dir)
{
    QList<Entry> entries;
    QHash<QString, bool> lockedNames;
    const QFileInfoList all = QDir(dir).entryInfoList(
            QDir::Files | QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Time);
    for (const QFileInfo &info : all) {
        if (CacheLock::isLockFileName(info.fileName())) {
            const QString entry = CacheLock::entryNameOf(info.fileName());
            if (CacheLock::isHeld(info.absoluteFilePath()))
                lockedNames[entry] = true;
        }
    }
    for (const QFileInfo &info : all) {
        if (CacheLock::isLockFileName(info.fileName())
            || info.fileName().endsWith(QLatin1String(".partially")))
            continue;
        Entry e;
        e.name = info.fileName();
        e.folder = info.isDir();
        e.bytes = sizeOf(info);
        e.modified = info.lastModified();
        e.locked = lockedNames.value(e.name);
        entries << e;
    }
    return entries;
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
        const QList<Entry> before = listEntries(dir);
        qint64 bytesBefore = 0;
        for (const Entry &e : before)
            bytesBefore += e.bytes;
        SdkCache::EvictionPolicy everything;
        everything.maxEntries = 0;
        const SdkCache::EvictionReport report = cache.evict(everything);
        const QList<Entry> after = listEntries(dir);
        qint64 bytesAfter = 0;
        for (const Entry &e : after)
            bytesAfter += e.bytes;
        if (ctx.json()) {
            nlohmann::json removed = nlohmann::json::array(), kept = nlohmann::json::array();
            for (const QString &n : report.removed)
                removed.push_back(n.toStdString());
            for (const Entry &e : after)
                kept.push_back(e.name.toStdString());
            ctx.printJson(
                    nlohmann::json{{"location", js(QDir::toNativeSeparators(dir))},
                                   {"removed", removed},
                                   {"kept", kept},
                                   {"freed_bytes", std::max<qint64>(0, bytesBefore - bytesAfter)}});
        } else {
            ctx.out() << "removed " << report.removed.size() << " entries ("
                      << humanSize(std::max<qint64>(0, bytesBefore - bytesAfter)) << ")";
            if (!after.isEmpty())
                ctx.out() << ", kept " << after.size() << " locked or in use";
            ctx.out() << '\n';
        }
        return 0;
    }

    const QList<Entry> entries = listEntries(dir);
    qint64 total = 0;
    for (const Entry &e : entries)
        total += e.bytes;
    if (ctx.json()) {
        nlohmann::json list = nlohmann::json::array();
        for (const Entry &e : entries)
            list.push_back(nlohmann::json{
                    {"name", js(e.name)},
                    {"path", js(QDir::toNativeSeparators(QDir(dir).absoluteFilePath(e.name)))},
                    {"kind", e.folder ? "folder" : "file"},
                    {"size", e.bytes},
                    {"modified", jsonTime(e.modified)},
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
    for (const Entry &e : entries)
        table.addRow({humanSize(e.bytes), textTime(e.modified),
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

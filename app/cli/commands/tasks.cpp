// trove-cli tasks PROJECT: the tasks of one project, by full path or id.
#include "commands.h"

#include "commandcontext.h"
#include "output.h"
#include "session/session.h"

#include <QCommandLineParser>

namespace Trove::Cli {
namespace {

/// The project with this full path ("Trove Demo/Vision"), walking the tree level by level;
/// an empty id when there is none.
Result<Project> findByPath(SyncApi &sync, const QString &path)
{
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (parts.isEmpty())
        return Project{};
    Project current;
    for (const QString &part : parts) {
        ProjectQuery query;
        query.parentId = current.id;
        query.includeStats = false;
        Project found;
        do {
            auto page = sync.projects(query);
            if (!page)
                return page.error();
            for (const Project &p : std::as_const(page->items))
                if (p.displayName() == part)
                    found = p;
            query.scrollId = page->scrollId;
            if (!found.id.isEmpty() || page->items.size() < query.size)
                break;
        } while (!query.scrollId.isEmpty());
        if (found.id.isEmpty())
            return Project{};
        current = found;
    }
    return current;
}

Result<Project> resolveProject(CommandContext &ctx, const QString &nameOrId)
{
    auto byPath = findByPath(ctx.sync(), nameOrId);
    if (!byPath)
        return byPath.error();
    if (!byPath->id.isEmpty())
        return byPath;
    auto session = ctx.session();
    auto byId = ctx.sync().wait<Project>(session.value()->api()->getProject(nameOrId));
    if (byId)
        return byId;
    if (byId.error().kind != Error::Kind::Server)
        return byId.error();
    return CommandContext::plainError(
            Error::Kind::Server,
            QStringLiteral("no project named \"%1\" (nor with that id)").arg(nameOrId));
}

nlohmann::json toJson(const Task &t)
{
    return nlohmann::json{{"id", js(t.id)},
                          {"name", js(t.name)},
                          {"type", js(t.typeText)},
                          {"status", js(t.statusText)},
                          {"project", js(t.project.id)},
                          {"created", jsonTime(t.created)},
                          {"last_update", jsonTime(t.lastUpdate)},
                          {"tags", [&t] {
                               nlohmann::json tags = nlohmann::json::array();
                               for (const QString &tag : t.tags)
                                   tags.push_back(tag.toStdString());
                               return tags;
                           }()}};
}

void setup(QCommandLineParser &parser)
{
    parser.addPositionalArgument(QStringLiteral("PROJECT"),
                                 QStringLiteral("full project path (\"A/B\") or project id"));
    parser.addOption(QCommandLineOption(
            QStringLiteral("status"),
            QStringLiteral("only these statuses (comma separated: completed,in_progress,…)"),
            QStringLiteral("LIST")));
    parser.addOption(QCommandLineOption(QStringLiteral("search"),
                                        QStringLiteral("only tasks whose id, name or comment "
                                                       "matches (case-insensitive regex)"),
                                        QStringLiteral("TEXT")));
    parser.addOption(QCommandLineOption(QStringLiteral("limit"),
                                        QStringLiteral("at most N tasks (default 1000)"),
                                        QStringLiteral("N"), QStringLiteral("1000")));
    parser.addOption(QCommandLineOption(QStringLiteral("recursive"),
                                        QStringLiteral("include the subprojects' tasks")));
}

int run(CommandContext &ctx)
{
    const QStringList args = ctx.positional();
    if (args.size() != 1)
        return ctx.usage(QStringLiteral("tasks takes one PROJECT (full path or id)"));
    bool limitOk = false;
    const int limit = ctx.value(QStringLiteral("limit")).toInt(&limitOk);
    if (!limitOk || limit <= 0)
        return ctx.usage(QStringLiteral("--limit takes a positive number"));
    auto session = ctx.session();
    if (!session)
        return ctx.fail(session.error());
    auto project = resolveProject(ctx, args.first());
    if (!project)
        return ctx.fail(project.error());

    TaskQuery query;
    query.projectIds = {project->id};
    query.includeSubprojects = ctx.isSet(QStringLiteral("recursive"));
    if (ctx.isSet(QStringLiteral("status")))
        query.statuses
                = ctx.value(QStringLiteral("status")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    query.searchText = ctx.value(QStringLiteral("search"));
    query.onlyFields
            = {QStringLiteral("id"),          QStringLiteral("name"),    QStringLiteral("type"),
               QStringLiteral("status"),      QStringLiteral("project"), QStringLiteral("created"),
               QStringLiteral("last_update"), QStringLiteral("tags")};
    query.size = std::min(limit, 500);
    QList<Task> tasks;
    while (tasks.size() < limit) {
        auto page = ctx.sync().tasks(query);
        if (!page)
            return ctx.fail(page.error());
        tasks << page->items;
        if (page->items.size() < query.size || page->scrollId.isEmpty())
            break;
        query.scrollId = page->scrollId;
    }
    if (tasks.size() > limit)
        tasks.resize(limit);

    if (ctx.json()) {
        nlohmann::json list = nlohmann::json::array();
        for (const Task &t : std::as_const(tasks))
            list.push_back(toJson(t));
        ctx.printJson(list);
        return 0;
    }
    TextTable table({QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("TYPE"),
                     QStringLiteral("STATUS"), QStringLiteral("LAST UPDATE")});
    for (const Task &t : std::as_const(tasks))
        table.addRow({t.id, t.name, t.typeText, t.statusText, textTime(t.lastUpdate)});
    table.print(ctx.out());
    return 0;
}

} // namespace

Command tasksCommand()
{
    return Command{QStringLiteral("tasks"),
                   QStringLiteral("tasks PROJECT [--status S,..] [--search TEXT] [--recursive] "
                                  "[--limit N]"),
                   QStringLiteral("the tasks of a project (full path or id)"),
                   true,
                   setup,
                   run};
}

} // namespace Trove::Cli

// trove-cli projects: the project tree, nested, with task counts.
#include "commands.h"

#include "commandcontext.h"
#include "output.h"

namespace Trove::Cli {
namespace {

struct ProjectNode
{
    Project project;
    QList<ProjectNode> children;
};

/// One level of the tree and, depth first, the levels below it (all pages of each).
Result<QList<ProjectNode>> fetchLevel(SyncApi &sync, const QString &parentId, int depth)
{
    QList<ProjectNode> level;
    ProjectQuery query;
    query.parentId = parentId;
    do {
        auto page = sync.projects(query);
        if (!page)
            return page.error();
        for (const Project &p : std::as_const(page->items))
            level.append(ProjectNode{p, {}});
        query.scrollId = page->scrollId;
        if (page->items.size() < query.size)
            break;
    } while (!query.scrollId.isEmpty());
    if (depth >= 32) // a hostile server could describe an endless chain
        return level;
    for (ProjectNode &node : level) {
        // projects.get_all_ex lists each project's sub_projects: leaves need no request.
        if (node.project.subProjects.isEmpty())
            continue;
        auto children = fetchLevel(sync, node.project.id, depth + 1);
        if (!children)
            return children.error();
        node.children = std::move(children.value());
    }
    return level;
}

nlohmann::json toJson(const ProjectNode &node)
{
    const Project &p = node.project;
    nlohmann::json status = nlohmann::json::object();
    for (auto it = p.activeStats.statusCount.cbegin(); it != p.activeStats.statusCount.cend(); ++it)
        status[it.key().toStdString()] = it.value();
    nlohmann::json children = nlohmann::json::array();
    for (const ProjectNode &c : node.children)
        children.push_back(toJson(c));
    return nlohmann::json{{"id", js(p.id)},
                          {"name", js(p.name)},
                          {"basename", js(p.displayName())},
                          {"task_count", p.hasStats ? nlohmann::json(p.activeStats.totalTasks)
                                                    : nlohmann::json()},
                          {"status_count", status},
                          {"last_update", jsonTime(p.lastUpdate)},
                          {"children", children}};
}

void addRows(TextTable &table, const QList<ProjectNode> &level, int depth)
{
    for (const ProjectNode &node : level) {
        const Project &p = node.project;
        table.addRow({QString(depth * 2, QLatin1Char(' ')) + p.displayName(),
                      p.hasStats ? QString::number(p.activeStats.totalTasks) : QStringLiteral("-"),
                      p.id});
        addRows(table, node.children, depth + 1);
    }
}

int run(CommandContext &ctx)
{
    if (!ctx.positional().isEmpty())
        return ctx.usage(QStringLiteral("projects takes no arguments"));
    auto session = ctx.session();
    if (!session)
        return ctx.fail(session.error());
    auto tree = fetchLevel(ctx.sync(), QString(), 0);
    if (!tree)
        return ctx.fail(tree.error());
    if (ctx.json()) {
        nlohmann::json list = nlohmann::json::array();
        for (const ProjectNode &node : std::as_const(tree.value()))
            list.push_back(toJson(node));
        ctx.printJson(list);
        return 0;
    }
    TextTable table({QStringLiteral("PROJECT"), QStringLiteral("TASKS"), QStringLiteral("ID")});
    addRows(table, tree.value(), 0);
    table.print(ctx.out());
    return 0;
}

} // namespace

Command projectsCommand()
{
    return Command{QStringLiteral("projects"),
                   QStringLiteral("projects"),
                   QStringLiteral("the project tree with task counts"),
                   true,
                   nullptr,
                   run};
}

} // namespace Trove::Cli

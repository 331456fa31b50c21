#include "weblinks.h"

#include <QRegularExpression>

namespace Trove {

namespace {

QUrl withPath(const QUrl &base, const QString &suffix)
{
    QUrl u = base;
    QString path = u.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    u.setPath(path + suffix);
    u.setQuery(QString());
    u.setFragment(QString());
    return u;
}

} // namespace

WebLink WebLink::parse(const QUrl &url)
{
    static const QRegularExpression task(
            QStringLiteral(R"(/projects/([^/]+)/(?:experiments|tasks)/([0-9a-f]{32})(?:/|$))"));
    static const QRegularExpression model(
            QStringLiteral(R"(/projects/([^/]+)/models/([0-9a-f]{32})(?:/|$))"));
    static const QRegularExpression pipeline(QStringLiteral(
            R"(/(?:pipelines|datasets/simple)/([^/]+)/experiments/([0-9a-f]{32})(?:/|$))"));
    const QString path = url.path();
    WebLink link;
    if (auto m = task.match(path); m.hasMatch()) {
        link.kind = Kind::Task;
        link.projectId = m.captured(1);
        link.id = m.captured(2);
    } else if (auto m2 = model.match(path); m2.hasMatch()) {
        link.kind = Kind::Model;
        link.projectId = m2.captured(1);
        link.id = m2.captured(2);
    } else if (auto m3 = pipeline.match(path); m3.hasMatch()) {
        link.kind = Kind::Task;
        link.projectId = m3.captured(1);
        link.id = m3.captured(2);
    }
    return link;
}

QUrl WebLink::taskUrl(const QUrl &web, const QString &taskId, const QString &projectId)
{
    return withPath(web,
                    QStringLiteral("/projects/%1/tasks/%2/output/log")
                            .arg(projectId.isEmpty() ? QStringLiteral("*") : projectId, taskId));
}

QUrl WebLink::modelUrl(const QUrl &web, const QString &modelId, const QString &projectId)
{
    return withPath(web,
                    QStringLiteral("/projects/%1/models/%2/general")
                            .arg(projectId.isEmpty() ? QStringLiteral("*") : projectId, modelId));
}

QUrl WebLink::apiHostFor(const QUrl &link, const QUrl &configuredWeb, const QUrl &configuredApi)
{
    if (!configuredApi.isEmpty() && link.host() == configuredWeb.host()
        && link.port() == configuredWeb.port())
        return configuredApi;
    QUrl base;
    base.setScheme(link.scheme());
    base.setHost(link.host());
    base.setPort(link.port());
    if (link.host().startsWith(QLatin1String("app."))) {
        base.setHost(QStringLiteral("api.") + link.host().mid(4));
        return base;
    }
    if (link.port() == 8080) {
        base.setPort(8008);
        return base;
    }
    base.setPath(QStringLiteral("/api"));
    return base;
}

} // namespace Trove

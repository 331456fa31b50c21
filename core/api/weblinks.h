#pragma once

#include <QString>
#include <QUrl>

namespace Trove {

/// ClearML web UI deep links (contract §9): building them for "Open in browser", and
/// reading a link a user pasted.
struct WebLink
{
    enum class Kind { None, Task, Model };
    Kind kind = Kind::None;
    QString projectId; ///< may be "*" (any)
    QString id;        ///< task or model id

    bool isValid() const { return kind != Kind::None; }

    /// Parses `/projects/<pid>/(experiments|tasks)/<tid>`, `/projects/<pid>/models/<mid>`,
    /// and `/(pipelines|datasets/simple)/<pid>/experiments/<tid>`; the query is ignored.
    static WebLink parse(const QUrl &url);

    /// `<web>/projects/<pid or *>/tasks/<id>/output/log`
    static QUrl
    taskUrl(const QUrl &web, const QString &taskId, const QString &projectId = QString());
    /// `<web>/projects/<pid or *>/models/<id>/general`
    static QUrl
    modelUrl(const QUrl &web, const QString &modelId, const QString &projectId = QString());
    /// The API host for a pasted web link: `configuredApi` when the link's host is the
    /// configured web host; else `app.` → `api.` / `:8080` → `:8008`; else `<web>/api`.
    static QUrl apiHostFor(const QUrl &link, const QUrl &configuredWeb, const QUrl &configuredApi);
};

} // namespace Trove

#pragma once

#include "demoworkspace.h"

#include <QString>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace Trove::Server {

/// A tiny blocking ClearML client for the demo workspace: API calls as the SDK makes them
/// (JSON body, Bearer token from auth.login with Basic credentials) and file-server uploads
/// (one multipart part named after the storage path, streamed from disk).
class DemoClient final
{
public:
    explicit DemoClient(const DemoTarget &target);

    bool login(QString *error);

    /// Calls <api>/v2.23/<endpoint>; returns `data`, or nullopt with *error set.
    std::optional<nlohmann::json>
    call(const std::string &endpoint, const nlohmann::json &body, QString *error);

    /// Uploads `localPath` under the storage key `key` (no leading slash, raw spaces) and
    /// returns the percent-quoted URI the SDK would register.
    bool upload(const QString &key,
                const QString &localPath,
                const QString &mime,
                QString *uri,
                QString *error);

    /// The URI under which `key` is served: <files>/<quote(key)>.
    QString uriFor(const QString &key) const;

private:
    DemoTarget m_target;
    std::string m_token;
};

} // namespace Trove::Server

#pragma once

#include <QString>
#include <QUrl>

namespace Trove::Server {

struct DemoTarget
{
    QUrl apiUrl;
    QUrl filesUrl;
    QString accessKey;
    QString secretKey;
    QString dataDir;
};

/// Fills the server with the demo workspace through its own public HTTP API, the way the
/// ClearML SDK would have. Blocking: call it once both listeners serve. Returns true at once
/// when the workspace already holds the demo. On failure returns false and sets *error.
bool populateDemoWorkspace(const DemoTarget &target, QString *error);

} // namespace Trove::Server

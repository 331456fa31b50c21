#include "embeddedserver.h"

#include <QDir>
#include <QStandardPaths>

namespace Trove {

EmbeddedServer::EmbeddedServer(QObject *parent)
    : QObject(parent)
{}

EmbeddedServer::~EmbeddedServer() = default;

QString EmbeddedServer::resolveDataDir(const QString &explicitDir)
{
    if (!explicitDir.isEmpty())
        return QDir(explicitDir).absolutePath();
    const QString fromEnv = qEnvironmentVariable("TROVE_EMBEDDED_DATA");
    if (!fromEnv.isEmpty())
        return QDir(fromEnv).absolutePath();
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
           + QStringLiteral("/trove/embedded");
}

} // namespace Trove

#include "error.h"

namespace Trove {

QString Error::userMessage() const
{
    QString what;
    switch (kind) {
    case Kind::None:
        return QString();
    case Kind::Network:
        what = QStringLiteral("Network error");
        break;
    case Kind::Http:
        what = QStringLiteral("HTTP %1").arg(httpStatus);
        break;
    case Kind::Server:
        what = QStringLiteral("Server error %1/%2").arg(resultCode).arg(resultSubcode);
        break;
    case Kind::Parse:
        what = QStringLiteral("Cannot parse");
        break;
    case Kind::Io:
        what = QStringLiteral("File error");
        break;
    case Kind::Cancelled:
        what = QStringLiteral("Cancelled");
        break;
    case Kind::Unsupported:
        what = QStringLiteral("Not supported");
        break;
    case Kind::Integrity:
        what = QStringLiteral("Integrity check failed");
        break;
    }
    QString out = what;
    if (!endpoint.isEmpty())
        out += QStringLiteral(" (%1)").arg(endpoint);
    if (!message.isEmpty())
        out += QStringLiteral(": ") + message;
    return out;
}

} // namespace Trove

#include "demoworkspace.h"

namespace Trove::Server {

bool populateDemoWorkspace(const DemoTarget &target, QString *error)
{
    Q_UNUSED(target);
    if (error)
        *error = QStringLiteral("demo workspace not built");
    return false;
}

} // namespace Trove::Server

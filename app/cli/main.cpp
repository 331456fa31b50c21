#include "cliapp.h"

#include <QCoreApplication>

#include <cstdio>

namespace {

/// Qt's own diagnostics (an image plugin's complaint about a hostile file, a TLS note) are
/// not trove-cli's output: stderr carries one clear line per error. TROVE_CLI_DEBUG=1 shows
/// them.
void quietMessages(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    if (type == QtFatalMsg || qEnvironmentVariableIntValue("TROVE_CLI_DEBUG") > 0)
        std::fprintf(stderr, "%s\n", qPrintable(message));
}

} // namespace

int main(int argc, char **argv)
{
    qInstallMessageHandler(quietMessages);
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Trove"));
    QCoreApplication::setApplicationName(QStringLiteral("trove-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TROVE_VERSION_STRING));
    return Trove::Cli::run(QCoreApplication::arguments());
}

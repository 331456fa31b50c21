#include "cliapp.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Trove"));
    QCoreApplication::setApplicationName(QStringLiteral("trove-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TROVE_VERSION_STRING));
    return Trove::Cli::run(QCoreApplication::arguments());
}

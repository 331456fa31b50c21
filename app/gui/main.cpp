// trove: the desktop application. Everything but the wiring lives in Trove::Ui (ui/).
#include "app/connectioncontroller.h"
#include "app/screenshotrunner.h"
#include "app/startupoptions.h"
#include "localembeddedserver.h"
#include "views/mainwindow.h"

#include <QApplication>

#include <cstdio>

int main(int argc, char **argv)
{
    // Options are read before QApplication exists, so --help, --version and usage errors work
    // without a display, and --screenshot can pick the offscreen platform when there is none.
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    Trove::StartupOptions options;
    QString error;
    if (!Trove::StartupOptions::parse(arguments, &options, &error)) {
        std::fprintf(stderr, "trove: %s\nTry 'trove --help' for usage.\n", qPrintable(error));
        return 2;
    }
    if (options.showHelp) {
        std::fputs(qPrintable(Trove::StartupOptions::helpText()), stdout);
        return 0;
    }
    if (options.showVersion) {
        std::printf("trove %s\n", TROVE_VERSION_STRING);
        return 0;
    }
    if (options.isScreenshot() && qEnvironmentVariableIsEmpty("DISPLAY")
        && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Trove"));
    QApplication::setApplicationName(QStringLiteral("trove"));
    QApplication::setApplicationDisplayName(QStringLiteral("Trove"));
    QApplication::setApplicationVersion(QStringLiteral(TROVE_VERSION_STRING));

    Trove::LocalEmbeddedServer embedded(Trove::EmbeddedServer::resolveDataDir(options.dataDir));
    Trove::ConnectionController connection(&embedded);
    Trove::MainWindow window(&connection);
    if (!options.link.isEmpty())
        window.openLink(options.link);

    if (options.isScreenshot()) {
        Trove::ScreenshotRunner runner(&window, options);
        QObject::connect(&runner, &Trove::ScreenshotRunner::finished, &app, [&](int code) {
            if (code != 0)
                std::fprintf(stderr, "trove: screenshot failed: %s\n",
                             qPrintable(runner.errorString()));
            QApplication::exit(code);
        });
        runner.start();
        connection.connectDefault();
        return QApplication::exec();
    }

    window.restoreWindowState();
    if (!options.selectTask.isEmpty())
        window.selectTask(options.selectTask, options.selectArtifact);
    window.show();
    connection.connectDefault();
    return QApplication::exec();
}

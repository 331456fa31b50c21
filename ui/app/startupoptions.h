#pragma once

#include <QSize>
#include <QString>
#include <QStringList>

class QCommandLineParser;

namespace Trove {

/// The command line of `trove`:
///
///     trove [URL] [--data DIR]
///     trove --screenshot FILE [--select TASK_ID[/ARTIFACT]] [--view info|artifacts|models|lineage]
///           [--size WxH] [--timeout SECONDS] [--data DIR]
///
/// URL is a ClearML web link to a task or a model (or a task ID). --data chooses the
/// embedded server's data folder (also TROVE_EMBEDDED_DATA).
struct StartupOptions
{
    QString link;
    QString dataDir;
    QString screenshotFile;
    QString selectTask;
    QString selectArtifact;
    QString view; ///< "", "info", "artifacts", "models", "lineage"
    QSize size{1440, 900};
    int timeoutSec = 180;
    bool showHelp = false;
    bool showVersion = false;

    bool isScreenshot() const { return !screenshotFile.isEmpty(); }

    /// Parses `arguments` (argv, program name first). On a usage error returns false with
    /// *error set to one line.
    static bool parse(const QStringList &arguments, StartupOptions *out, QString *error);
    /// The --help text.
    static QString helpText();
};

} // namespace Trove

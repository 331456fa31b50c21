#include "startupoptions.h"

#include <QCommandLineParser>
#include <QRegularExpression>

namespace Trove {

namespace {

struct Parser
{
    QCommandLineParser parser;
    QCommandLineOption help{{QStringLiteral("h"), QStringLiteral("help")},
                            QStringLiteral("Show this help.")};
    QCommandLineOption version{QStringLiteral("version"), QStringLiteral("Show the version.")};
    QCommandLineOption data{QStringLiteral("data"),
                            QStringLiteral("Data folder of the embedded local server (default "
                                           "$TROVE_EMBEDDED_DATA, else "
                                           "~/.local/share/trove/embedded)."),
                            QStringLiteral("dir")};
    QCommandLineOption screenshot{QStringLiteral("screenshot"),
                                  QStringLiteral("Render the window to a PNG file once the data "
                                                 "is loaded, then exit."),
                                  QStringLiteral("file")};
    QCommandLineOption select{QStringLiteral("select"),
                              QStringLiteral("Select a task, and optionally one of its "
                                             "artifacts."),
                              QStringLiteral("task_id[/artifact]")};
    QCommandLineOption view{QStringLiteral("view"),
                            QStringLiteral("Details tab to show: info, artifacts, models or "
                                           "lineage."),
                            QStringLiteral("tab")};
    QCommandLineOption size{QStringLiteral("size"),
                            QStringLiteral("Window size for --screenshot (default 1440x900)."),
                            QStringLiteral("WxH")};
    QCommandLineOption timeout{QStringLiteral("timeout"),
                               QStringLiteral("Seconds --screenshot waits for the data "
                                              "(default 180)."),
                               QStringLiteral("seconds")};

    Parser()
    {
        parser.setApplicationDescription(
                QStringLiteral("Trove: browse ClearML projects, tasks, artifacts and models."));
        parser.addOptions({help, version, data, screenshot, select, view, size, timeout});
        parser.addPositionalArgument(QStringLiteral("url"),
                                     QStringLiteral("A ClearML web link to a task or a model."),
                                     QStringLiteral("[url]"));
    }
};

} // namespace

QString StartupOptions::helpText()
{
    Parser p;
    // Qt names the program after argv[0], or "<executable_name>" without a QCoreApplication
    // (help is printed before one exists); the usage line always says "trove".
    QString text = p.parser.helpText();
    text.replace(QRegularExpression(QStringLiteral("^Usage: \\S+")),
                 QStringLiteral("Usage: trove"));
    return text;
}

bool StartupOptions::parse(const QStringList &arguments, StartupOptions *out, QString *error)
{
    Parser p;
    if (!p.parser.parse(arguments)) {
        *error = p.parser.errorText();
        return false;
    }
    StartupOptions o;
    o.showHelp = p.parser.isSet(p.help);
    o.showVersion = p.parser.isSet(p.version);
    o.dataDir = p.parser.value(p.data);
    o.screenshotFile = p.parser.value(p.screenshot);
    const QStringList positional = p.parser.positionalArguments();
    if (positional.size() > 1) {
        *error = QStringLiteral("one link at most, got %1").arg(positional.size());
        return false;
    }
    o.link = positional.value(0);
    const QString select = p.parser.value(p.select);
    if (!select.isEmpty()) {
        o.selectTask = select.section(QLatin1Char('/'), 0, 0).trimmed();
        o.selectArtifact = select.section(QLatin1Char('/'), 1);
        if (o.selectTask.isEmpty()) {
            *error = QStringLiteral("--select needs a task ID: --select TASK_ID[/ARTIFACT]");
            return false;
        }
    }
    o.view = p.parser.value(p.view).toLower();
    if (!o.view.isEmpty()
        && !QStringList{QStringLiteral("info"), QStringLiteral("artifacts"),
                        QStringLiteral("models"), QStringLiteral("lineage")}
                    .contains(o.view)) {
        *error = QStringLiteral("--view must be info, artifacts, models or lineage");
        return false;
    }
    if (p.parser.isSet(p.size)) {
        const QStringList dims = p.parser.value(p.size).split(QLatin1Char('x'));
        bool okW = false;
        bool okH = false;
        const int w = dims.value(0).toInt(&okW);
        const int h = dims.value(1).toInt(&okH);
        if (dims.size() != 2 || !okW || !okH || w < 400 || h < 300 || w > 8000 || h > 8000) {
            *error = QStringLiteral("--size must be WxH, e.g. 1440x900");
            return false;
        }
        o.size = QSize(w, h);
    }
    if (p.parser.isSet(p.timeout)) {
        bool ok = false;
        o.timeoutSec = p.parser.value(p.timeout).toInt(&ok);
        if (!ok || o.timeoutSec <= 0) {
            *error = QStringLiteral("--timeout must be a positive number of seconds");
            return false;
        }
    }
    *out = o;
    return true;
}

} // namespace Trove

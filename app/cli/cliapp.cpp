#include "cliapp.h"

#include "command.h"
#include "commandcontext.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

namespace Trove::Cli {
namespace {

QCommandLineOption configOption()
{
    return QCommandLineOption(QStringLiteral("config"),
                              QStringLiteral("read this clearml.conf (default: the SDK's files and "
                                             "the CLEARML_* environment)"),
                              QStringLiteral("FILE"));
}

QCommandLineOption serverOption()
{
    return QCommandLineOption(QStringLiteral("server"),
                              QStringLiteral("use this saved Trove server profile"),
                              QStringLiteral("NAME"));
}

QCommandLineOption helpOption()
{
    return QCommandLineOption({QStringLiteral("h"), QStringLiteral("help")},
                              QStringLiteral("show this help"));
}

/// "tasks PROJECT [--status S,..]" → "tasks PROJECT": the options are in the command's help.
QString shortSynopsis(const QString &synopsis)
{
    const qsizetype options = synopsis.indexOf(QStringLiteral(" ["));
    return options < 0 ? synopsis : synopsis.left(options);
}

QString globalHelp()
{
    QString text = QStringLiteral(
            "Usage: trove-cli [--config FILE] [--server NAME] COMMAND [ARGS]\n"
            "\n"
            "Browse a ClearML server, and move artifacts and models between it and the cache\n"
            "shared with the ClearML SDK.\n"
            "\n"
            "Commands:\n");
    qsizetype width = 0;
    for (const Command &c : commandTable())
        width = std::max(width, shortSynopsis(c.synopsis).size());
    // Summaries wrap at 80 columns, continued under themselves.
    const qsizetype indent = 2 + width + 2;
    for (const Command &c : commandTable()) {
        QString line = QStringLiteral("  ") + shortSynopsis(c.synopsis).leftJustified(width)
                       + QStringLiteral("  ");
        qsizetype column = indent;
        for (const QString &word : c.summary.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            if (column > indent && column + 1 + word.size() > 80) {
                line += QLatin1Char('\n') + QString(indent, QLatin1Char(' '));
                column = indent;
            } else if (column > indent) {
                line += QLatin1Char(' ');
                ++column;
            }
            line += word;
            column += word.size();
        }
        text += line + QLatin1Char('\n');
    }
    text += QStringLiteral("\n"
                           "Options:\n"
                           "  --config FILE   read this clearml.conf\n"
                           "  --server NAME   use a saved Trove server profile\n"
                           "  --json          machine-readable output\n"
                           "  -h, --help      help (also after a command: trove-cli get --help)\n"
                           "  --version       version\n"
                           "\n"
                           "Exit codes: 0 success, 1 error, 2 usage error, 130 interrupted.\n");
    return text;
}

} // namespace

int run(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);

    QCommandLineParser global;
    global.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    const QCommandLineOption help = helpOption();
    const QCommandLineOption version(QStringLiteral("version"), QStringLiteral("show the version"));
    global.addOptions({configOption(), serverOption(), help, version});
    auto usageError = [&err](const QString &message) {
        err << "trove-cli: " << message << '\n' << "Try 'trove-cli --help' for usage.\n";
        return 2;
    };
    if (!global.parse(arguments))
        return usageError(global.errorText());
    if (global.isSet(version)) {
        out << "trove-cli " << QCoreApplication::applicationVersion() << '\n';
        return 0;
    }
    QStringList rest = global.positionalArguments();
    if (rest.size() == 2 && rest.first() == QLatin1String("help")) // "help get" = "get --help"
        rest = QStringList{rest.at(1), QStringLiteral("--help")};
    if (global.isSet(help)
        || (!rest.isEmpty() && rest.first() == QLatin1String("help") && rest.size() == 1)) {
        out << globalHelp();
        return 0;
    }
    if (rest.isEmpty())
        return usageError(QStringLiteral("no command given"));

    const Command *command = findCommand(rest.first());
    if (!command)
        return usageError(QStringLiteral("unknown command \"%1\"").arg(rest.first()));

    QCommandLineParser parser;
    parser.setApplicationDescription(command->summary);
    parser.addOptions({configOption(), serverOption(), help});
    if (command->listing)
        parser.addOption(QCommandLineOption(QStringLiteral("json"),
                                            QStringLiteral("machine-readable output")));
    if (command->setup)
        command->setup(parser);
    QStringList commandArgs = rest;
    commandArgs.first() = QStringLiteral("trove-cli ") + command->name;
    if (!parser.parse(commandArgs))
        return usageError(command->name + QStringLiteral(": ") + parser.errorText());
    if (parser.isSet(help)) {
        QString text = parser.helpText();
        // Qt prints "Usage: trove-cli <name> [options]"; show the real synopsis instead, and
        // a blank line before the description.
        text.replace(0, text.indexOf(QLatin1Char('\n')),
                     QStringLiteral("Usage: trove-cli ") + command->synopsis + QLatin1Char('\n'));
        out << text;
        return 0;
    }

    ConfigSource source;
    source.configFile = parser.isSet(QStringLiteral("config"))
                                ? parser.value(QStringLiteral("config"))
                                : global.value(QStringLiteral("config"));
    source.profileName = parser.isSet(QStringLiteral("server"))
                                 ? parser.value(QStringLiteral("server"))
                                 : global.value(QStringLiteral("server"));
    if (!source.configFile.isEmpty() && !source.profileName.isEmpty())
        return usageError(QStringLiteral("--config and --server exclude each other"));

    CommandContext context(command->name, parser, source, out, err);
    const int code = command->run(context);
    out.flush();
    err.flush();
    return code;
}

} // namespace Trove::Cli

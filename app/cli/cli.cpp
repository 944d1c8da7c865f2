// Dispatch and help. Each command's work is in commands_*.cpp.
#include "app/cli/cli.h"

#include "app/cli/commands.h"
#include "app/cli/context.h"

#include <algorithm>

#ifndef TRICOACH_VERSION
#define TRICOACH_VERSION "dev"
#endif

namespace tricoach::cli {

std::vector<CommandSpec> allCommands()
{
    std::vector<CommandSpec> all;
    for (auto group : {activityCommands(), chartCommands(), volumeCommands(), heatmapCommands(), athleteCommands(),
                       settingsCommands(), importCommands(), planCommands(), stravaCommands(), accountCommands()}) {
        for (auto& c : group)
            all.push_back(std::move(c));
    }
    return all;
}

namespace {

QString optionSynopsis(const OptionSpec& o)
{
    return o.valueName.isEmpty() ? QStringLiteral("--%1").arg(o.name)
                                 : QStringLiteral("--%1 %2").arg(o.name, o.valueName);
}

void writeOptions(QTextStream& out, const std::vector<OptionSpec>& options)
{
    qsizetype width = 0;
    for (const OptionSpec& o : options)
        width = std::max(width, optionSynopsis(o).size());
    for (const OptionSpec& o : options)
        out << "  " << optionSynopsis(o).leftJustified(width + 2) << o.help << '\n';
}

void writeProgramHelp(QTextStream& out, const std::vector<CommandSpec>& commands)
{
    out << "tricoach-cli: TriCoach from the terminal. Log training and see your Load, Fitness, Fatigue and "
           "Form.\n\n"
           "Usage: tricoach-cli [--db PATH] [--athlete NAME] [--json] COMMAND [OPTIONS]\n\nCommands:\n";
    qsizetype width = 0;
    for (const CommandSpec& c : commands)
        width = std::max(width, c.fullName().size() + c.positionalHelp.size() + 1);
    for (const CommandSpec& c : commands) {
        const QString synopsis =
            c.positionalHelp.isEmpty() ? c.fullName() : c.fullName() + QLatin1Char(' ') + c.positionalHelp;
        out << "  " << synopsis.leftJustified(width + 2) << c.summary << '\n';
    }
    out << "\nGlobal options (before or after the command):\n";
    writeOptions(out, globalOptionSpecs());
    out << "\nRun 'tricoach-cli COMMAND --help' for the options of a command.\n"
           "Exit status: 0 ok, 1 failure, 2 usage error.\n";
}

void writeCommandHelp(QTextStream& out, const CommandSpec& c)
{
    out << "Usage: tricoach-cli " << c.fullName();
    if (!c.positionalHelp.isEmpty())
        out << ' ' << c.positionalHelp;
    if (!c.options.empty())
        out << " [OPTIONS]";
    out << "\n\n" << c.summary << '\n';
    if (!c.options.empty()) {
        out << "\nOptions:\n";
        writeOptions(out, c.options);
    }
    out << "\nGlobal options: --db PATH, --athlete NAME, --json, --help\n";
}

void writeTopicHelp(QTextStream& out, const QString& topic, const std::vector<CommandSpec>& commands)
{
    out << "Usage: tricoach-cli " << topic << " SUB-COMMAND [OPTIONS]\n\nSub-commands:\n";
    for (const CommandSpec& c : commands) {
        if (c.name == topic)
            out << "  " << c.fullName().leftJustified(18) << c.summary << '\n';
    }
    out << "\nRun 'tricoach-cli " << topic << " SUB-COMMAND --help' for its options.\n";
}

} // namespace

int runCli(const QStringList& args, QTextStream& out, QTextStream& err)
{
    const std::vector<CommandSpec> commands = allCommands();
    Io io{out, err};
    Invocation inv;
    if (auto parsed = parseCommandLine(args, commands, inv); !parsed)
        return report(io, inv, parsed.error());
    if (inv.global.help) {
        if (inv.command)
            writeCommandHelp(out, *inv.command);
        else if (!inv.helpTopic.isEmpty())
            writeTopicHelp(out, inv.helpTopic, commands);
        else
            writeProgramHelp(out, commands);
        out.flush();
        return kExitOk;
    }
    if (inv.global.version) {
        out << "tricoach-cli " << TRICOACH_VERSION << '\n';
        out.flush();
        return kExitOk;
    }
    const int status = inv.command->run(inv, io);
    out.flush();
    err.flush();
    return status;
}

} // namespace tricoach::cli

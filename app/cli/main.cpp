// tricoach-cli: TriCoach from a terminal. All logic is in tricoach_cli_lib (app/cli/cli.h).
#include "app/cli/cli.h"
#include "app/cli/terminal.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    // The same names as the desktop app, so both find the same default database.
    QCoreApplication::setApplicationName(QStringLiteral("TriCoach"));
    QCoreApplication::setOrganizationName(QStringLiteral("TriCoach"));
    // Text from files and other people reaches the terminal only through these (app/cli/terminal.h).
    tricoach::cli::TerminalSafeDevice stdoutDevice(stdout);
    tricoach::cli::TerminalSafeDevice stderrDevice(stderr);
    QTextStream out(&stdoutDevice);
    QTextStream err(&stderrDevice);
    const int status = tricoach::cli::runCli(QCoreApplication::arguments().mid(1), out, err);
    out.flush();
    err.flush();
    return status;
}

// tricoach-cli: TriCoach from a terminal. All logic is in tricoach_cli_lib (app/cli/cli.h).
#include "app/cli/cli.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    // The same names as the desktop app, so both find the same default database.
    QCoreApplication::setApplicationName(QStringLiteral("TriCoach"));
    QCoreApplication::setOrganizationName(QStringLiteral("TriCoach"));
    QTextStream out(stdout);
    QTextStream err(stderr);
    const int status = tricoach::cli::runCli(QCoreApplication::arguments().mid(1), out, err);
    out.flush();
    err.flush();
    return status;
}

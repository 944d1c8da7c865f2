// tricoach-cli: TriCoach from a terminal. All logic is in tricoach_cli_lib (app/cli/cli.h).
#include "app/cli/cli.h"
#include "app/cli/terminal.h"
#include "core/io/localfiles.h"

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
#ifdef Q_OS_WIN
    const QStringList args = QCoreApplication::arguments().mid(1);
#else
    // Not QCoreApplication::arguments(): it decodes a file name that is not UTF-8 to U+FFFD, and the file it
    // names can then not be opened ("does not exist"). Arguments keep their bytes (core/io/localfiles.h).
    QStringList args;
    for (int i = 1; i < argc; ++i)
        args.append(tricoach::pathFromNative(argv[i]));
#endif
    const int status = tricoach::cli::runCli(args, out, err);
    out.flush();
    err.flush();
    return status;
}

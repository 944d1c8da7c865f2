// test_postgres start|stop FOLDER: the ctest fixture that runs one PostgreSQL for all the tests of a run
// (tests/CMakeLists.txt; TestPostgres in testpostgres.h).
#include "tests/support/testpostgres.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 3 || (args[1] != QStringLiteral("start") && args[1] != QStringLiteral("stop"))) {
        std::fputs("usage: test_postgres start|stop FOLDER\n", stderr);
        return 2;
    }
    const QString error = args[1] == QStringLiteral("start") ? tricoach::test::TestPostgres::startIn(args[2])
                                                             : tricoach::test::TestPostgres::stopIn(args[2]);
    if (!error.isEmpty()) {
        std::fprintf(stderr, "test_postgres %s: %s\n", qPrintable(args[1]), qPrintable(error));
        return 1;
    }
    return 0;
}

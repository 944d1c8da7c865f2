// Exit statuses and messages: 2 for usage errors (with a hint to --help), 1 for failures, 0 for help.
#include "core/store/activitystore.h"
#include "core/store/sqlite.h"
#include "tests/e2e/clitest.h"

#include <QFile>

namespace tricoach::test {
namespace {

using cliErrors = CliTest;

void expectUsageError(const CliResult& r, const char* mention)
{
    EXPECT_EQ(r.exitCode, 2) << r;
    EXPECT_TRUE(r.out.isEmpty()) << r;
    EXPECT_TRUE(r.err.contains(QLatin1String(mention), Qt::CaseInsensitive)) << mention << '\n' << r;
    EXPECT_TRUE(r.err.contains(QStringLiteral("--help"))) << r;
    EXPECT_EQ(r.err.trimmed().count(QLatin1Char('\n')), 1) << "a message and a one-line hint\n" << r;
}

TEST_F(cliErrors, UnknownCommand)
{
    expectUsageError(cli({QStringLiteral("frobnicate")}), "frobnicate");
}

TEST_F(cliErrors, NoCommand)
{
    expectUsageError(cli({}), "command");
}

TEST_F(cliErrors, BadDate)
{
    for (const char* bad : {"2024-13-01", "2024-02-30", "yesterday", "2024-6-1", "01.06.2024"}) {
        expectUsageError(
            cli({QStringLiteral("add"), QStringLiteral("--date"), QLatin1String(bad), QStringLiteral("--sport"),
                 QStringLiteral("Run"), QStringLiteral("--duration-min"), QStringLiteral("30")}),
            bad);
    }
    expectUsageError(cli({QStringLiteral("pmc"), QStringLiteral("--from"), QStringLiteral("2024-99-01")}),
                     "2024-99-01");
}

TEST_F(cliErrors, MissingRequiredOptions)
{
    expectUsageError(cli({QStringLiteral("add"), QStringLiteral("--date"), QStringLiteral("2024-06-01"),
                          QStringLiteral("--duration-min"), QStringLiteral("30")}),
                     "--sport");
    expectUsageError(cli({QStringLiteral("add"), QStringLiteral("--sport"), QStringLiteral("Run"),
                          QStringLiteral("--duration-min"), QStringLiteral("30")}),
                     "--date");
    expectUsageError(cli({QStringLiteral("add"), QStringLiteral("--date"), QStringLiteral("2024-06-01"),
                          QStringLiteral("--sport"), QStringLiteral("Run")}),
                     "--duration-min");
}

TEST_F(cliErrors, MalformedValues)
{
    const QStringList base{QStringLiteral("add"), QStringLiteral("--date"), QStringLiteral("2024-06-01")};
    expectUsageError(cli(base + QStringList{QStringLiteral("--sport"), QStringLiteral("Curling"),
                                            QStringLiteral("--duration-min"), QStringLiteral("30")}),
                     "Curling");
    expectUsageError(cli(base + QStringList{QStringLiteral("--sport"), QStringLiteral("Run"),
                                            QStringLiteral("--duration-min"), QStringLiteral("-30")}),
                     "--duration-min");
    expectUsageError(cli(base + QStringList{QStringLiteral("--sport"), QStringLiteral("Run"),
                                            QStringLiteral("--duration-min"), QStringLiteral("thirty")}),
                     "thirty");
    expectUsageError(
        cli(base + QStringList{QStringLiteral("--sport"), QStringLiteral("Run"), QStringLiteral("--duration-min"),
                               QStringLiteral("30"), QStringLiteral("--rpe"), QStringLiteral("11")}),
        "--rpe");
    expectUsageError(
        cli(base + QStringList{QStringLiteral("--sport"), QStringLiteral("Run"), QStringLiteral("--duration-min"),
                               QStringLiteral("30"), QStringLiteral("--distance-km"), QStringLiteral("-1")}),
        "--distance-km");
    expectUsageError(cli({QStringLiteral("volume"), QStringLiteral("--weeks"), QStringLiteral("0")}), "--weeks");
    expectUsageError(cli({QStringLiteral("pmc"), QStringLiteral("--from"), QStringLiteral("2024-06-02"),
                          QStringLiteral("--to"), QStringLiteral("2024-06-01")}),
                     "after");
}

TEST_F(cliErrors, MistypedHugeNumbersAreRefusedAndLaterWritesWork)
{
    // Version 3 stored an infinite load for these; Fitness became "nan" and every later add or import failed.
    const QStringList base{QStringLiteral("add"), QStringLiteral("--date"), QStringLiteral("2024-06-01"),
                           QStringLiteral("--sport"), QStringLiteral("Run")};
    const QString huge = QStringLiteral("1e308");
    expectUsageError(cli(base + QStringList{QStringLiteral("--duration-min"), huge}), "--duration-min");
    for (int twice = 0; twice < 2; ++twice) {
        expectUsageError(cli(base + QStringList{QStringLiteral("--duration-min"), QStringLiteral("30"),
                                                QStringLiteral("--tss"), huge}),
                         "--tss");
    }
    expectUsageError(cli(base + QStringList{QStringLiteral("--duration-min"), QStringLiteral("30"),
                                            QStringLiteral("--distance-km"), QStringLiteral("4000")}),
                     "faster");
    expectUsageError(cli(base + QStringList{QStringLiteral("--duration-min"), QStringLiteral("30"),
                                            QStringLiteral("--avg-hr"), QStringLiteral("900")}),
                     "--avg-hr");
    expectUsageError(cli({QStringLiteral("athlete"), QStringLiteral("set"), QStringLiteral("--ftp"), huge}), "FTP");
    expectUsageError(
        cli({QStringLiteral("athlete"), QStringLiteral("set"), QStringLiteral("--max-hr"), QStringLiteral("400")}),
        "maximum heart rate");
    expectUsageError(cli({QStringLiteral("athlete"), QStringLiteral("set"), QStringLiteral("--threshold-pace"),
                          QStringLiteral("0:30")}),
                     "threshold pace");
    expectUsageError(cli({QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("--fitness-days"), huge}),
                     "--fitness-days");

    // What was typed sensibly is stored, the chart is made of numbers and the analysis is not fooled.
    for (const char* day : {"2024-06-01", "2024-06-01", "2024-06-02"}) {
        const CliResult ok =
            cli(QStringList{QStringLiteral("add"), QStringLiteral("--date"), QLatin1String(day),
                            QStringLiteral("--sport"), QStringLiteral("Run"), QStringLiteral("--duration-min"),
                            QStringLiteral("60"), QStringLiteral("--tss"), QStringLiteral("80")});
        EXPECT_EQ(ok.exitCode, 0) << ok;
    }
    const CliResult pmc = cli({QStringLiteral("pmc"), QStringLiteral("--from"), QStringLiteral("2024-05-30"),
                               QStringLiteral("--to"), QStringLiteral("2024-06-05"), QStringLiteral("--json")});
    ASSERT_EQ(pmc.exitCode, 0) << pmc;
    EXPECT_FALSE(pmc.out.contains(QLatin1String("nan"), Qt::CaseInsensitive)) << pmc;
    EXPECT_FALSE(pmc.out.contains(QLatin1String("inf"), Qt::CaseInsensitive)) << pmc;
}

TEST_F(cliErrors, UnknownOptionsAndMissingValues)
{
    expectUsageError(cli({QStringLiteral("activities"), QStringLiteral("--colour")}), "--colour");
    expectUsageError(cli({QStringLiteral("pmc"), QStringLiteral("--from")}), "--from");
    expectUsageError(cli({QStringLiteral("pmc"), QStringLiteral("--json=yes")}), "--json");
    expectUsageError(cli({QStringLiteral("athlete")}), "athlete");
    expectUsageError(cli({QStringLiteral("athlete"), QStringLiteral("delete")}), "delete");
    expectUsageError(cli({QStringLiteral("activities"), QStringLiteral("extra")}), "extra");
}

TEST_F(cliErrors, UsageErrorsLeaveNoDatabaseBehind)
{
    cli({QStringLiteral("add"), QStringLiteral("--date"), QStringLiteral("bad")});
    EXPECT_FALSE(QFile::exists(dbPath()));
}

TEST_F(cliErrors, DatabaseFromANewerVersionIsRefused)
{
    {
        auto store = ActivityStore::open(dbPath());
        ASSERT_TRUE(store.ok()) << store.error().message.toStdString();
    }
    {
        auto db = store::Database::open(dbPath(), store::Database::Mode::ReadWrite);
        ASSERT_TRUE(db.ok());
        store::Statement q;
        ASSERT_TRUE(q.prepare(*db, QStringLiteral("PRAGMA user_version = 99")) && q.exec());
    }

    for (const QStringList& args :
         {QStringList{QStringLiteral("activities")}, QStringList{QStringLiteral("pmc"), QStringLiteral("--json")},
          QStringList{QStringLiteral("athlete"), QStringLiteral("list")}}) {
        const CliResult r = cli(args);
        EXPECT_EQ(r.exitCode, 1) << r;
        EXPECT_TRUE(r.out.isEmpty()) << r;
        EXPECT_TRUE(r.err.contains(QStringLiteral("newer"))) << r;
        EXPECT_FALSE(r.err.contains(QStringLiteral("--help"))) << r;
    }
    // Left untouched.
    auto db = store::Database::open(dbPath(), store::Database::Mode::ReadOnly);
    ASSERT_TRUE(db.ok());
    store::Statement q;
    ASSERT_TRUE(q.prepare(*db, QStringLiteral("PRAGMA user_version")) && q.exec() && q.next());
    EXPECT_EQ(q.value(0).toInt(), 99);
}

TEST_F(cliErrors, DatabaseThatCannotBeCreatedIsAFailure)
{
    QFile blocker(pathFor(QStringLiteral("file")));
    ASSERT_TRUE(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    const CliResult r = run(
        {QStringLiteral("--db"), pathFor(QStringLiteral("file/sub/tricoach.sqlite")), QStringLiteral("activities")});
    EXPECT_EQ(r.exitCode, 1) << r;
    EXPECT_FALSE(r.err.isEmpty()) << r;
    EXPECT_TRUE(r.out.isEmpty()) << r;
}

TEST_F(cliErrors, HelpForTheProgramAndEveryCommand)
{
    const CliResult program = cli({QStringLiteral("--help")});
    ASSERT_EQ(program.exitCode, 0) << program;
    const QStringList commands{
        QStringLiteral("add"),         QStringLiteral("activities"),   QStringLiteral("pmc"),
        QStringLiteral("analyze"),     QStringLiteral("volume"),       QStringLiteral("distribution"),
        QStringLiteral("heatmap"),     QStringLiteral("athlete set"),  QStringLiteral("athlete show"),
        QStringLiteral("athlete add"), QStringLiteral("athlete list"), QStringLiteral("settings show"),
        QStringLiteral("settings set")};
    for (const QString& command : commands) {
        EXPECT_TRUE(program.out.contains(command)) << command.toStdString();
        const CliResult help = cli(command.split(QLatin1Char(' ')) + QStringList{QStringLiteral("--help")});
        EXPECT_EQ(help.exitCode, 0) << help;
        EXPECT_TRUE(help.out.contains(QStringLiteral("Usage: tricoach-cli ") + command)) << help;
        EXPECT_TRUE(help.err.isEmpty()) << help;
    }
    const CliResult addHelp = cli({QStringLiteral("add"), QStringLiteral("--help")});
    for (const char* option : {"--date", "--sport", "--duration-min", "--distance-km", "--tss", "--rpe", "--title",
                               "--notes", "--sub-sport", "--avg-hr", "--avg-power"})
        EXPECT_TRUE(addHelp.out.contains(QLatin1String(option))) << option;
    // Help never touches the database.
    EXPECT_FALSE(QFile::exists(dbPath()));
}

} // namespace
} // namespace tricoach::test

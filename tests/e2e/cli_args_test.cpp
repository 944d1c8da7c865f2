// The command-line parser of tricoach-cli, in-process (app/cli/args.h), with a small command table of its
// own.
#include "app/cli/args.h"
#include "app/cli/cli.h"

#include <QTextStream>

#include <gtest/gtest.h>
#include <ostream>
#include <vector>

inline void PrintTo(const QString& s, std::ostream* os)
{
    *os << '"' << s.toStdString() << '"';
}

namespace tricoach::cli {
namespace {

std::vector<CommandSpec> table()
{
    return {
        {QStringLiteral("add"),
         {},
         QStringLiteral("add"),
         {},
         0,
         0,
         {{QStringLiteral("date"), QStringLiteral("YYYY-MM-DD"), {}},
          {QStringLiteral("title"), QStringLiteral("TEXT"), {}},
          {QStringLiteral("dry-run"), {}, {}},
          {QStringLiteral("tag"), QStringLiteral("TAG"), {}, true}},
         {}},
        {QStringLiteral("athlete"), QStringLiteral("add"), QStringLiteral("add"), QStringLiteral("NAME"), 1, 1, {}, {}},
        {QStringLiteral("athlete"), QStringLiteral("list"), QStringLiteral("list"), {}, 0, 0, {}, {}},
    };
}

QStringList args(const std::vector<const char*>& items)
{
    QStringList out;
    for (const char* i : items)
        out << QString::fromUtf8(i);
    return out;
}

Error errorOf(const std::vector<const char*>& items)
{
    const auto commands = table();
    auto r = parseCommandLine(args(items), commands);
    EXPECT_FALSE(r.ok());
    return r.ok() ? Error{} : r.error();
}

TEST(cliArgs, GlobalOptionsBeforeAndAfterTheCommand)
{
    const auto commands = table();
    auto r = parseCommandLine(
        args({"--db", "/tmp/x.sqlite", "add", "--date", "2024-06-01", "--json", "--athlete=Anna"}), commands);
    ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
    EXPECT_EQ(r->global.db, QStringLiteral("/tmp/x.sqlite"));
    EXPECT_EQ(r->global.athlete, QStringLiteral("Anna"));
    EXPECT_TRUE(r->global.json);
    ASSERT_NE(r->command, nullptr);
    EXPECT_EQ(r->command->name, QStringLiteral("add"));
    EXPECT_EQ(r->value(QStringLiteral("date")), QStringLiteral("2024-06-01"));
}

TEST(cliArgs, InlineValuesFlagsAndRepeatableOptions)
{
    const auto commands = table();
    auto r = parseCommandLine(args({"add", "--title=Long run", "--dry-run", "--tag", "a", "--tag=b"}), commands);
    ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
    EXPECT_EQ(r->value(QStringLiteral("title")), QStringLiteral("Long run"));
    EXPECT_TRUE(r->has(QStringLiteral("dry-run")));
    EXPECT_EQ(r->values(QStringLiteral("tag")), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    EXPECT_FALSE(r->has(QStringLiteral("date")));
}

TEST(cliArgs, ValuesMayLookNegative)
{
    const auto commands = table();
    auto r = parseCommandLine(args({"add", "--title", "-5"}), commands);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->value(QStringLiteral("title")), QStringLiteral("-5"));
}

TEST(cliArgs, SubCommandsAndPositionals)
{
    const auto commands = table();
    auto r = parseCommandLine(args({"athlete", "add", "Anna"}), commands);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->command->fullName(), QStringLiteral("athlete add"));
    EXPECT_EQ(r->positionals, QStringList{QStringLiteral("Anna")});
    // A name that starts with dashes after "--".
    r = parseCommandLine(args({"athlete", "add", "--", "--odd"}), commands);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->positionals, QStringList{QStringLiteral("--odd")});
}

TEST(cliArgs, UsageErrorsAreMarkedAndSayWhatIsWrong)
{
    struct Case {
        std::vector<const char*> args;
        const char* mention;
    };
    const Case cases[] = {
        {{"frobnicate"}, "frobnicate"},
        {{}, "no command"},
        {{"add", "--colour", "red"}, "--colour"},
        {{"add", "--date"}, "--date"},
        {{"add", "--date", "--title", "x"}, "--date"},
        {{"add", "--dry-run=yes"}, "--dry-run"},
        {{"add", "--title", "a", "--title", "b"}, "more than once"},
        {{"add", "stray"}, "stray"},
        {{"athlete"}, "sub-command"},
        {{"athlete", "remove"}, "remove"},
        {{"athlete", "add"}, "NAME"},
        {{"athlete", "add", "a", "b"}, "\"b\""},
        {{"--date", "2024-06-01", "add"}, "--date"},
        {{"--db"}, "--db"},
        {{"--json=1", "add"}, "--json"},
    };
    for (const Case& c : cases) {
        const Error e = errorOf(c.args);
        EXPECT_TRUE(isUsageError(e)) << c.mention;
        EXPECT_TRUE(e.message.contains(QLatin1String(c.mention))) << c.mention << ": " << e.message.toStdString();
    }
}

TEST(cliArgs, HelpNeedsOnlyTheCommandWords)
{
    const auto commands = table();
    auto r = parseCommandLine(args({"add", "--bogus", "--help"}), commands);
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->global.help);
    EXPECT_EQ(r->command->name, QStringLiteral("add"));
    r = parseCommandLine(args({"help", "athlete"}), commands);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->command, nullptr);
    EXPECT_EQ(r->helpTopic, QStringLiteral("athlete"));
    r = parseCommandLine(args({"-h"}), commands);
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->global.help);
    EXPECT_FALSE(parseCommandLine(args({"nope", "--help"}), commands).ok());
}

TEST(cliArgs, Dates)
{
    EXPECT_EQ(*parseDate(QStringLiteral("d"), QStringLiteral("2024-02-29")), QDate(2024, 2, 29));
    for (const char* bad : {"2023-02-29", "2024-2-29", "24-02-29", "2024/02/29", "", "2024-02-29T10:00"})
        EXPECT_FALSE(parseDate(QStringLiteral("d"), QLatin1String(bad)).ok()) << bad;
}

TEST(cliArgs, NumbersAndPaces)
{
    EXPECT_DOUBLE_EQ(*parseNumber(QStringLiteral("n"), QStringLiteral("12.5")), 12.5);
    EXPECT_FALSE(parseNumber(QStringLiteral("n"), QStringLiteral("12,5")).ok());
    EXPECT_FALSE(parseNumber(QStringLiteral("n"), QStringLiteral("nan")).ok());
    EXPECT_FALSE(parseNumber(QStringLiteral("n"), QStringLiteral("inf")).ok());
    EXPECT_EQ(*parseInteger(QStringLiteral("n"), QStringLiteral("7"), 1, 10), 7);
    EXPECT_FALSE(parseInteger(QStringLiteral("n"), QStringLiteral("11"), 1, 10).ok());
    EXPECT_FALSE(parseInteger(QStringLiteral("n"), QStringLiteral("7.5"), 1, 10).ok());
    EXPECT_DOUBLE_EQ(*parseMinutesSeconds(QStringLiteral("p"), QStringLiteral("4:10")), 250);
    EXPECT_DOUBLE_EQ(*parseMinutesSeconds(QStringLiteral("p"), QStringLiteral("01:45")), 105);
    EXPECT_DOUBLE_EQ(*parseMinutesSeconds(QStringLiteral("p"), QStringLiteral("1:45.5")), 105.5);
    for (const char* bad : {"4:60", "4", "4:5", "0:00", "-4:10", "a:bc", "4:10:00"})
        EXPECT_FALSE(parseMinutesSeconds(QStringLiteral("p"), QLatin1String(bad)).ok()) << bad;
}

TEST(cliArgs, OptionReaderKeepsTheFirstError)
{
    const auto commands = table();
    auto r = parseCommandLine(args({"add", "--date", "2024-99-01", "--title", "x"}), commands);
    ASSERT_TRUE(r.ok());
    OptionReader reader(*r);
    EXPECT_FALSE(reader.date(QStringLiteral("date")).has_value());
    EXPECT_FALSE(reader.require(QStringLiteral("tag")));
    ASSERT_FALSE(reader.ok());
    EXPECT_TRUE(reader.error().message.contains(QStringLiteral("2024-99-01")));
    EXPECT_TRUE(isUsageError(reader.error()));
}

// runCli in-process: usage errors never reach the store.
TEST(cliArgs, RunCliReportsUsageErrorsWithAHint)
{
    QString out;
    QString err;
    QTextStream outStream(&out);
    QTextStream errStream(&err);
    EXPECT_EQ(runCli(args({"pmc", "--from", "someday"}), outStream, errStream), 2);
    EXPECT_TRUE(out.isEmpty());
    EXPECT_TRUE(err.contains(QStringLiteral("someday")));
    EXPECT_TRUE(err.contains(QStringLiteral("tricoach-cli pmc --help")));
}

} // namespace
} // namespace tricoach::cli

// What reaches a terminal: control characters from titles, names and file names are made visible, never obeyed.
#include "app/cli/terminal.h"
#include "tests/e2e/clitest.h"

#include <QTextStream>

#include <cstdio>

using namespace tricoach::cli;

namespace {

// Writes `chunks` through a TerminalSafeDevice into a temporary file and returns what arrived.
QByteArray throughDevice(const std::vector<QByteArray>& chunks)
{
    std::FILE* file = std::tmpfile();
    EXPECT_NE(file, nullptr);
    if (!file)
        return {};
    {
        TerminalSafeDevice device(file);
        for (const QByteArray& c : chunks)
            EXPECT_EQ(device.write(c), c.size());
    }
    std::rewind(file);
    QByteArray out;
    char buffer[256];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, file)) > 0;)
        out.append(buffer, static_cast<qsizetype>(n));
    std::fclose(file);
    return out;
}

} // namespace

TEST(TerminalText, TableCellsStayOnOneLineAndShowControls)
{
    EXPECT_EQ(singleLine(QStringLiteral("Morning\nRun")), QStringLiteral("Morning Run"));
    EXPECT_EQ(singleLine(QStringLiteral("a\r\tb")), QStringLiteral("a  b"));
    EXPECT_EQ(singleLine(QStringLiteral("\x1b[2Jgone")), QStringLiteral("^[[2Jgone"));
    EXPECT_EQ(singleLine(QStringLiteral("ride\u202Egnp.exe")), QStringLiteral("ride\uFFFDgnp.exe"));
    EXPECT_EQ(singleLine(QStringLiteral("Über Köln · 5 km")), QStringLiteral("Über Köln · 5 km"));
}

TEST(TerminalText, TheDeviceDefusesEscapeSequencesButKeepsText)
{
    const QByteArray text = QStringLiteral("Lauf über 10 km — 42:10\n").toUtf8();
    EXPECT_EQ(throughDevice({text}), text);
    EXPECT_EQ(throughDevice({QByteArray("a\x1b]0;owned\x07z\n")}), QByteArray("a^[]0;owned^Gz\n"));
    EXPECT_EQ(throughDevice({QByteArray("over\rwrite\n")}), QByteArray("over^Mwrite\n"));
    // C1 controls (U+009B is a one-byte CSI on some terminals) and bidi overrides.
    EXPECT_EQ(throughDevice({QStringLiteral("x\u009B31my\u202Ez").toUtf8()}),
              QStringLiteral("x\uFFFD31my\uFFFDz").toUtf8());
    // Invalid UTF-8 never reaches the terminal raw.
    EXPECT_EQ(throughDevice({QByteArray("a\xff\xc3(b")}), QByteArray("a\xEF\xBF\xBD\xEF\xBF\xBD(b"));
}

TEST(TerminalText, ACharacterSplitAcrossWritesArrivesWhole)
{
    const QByteArray dash = QStringLiteral("—").toUtf8(); // three bytes
    EXPECT_EQ(throughDevice({QByteArray("a") + dash.left(1), dash.mid(1, 1), dash.mid(2) + QByteArray("b")}),
              QByteArray("a") + dash + QByteArray("b"));
    const QByteArray override = QStringLiteral("\u202E").toUtf8();
    EXPECT_EQ(throughDevice({override.left(2), override.mid(2)}), QByteArray("\xEF\xBF\xBD"));
}

namespace tricoach::test {

using cliTerminal = CliTest;

TEST_F(cliTerminal, ATitleWithALineBreakAndEscapesPrintsOneRow)
{
    const QString title = QStringLiteral("Tempo\n2024-01-01  Run  fake row\x1b[2J\x1b]0;pwned\x07");
    const CliResult added = cli({QStringLiteral("add"), QStringLiteral("--date"), QStringLiteral("2024-06-01"),
                                 QStringLiteral("--sport"), QStringLiteral("Run"), QStringLiteral("--duration-min"),
                                 QStringLiteral("30"), QStringLiteral("--title"), title});
    ASSERT_EQ(added.exitCode, 0) << added;
    const CliResult listed = cli({QStringLiteral("activities")});
    ASSERT_EQ(listed.exitCode, 0) << listed;
    EXPECT_EQ(listed.out.count(QLatin1Char('\n')), 3) << "header, rule and one row\n" << listed;
    EXPECT_FALSE(listed.out.contains(QChar(0x1b))) << listed;
    EXPECT_FALSE(listed.out.contains(QChar(0x07))) << listed;
    EXPECT_TRUE(listed.out.contains(QLatin1String("^[[2J"))) << listed;
    // The title is kept as typed; JSON carries it escaped, as JSON does.
    const QJsonArray json = cli({QStringLiteral("activities"), QStringLiteral("--json")}).array();
    ASSERT_EQ(json.size(), 1);
    EXPECT_EQ(json.at(0).toObject().value(QStringLiteral("title")).toString(), title);

    // Messages on stderr (a missing file whose name carries escapes) are defused too.
    const CliResult missing = cli({QStringLiteral("import"), pathFor(QStringLiteral("run\x1b[31m.fit"))});
    EXPECT_NE(missing.exitCode, 0) << missing;
    EXPECT_FALSE(missing.err.contains(QChar(0x1b))) << missing;
}

} // namespace tricoach::test

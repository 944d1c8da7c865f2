// A healthy database the program may not write to: it must be told apart from a damaged one, and the advice must
// never be to throw it away.
#include "core/store/activitystore.h"
#include "tests/e2e/clitest.h"

#include <QFile>

#include <unistd.h>

using namespace tricoach;
using namespace tricoach::test;

namespace {

class cliDatabaseAccess : public CliTest {
protected:
    // tricoach-cli --db <db> args as an unprivileged user: root writes anywhere, whatever the permissions say, so
    // under root the program runs as "nobody" (setpriv, util-linux).
    CliResult cliUnprivileged(const QString& db, const QStringList& args) const
    {
        QProcess p;
        QStringList all{QStringLiteral("--db"), db};
        all += args;
        if (::geteuid() == 0) {
            all.prepend(QStringLiteral(TRICOACH_CLI_PATH));
            all = QStringList{QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                              QStringLiteral("--clear-groups")} +
                  all;
            p.start(QStringLiteral("setpriv"), all);
        } else {
            p.start(QStringLiteral(TRICOACH_CLI_PATH), all);
        }
        CliResult r;
        if (!p.waitForFinished(60'000))
            return r;
        r.exitCode = p.exitCode();
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }

    // A database with two activities in its own folder, which the unprivileged user can read but not write.
    QString readOnlyDatabase()
    {
        const QString folder = pathFor(QStringLiteral("readonly"));
        const QString db = folder + QStringLiteral("/tricoach.sqlite");
        const QStringList add{QStringLiteral("add"), QStringLiteral("--sport"), QStringLiteral("Run"),
                              QStringLiteral("--duration-min"), QStringLiteral("40")};
        EXPECT_EQ(run(QStringList{QStringLiteral("--db"), db} + add +
                      QStringList{QStringLiteral("--date"), QStringLiteral("2024-05-01")})
                      .exitCode,
                  0);
        EXPECT_EQ(run(QStringList{QStringLiteral("--db"), db} + add +
                      QStringList{QStringLiteral("--date"), QStringLiteral("2024-05-02")})
                      .exitCode,
                  0);
        const auto readAndEnter = QFile::ReadOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup |
                                  QFile::ReadOther | QFile::ExeOther;
        QFile::setPermissions(m_dir.path(), readAndEnter | QFile::WriteOwner);
        QFile::setPermissions(folder, readAndEnter);
        QFile::setPermissions(db, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
        return db;
    }

    void TearDown() override
    {
        // Writable again, so the temporary folder can be removed.
        QFile::setPermissions(pathFor(QStringLiteral("readonly")),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
};

} // namespace

TEST_F(cliDatabaseAccess, AHealthyDatabaseInAReadOnlyFolderIsNotCalledDamaged)
{
    const QString db = readOnlyDatabase();
    const CliResult r = cliUnprivileged(db, {QStringLiteral("activities")});
    ASSERT_NE(r.exitCode, -1) << "could not run the CLI unprivileged: " << r;
    EXPECT_EQ(r.exitCode, 1) << r;
    EXPECT_TRUE(r.err.contains(QLatin1String("not writable"))) << r;
    EXPECT_TRUE(r.err.contains(QLatin1String("-wal"))) << r;
    for (const char* wrong : {"not a TriCoach database", "damaged", "encrypted", "move this one away", "new database"})
        EXPECT_FALSE(r.err.contains(QLatin1String(wrong))) << wrong << '\n' << r;

    // Untouched: with the folder writable again, everything is there.
    QFile::setPermissions(pathFor(QStringLiteral("readonly")), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    const CliResult listed = run({QStringLiteral("--db"), db, QStringLiteral("activities"), QStringLiteral("--json")});
    ASSERT_EQ(listed.exitCode, 0) << listed;
    EXPECT_EQ(listed.array().size(), 2);
}

TEST_F(cliDatabaseAccess, AReadOnlyDatabaseFileSaysSo)
{
    const QString db = readOnlyDatabase();
    // The folder is writable but the file is not.
    QFile::setPermissions(pathFor(QStringLiteral("readonly")), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                                                   QFile::ReadOther | QFile::WriteOther |
                                                                   QFile::ExeOther);
    const CliResult r = cliUnprivileged(db, {QStringLiteral("activities")});
    ASSERT_NE(r.exitCode, -1) << r;
    EXPECT_EQ(r.exitCode, 1) << r;
    EXPECT_TRUE(r.err.contains(QLatin1String("read-only"))) << r;
    EXPECT_FALSE(r.err.contains(QLatin1String("damaged"))) << r;
}

TEST_F(cliDatabaseAccess, ANewDatabaseInAReadOnlyFolderSaysWhy)
{
    const QString folder = pathFor(QStringLiteral("readonly"));
    ASSERT_TRUE(QDir().mkpath(folder));
    QFile::setPermissions(m_dir.path(),
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther | QFile::ExeOther);
    QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner | QFile::ReadOther | QFile::ExeOther);
    const CliResult r = cliUnprivileged(folder + QStringLiteral("/tricoach.sqlite"), {QStringLiteral("activities")});
    ASSERT_NE(r.exitCode, -1) << r;
    EXPECT_EQ(r.exitCode, 1) << r;
    EXPECT_TRUE(r.err.contains(QLatin1String("not writable"))) << r;
}

#pragma once
// Runs the real tricoach-cli binary against a database in the test's temporary folder.

#include "tests/support/tempdir.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

#include <gtest/gtest.h>
#include <ostream>

// Readable QString values in assertion messages.
inline void PrintTo(const QString& s, std::ostream* os)
{
    *os << '"' << s.toStdString() << '"';
}

namespace tricoach::test {

struct CliResult {
    int exitCode = -1;
    QString out;
    QString err;

    // stdout parsed as JSON; a parse failure is a test failure and yields null.
    QJsonValue json() const
    {
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(out.toUtf8(), &error);
        EXPECT_EQ(error.error, QJsonParseError::NoError) << error.errorString().toStdString() << "\n"
                                                         << out.toStdString();
        if (doc.isArray())
            return doc.array();
        if (doc.isObject())
            return doc.object();
        return {};
    }
    QJsonArray array() const { return json().toArray(); }
    QJsonObject object() const { return json().toObject(); }
};

inline std::ostream& operator<<(std::ostream& os, const CliResult& r)
{
    return os << "exit " << r.exitCode << "\n--- stdout\n"
              << r.out.toStdString() << "--- stderr\n"
              << r.err.toStdString();
}

// Suites built on this are named cli* (aliases of the fixture) so that `ctest -R cli` selects them.
class CliTest : public TempDirTest {
protected:
    QString dbPath() const { return pathFor(QStringLiteral("tricoach.sqlite")); }

    // tricoach-cli --db <temp db> args...
    CliResult cli(const QStringList& args, const QProcessEnvironment& env = {}) const
    {
        return run(QStringList{QStringLiteral("--db"), dbPath()} + args, env);
    }

    // tricoach-cli args..., with HOME and the XDG folders inside the temp folder so nothing real is touched.
    CliResult run(const QStringList& args, const QProcessEnvironment& extraEnv = {}) const
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), pathFor(QStringLiteral("home")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), pathFor(QStringLiteral("home/data")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), pathFor(QStringLiteral("home/config")));
        env.insert(extraEnv);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(TRICOACH_CLI_PATH), args);
        CliResult r;
        if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit) {
            ADD_FAILURE() << "tricoach-cli did not finish normally: " << p.errorString().toStdString();
            p.kill();
            p.waitForFinished();
            return r;
        }
        r.exitCode = p.exitCode();
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }

    // add ... --json; returns the printed object (and fails the test unless it succeeded).
    QJsonObject add(const QStringList& args) const
    {
        const CliResult r = cli(QStringList{QStringLiteral("add")} + args + QStringList{QStringLiteral("--json")});
        EXPECT_EQ(r.exitCode, 0) << r;
        return r.object();
    }

    // add --date D --sport S --duration-min M --tss T
    QJsonObject addLoad(const QString& date, double tss, const QString& sport = QStringLiteral("Run"),
                        double minutes = 60) const
    {
        return add({QStringLiteral("--date"), date, QStringLiteral("--sport"), sport, QStringLiteral("--duration-min"),
                    QString::number(minutes), QStringLiteral("--tss"), QString::number(tss)});
    }
};

} // namespace tricoach::test

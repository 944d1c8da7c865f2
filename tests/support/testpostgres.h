#pragma once

#include <QString>

#include <memory>
#include <mutex>
#include <string>

typedef struct pg_conn PGconn;

namespace tricoach::test {

// A real PostgreSQL server from Debian's packages (initdb, pg_ctl) for tests: a throwaway data folder, a free
// loopback port, fsync off. Run as the `postgres` user when the tests run as root (CI), as PostgreSQL refuses root.
//
// One server per test run: `ctest` starts it once through a fixture (`test_postgres start DIR`, and
// TRICOACH_TEST_POSTGRES=DIR in the tests' environment); a test binary run by hand starts its own on first use and
// stops it at exit (PostgresEnvironment). Each test takes a fresh database (createDatabase()).
class TestPostgres {
public:
    // The server for this process, started on first use; nullptr after a failure (startError() says why,
    // naming the package to install when the binaries are missing).
    static TestPostgres* shared();
    static QString startError();
    static void stopShared(); // stops a server this process started (never the fixture's)

    // The fixture's two commands: start a server in `folder` (stopping and wiping what a killed run left there),
    // and stop it. Empty on success, else what went wrong.
    static QString startIn(const QString& folder);
    static QString stopIn(const QString& folder);

    ~TestPostgres();

    int port() const { return m_port; }
    // A fresh empty database, and its url (postgresql://postgres@127.0.0.1:PORT/NAME).
    std::string createDatabase();
    void dropDatabase(const std::string& url);
    // Runs `sql` as the superuser in the maintenance database; empty on success, else the error.
    std::string adminExec(const std::string& sql);
    // Ends the backends connected to the database of `url` (optionally those of one application_name); how many.
    int terminateBackends(const std::string& url, const std::string& applicationName = {});
    static std::string databaseOf(const std::string& url);
    // Runs `sql` on its own connection to `url`; empty on success, else the error.
    static std::string execIn(const std::string& url, const std::string& sql);

private:
    TestPostgres(QString folder, int port, bool owned);

    QString m_folder;
    int m_port = 0;
    bool m_owned = false; // started by this process: stopped by it
    std::mutex m_mutex;
    PGconn* m_admin = nullptr;
    int m_databases = 0;
};

} // namespace tricoach::test

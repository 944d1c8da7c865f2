#include "tests/support/testpostgres.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTcpServer>

#include <libpq-fe.h>
#include <signal.h>
#include <unistd.h>

namespace tricoach::test {

namespace {

const char* const kMissing = "PostgreSQL's server programs are missing (/usr/lib/postgresql/*/bin/initdb): install "
                             "the Debian package postgresql (make test installs it)";

// The newest installed server's bin folder, or empty.
QString serverBin()
{
    const QDir root(QStringLiteral("/usr/lib/postgresql"));
    QStringList versions = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(versions.begin(), versions.end(),
              [](const QString& a, const QString& b) { return a.toInt() > b.toInt(); });
    for (const QString& v : versions) {
        const QString bin = root.filePath(v + QStringLiteral("/bin"));
        if (QFile::exists(bin + QStringLiteral("/initdb")) && QFile::exists(bin + QStringLiteral("/pg_ctl")))
            return bin;
    }
    return {};
}

struct Run {
    bool ok = false;
    QString output;
};

// Runs a server program, as `postgres` when we are root (PostgreSQL will not run as root).
Run runServerProgram(const QString& program, const QStringList& args, int timeoutMs = 60'000)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    if (::geteuid() == 0)
        p.start(QStringLiteral("runuser"),
                QStringList{QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"), program} + args);
    else
        p.start(program, args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return {false, program + QStringLiteral(" did not finish: ") + QString::fromLocal8Bit(p.readAll())};
    }
    return {p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, QString::fromLocal8Bit(p.readAll())};
}

bool chownToPostgres(const QString& path)
{
    if (::geteuid() != 0)
        return true;
    QProcess p;
    p.start(QStringLiteral("chown"), {QStringLiteral("-R"), QStringLiteral("postgres:postgres"), path});
    return p.waitForFinished() && p.exitCode() == 0;
}

int freeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

QString dataOf(const QString& folder)
{
    return folder + QStringLiteral("/data");
}

// Where servers of test binaries run by hand live: one folder per process id, so leftovers of killed runs are
// recognised (their process is gone) and cleaned up.
QString privateRoot()
{
    return QDir::tempPath() + QStringLiteral("/tricoach-test-postgres");
}

void cleanUpAbandoned()
{
    const QDir root(privateRoot());
    for (const QString& name : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool isPid = false;
        const int pid = name.toInt(&isPid);
        if (isPid && pid > 0 && ::kill(pid, 0) != 0 && errno == ESRCH)
            TestPostgres::stopIn(root.filePath(name));
    }
}

std::mutex gSharedMutex;
std::unique_ptr<TestPostgres> gShared;
QString gStartError;
bool gTried = false;

} // namespace

QString TestPostgres::startIn(const QString& folder)
{
    const QString bin = serverBin();
    if (bin.isEmpty())
        return QString::fromLatin1(kMissing);
    stopIn(folder); // a server or a data folder a killed run left behind
    if (!QDir().mkpath(dataOf(folder)) || !chownToPostgres(folder))
        return QStringLiteral("cannot create %1 for PostgreSQL").arg(folder);
    QFile::setPermissions(dataOf(folder), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    const Run init = runServerProgram(bin + QStringLiteral("/initdb"),
                                      {QStringLiteral("-D"), dataOf(folder), QStringLiteral("-U"),
                                       QStringLiteral("postgres"), QStringLiteral("-A"), QStringLiteral("trust"),
                                       QStringLiteral("-E"), QStringLiteral("UTF8"), QStringLiteral("--locale=C"),
                                       QStringLiteral("--no-sync"), QStringLiteral("--no-instructions")});
    if (!init.ok)
        return QStringLiteral("initdb failed: ") + init.output;
    QString lastError;
    for (int attempt = 0; attempt < 3; ++attempt) {
        const int port = freeLoopbackPort();
        const QString options = QStringLiteral("-p %1 -k %2 -c listen_addresses=127.0.0.1 -c fsync=off "
                                               "-c synchronous_commit=off -c full_page_writes=off "
                                               "-c max_connections=400 -c shared_buffers=32MB")
                                    .arg(port)
                                    .arg(dataOf(folder));
        const Run start = runServerProgram(bin + QStringLiteral("/pg_ctl"),
                                           {QStringLiteral("-D"), dataOf(folder), QStringLiteral("-l"),
                                            dataOf(folder) + QStringLiteral("/server.log"), QStringLiteral("-w"),
                                            QStringLiteral("-t"), QStringLiteral("60"), QStringLiteral("-o"), options,
                                            QStringLiteral("start")});
        if (start.ok) {
            QFile portFile(folder + QStringLiteral("/port"));
            if (!portFile.open(QIODevice::WriteOnly))
                return QStringLiteral("cannot write ") + portFile.fileName();
            portFile.write(QByteArray::number(port));
            return {};
        }
        lastError = start.output; // most likely the port was taken meanwhile: another one
    }
    return QStringLiteral("pg_ctl start failed: ") + lastError;
}

QString TestPostgres::stopIn(const QString& folder)
{
    const QString bin = serverBin();
    if (!bin.isEmpty() && QFile::exists(dataOf(folder) + QStringLiteral("/postmaster.pid")))
        runServerProgram(bin + QStringLiteral("/pg_ctl"),
                         {QStringLiteral("-D"), dataOf(folder), QStringLiteral("-m"), QStringLiteral("immediate"),
                          QStringLiteral("-w"), QStringLiteral("stop")});
    if (QFile::exists(folder) && !QDir(folder).removeRecursively())
        return QStringLiteral("cannot remove ") + folder;
    return {};
}

TestPostgres* TestPostgres::shared()
{
    std::lock_guard lock(gSharedMutex);
    if (gTried)
        return gShared.get();
    gTried = true;
    const QString fixture = qEnvironmentVariable("TRICOACH_TEST_POSTGRES");
    if (!fixture.isEmpty()) {
        QFile portFile(fixture + QStringLiteral("/port"));
        if (!portFile.open(QIODevice::ReadOnly)) {
            gStartError = QStringLiteral("TRICOACH_TEST_POSTGRES names %1, where no test PostgreSQL runs (did the "
                                         "ctest fixture syncstore.postgres.start run?)")
                              .arg(fixture);
            return nullptr;
        }
        gShared.reset(new TestPostgres(fixture, portFile.readAll().trimmed().toInt(), false));
    } else {
        cleanUpAbandoned();
        const QString folder = privateRoot() + QLatin1Char('/') + QString::number(::getpid());
        QDir().mkpath(privateRoot());
        chownToPostgres(privateRoot());
        gStartError = startIn(folder);
        if (!gStartError.isEmpty())
            return nullptr;
        QFile portFile(folder + QStringLiteral("/port"));
        portFile.open(QIODevice::ReadOnly);
        gShared.reset(new TestPostgres(folder, portFile.readAll().trimmed().toInt(), true));
    }
    if (gShared->adminExec("SELECT 1").empty())
        return gShared.get();
    gStartError = QStringLiteral("the test PostgreSQL does not answer");
    gShared.reset();
    return nullptr;
}

QString TestPostgres::startError()
{
    std::lock_guard lock(gSharedMutex);
    return gStartError;
}

void TestPostgres::stopShared()
{
    std::lock_guard lock(gSharedMutex);
    gShared.reset();
}

TestPostgres::TestPostgres(QString folder, int port, bool owned)
    : m_folder(std::move(folder))
    , m_port(port)
    , m_owned(owned)
{
}

TestPostgres::~TestPostgres()
{
    PQfinish(m_admin);
    if (m_owned)
        stopIn(m_folder);
}

std::string TestPostgres::adminExec(const std::string& sql)
{
    std::lock_guard lock(m_mutex);
    if (!m_admin || PQstatus(m_admin) != CONNECTION_OK) {
        PQfinish(m_admin);
        const std::string url = "postgresql://postgres@127.0.0.1:" + std::to_string(m_port) + "/postgres";
        m_admin = PQconnectdb(url.c_str());
        if (PQstatus(m_admin) != CONNECTION_OK)
            return std::string("cannot connect to the test PostgreSQL: ") + PQerrorMessage(m_admin);
    }
    PGresult* res = PQexec(m_admin, sql.c_str());
    const auto status = PQresultStatus(res);
    std::string error;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        error = PQresultErrorMessage(res);
    PQclear(res);
    return error;
}

std::string TestPostgres::createDatabase()
{
    int n;
    {
        std::lock_guard lock(m_mutex);
        n = ++m_databases;
    }
    // template0: nobody connects to it, so parallel test processes can copy it at once.
    const std::string name = "t" + std::to_string(::getpid()) + "_" + std::to_string(n);
    const std::string error = adminExec("CREATE DATABASE " + name + " TEMPLATE template0");
    if (!error.empty())
        return {};
    return "postgresql://postgres@127.0.0.1:" + std::to_string(m_port) + "/" + name;
}

std::string TestPostgres::databaseOf(const std::string& url)
{
    const auto slash = url.rfind('/');
    return slash == std::string::npos ? std::string() : url.substr(slash + 1);
}

std::string TestPostgres::execIn(const std::string& url, const std::string& sql)
{
    PGconn* conn = PQconnectdb(url.c_str());
    std::string error;
    if (PQstatus(conn) != CONNECTION_OK) {
        error = PQerrorMessage(conn);
    } else {
        PGresult* res = PQexec(conn, sql.c_str());
        const auto status = PQresultStatus(res);
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
            error = PQresultErrorMessage(res);
        PQclear(res);
    }
    PQfinish(conn);
    return error;
}

void TestPostgres::dropDatabase(const std::string& url)
{
    const std::string name = databaseOf(url);
    if (!name.empty())
        adminExec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
}

int TestPostgres::terminateBackends(const std::string& url, const std::string& applicationName)
{
    // Names are ours (t<pid>_<n>, fixed application names): no quoting needed beyond the literal's quotes.
    std::string sql = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + databaseOf(url) +
                      "' AND pid <> pg_backend_pid()";
    if (!applicationName.empty())
        sql += " AND application_name = '" + applicationName + "'";
    if (!adminExec("SELECT 1").empty())
        return -1;
    std::lock_guard lock(m_mutex);
    PGresult* res = PQexec(m_admin, sql.c_str());
    const int n = PQresultStatus(res) == PGRES_TUPLES_OK ? PQntuples(res) : -1;
    PQclear(res);
    return n;
}

} // namespace tricoach::test

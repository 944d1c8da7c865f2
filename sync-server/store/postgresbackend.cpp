#include "sync-server/store/postgresbackend.h"

#include "sync-server/store/migrations.h"

#include <cstdlib>
#include <cstring>
#include <libpq-fe.h>
#include <string_view>
#include <unordered_map>

namespace tricoach::sync::detail {

namespace {

// PostgreSQL's type oids (pg_type.dat) of the columns the store reads.
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kByteaOid = 17;

// SQLSTATE classes (PostgreSQL's errcodes.txt) to the store's codes.
QLatin1String codeFor(const char* sqlstate, bool connectionLost)
{
    if (connectionLost || !sqlstate)
        return kStoreUnavailable;
    const std::string_view s(sqlstate);
    if (s == "23505")
        return kStoreConflict; // unique_violation
    if (s == "23503")
        return kStoreNotFound; // foreign_key_violation: it names a row that is not there
    if (s == "22021" || s == "22P05")
        return kStoreInvalid; // bad UTF-8, untranslatable character
    if (s.starts_with("08") || s.starts_with("53") || s.starts_with("57") || s == "40001" || s == "40P01")
        return kStoreUnavailable; // connection, resources, shutdown/terminated, serialization: try again
    return kStoreFailed;
}

class PgConnection final : public SqlConnection {
public:
    explicit PgConnection(PGconn* conn)
        : m_conn(conn)
    {
    }
    ~PgConnection() override { PQfinish(m_conn); }
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;

    SqlRows query(std::string_view sql, const std::vector<SqlValue>& params) override
    {
        const std::size_t n = params.size();
        std::vector<std::string> numbers(n);
        std::vector<const char*> values(n, nullptr);
        std::vector<int> lengths(n, 0);
        std::vector<int> formats(n, 0);
        for (std::size_t i = 0; i < n; ++i) {
            if (const auto* v = std::get_if<std::int64_t>(&params[i])) {
                numbers[i] = std::to_string(*v);
                values[i] = numbers[i].c_str();
            } else if (const auto* s = std::get_if<std::string>(&params[i])) {
                values[i] = s->c_str();
            } else if (const auto* b = std::get_if<Bytes>(&params[i])) {
                values[i] = b->empty() ? "" : reinterpret_cast<const char*>(b->data());
                lengths[i] = static_cast<int>(b->size());
                formats[i] = 1; // binary: bytea as it is
            }
        }
        const std::string& name = prepared(std::string(sql), static_cast<int>(n));
        PGresult* res =
            PQexecPrepared(m_conn, name.c_str(), static_cast<int>(n), values.data(), lengths.data(), formats.data(), 0);
        if (PQresultStatus(res) == PGRES_FATAL_ERROR) {
            // "cached plan must not change result type": another instance changed the schema under the statement;
            // the next call prepares it again.
            const char* state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
            if (state && std::string_view(state) == "0A000")
                forget(std::string(sql));
        }
        return rowsOf(res);
    }

    void script(std::string_view sql) override { rowsOf(PQexec(m_conn, std::string(sql).c_str())); }
    void begin(bool) override { script("BEGIN"); }
    void commit() override { script("COMMIT"); }
    void rollback() noexcept override
    {
        const auto status = PQtransactionStatus(m_conn);
        if (status == PQTRANS_INTRANS || status == PQTRANS_INERROR)
            PQclear(PQexec(m_conn, "ROLLBACK"));
    }
    bool broken() const override { return PQstatus(m_conn) != CONNECTION_OK; }

private:
    // The connection's prepared statement for `sql` (prepared on first use): the server parses and plans each
    // statement once per connection instead of on every call, which on a busy webhook path was most of its work.
    const std::string& prepared(const std::string& sql, int parameters)
    {
        if (const auto it = m_prepared.find(sql); it != m_prepared.end())
            return it->second;
        std::string name = "tricoach_" + std::to_string(++m_statements);
        rowsOf(PQprepare(m_conn, name.c_str(), sql.c_str(), parameters, nullptr));
        return m_prepared.emplace(sql, std::move(name)).first->second;
    }

    void forget(const std::string& sql)
    {
        const auto it = m_prepared.find(sql);
        if (it == m_prepared.end())
            return;
        PQclear(PQexec(m_conn, ("DEALLOCATE " + it->second).c_str()));
        m_prepared.erase(it);
    }

    SqlRows rowsOf(PGresult* res)
    {
        const auto status = PQresultStatus(res);
        if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
            const bool lost = !res || PQstatus(m_conn) != CONNECTION_OK;
            std::string why = res ? PQresultErrorMessage(res) : PQerrorMessage(m_conn);
            if (why.empty())
                why = PQerrorMessage(m_conn);
            while (!why.empty() && (why.back() == '\n' || why.back() == ' '))
                why.pop_back();
            const QLatin1String code = codeFor(res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr, lost);
            PQclear(res);
            throw DbFailure("PostgreSQL: " + why, code);
        }
        SqlRows rows;
        const int count = PQntuples(res);
        const int columns = PQnfields(res);
        rows.reserve(static_cast<std::size_t>(count));
        for (int r = 0; r < count; ++r) {
            SqlRow row;
            row.reserve(static_cast<std::size_t>(columns));
            for (int c = 0; c < columns; ++c)
                row.push_back(value(res, r, c));
            rows.push_back(std::move(row));
        }
        PQclear(res);
        return rows;
    }

    static SqlValue value(PGresult* res, int r, int c)
    {
        if (PQgetisnull(res, r, c))
            return std::monostate{};
        const char* text = PQgetvalue(res, r, c);
        switch (PQftype(res, c)) {
        case kInt8Oid:
        case kInt4Oid:
        case kInt2Oid:
            return std::int64_t{std::strtoll(text, nullptr, 10)};
        case kByteaOid: {
            std::size_t size = 0;
            unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &size);
            if (!raw)
                throw DbFailure("PostgreSQL: out of memory decoding a bytea", kStoreFailed);
            Bytes bytes(raw, raw + size);
            PQfreemem(raw);
            return bytes;
        }
        default:
            return std::string(text, static_cast<std::size_t>(PQgetlength(res, r, c)));
        }
    }

    PGconn* m_conn;
    std::unordered_map<std::string, std::string> m_prepared; // statement text -> its name on this connection
    long m_statements = 0;
};

void ignoreNotice(void*, const char*) {} // "already exists, skipping" and the like are not the operator's business

class PostgresBackend final : public Backend {
public:
    PostgresBackend(std::string url, const StoreOptions& options)
        : m_url(std::move(url))
        , m_options(options)
    {
    }
    ~PostgresBackend() override { m_listener.reset(); }

    std::string name() const override { return "postgresql"; }
    std::unique_ptr<SqlConnection> connect() override
    {
        return std::make_unique<PgConnection>(connectPostgres(m_url, m_options, "tricoach-sync"));
    }
    const std::vector<Migration>& migrations() const override { return postgresqlMigrations(); }
    bool hasTable(SqlConnection& conn, std::string_view table) override
    {
        return intAt(conn.query("SELECT count(*) FROM information_schema.tables WHERE table_schema = "
                                "current_schema() AND table_name = $1",
                                {std::string(table)})
                         .at(0),
                     0) > 0;
    }
    void lockMigrations(SqlConnection& conn) override
    {
        conn.query("SELECT pg_advisory_lock($1, $2)", {std::int64_t{kLockSpace}, std::int64_t{kMigrationLock}});
    }
    void unlockMigrations(SqlConnection& conn) noexcept override
    {
        try {
            conn.query("SELECT pg_advisory_unlock($1, $2)", {std::int64_t{kLockSpace}, std::int64_t{kMigrationLock}});
        } catch (const DbFailure&) {
            // A lost connection released its session's locks already.
        }
    }
    bool migrationsInOneTransaction() const override { return false; }
    void serializeEventInsert(SqlConnection& conn) override
    {
        // Held to COMMIT: the next id is drawn only after this one is visible, so no reader's cursor can pass an
        // id still to commit (a sequence alone hands out ids that commit out of order).
        conn.query("SELECT pg_advisory_xact_lock($1, $2)", {std::int64_t{kLockSpace}, std::int64_t{kEventInsertLock}});
    }
    void announceEvent(SqlConnection& conn, EventId id) override
    {
        conn.query("SELECT pg_notify($1, $2)", {std::string(kEventChannel), std::to_string(id)});
    }
    void startListening(WakeUpHub& hub) override { m_listener = std::make_unique<PgListener>(m_url, m_options, hub); }
    bool wakesInProcess() const override { return false; } // our own NOTIFY comes back through LISTEN

private:
    std::string m_url;
    StoreOptions m_options;
    std::unique_ptr<PgListener> m_listener;
};

} // namespace

PGconn* connectPostgres(const std::string& url, const StoreOptions& options, const char* applicationName)
{
    const std::string timeout = std::to_string(std::max<long long>(1, (options.connectTimeout.count() + 999) / 1000));
    // dbname is expanded from the URI first; the later keywords override what it says.
    const char* keys[] = {"dbname", "connect_timeout", "application_name", "client_encoding", nullptr};
    const char* values[] = {url.c_str(), timeout.c_str(), applicationName, "UTF8", nullptr};
    PGconn* conn = PQconnectdbParams(keys, values, 1);
    if (!conn)
        throw DbFailure("PostgreSQL: out of memory", kStoreUnavailable);
    if (PQstatus(conn) != CONNECTION_OK) {
        std::string why = PQerrorMessage(conn);
        while (!why.empty() && (why.back() == '\n' || why.back() == ' '))
            why.pop_back();
        PQfinish(conn);
        throw DbFailure("Cannot connect to PostgreSQL: " + why, kStoreUnavailable);
    }
    PQsetNoticeProcessor(conn, ignoreNotice, nullptr);
    return conn;
}

std::unique_ptr<Backend> makePostgresBackend(std::string url, const StoreOptions& options)
{
    return std::make_unique<PostgresBackend>(std::move(url), options);
}

} // namespace tricoach::sync::detail

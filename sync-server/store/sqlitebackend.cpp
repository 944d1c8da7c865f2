#include "sync-server/store/sqlitebackend.h"

#include "sync-server/store/migrations.h"

#include <cstdlib>
#include <memory>
#include <mutex>
#include <sqlite3.h>
#include <unordered_map>

namespace tricoach::sync::detail {

namespace {

QLatin1String codeFor(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_FULL:
    case SQLITE_READONLY:
    case SQLITE_PROTOCOL:
        return kStoreUnavailable;
    case SQLITE_CONSTRAINT:
        return rc == SQLITE_CONSTRAINT_FOREIGNKEY ? kStoreNotFound : kStoreConflict;
    default:
        return kStoreFailed;
    }
}

class SqliteConnection final : public SqlConnection {
public:
    SqliteConnection(const std::string& path, const StoreOptions& options, std::shared_ptr<std::timed_mutex> writer)
        : m_writer(std::move(writer))
        , m_busyTimeout(options.busyTimeout)
    {
        const int rc = sqlite3_open_v2(path.c_str(), &m_db,
                                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
        if (rc != SQLITE_OK) {
            const std::string why = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
            sqlite3_close(m_db);
            m_db = nullptr;
            throw DbFailure("Cannot open the database file " + path + ": " + why, kStoreUnavailable);
        }
        sqlite3_extended_result_codes(m_db, 1);
        sqlite3_busy_timeout(m_db, static_cast<int>(options.busyTimeout.count()));
        try {
            // WAL: readers never wait for the writer, and a commit is one append (sqlite.org/wal.html).
            script("PRAGMA journal_mode = WAL");
            script(options.sqliteFullSync ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
            script("PRAGMA foreign_keys = ON");
        } catch (...) {
            close();
            throw;
        }
    }
    ~SqliteConnection() override
    {
        close();
        releaseWriter();
    }
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    SqlRows query(std::string_view sql, const std::vector<SqlValue>& params) override
    {
        sqlite3_stmt* stmt = prepared(sql);
        const int count = sqlite3_bind_parameter_count(stmt);
        for (int i = 1; i <= count; ++i) {
            const char* name = sqlite3_bind_parameter_name(stmt, i); // "$N": the same text runs on PostgreSQL
            const long n = name && name[0] == '$' ? std::strtol(name + 1, nullptr, 10) : 0;
            if (n < 1 || static_cast<std::size_t>(n) > params.size())
                throw DbFailure("statement parameter " + std::string(name ? name : "?") +
                                    " has no value: " + std::string(sql),
                                kStoreFailed);
            bind(stmt, i, params[static_cast<std::size_t>(n - 1)]);
        }
        SqlRows rows;
        int rc;
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
            const int columns = sqlite3_column_count(stmt);
            SqlRow row;
            row.reserve(static_cast<std::size_t>(columns));
            for (int c = 0; c < columns; ++c)
                row.push_back(column(stmt, c));
            rows.push_back(std::move(row));
        }
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
        if (rc != SQLITE_DONE)
            fail(rc);
        return rows;
    }

    void script(std::string_view sql) override
    {
        const std::string text(sql);
        char* message = nullptr;
        const int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &message);
        if (rc != SQLITE_OK) {
            const std::string why = message ? message : sqlite3_errstr(rc);
            sqlite3_free(message);
            throw DbFailure("SQLite: " + why, codeFor(sqlite3_extended_errcode(m_db)));
        }
    }

    void begin(bool write) override
    {
        if (!write) {
            script("BEGIN");
            return;
        }
        // This process's writers queue here, each woken the moment the one before commits: SQLite's busy handler
        // would make them sleep and poll instead (1, 2, 5 ... 100 ms), which under load cost a tenth of the
        // throughput and a p99 of a second. BEGIN IMMEDIATE still waits for writers in other processes.
        if (!m_writer->try_lock_for(m_busyTimeout))
            throw DbFailure("SQLite: another writer of this server held the database too long", codeFor(SQLITE_BUSY));
        m_holdsWriter = true;
        try {
            script("BEGIN IMMEDIATE");
        } catch (...) {
            releaseWriter();
            throw;
        }
    }
    void commit() override
    {
        script("COMMIT"); // a failed COMMIT keeps the lock until the caller's rollback()
        releaseWriter();
    }
    void rollback() noexcept override
    {
        if (m_db && !sqlite3_get_autocommit(m_db))
            sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
        releaseWriter();
    }
    bool broken() const override { return m_db == nullptr; }

private:
    void close() noexcept
    {
        for (auto& [sql, stmt] : m_statements)
            sqlite3_finalize(stmt);
        m_statements.clear();
        sqlite3_close(m_db);
        m_db = nullptr;
    }

    sqlite3_stmt* prepared(std::string_view sql)
    {
        const std::string key(sql);
        if (const auto it = m_statements.find(key); it != m_statements.end())
            return it->second;
        sqlite3_stmt* stmt = nullptr;
        const int rc = sqlite3_prepare_v3(m_db, key.c_str(), static_cast<int>(key.size()) + 1,
                                          SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
        if (rc != SQLITE_OK)
            fail(rc);
        m_statements.emplace(key, stmt);
        return stmt;
    }

    static void bind(sqlite3_stmt* stmt, int i, const SqlValue& value)
    {
        if (const auto* n = std::get_if<std::int64_t>(&value)) {
            sqlite3_bind_int64(stmt, i, *n);
        } else if (const auto* s = std::get_if<std::string>(&value)) {
            sqlite3_bind_text64(stmt, i, s->data(), s->size(), SQLITE_TRANSIENT, SQLITE_UTF8);
        } else if (const auto* b = std::get_if<Bytes>(&value)) {
            // A zero-length blob, not NULL, for an empty value.
            sqlite3_bind_blob64(stmt, i, b->empty() ? "" : static_cast<const void*>(b->data()), b->size(),
                                SQLITE_TRANSIENT);
        } else {
            sqlite3_bind_null(stmt, i);
        }
    }

    static SqlValue column(sqlite3_stmt* stmt, int c)
    {
        switch (sqlite3_column_type(stmt, c)) {
        case SQLITE_INTEGER:
            return std::int64_t{sqlite3_column_int64(stmt, c)};
        case SQLITE_TEXT: {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
            return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, c)));
        }
        case SQLITE_BLOB: {
            const auto* data = static_cast<const unsigned char*>(sqlite3_column_blob(stmt, c));
            return Bytes(data, data + sqlite3_column_bytes(stmt, c));
        }
        case SQLITE_NULL:
            return std::monostate{};
        default:
            throw DbFailure("column " + std::to_string(c) + " holds a floating-point value", kStoreFailed);
        }
    }

    [[noreturn]] void fail(int rc)
    {
        const int extended = sqlite3_extended_errcode(m_db);
        throw DbFailure("SQLite: " + std::string(sqlite3_errmsg(m_db)), codeFor(extended ? extended : rc));
    }

    void releaseWriter() noexcept
    {
        if (m_holdsWriter) {
            m_holdsWriter = false;
            m_writer->unlock();
        }
    }

    sqlite3* m_db = nullptr;
    std::unordered_map<std::string, sqlite3_stmt*> m_statements;
    std::shared_ptr<std::timed_mutex> m_writer; // shared by this store's connections
    std::chrono::milliseconds m_busyTimeout;
    bool m_holdsWriter = false;
};

class SqliteBackend final : public Backend {
public:
    SqliteBackend(std::string path, const StoreOptions& options)
        : m_path(std::move(path))
        , m_options(options)
    {
    }
    std::string name() const override { return "sqlite"; }
    std::unique_ptr<SqlConnection> connect() override
    {
        return std::make_unique<SqliteConnection>(m_path, m_options, m_writer);
    }
    const std::vector<Migration>& migrations() const override { return sqliteMigrations(); }
    bool hasTable(SqlConnection& conn, std::string_view table) override
    {
        return intAt(conn.query("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $1",
                                {std::string(table)})
                         .at(0),
                     0) > 0;
    }
    void lockMigrations(SqlConnection& conn) override { conn.begin(true); }
    void unlockMigrations(SqlConnection&) noexcept override {}
    bool migrationsInOneTransaction() const override { return true; }
    void serializeEventInsert(SqlConnection&) override {} // BEGIN IMMEDIATE already made this the only writer
    void announceEvent(SqlConnection&, EventId) override {}
    void startListening(WakeUpHub&) override {}
    bool wakesInProcess() const override { return true; }

private:
    std::string m_path;
    StoreOptions m_options;
    std::shared_ptr<std::timed_mutex> m_writer = std::make_shared<std::timed_mutex>();
};

} // namespace

std::unique_ptr<Backend> makeSqliteBackend(std::string path, const StoreOptions& options)
{
    return std::make_unique<SqliteBackend>(std::move(path), options);
}

} // namespace tricoach::sync::detail

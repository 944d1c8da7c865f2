#pragma once
// The store's small SQL layer, shared by both backends (not part of the store's interface): values, rows, the
// connection interface the repository code runs its statements through, and the pool lending connections to
// calls. Statements use $1, $2, ... placeholders, which both PostgreSQL and SQLite understand.

#include "sync-server/store/serverstore.h"

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace tricoach::sync::detail {

using SqlValue = std::variant<std::monostate, std::int64_t, std::string, Bytes>;
using SqlRow = std::vector<SqlValue>;
using SqlRows = std::vector<SqlRow>;

inline SqlValue sqlNull()
{
    return std::monostate{};
}
inline SqlValue sqlTime(Timestamp t)
{
    return std::int64_t{t.time_since_epoch().count()};
}
template <typename T> SqlValue sqlOptional(const std::optional<T>& v)
{
    if (!v)
        return std::monostate{};
    if constexpr (std::is_same_v<T, Timestamp>)
        return sqlTime(*v);
    else
        return SqlValue(*v);
}

// A failure inside the store; turned into a Result at the ServerStore boundary (storeError()).
class DbFailure : public std::runtime_error {
public:
    DbFailure(std::string message, QLatin1String code)
        : std::runtime_error(std::move(message))
        , m_code(code)
    {
    }
    QLatin1String code() const { return m_code; }

private:
    QLatin1String m_code;
};

// Column readers; a type the schema does not allow is a DbFailure (kStoreFailed).
std::int64_t intAt(const SqlRow& row, std::size_t column);
std::optional<std::int64_t> optIntAt(const SqlRow& row, std::size_t column);
std::string textAt(const SqlRow& row, std::size_t column);
std::optional<std::string> optTextAt(const SqlRow& row, std::size_t column);
Bytes bytesAt(const SqlRow& row, std::size_t column);
Timestamp timeAt(const SqlRow& row, std::size_t column);
std::optional<Timestamp> optTimeAt(const SqlRow& row, std::size_t column);

// Text the databases can hold: valid UTF-8 without NUL (PostgreSQL refuses others). kStoreInvalid otherwise.
void checkText(std::string_view text, std::string_view what);

// One connection, used by one thread at a time. Every member throws DbFailure.
class SqlConnection {
public:
    virtual ~SqlConnection() = default;
    virtual SqlRows query(std::string_view sql, const std::vector<SqlValue>& params = {}) = 0;
    virtual void script(std::string_view sql) = 0; // several statements, no parameters
    // `write`: SQLite takes the write lock at once (BEGIN IMMEDIATE), so a transaction never fails half-way to
    // upgrade its lock.
    virtual void begin(bool write) = 0;
    virtual void commit() = 0;
    virtual void rollback() noexcept = 0;
    virtual bool broken() const = 0; // the connection is lost: the pool drops it
};

// Lends connections to calls, opening them on demand up to `size`; thread-safe.
class ConnectionPool {
public:
    using Factory = std::function<std::unique_ptr<SqlConnection>()>; // throws DbFailure

    ConnectionPool(int size, std::chrono::milliseconds waitLimit, Factory factory);

    class Lease {
    public:
        Lease(ConnectionPool& pool, std::unique_ptr<SqlConnection> conn, bool reused);
        ~Lease();
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        SqlConnection& operator*() const { return *m_conn; }
        SqlConnection* operator->() const { return m_conn.get(); }
        bool reused() const { return m_reused; } // lent before: it may have died while idle

    private:
        ConnectionPool& m_pool;
        std::unique_ptr<SqlConnection> m_conn;
        bool m_reused;
    };

    // Waits up to waitLimit for a free connection; throws DbFailure (kStoreUnavailable) when none comes or a new
    // connection cannot be opened.
    Lease acquire();
    PoolStats stats() const;

private:
    void giveBack(std::unique_ptr<SqlConnection> conn);

    const int m_size;
    const std::chrono::milliseconds m_waitLimit;
    Factory m_factory;
    mutable std::mutex m_mutex;
    std::condition_variable m_freed;
    std::vector<std::unique_ptr<SqlConnection>> m_idle;
    int m_open = 0;
    int m_inUse = 0;
    std::uint64_t m_waits = 0;
    std::uint64_t m_reconnects = 0;
};

} // namespace tricoach::sync::detail

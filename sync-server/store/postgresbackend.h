#pragma once
// PostgreSQL for the store: production, several instances on one database. A libpq connection pool; event ids
// commit in order under a transaction-scoped advisory lock; NOTIFY wakes every instance's LISTEN thread.

#include "sync-server/store/sqlstore.h"

#include <atomic>
#include <thread>

typedef struct pg_conn PGconn;

namespace tricoach::sync::detail {

// Advisory lock keys (pg_advisory_lock(int, int)): "tric" and what the lock is for.
inline constexpr int kLockSpace = 0x74726963;
inline constexpr int kMigrationLock = 1;
inline constexpr int kEventInsertLock = 2;
inline constexpr const char* kEventChannel = "tricoach_events";

// Opens a libpq connection to `url` (a postgresql:// URI) as application `applicationName`; throws DbFailure.
PGconn* connectPostgres(const std::string& url, const StoreOptions& options, const char* applicationName);

// The LISTEN thread: one dedicated connection that reconnects when it is lost and posts every NOTIFY (and a
// resync after each (re)connection) to the hub.
class PgListener {
public:
    PgListener(std::string url, StoreOptions options, WakeUpHub& hub);
    ~PgListener(); // stops and joins the thread
    PgListener(const PgListener&) = delete;
    PgListener& operator=(const PgListener&) = delete;

private:
    void loop();
    bool waitForStop(std::chrono::milliseconds timeout); // true: stop asked
    void listen(PGconn* conn);

    std::string m_url;
    StoreOptions m_options;
    WakeUpHub& m_hub;
    int m_wakePipe[2] = {-1, -1};
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

std::unique_ptr<Backend> makePostgresBackend(std::string url, const StoreOptions& options);

} // namespace tricoach::sync::detail

#pragma once
// ServerStore on SQL, written once for both databases: the repository code (sqlstore*.cpp) runs the same
// statements on SQLite and PostgreSQL; a Backend supplies what differs (connections, schema files, locks, wake-ups).

#include "sync-server/store/groupcommit.h"
#include "sync-server/store/serverstore.h"
#include "sync-server/store/sqlconnection.h"
#include "sync-server/store/wakeups.h"

#include <memory>
#include <string>
#include <vector>

namespace tricoach::sync::detail {

struct Migration {
    int version = 0;
    std::string name;
    std::string sql;
};

// What differs between the databases.
class Backend {
public:
    virtual ~Backend() = default;
    virtual std::string name() const = 0;
    virtual std::unique_ptr<SqlConnection> connect() = 0; // throws DbFailure
    virtual const std::vector<Migration>& migrations() const = 0;
    virtual bool hasTable(SqlConnection& conn, std::string_view table) = 0;
    // Held around a whole migrate(), also against other processes. PostgreSQL: an advisory lock, and each
    // migration its own transaction. SQLite: one write transaction (begun here) for all of them
    // (`migrationsInOneTransaction`: migrate() commits it), the unlock does nothing.
    virtual void lockMigrations(SqlConnection& conn) = 0;
    virtual void unlockMigrations(SqlConnection& conn) noexcept = 0;
    virtual bool migrationsInOneTransaction() const = 0;
    // Inside appendEvent's transaction, before the id is drawn: makes commit order equal id order.
    virtual void serializeEventInsert(SqlConnection& conn) = 0;
    // Inside the transaction after an event was inserted (PostgreSQL: NOTIFY, delivered at commit).
    virtual void announceEvent(SqlConnection& conn, EventId id) = 0;
    // Starts telling `hub` about events committed elsewhere (PostgreSQL: LISTEN on its own connection). Called
    // once, on the first subscription. SQLite: nothing (appendEvent posts to the hub itself).
    virtual void startListening(WakeUpHub& hub) = 0;
    virtual bool wakesInProcess() const = 0; // appendEvent posts committed events to the hub
};

class SqlServerStore final : public ServerStore {
public:
    SqlServerStore(std::unique_ptr<Backend> backend, const StoreOptions& options, int poolSize);
    ~SqlServerStore() override;

    Result<void> migrate() override;
    Result<int> schemaVersion() override;
    int headVersion() const override;
    Result<void> ping() override;
    std::string backendName() const override { return m_backend->name(); }
    PoolStats poolStats() const override { return m_pool.stats(); }

    Result<User> createUser(const NewUser& user) override;
    Result<std::optional<User>> findUser(UserId id) override;
    Result<std::optional<User>> findUserByEmail(std::string_view email) override;
    Result<std::optional<User>> findUserByStravaAthlete(StravaAthleteId athlete) override;
    Result<std::vector<User>> listUsers(UserId afterId, int limit) override;
    Result<void> setPasswordHash(UserId id, const std::optional<std::string>& hash) override;
    Result<void> setStravaAthlete(UserId id, std::optional<StravaAthleteId> athlete) override;
    Result<void> disableUser(UserId id, Timestamp now) override;

    Result<Session> createSession(const NewSession& session) override;
    Result<std::optional<Session>> findSessionByAccessHash(const Bytes& accessHash, Timestamp now) override;
    Result<void> touchSession(SessionId id, Timestamp now) override;
    Result<RotationResult> rotateSession(const SessionRotation& rotation) override;
    Result<std::vector<Session>> listSessions(UserId user, Timestamp now) override;
    Result<bool> revokeSession(UserId user, SessionId id, Timestamp now) override;
    Result<int> revokeAllSessions(UserId user, Timestamp now) override;

    Result<void> putCode(const AuthorizationCode& code) override;
    Result<std::optional<AuthorizationCode>> consumeCode(const Bytes& codeHash, Timestamp now) override;
    Result<void> putPendingSignIn(const PendingSignIn& pending) override;
    Result<std::optional<PendingSignIn>> takePendingSignIn(std::string_view id, Timestamp now) override;

    Result<void> putStravaCredentials(const StravaCredentials& credentials) override;
    Result<std::optional<StravaCredentials>> stravaCredentials(UserId user) override;
    Result<bool> deleteStravaCredentials(UserId user) override;

    Result<AppendedEvent> appendEvent(const NewEvent& event) override;
    void appendEventLater(NewEvent event, AppendHandler done) override;
    void setHandlerExecutor(std::function<void(std::function<void()>)> executor) override
    {
        m_eventCommits->setExecutor(std::move(executor));
    }
    Result<std::vector<Event>> eventsFor(UserId user, EventId afterId, int limit) override;
    Result<std::vector<Event>> eventsAfter(EventId afterId, int limit) override;
    Result<EventId> latestEventId() override;
    std::unique_ptr<EventSubscription> subscribeEvents(EventListener listener) override;

    Result<std::optional<std::string>> state(std::string_view key) override;
    Result<void> putState(std::string_view key, std::string_view value) override;
    Result<bool> putStateIfAbsent(std::string_view key, std::string_view value) override;
    Result<bool> eraseState(std::string_view key) override;

    Result<RateDecision> hit(std::string_view key, std::chrono::seconds window, int limit, Timestamp now) override;
    Result<PurgeCounts> purgeExpired(Timestamp now) override;

private:
    enum class Mode { Read, Write };

    // Runs `work(connection)` as one transaction (Write) or as plain statements (Read) and turns a DbFailure
    // into the Result's error. A pooled connection that turns out dead before anything was sent is replaced
    // once, transparently.
    template <typename T, typename Work> Result<T> run(Mode mode, Work&& work);
    int currentVersion(SqlConnection& conn);
    // One transaction for a batch of events (the group commit's writer); each one alone when the batch fails
    // for a reason of its own (text that is not UTF-8, say), so that one bad event never fails the others.
    void writeEvents(const std::vector<PendingEvent*>& batch);
    std::vector<AppendedEvent> insertEvents(SqlConnection& c, const std::vector<const NewEvent*>& events);

    std::unique_ptr<Backend> m_backend;
    ConnectionPool m_pool;
    WakeUpHub m_hub;
    std::once_flag m_listening;
    std::unique_ptr<EventGroupCommit> m_eventCommits; // declared last: its writer uses everything above
};

// Rows to values, shared by the sqlstore*.cpp files.
User userFrom(const SqlRow& row);       // columns: kUserColumns
Session sessionFrom(const SqlRow& row); // columns: kSessionColumns
inline constexpr const char* kUserColumns =
    "id, email, password_hash, strava_athlete_id, display_name, locale, disabled_at, created_at";
inline constexpr const char* kSessionColumns =
    "id, user_id, client_name, created_at, last_used_at, access_expires_at, refresh_expires_at, revoked_at";

Error storeError(const DbFailure& failure);

template <typename T, typename Work> Result<T> SqlServerStore::run(Mode mode, Work&& work)
{
    for (int attempt = 0;; ++attempt) {
        try {
            bool started = false; // a transaction began: it may have done its work, so it is never repeated
            auto conn = m_pool.acquire();
            const bool mayRetry = conn.reused() && attempt == 0;
            try {
                if (mode == Mode::Write) {
                    conn->begin(true);
                    started = true;
                }
                if constexpr (std::is_void_v<T>) {
                    work(*conn);
                    if (mode == Mode::Write)
                        conn->commit();
                    return {};
                } else {
                    T value = work(*conn);
                    if (mode == Mode::Write)
                        conn->commit();
                    return value;
                }
            } catch (const DbFailure& failure) {
                if (mode == Mode::Write)
                    conn->rollback();
                // A connection that died while it sat in the pool (a restarted or failed-over database, a
                // terminated backend) fails its first statement: the call runs again on a fresh one. Reads
                // repeat safely; a write only when its transaction never began.
                const bool retry = mayRetry && conn->broken() && (mode == Mode::Read || !started);
                if (!retry)
                    throw;
            }
        } catch (const DbFailure& failure) {
            return storeError(failure);
        } catch (const std::exception& e) {
            return storeError(DbFailure(e.what(), kStoreFailed));
        }
    }
}

} // namespace tricoach::sync::detail

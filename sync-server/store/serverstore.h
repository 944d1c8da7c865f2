#pragma once

#include "core/util/result.h"
#include "core/wire/events.h"

#include <QLatin1String>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tricoach::sync {

// Times are milliseconds since the Unix epoch (UTC). The store never reads a clock: callers pass `now`, so tests
// control time.
using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;
using UserId = std::int64_t;
using SessionId = std::int64_t;
using EventId = std::int64_t; // the desktops' cursor: increases in commit order, never skips
using StravaAthleteId = std::int64_t;
using Bytes = std::vector<unsigned char>; // opaque to the store (hashes, encrypted tokens)

// Error codes of the store's Result values.
inline constexpr QLatin1String kStoreUnavailable{"store.unavailable"}; // database unreachable, connection lost, busy
inline constexpr QLatin1String kStoreConflict{"store.conflict"};       // a unique value (email, athlete) is taken
inline constexpr QLatin1String kStoreNotFound{"store.not-found"};
inline constexpr QLatin1String kStoreNewerSchema{"store.newer-schema"}; // the database is ahead of this program
inline constexpr QLatin1String kStoreBadUrl{"store.bad-url"};
inline constexpr QLatin1String kStoreInvalid{"store.invalid"}; // text that is not UTF-8 or holds NUL
inline constexpr QLatin1String kStoreFailed{"store.failed"};   // anything else (a bug: the message says what)

struct User {
    UserId id = 0;
    std::optional<std::string> email;               // stored lower-cased; unique
    std::optional<std::string> passwordHash;        // opaque (the auth module's Argon2id string)
    std::optional<StravaAthleteId> stravaAthleteId; // unique
    std::string displayName;
    std::string locale;
    std::optional<Timestamp> disabledAt;
    Timestamp createdAt;
    bool disabled() const { return disabledAt.has_value(); }
};

struct NewUser {
    std::optional<std::string> email;
    std::optional<std::string> passwordHash;
    std::optional<StravaAthleteId> stravaAthleteId;
    std::string displayName;
    std::string locale;
    Timestamp createdAt;
};

// A desktop's sign-in. The tokens themselves never reach the store: only their hashes.
struct Session {
    SessionId id = 0;
    UserId userId = 0;
    std::string clientName;
    Timestamp createdAt;
    Timestamp lastUsedAt;
    Timestamp accessExpiresAt;
    Timestamp refreshExpiresAt;
    std::optional<Timestamp> revokedAt;
};

struct NewSession {
    UserId userId = 0;
    std::string clientName;
    Bytes accessHash;
    Timestamp accessExpiresAt;
    Bytes refreshHash;
    Timestamp refreshExpiresAt;
    Timestamp now;
};

// Refresh-token rotation: the presented refresh hash is replaced by new access and refresh hashes.
struct SessionRotation {
    Bytes presentedRefreshHash;
    Bytes newAccessHash;
    Timestamp accessExpiresAt;
    Bytes newRefreshHash;
    Timestamp refreshExpiresAt;
    Timestamp now;
};

enum class RotationOutcome {
    Rotated, // the presented hash was current: `session` holds the rotated session
    Reused,  // the presented hash was already rotated away: its session is now revoked (`session` says which)
    Unknown, // no live session has it (never issued, expired, or revoked)
};

struct RotationResult {
    RotationOutcome outcome = RotationOutcome::Unknown;
    std::optional<Session> session;
};

// An OAuth authorization code (RFC 6749 §4.1, PKCE RFC 7636), stored by its hash; single use.
struct AuthorizationCode {
    Bytes codeHash;
    UserId userId = 0;
    std::string clientId;
    std::string redirectUri;
    std::string codeChallenge;
    std::string codeChallengeMethod; // "S256"
    Timestamp expiresAt;
};

// The desktop's authorize request parked while the athlete signs in (at Strava, or with a password).
struct PendingSignIn {
    std::string id;          // random, chosen by the caller
    std::string requestJson; // the request's fields, opaque to the store
    Timestamp expiresAt;
};

// A user's Strava link. The tokens are encrypted by the auth module; the store keeps the blobs as they are.
struct StravaCredentials {
    UserId userId = 0;
    StravaAthleteId athleteId = 0;
    Bytes refreshToken;
    Bytes accessToken;
    Timestamp accessExpiresAt;
    std::string scopes;
    Timestamp updatedAt;
};

// Event kinds. Strava's webhook events keep Strava's object type in `objectType`; events the server makes for a
// user (not Strava's) have their own kinds.
inline constexpr const char* kEventStravaWebhook = wire::kEventStravaWebhook;
inline constexpr const char* kEventStravaDeauthorized = wire::kEventStravaDeauthorized;

struct NewEvent {
    std::string kind = kEventStravaWebhook;
    // Strava retries an event up to 3 times: the webhook module builds this from subscription id, object type,
    // object id, aspect and event time. Empty: no deduplication (the server's own events).
    std::optional<std::string> dedupeKey;
    std::optional<StravaAthleteId> ownerAthleteId;
    std::string objectType; // "activity", "athlete", ...
    std::int64_t objectId = 0;
    std::string aspectType;  // "create", "update", "delete"
    std::string updatesJson; // `updates` as JSON text ("{}" when none)
    std::optional<Timestamp> eventTime;
    std::string rawBody;          // the request body as received
    std::optional<UserId> userId; // the user it was resolved to; events without one reach no desktop
    // When userId is not given: resolved inside the write to the enabled user of ownerAthleteId, if any (one lookup
    // in the batch's transaction instead of a read of its own before it).
    bool userFromOwner = false;
    Timestamp receivedAt;
};

struct Event : NewEvent {
    EventId id = 0;
};

struct AppendedEvent {
    EventId id = 0;
    bool inserted = false;        // false: an event with the same dedupe key was already there (`id` is that one's)
    std::optional<UserId> userId; // the stored event's user
};

// Told once the transaction holding an event committed (or failed).
using AppendHandler = std::function<void(Result<AppendedEvent>)>;

// A wake-up after events were committed. The table stays the truth: a listener re-reads from its own cursor.
struct EventWakeUp {
    EventId latestId = 0; // an id that is now visible (0 when unknown)
    bool resync = false;  // wake-ups may have been missed (the listening connection was lost): re-read anyway
};
using EventListener = std::function<void(const EventWakeUp&)>;

// Keeps a listener registered; destroying it unregisters (and waits for a running call to that listener to end).
class EventSubscription {
public:
    virtual ~EventSubscription() = default;
};

struct RateDecision {
    bool allowed = true;
    int count = 0;                      // hits in the current window, this one included
    std::chrono::seconds retryAfter{0}; // when not allowed: until the window ends (at least 1 s)
};

struct PurgeCounts {
    int codes = 0;
    int pendingSignIns = 0;
    int sessions = 0;
    int rateWindows = 0;
};

// Connection pool figures for /metrics.
struct PoolStats {
    int size = 0;                 // connections the pool may hold
    int open = 0;                 // connections open now
    int inUse = 0;                // connections lent to a call now
    std::uint64_t waits = 0;      // calls that had to wait for a connection, since start
    std::uint64_t reconnects = 0; // connections replaced after they broke, since start
};

struct StoreOptions {
    int poolSize = 0;                               // connections; 0: the number of cores (at least 2)
    std::chrono::milliseconds busyTimeout{5000};    // SQLite: how long a call waits for another writer
    std::chrono::milliseconds connectTimeout{5000}; // PostgreSQL
    // SQLite: fsync every commit (survives power loss). false: survives a killed process, not a power cut.
    bool sqliteFullSync = true;
};

// Everything tricoach-sync keeps: users, sessions, authorization codes, pending sign-ins, Strava credentials,
// events, app state and rate counters, on SQLite or PostgreSQL. One object is shared by all request threads
// (every member function is thread-safe); each call is its own transaction. Several processes may share one
// PostgreSQL database (the server's instances) and behave as one.
class ServerStore {
public:
    virtual ~ServerStore() = default;

    // --- schema
    // Applies the migrations this program has and the database lacks. Safe when several instances start at once.
    // A database newer than the program fails with kStoreNewerSchema and is left alone.
    virtual Result<void> migrate() = 0;
    virtual Result<int> schemaVersion() = 0;     // 0: empty database
    virtual int headVersion() const = 0;         // the newest version this program knows
    virtual Result<void> ping() = 0;             // the database answers
    virtual std::string backendName() const = 0; // "sqlite" or "postgresql"
    virtual PoolStats poolStats() const = 0;

    // --- users
    virtual Result<User> createUser(const NewUser& user) = 0; // kStoreConflict: email or athlete taken
    virtual Result<std::optional<User>> findUser(UserId id) = 0;
    virtual Result<std::optional<User>> findUserByEmail(std::string_view email) = 0; // case-insensitive
    virtual Result<std::optional<User>> findUserByStravaAthlete(StravaAthleteId athlete) = 0;
    virtual Result<std::vector<User>> listUsers(UserId afterId = 0, int limit = 1000) = 0;        // in id order
    virtual Result<void> setPasswordHash(UserId id, const std::optional<std::string>& hash) = 0;  // kStoreNotFound
    virtual Result<void> setStravaAthlete(UserId id, std::optional<StravaAthleteId> athlete) = 0; // conflict/not found
    // Disables the user and revokes all their sessions, in one transaction. kStoreNotFound for an unknown id.
    virtual Result<void> disableUser(UserId id, Timestamp now) = 0;

    // --- sessions
    virtual Result<Session> createSession(const NewSession& session) = 0;
    // The live session an access token belongs to: not revoked, access not expired, user not disabled.
    virtual Result<std::optional<Session>> findSessionByAccessHash(const Bytes& accessHash, Timestamp now) = 0;
    virtual Result<void> touchSession(SessionId id, Timestamp now) = 0; // last used; a no-op within a minute
    // Atomic across instances: a refresh hash rotates exactly once; presenting it again revokes the session.
    virtual Result<RotationResult> rotateSession(const SessionRotation& rotation) = 0;
    virtual Result<std::vector<Session>> listSessions(UserId user, Timestamp now) = 0; // live ones, newest first
    // false when the user has no such live session (another user's id changes nothing).
    virtual Result<bool> revokeSession(UserId user, SessionId id, Timestamp now) = 0;
    virtual Result<int> revokeAllSessions(UserId user, Timestamp now) = 0; // how many were live

    // --- authorization codes
    virtual Result<void> putCode(const AuthorizationCode& code) = 0;
    // The code, once: a second call (from any instance), an unknown or an expired code gives nullopt.
    virtual Result<std::optional<AuthorizationCode>> consumeCode(const Bytes& codeHash, Timestamp now) = 0;

    // --- pending sign-ins
    virtual Result<void> putPendingSignIn(const PendingSignIn& pending) = 0; // kStoreConflict: id taken
    virtual Result<std::optional<PendingSignIn>> takePendingSignIn(std::string_view id, Timestamp now) = 0; // once

    // --- Strava credentials (one link per user)
    virtual Result<void> putStravaCredentials(const StravaCredentials& credentials) = 0; // insert or replace
    virtual Result<std::optional<StravaCredentials>> stravaCredentials(UserId user) = 0;
    virtual Result<bool> deleteStravaCredentials(UserId user) = 0; // false when there were none

    // --- events
    // Idempotent on the dedupe key. Wakes the subscribers (on every instance) once committed. Events are written in
    // groups, one transaction (one fsync) for all that arrive while the previous group commits.
    virtual Result<AppendedEvent> appendEvent(const NewEvent& event) = 0;
    // The same without waiting: returns at once; `done` runs after the commit, where setHandlerExecutor says. `done`
    // must be short. It may call the store, but a second event goes through appendEventLater: waiting for it
    // (appendEvent) on a thread the executor needs for answers can wait forever.
    virtual void appendEventLater(NewEvent event, AppendHandler done) = 0;
    // Where the `done` handlers of a committed batch run, all of them as one task: null (the default) on the writer
    // thread itself; a server hands them to its request threads, so that the writer goes on to the next batch.
    // Once this returns nothing more is handed to the executor it replaced.
    virtual void setHandlerExecutor(std::function<void(std::function<void()>)> executor) = 0;
    virtual Result<std::vector<Event>> eventsFor(UserId user, EventId afterId, int limit) = 0; // in id order
    // Every user's events after `afterId` (those resolved to a user), in id order: one read serves every stream.
    virtual Result<std::vector<Event>> eventsAfter(EventId afterId, int limit) = 0;
    virtual Result<EventId> latestEventId() = 0; // 0 when there are none
    // `listener` is called on the store's own wake-up thread (never the committing caller's) after events commit,
    // also events other instances commit on PostgreSQL, and with resync whenever PostgreSQL's listening
    // connection comes up (the first time too: events may have committed before it listened). Keep it short (listeners
    // are called one after another); it may call the store.
    virtual std::unique_ptr<EventSubscription> subscribeEvents(EventListener listener) = 0;

    // --- app state (e.g. Strava's push subscription id)
    virtual Result<std::optional<std::string>> state(std::string_view key) = 0;
    virtual Result<void> putState(std::string_view key, std::string_view value) = 0;
    virtual Result<bool> putStateIfAbsent(std::string_view key, std::string_view value) = 0; // false: already set
    virtual Result<bool> eraseState(std::string_view key) = 0;

    // --- rate counters shared by instances (fixed windows)
    virtual Result<RateDecision> hit(std::string_view key, std::chrono::seconds window, int limit, Timestamp now) = 0;

    // --- housekeeping: drops expired codes and pending sign-ins, dead sessions and past rate windows
    virtual Result<PurgeCounts> purgeExpired(Timestamp now) = 0;
};

// Opens a store: "sqlite:PATH" (the folder is created if missing), "postgresql://..." or "postgres://..." (libpq's
// URI syntax), or empty for defaultDatabaseUrl(). Does not migrate. kStoreBadUrl for anything else;
// kStoreUnavailable when the database cannot be reached.
Result<std::unique_ptr<ServerStore>> openServerStore(std::string_view url, const StoreOptions& options = {});

// "sqlite:" + tricoach-sync.sqlite in the platform's data folder for tricoach-sync
// (e.g. ~/.local/share/tricoach-sync/ on Linux).
std::string defaultDatabaseUrl();

// The url with any password replaced by "***", for logs and messages.
std::string redactedDatabaseUrl(std::string_view url);

} // namespace tricoach::sync

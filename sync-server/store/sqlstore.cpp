// ServerStore on SQL: the schema, migrations and users (sessions and codes: sqlstore_sessions.cpp; events,
// Strava links, state and rate counters: sqlstore_events.cpp).
#include "sync-server/store/sqlstore.h"

#include <QString>

namespace tricoach::sync::detail {

namespace {

std::string lowerCased(std::string_view email)
{
    return QString::fromUtf8(email.data(), static_cast<qsizetype>(email.size())).toLower().toStdString();
}

std::optional<User> firstUser(const SqlRows& rows)
{
    if (rows.empty())
        return std::nullopt;
    return userFrom(rows.front());
}

std::string userQuery(const char* where)
{
    return std::string("SELECT ") + kUserColumns + " FROM users WHERE " + where;
}

} // namespace

Error storeError(const DbFailure& failure)
{
    return makeError(QString::fromStdString(failure.what()), QString(failure.code()));
}

User userFrom(const SqlRow& row)
{
    User u;
    u.id = intAt(row, 0);
    u.email = optTextAt(row, 1);
    u.passwordHash = optTextAt(row, 2);
    u.stravaAthleteId = optIntAt(row, 3);
    u.displayName = textAt(row, 4);
    u.locale = textAt(row, 5);
    u.disabledAt = optTimeAt(row, 6);
    u.createdAt = timeAt(row, 7);
    return u;
}

Session sessionFrom(const SqlRow& row)
{
    Session s;
    s.id = intAt(row, 0);
    s.userId = intAt(row, 1);
    s.clientName = textAt(row, 2);
    s.createdAt = timeAt(row, 3);
    s.lastUsedAt = timeAt(row, 4);
    s.accessExpiresAt = timeAt(row, 5);
    s.refreshExpiresAt = timeAt(row, 6);
    s.revokedAt = optTimeAt(row, 7);
    return s;
}

SqlServerStore::SqlServerStore(std::unique_ptr<Backend> backend, const StoreOptions& options, int poolSize)
    : m_backend(std::move(backend))
    , m_pool(poolSize, options.busyTimeout + options.connectTimeout, [this] { return m_backend->connect(); })
    , m_eventCommits(
          std::make_unique<EventGroupCommit>([this](const std::vector<PendingEvent*>& batch) { writeEvents(batch); }))
{
}

SqlServerStore::~SqlServerStore()
{
    // What is queued is written and answered while the database, and the queue, are still there (a handler may
    // append again while the queue drains).
    m_eventCommits->stop();
    m_eventCommits.reset();
    // The LISTEN thread posts to the hub: it stops first.
    m_backend.reset();
    m_hub.stop();
}

int SqlServerStore::headVersion() const
{
    const auto& all = m_backend->migrations();
    return all.empty() ? 0 : all.back().version;
}

int SqlServerStore::currentVersion(SqlConnection& conn)
{
    if (!m_backend->hasTable(conn, "schema_migrations"))
        return 0;
    const auto rows = conn.query("SELECT max(version) FROM schema_migrations");
    return rows.empty() ? 0 : static_cast<int>(optIntAt(rows.front(), 0).value_or(0));
}

Result<int> SqlServerStore::schemaVersion()
{
    return run<int>(Mode::Read, [this](SqlConnection& c) { return currentVersion(c); });
}

Result<void> SqlServerStore::ping()
{
    return run<void>(Mode::Read, [](SqlConnection& c) { c.query("SELECT 1"); });
}

Result<void> SqlServerStore::migrate()
{
    auto conn = [this]() -> Result<std::unique_ptr<SqlConnection>> {
        try {
            return m_backend->connect(); // its own connection: the lock it takes belongs to this call alone
        } catch (const DbFailure& failure) {
            return storeError(failure);
        }
    }();
    if (!conn)
        return conn.error();
    SqlConnection& c = **conn;
    const bool oneTransaction = m_backend->migrationsInOneTransaction();
    try {
        m_backend->lockMigrations(c);
        try {
            c.script("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                     "applied_at BIGINT NOT NULL)");
            const int current = currentVersion(c);
            if (current > headVersion())
                throw DbFailure("The database's schema is at version " + std::to_string(current) +
                                    ", newer than this tricoach-sync knows (" + std::to_string(headVersion()) +
                                    "): run a newer tricoach-sync, or point it at another database",
                                kStoreNewerSchema);
            for (const Migration& m : m_backend->migrations()) {
                if (m.version <= current)
                    continue;
                if (!oneTransaction)
                    c.begin(true);
                c.script(m.sql);
                const auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(
                    std::chrono::system_clock::now()); // when it was applied: for people, never decided on
                c.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                        {std::int64_t{m.version}, m.name, sqlTime(now)});
                if (!oneTransaction)
                    c.commit();
            }
            if (oneTransaction)
                c.commit();
        } catch (...) {
            c.rollback();
            m_backend->unlockMigrations(c);
            throw;
        }
        m_backend->unlockMigrations(c);
        return {};
    } catch (const DbFailure& failure) {
        Error e = storeError(failure);
        if (e.code != kStoreNewerSchema)
            e.message = QStringLiteral("Could not bring the database's schema up to date: ") + e.message;
        return e;
    }
}

Result<User> SqlServerStore::createUser(const NewUser& user)
{
    return run<User>(Mode::Write, [&](SqlConnection& c) {
        std::optional<std::string> email;
        if (user.email) {
            checkText(*user.email, "The email address");
            email = lowerCased(*user.email);
        }
        checkText(user.displayName, "The display name");
        checkText(user.locale, "The locale");
        if (user.passwordHash)
            checkText(*user.passwordHash, "The password hash");
        const auto rows =
            c.query(std::string("INSERT INTO users (email, password_hash, strava_athlete_id, "
                                "display_name, locale, created_at) VALUES ($1, $2, $3, $4, $5, $6) "
                                "RETURNING ") +
                        kUserColumns,
                    {sqlOptional(email), sqlOptional(user.passwordHash), sqlOptional(user.stravaAthleteId),
                     user.displayName, user.locale, sqlTime(user.createdAt)});
        return userFrom(rows.at(0));
    });
}

Result<std::optional<User>> SqlServerStore::findUser(UserId id)
{
    return run<std::optional<User>>(
        Mode::Read, [&](SqlConnection& c) { return firstUser(c.query(userQuery("id = $1"), {std::int64_t{id}})); });
}

Result<std::optional<User>> SqlServerStore::findUserByEmail(std::string_view email)
{
    return run<std::optional<User>>(Mode::Read, [&](SqlConnection& c) {
        checkText(email, "The email address");
        return firstUser(c.query(userQuery("email = $1"), {lowerCased(email)}));
    });
}

Result<std::optional<User>> SqlServerStore::findUserByStravaAthlete(StravaAthleteId athlete)
{
    return run<std::optional<User>>(Mode::Read, [&](SqlConnection& c) {
        return firstUser(c.query(userQuery("strava_athlete_id = $1"), {std::int64_t{athlete}}));
    });
}

Result<std::vector<User>> SqlServerStore::listUsers(UserId afterId, int limit)
{
    return run<std::vector<User>>(Mode::Read, [&](SqlConnection& c) {
        std::vector<User> users;
        for (const auto& row :
             c.query(userQuery("id > $1 ORDER BY id LIMIT $2"), {std::int64_t{afterId}, std::int64_t{limit}}))
            users.push_back(userFrom(row));
        return users;
    });
}

namespace {

void requireUser(const SqlRows& updated, UserId id)
{
    if (updated.empty())
        throw DbFailure("There is no user " + std::to_string(id), kStoreNotFound);
}

} // namespace

Result<void> SqlServerStore::setPasswordHash(UserId id, const std::optional<std::string>& hash)
{
    return run<void>(Mode::Write, [&](SqlConnection& c) {
        if (hash)
            checkText(*hash, "The password hash");
        requireUser(c.query("UPDATE users SET password_hash = $1 WHERE id = $2 RETURNING id",
                            {sqlOptional(hash), std::int64_t{id}}),
                    id);
    });
}

Result<void> SqlServerStore::setStravaAthlete(UserId id, std::optional<StravaAthleteId> athlete)
{
    return run<void>(Mode::Write, [&](SqlConnection& c) {
        requireUser(c.query("UPDATE users SET strava_athlete_id = $1 WHERE id = $2 RETURNING id",
                            {sqlOptional(athlete), std::int64_t{id}}),
                    id);
    });
}

Result<void> SqlServerStore::disableUser(UserId id, Timestamp now)
{
    return run<void>(Mode::Write, [&](SqlConnection& c) {
        requireUser(c.query("UPDATE users SET disabled_at = coalesce(disabled_at, $1) WHERE id = $2 RETURNING id",
                            {sqlTime(now), std::int64_t{id}}),
                    id);
        c.query("UPDATE sessions SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL",
                {sqlTime(now), std::int64_t{id}});
    });
}

} // namespace tricoach::sync::detail

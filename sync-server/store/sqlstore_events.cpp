// Events (Strava's webhooks and the server's own), Strava links, app state, shared rate counters, housekeeping.
#include "sync-server/store/sqlstore.h"

#include <map>

namespace tricoach::sync::detail {

namespace {

constexpr const char* kEventColumns = "id, kind, dedupe_key, owner_athlete_id, object_type, object_id, aspect_type, "
                                      "updates_json, event_time, raw_body, user_id, received_at";

Event eventFrom(const SqlRow& row)
{
    Event e;
    e.id = intAt(row, 0);
    e.kind = textAt(row, 1);
    e.dedupeKey = optTextAt(row, 2);
    e.ownerAthleteId = optIntAt(row, 3);
    e.objectType = textAt(row, 4);
    e.objectId = intAt(row, 5);
    e.aspectType = textAt(row, 6);
    e.updatesJson = textAt(row, 7);
    e.eventTime = optTimeAt(row, 8);
    const Bytes body = bytesAt(row, 9);
    e.rawBody.assign(body.begin(), body.end());
    e.userId = optIntAt(row, 10);
    e.receivedAt = timeAt(row, 11);
    return e;
}

} // namespace

namespace {

constexpr std::size_t kEventFields = 11;

// How many rows one insert statement takes when `available` wait: 32, 8 or 1, so that there are a few statement
// texts, each prepared once per connection.
std::size_t statementRows(std::size_t available)
{
    return available >= 32 ? 32 : available >= 8 ? 8 : 1;
}

// "INSERT ... VALUES (...), (...) ...": statementRows(rows) rows of parameters, $1 to $(11 * rows).
const std::string& insertEventsSql(std::size_t rows)
{
    static const auto build = [](std::size_t count) {
        std::string sql = "INSERT INTO events (kind, dedupe_key, owner_athlete_id, object_type, object_id, "
                          "aspect_type, updates_json, event_time, raw_body, user_id, received_at) VALUES ";
        for (std::size_t r = 0; r < count; ++r) {
            sql += r ? ", (" : "(";
            for (std::size_t f = 1; f <= kEventFields; ++f)
                sql += (f > 1 ? ", $" : "$") + std::to_string(r * kEventFields + f);
            sql += ")";
        }
        return sql + " ON CONFLICT (dedupe_key) DO NOTHING RETURNING id, user_id, dedupe_key";
    };
    static const std::string one = build(1), eight = build(8), many = build(32);
    const std::size_t n = statementRows(rows);
    return n == 32 ? many : n == 8 ? eight : one;
}

} // namespace

// Inside the batch's transaction, after serializeEventInsert. Many rows to a statement (statementRows): one statement
// for many rows costs far less than one each.
std::vector<AppendedEvent> SqlServerStore::insertEvents(SqlConnection& c, const std::vector<const NewEvent*>& events)
{
    // The owners' users, looked up once per owner in the batch.
    std::map<StravaAthleteId, std::optional<UserId>> owners;
    for (const NewEvent* e : events) {
        checkText(e->kind, "The event kind");
        if (e->dedupeKey)
            checkText(*e->dedupeKey, "The event's dedupe key");
        checkText(e->objectType, "The event's object type");
        checkText(e->aspectType, "The event's aspect type");
        checkText(e->updatesJson, "The event's updates");
        if (!e->userId && e->userFromOwner && e->ownerAthleteId)
            owners.emplace(*e->ownerAthleteId, std::nullopt);
    }
    for (auto& [athlete, user] : owners) {
        const auto rows = c.query("SELECT id FROM users WHERE strava_athlete_id = $1 AND disabled_at IS NULL",
                                  {std::int64_t{athlete}});
        if (!rows.empty())
            user = intAt(rows.front(), 0);
    }
    const auto userOf = [&owners](const NewEvent& e) -> std::optional<UserId> {
        if (e.userId || !e.userFromOwner || !e.ownerAthleteId)
            return e.userId;
        return owners.at(*e.ownerAthleteId);
    };

    std::vector<AppendedEvent> out(events.size());
    std::vector<bool> answered(events.size(), false);
    std::size_t next = 0;
    while (next < events.size()) {
        // An event without a dedupe key goes alone: its one returned row is its own. Keyed rows are matched by key.
        std::size_t count = 1;
        if (events[next]->dedupeKey) {
            const std::size_t wanted = statementRows(events.size() - next);
            while (count < wanted && events[next + count]->dedupeKey)
                ++count;
            count = statementRows(count);
        }
        std::vector<SqlValue> params;
        params.reserve(count * kEventFields);
        for (std::size_t i = next; i < next + count; ++i) {
            const NewEvent& e = *events[i];
            params.insert(params.end(),
                          {e.kind, sqlOptional(e.dedupeKey), sqlOptional(e.ownerAthleteId), e.objectType,
                           std::int64_t{e.objectId}, e.aspectType, e.updatesJson, sqlOptional(e.eventTime),
                           Bytes(e.rawBody.begin(), e.rawBody.end()), sqlOptional(userOf(e)), sqlTime(e.receivedAt)});
        }
        const auto rows = c.query(insertEventsSql(count), params);
        if (!events[next]->dedupeKey) {
            out[next] = AppendedEvent{intAt(rows.at(0), 0), true, optIntAt(rows.at(0), 1)};
            answered[next] = true;
        } else {
            for (const auto& row : rows) {
                const std::string key = textAt(row, 2);
                // The first of the chunk's events with this key is the one inserted; a repeat of it is not.
                for (std::size_t i = next; i < next + count; ++i) {
                    if (!answered[i] && *events[i]->dedupeKey == key) {
                        out[i] = AppendedEvent{intAt(row, 0), true, optIntAt(row, 1)};
                        answered[i] = true;
                        break;
                    }
                }
            }
        }
        next += count;
    }
    // Retries of events we have: committed before this transaction (the insert lock), or earlier in this batch.
    for (std::size_t i = 0; i < events.size(); ++i) {
        if (answered[i])
            continue;
        const auto existing =
            c.query("SELECT id, user_id FROM events WHERE dedupe_key = $1", {sqlOptional(events[i]->dedupeKey)});
        out[i] = AppendedEvent{intAt(existing.at(0), 0), false, optIntAt(existing.at(0), 1)};
    }
    return out;
}

void SqlServerStore::writeEvents(const std::vector<PendingEvent*>& batch)
{
    const auto writeAll = [this](const std::vector<PendingEvent*>& events) {
        auto appended = run<std::vector<AppendedEvent>>(Mode::Write, [&](SqlConnection& c) {
            m_backend->serializeEventInsert(c);
            std::vector<const NewEvent*> rows;
            rows.reserve(events.size());
            for (const PendingEvent* p : events)
                rows.push_back(&p->event);
            std::vector<AppendedEvent> out = insertEvents(c, rows);
            EventId newest = 0;
            for (const AppendedEvent& a : out)
                if (a.inserted)
                    newest = std::max(newest, a.id);
            if (newest > 0)
                m_backend->announceEvent(c, newest); // one wake-up says "look" for the whole batch
            return out;
        });
        if (appended) {
            EventId newest = 0;
            for (std::size_t i = 0; i < events.size(); ++i) {
                events[i]->result = (*appended)[i];
                if ((*appended)[i].inserted)
                    newest = std::max(newest, (*appended)[i].id);
            }
            if (newest > 0 && m_backend->wakesInProcess())
                m_hub.post(EventWakeUp{newest, false});
        } else {
            for (PendingEvent* p : events)
                p->result = appended.error();
        }
        return appended.ok();
    };
    if (writeAll(batch) || batch.size() == 1)
        return;
    // Nothing of the batch committed. The database being away fails them all alike; any other failure may be one
    // event's own: each is written alone and gets its own answer.
    if (batch.front()->result.error().code == kStoreUnavailable)
        return;
    for (PendingEvent* p : batch)
        writeAll({p});
}

Result<AppendedEvent> SqlServerStore::appendEvent(const NewEvent& e)
{
    return m_eventCommits->appendAndWait(e);
}

void SqlServerStore::appendEventLater(NewEvent event, AppendHandler done)
{
    m_eventCommits->append(std::move(event), std::move(done));
}

Result<std::vector<Event>> SqlServerStore::eventsFor(UserId user, EventId afterId, int limit)
{
    return run<std::vector<Event>>(Mode::Read, [&](SqlConnection& c) {
        std::vector<Event> events;
        for (const auto& row : c.query(std::string("SELECT ") + kEventColumns +
                                           " FROM events WHERE user_id = $1 AND id > $2 ORDER BY id LIMIT $3",
                                       {std::int64_t{user}, std::int64_t{afterId}, std::int64_t{limit}}))
            events.push_back(eventFrom(row));
        return events;
    });
}

Result<std::vector<Event>> SqlServerStore::eventsAfter(EventId afterId, int limit)
{
    return run<std::vector<Event>>(Mode::Read, [&](SqlConnection& c) {
        std::vector<Event> events;
        for (const auto& row : c.query(std::string("SELECT ") + kEventColumns +
                                           " FROM events WHERE id > $1 AND user_id IS NOT NULL ORDER BY id LIMIT $2",
                                       {std::int64_t{afterId}, std::int64_t{limit}}))
            events.push_back(eventFrom(row));
        return events;
    });
}

Result<EventId> SqlServerStore::latestEventId()
{
    return run<EventId>(Mode::Read, [](SqlConnection& c) {
        const auto rows = c.query("SELECT max(id) FROM events");
        return rows.empty() ? EventId{0} : optIntAt(rows.front(), 0).value_or(0);
    });
}

std::unique_ptr<EventSubscription> SqlServerStore::subscribeEvents(EventListener listener)
{
    auto subscription = m_hub.subscribe(std::move(listener));
    std::call_once(m_listening, [this] { m_backend->startListening(m_hub); });
    return subscription;
}

Result<void> SqlServerStore::putStravaCredentials(const StravaCredentials& s)
{
    return run<void>(Mode::Write, [&](SqlConnection& c) {
        checkText(s.scopes, "The Strava scopes");
        c.query("INSERT INTO strava_credentials (user_id, athlete_id, refresh_token, access_token, "
                "access_expires_at, scopes, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (user_id) "
                "DO UPDATE SET athlete_id = excluded.athlete_id, refresh_token = excluded.refresh_token, "
                "access_token = excluded.access_token, access_expires_at = excluded.access_expires_at, "
                "scopes = excluded.scopes, updated_at = excluded.updated_at",
                {std::int64_t{s.userId}, std::int64_t{s.athleteId}, s.refreshToken, s.accessToken,
                 sqlTime(s.accessExpiresAt), s.scopes, sqlTime(s.updatedAt)});
    });
}

Result<std::optional<StravaCredentials>> SqlServerStore::stravaCredentials(UserId user)
{
    return run<std::optional<StravaCredentials>>(Mode::Read, [&](SqlConnection& c) -> std::optional<StravaCredentials> {
        const auto rows = c.query("SELECT user_id, athlete_id, refresh_token, access_token, access_expires_at, "
                                  "scopes, updated_at FROM strava_credentials WHERE user_id = $1",
                                  {std::int64_t{user}});
        if (rows.empty())
            return std::nullopt;
        const auto& r = rows.front();
        return StravaCredentials{intAt(r, 0),  intAt(r, 1),  bytesAt(r, 2), bytesAt(r, 3),
                                 timeAt(r, 4), textAt(r, 5), timeAt(r, 6)};
    });
}

Result<bool> SqlServerStore::deleteStravaCredentials(UserId user)
{
    return run<bool>(Mode::Write, [&](SqlConnection& c) {
        return !c.query("DELETE FROM strava_credentials WHERE user_id = $1 RETURNING user_id", {std::int64_t{user}})
                    .empty();
    });
}

Result<std::optional<std::string>> SqlServerStore::state(std::string_view key)
{
    return run<std::optional<std::string>>(Mode::Read, [&](SqlConnection& c) -> std::optional<std::string> {
        checkText(key, "The state key");
        const auto rows = c.query("SELECT value FROM app_state WHERE key = $1", {std::string(key)});
        if (rows.empty())
            return std::nullopt;
        return textAt(rows.front(), 0);
    });
}

Result<void> SqlServerStore::putState(std::string_view key, std::string_view value)
{
    return run<void>(Mode::Write, [&](SqlConnection& c) {
        checkText(key, "The state key");
        checkText(value, "The state value");
        c.query("INSERT INTO app_state (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = "
                "excluded.value",
                {std::string(key), std::string(value)});
    });
}

Result<bool> SqlServerStore::putStateIfAbsent(std::string_view key, std::string_view value)
{
    return run<bool>(Mode::Write, [&](SqlConnection& c) {
        checkText(key, "The state key");
        checkText(value, "The state value");
        return !c.query("INSERT INTO app_state (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING "
                        "RETURNING key",
                        {std::string(key), std::string(value)})
                    .empty();
    });
}

Result<bool> SqlServerStore::eraseState(std::string_view key)
{
    return run<bool>(Mode::Write, [&](SqlConnection& c) {
        checkText(key, "The state key");
        return !c.query("DELETE FROM app_state WHERE key = $1 RETURNING key", {std::string(key)}).empty();
    });
}

Result<RateDecision> SqlServerStore::hit(std::string_view key, std::chrono::seconds window, int limit, Timestamp now)
{
    return run<RateDecision>(Mode::Write, [&](SqlConnection& c) {
        checkText(key, "The rate key");
        const std::int64_t length = std::max<std::int64_t>(1, std::chrono::milliseconds(window).count());
        const std::int64_t at = now.time_since_epoch().count();
        const std::int64_t start = at - ((at % length) + length) % length; // floor, also before 1970
        const auto rows = c.query("INSERT INTO rate_counters (key, window_start, window_end, hits) VALUES ($1, $2, "
                                  "$3, 1) ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_counters.hits + 1 "
                                  "RETURNING hits",
                                  {std::string(key), start, start + length});
        RateDecision d;
        d.count = static_cast<int>(intAt(rows.at(0), 0));
        d.allowed = d.count <= limit;
        if (!d.allowed) {
            const std::int64_t leftMs = start + length - at;
            d.retryAfter = std::chrono::seconds(std::max<std::int64_t>(1, (leftMs + 999) / 1000));
        }
        return d;
    });
}

Result<PurgeCounts> SqlServerStore::purgeExpired(Timestamp now)
{
    return run<PurgeCounts>(Mode::Write, [&](SqlConnection& c) {
        const SqlValue at = sqlTime(now);
        PurgeCounts n;
        n.codes = static_cast<int>(
            c.query("DELETE FROM authorization_codes WHERE expires_at <= $1 RETURNING user_id", {at}).size());
        n.pendingSignIns =
            static_cast<int>(c.query("DELETE FROM pending_sign_ins WHERE expires_at <= $1 RETURNING id", {at}).size());
        // Dead sessions: their refresh token expired, or revoked (kept a day, so reuse still finds them).
        n.sessions = static_cast<int>(c.query("DELETE FROM sessions WHERE refresh_expires_at <= $1 OR revoked_at <= "
                                              "$2 RETURNING id",
                                              {at, now.time_since_epoch().count() - 86'400'000})
                                          .size());
        n.rateWindows =
            static_cast<int>(c.query("DELETE FROM rate_counters WHERE window_end <= $1 RETURNING key", {at}).size());
        return n;
    });
}

} // namespace tricoach::sync::detail

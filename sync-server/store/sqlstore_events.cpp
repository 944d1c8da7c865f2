// Events (Strava's webhooks and the server's own), Strava links, app state, shared rate counters, housekeeping.
#include "sync-server/store/sqlstore.h"

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

// Inside the batch's transaction, after serializeEventInsert.
AppendedEvent SqlServerStore::insertEvent(SqlConnection& c, const NewEvent& e)
{
    checkText(e.kind, "The event kind");
    if (e.dedupeKey)
        checkText(*e.dedupeKey, "The event's dedupe key");
    checkText(e.objectType, "The event's object type");
    checkText(e.aspectType, "The event's aspect type");
    checkText(e.updatesJson, "The event's updates");
    const auto rows =
        c.query("INSERT INTO events (kind, dedupe_key, owner_athlete_id, object_type, object_id, aspect_type, "
                "updates_json, event_time, raw_body, user_id, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7, "
                "$8, $9, $10, $11) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id",
                {e.kind, sqlOptional(e.dedupeKey), sqlOptional(e.ownerAthleteId), e.objectType,
                 std::int64_t{e.objectId}, e.aspectType, e.updatesJson, sqlOptional(e.eventTime),
                 Bytes(e.rawBody.begin(), e.rawBody.end()), sqlOptional(e.userId), sqlTime(e.receivedAt)});
    if (!rows.empty())
        return AppendedEvent{intAt(rows.front(), 0), true};
    // A retry of an event we have: committed before this transaction (the insert lock), or earlier in this batch.
    const auto existing = c.query("SELECT id FROM events WHERE dedupe_key = $1", {sqlOptional(e.dedupeKey)});
    return AppendedEvent{intAt(existing.at(0), 0), false};
}

void SqlServerStore::writeEvents(const std::vector<PendingEvent*>& batch)
{
    const auto writeAll = [this](const std::vector<PendingEvent*>& events) {
        auto appended = run<std::vector<AppendedEvent>>(Mode::Write, [&](SqlConnection& c) {
            m_backend->serializeEventInsert(c);
            std::vector<AppendedEvent> out;
            out.reserve(events.size());
            EventId newest = 0;
            for (const PendingEvent* p : events) {
                out.push_back(insertEvent(c, *p->event));
                if (out.back().inserted)
                    newest = std::max(newest, out.back().id);
            }
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
    return m_eventCommits.append(e, [this](const std::vector<PendingEvent*>& batch) { writeEvents(batch); });
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

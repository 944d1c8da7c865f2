#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace tricoach::wire {

// SyncEvent::kind values.
inline constexpr const char* kEventStravaWebhook = "strava.webhook";           // a Strava webhook event as received
inline constexpr const char* kEventStravaDeauthorized = "strava.deauthorized"; // the athlete revoked the server

// One event as a desktop receives it from tricoach-sync (GET /v1/events, and the data of a server-sent event). The
// server and the desktop both link this, so the two sides cannot drift. Plain C++ and nlohmann/json: no Qt.
struct SyncEvent {
    std::int64_t id = 0;    // the cursor: increases, never skips among a user's events
    std::string kind;       // "strava.webhook", "strava.deauthorized", ...
    std::string objectType; // Strava's "activity", "athlete"; empty for the server's own kinds
    std::int64_t objectId = 0;
    std::string aspectType;                            // "create", "update", "delete"
    nlohmann::json updates = nlohmann::json::object(); // Strava's `updates` (title, type, private, authorized)
    std::optional<std::int64_t> ownerId;               // the Strava athlete
    std::optional<std::int64_t> eventTime;             // Strava's event_time, Unix seconds
    std::int64_t receivedAt = 0;                       // when the server stored it, Unix milliseconds

    bool operator==(const SyncEvent&) const = default;
};

// A page of a user's events in id order; `next` is the cursor to ask with next (the last id, or the one asked with
// when the page is empty), `more` says whether another page is waiting.
struct EventsPage {
    std::vector<SyncEvent> events;
    std::int64_t next = 0;
    bool more = false;

    bool operator==(const EventsPage&) const = default;
};

void to_json(nlohmann::json& j, const SyncEvent& e);
void from_json(const nlohmann::json& j, SyncEvent& e); // throws nlohmann::json::exception on a wrong shape
void to_json(nlohmann::json& j, const EventsPage& p);
void from_json(const nlohmann::json& j, EventsPage& p);

} // namespace tricoach::wire

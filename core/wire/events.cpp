#include "core/wire/events.h"

#include <cstdint>

namespace tricoach::wire {

namespace {

// A whole number that fits: nlohmann's own get<std::int64_t>() converts 1e300 or 2^64-1 without a check (undefined
// behaviour, found by sync_wire_fuzz), so anything else is refused as a wrong shape, the way a string would be.
std::int64_t wholeNumber(const nlohmann::json& value, const char* name)
{
    if (value.is_number_integer() &&
        (value.is_number_unsigned() ? value.get<std::uint64_t>() <= std::uint64_t(INT64_MAX) : true))
        return value.get<std::int64_t>();
    throw nlohmann::json::type_error::create(302, std::string(name) + " is not a whole number of 64 bits", &value);
}

std::int64_t wholeNumberOr(const nlohmann::json& j, const char* name, std::int64_t fallback)
{
    return j.contains(name) ? wholeNumber(j[name], name) : fallback;
}

} // namespace

// Field names follow Strava's webhook event where the meaning is Strava's (object_type, aspect_type, owner_id, ...).
void to_json(nlohmann::json& j, const SyncEvent& e)
{
    j = {{"id", e.id},
         {"kind", e.kind},
         {"object_type", e.objectType},
         {"object_id", e.objectId},
         {"aspect_type", e.aspectType},
         {"updates", e.updates},
         {"received_at", e.receivedAt}};
    j["owner_id"] = e.ownerId ? nlohmann::json(*e.ownerId) : nlohmann::json(nullptr);
    j["event_time"] = e.eventTime ? nlohmann::json(*e.eventTime) : nlohmann::json(nullptr);
}

void from_json(const nlohmann::json& j, SyncEvent& e)
{
    e.id = wholeNumber(j.at("id"), "id");
    e.kind = j.at("kind").get<std::string>();
    e.objectType = j.value("object_type", std::string());
    e.objectId = wholeNumberOr(j, "object_id", 0);
    e.aspectType = j.value("aspect_type", std::string());
    e.updates = j.contains("updates") && j["updates"].is_object() ? j["updates"] : nlohmann::json::object();
    const auto optionalInt = [&j](const char* name) -> std::optional<std::int64_t> {
        if (!j.contains(name) || j[name].is_null())
            return std::nullopt;
        return wholeNumber(j[name], name);
    };
    e.ownerId = optionalInt("owner_id");
    e.eventTime = optionalInt("event_time");
    e.receivedAt = wholeNumberOr(j, "received_at", 0);
}

void to_json(nlohmann::json& j, const EventsPage& p)
{
    j = {{"events", p.events}, {"next", p.next}, {"more", p.more}};
}

void from_json(const nlohmann::json& j, EventsPage& p)
{
    p.events = j.at("events").get<std::vector<SyncEvent>>();
    p.next = wholeNumber(j.at("next"), "next");
    p.more = j.value("more", false);
}

} // namespace tricoach::wire

#include "core/wire/events.h"

namespace tricoach::wire {

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
    e.id = j.at("id").get<std::int64_t>();
    e.kind = j.at("kind").get<std::string>();
    e.objectType = j.value("object_type", std::string());
    e.objectId = j.value("object_id", std::int64_t{0});
    e.aspectType = j.value("aspect_type", std::string());
    e.updates = j.contains("updates") && j["updates"].is_object() ? j["updates"] : nlohmann::json::object();
    const auto optionalInt = [&j](const char* name) -> std::optional<std::int64_t> {
        if (!j.contains(name) || j[name].is_null())
            return std::nullopt;
        return j[name].get<std::int64_t>();
    };
    e.ownerId = optionalInt("owner_id");
    e.eventTime = optionalInt("event_time");
    e.receivedAt = j.value("received_at", std::int64_t{0});
}

void to_json(nlohmann::json& j, const EventsPage& p)
{
    j = {{"events", p.events}, {"next", p.next}, {"more", p.more}};
}

void from_json(const nlohmann::json& j, EventsPage& p)
{
    p.events = j.at("events").get<std::vector<SyncEvent>>();
    p.next = j.at("next").get<std::int64_t>();
    p.more = j.value("more", false);
}

} // namespace tricoach::wire

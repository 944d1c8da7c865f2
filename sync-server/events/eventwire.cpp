#include "sync-server/events/eventwire.h"

namespace tricoach::sync {

wire::SyncEvent toWire(const Event& event)
{
    wire::SyncEvent w;
    w.id = event.id;
    w.kind = event.kind;
    w.objectType = event.objectType;
    w.objectId = event.objectId;
    w.aspectType = event.aspectType;
    const auto updates = nlohmann::json::parse(event.updatesJson, nullptr, false);
    w.updates = updates.is_object() ? updates : nlohmann::json::object();
    w.ownerId = event.ownerAthleteId;
    if (event.eventTime)
        w.eventTime = std::chrono::duration_cast<std::chrono::seconds>(event.eventTime->time_since_epoch()).count();
    w.receivedAt = event.receivedAt.time_since_epoch().count();
    return w;
}

std::string sseFrame(const Event& event)
{
    // dump() escapes control characters, so the JSON is one line; kinds are the server's own words.
    return "id: " + std::to_string(event.id) + "\nevent: " + event.kind +
           "\ndata: " + nlohmann::json(toWire(event)).dump() + "\n\n";
}

} // namespace tricoach::sync

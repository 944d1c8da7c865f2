#pragma once

#include "sync-server/api/providers.h"

namespace tricoach::sync {

class EventHub;
class Router;

// GET /v1/events (a page of the signed-in user's events after a cursor) and GET /v1/events/stream (server-sent
// events, resumed after Last-Event-ID or ?after=). Authorization: a bearer access token; a user reads only the
// events resolved to them — the user id comes from the token, never from the request.
void addEventRoutes(Router& router, EventHub& hub, StoreProvider store, Clock clock);

} // namespace tricoach::sync

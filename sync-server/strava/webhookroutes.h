#pragma once

#include "sync-server/api/providers.h"

namespace tricoach::sync {

class Router;
class StravaWebhook;

// GET and POST /strava/webhook/{path}: Strava's callback validation and its events. No bearer token (Strava has
// none): the secret path is the authorization rule, checked first, in constant time; a wrong one is 403 and nothing
// is stored.
void addWebhookRoutes(Router& router, StravaWebhook& webhook, StoreProvider store, Clock clock);

} // namespace tricoach::sync

#pragma once

#include "sync-server/http/message.h"

#include <functional>
#include <string>
#include <vector>

namespace tricoach::sync {

using Handler = std::function<HttpResponse(HttpRequest&)>;

// Who is held to which request budget on a route (the front applies them; see RateLimitSettings).
enum class Throttle {
    PerAddress, // every client address has a budget: the default for any route
    SignIn,     // the sign-in routes: the address's budget and a tighter sign-in budget per address
    PerUser,    // signed-in routes: the address's budget and the signed-in user's
    Never,      // health, readiness and metrics (probes and the scraper), Strava's webhook (a 429 loses events)
};

// One route: a method, a path pattern whose segments may be {placeholders}, and what answers it.
struct Route {
    std::string method;
    std::string pattern; // "/v1/sessions/{id}"; also the route's name in logs and metrics
    Handler handler;
    Throttle throttle = Throttle::PerAddress;
};

// Finds the route of a request. Paths are matched segment by segment; a placeholder takes one whole non-empty
// segment. Not thread-safe to change; safe to match from any number of threads once built.
class Router {
public:
    void add(std::string method, std::string pattern, Handler handler); // Throttle::PerAddress
    void add(std::string method, std::string pattern, Throttle throttle, Handler handler);
    const std::vector<Route>& routes() const { return m_routes; }

    struct Match {
        const Route* route = nullptr;     // null: no route for this method and path
        std::vector<std::string> allowed; // the path is known under these methods (a 405 names them)
    };
    // Fills request.params from the matched pattern.
    Match match(HttpRequest& request) const;

private:
    std::vector<Route> m_routes;
};

} // namespace tricoach::sync

#pragma once

#include "sync-server/http/message.h"
#include "sync-server/store/serverstore.h"

#include <functional>
#include <memory>

namespace tricoach::sync {

// The store once it is open (null while the database is out of reach): route areas ask on every request.
using StoreProvider = std::function<std::shared_ptr<ServerStore>()>;
// The time, passed in so that tests control it.
using Clock = std::function<Timestamp()>;

inline Timestamp systemNow()
{
    return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

// The answer while the store is out of reach: 503, store.unavailable, and when to try again.
inline HttpResponse storeUnavailable()
{
    HttpResponse r = HttpResponse::error(503, "store.unavailable",
                                         "The server cannot reach its database right now; try again shortly.");
    r.headers.set("Retry-After", "2");
    return r;
}

} // namespace tricoach::sync

#pragma once

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

} // namespace tricoach::sync

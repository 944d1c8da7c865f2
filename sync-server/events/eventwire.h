#pragma once

#include "core/wire/events.h"
#include "sync-server/store/serverstore.h"

#include <string>

namespace tricoach::sync {

// A stored event as desktops receive it (core/wire): never its raw body or its dedupe key.
wire::SyncEvent toWire(const Event& event);
// One server-sent event (WHATWG HTML §9.2): `id:` the event id, `event:` its kind, `data:` its JSON on one line.
std::string sseFrame(const Event& event);

} // namespace tricoach::sync

#pragma once
// The store's wake-up thread: event wake-ups are posted here (by appendEvent on SQLite, by the LISTEN thread on
// PostgreSQL) and handed to the subscribers on this one thread, so no caller ever runs a listener itself.

#include "sync-server/store/serverstore.h"

#include <memory>

namespace tricoach::sync::detail {

class WakeUpHub {
public:
    WakeUpHub();
    ~WakeUpHub(); // stops the thread; subscriptions that outlive the hub are harmless
    WakeUpHub(const WakeUpHub&) = delete;
    WakeUpHub& operator=(const WakeUpHub&) = delete;

    std::unique_ptr<EventSubscription> subscribe(EventListener listener);
    // Wake-ups posted while the thread is busy merge into one (the newest id; resync when any asked for it).
    void post(const EventWakeUp& wakeUp);
    void stop() noexcept;

    struct State;

private:
    std::shared_ptr<State> m_state;
};

} // namespace tricoach::sync::detail

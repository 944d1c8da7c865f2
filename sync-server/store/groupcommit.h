#pragma once
// Group commit for events: concurrent appendEvent calls share one transaction, so that one durable commit (one
// fsync) answers many webhooks instead of each paying for its own.

#include "sync-server/store/serverstore.h"

#include <condition_variable>
#include <functional>
#include <mutex>
#include <vector>

namespace tricoach::sync::detail {

// One event waiting for the commit that holds it.
struct PendingEvent {
    const NewEvent* event = nullptr;
    Result<AppendedEvent> result = AppendedEvent{};
    bool done = false; // guarded by the queue's mutex: `result` is final once it is set
};

// The caller that finds no batch being written writes everything queued so far (its own event among them) with
// `writeBatch`, which sets each one's result; every caller returns only after the transaction holding its event
// committed (or failed). No thread of its own: a writer is always a caller.
class EventGroupCommit {
public:
    using WriteBatch = std::function<void(const std::vector<PendingEvent*>& batch)>; // must not throw

    explicit EventGroupCommit(std::size_t maxBatch = 256)
        : m_maxBatch(maxBatch)
    {
    }

    Result<AppendedEvent> append(const NewEvent& event, const WriteBatch& writeBatch);

private:
    std::size_t m_maxBatch;
    std::mutex m_mutex;
    std::condition_variable m_done;
    std::vector<PendingEvent*> m_queue;
    bool m_writing = false;
};

} // namespace tricoach::sync::detail

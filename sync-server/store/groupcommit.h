#pragma once
// Group commit for events: the events that arrive while one transaction commits share the next one, so that one
// durable commit (one fsync) answers many webhooks instead of each paying for its own.

#include "sync-server/store/serverstore.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace tricoach::sync::detail {

// One event waiting for the commit that holds it.
struct PendingEvent {
    NewEvent event;
    Result<AppendedEvent> result = AppendedEvent{}; // set by the batch's writer
    AppendHandler done;
};

// A writer thread of its own takes everything queued (up to a batch) and writes it with `writeBatch`, which sets
// each event's result; then each caller's handler runs on that thread. Callers never wait for a disk unless they
// ask to (appendAndWait), so request threads keep serving while a batch commits.
class EventGroupCommit {
public:
    using WriteBatch = std::function<void(const std::vector<PendingEvent*>& batch)>; // must not throw
    using Executor = std::function<void(std::function<void()>)>;

    explicit EventGroupCommit(WriteBatch writeBatch, std::size_t maxBatch = 512);
    ~EventGroupCommit(); // stop()
    // Writes what is queued and answers it (a handler may still append: it is written too), then joins the writer.
    // Events appended afterwards are answered kStoreUnavailable at once.
    void stop();
    EventGroupCommit(const EventGroupCommit&) = delete;
    EventGroupCommit& operator=(const EventGroupCommit&) = delete;

    void append(NewEvent event, AppendHandler done);
    // Where a batch's handlers run: null (the default) on the writer thread. Once this returns, the writer posts
    // nothing more to the executor it replaced.
    void setExecutor(Executor executor);
    // From the writer thread itself (a handler that appends again) the event is written at once, alone.
    Result<AppendedEvent> appendAndWait(NewEvent event);

private:
    void run();

    WriteBatch m_writeBatch;
    std::size_t m_maxBatch;
    std::mutex m_mutex;
    std::condition_variable m_queued;
    std::deque<PendingEvent> m_queue;
    bool m_stopping = false;
    std::mutex m_executorMutex; // held while the writer hands a batch's handlers over
    Executor m_executor;
    std::thread m_writer; // started by the first append: command-line uses of the store never start it
    std::atomic<std::thread::id> m_writerId{}; // the writer's, read without the lock (is this the writer?)
};

} // namespace tricoach::sync::detail

#pragma once

#include "sync-server/api/providers.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace tricoach::sync {

class EventStream;
class JsonLog;
class Metrics;

struct EventHubOptions {
    std::chrono::milliseconds heartbeat{15'000}; // a comment line on every stream, so that proxies keep it open
    int pageSize = 200;                          // events read per query
    int pagesPerPass = 10;                       // then other streams get their turn; the rest follows at once
};

// Fans events out to the open server-sent-event streams of this process. One store subscription per process: each
// wake-up (in-process, or PostgreSQL's NOTIFY from any instance) is one read of every user's new events after the
// hub's own cursor (its head), shared out in memory to the streams of each event's user; only a stream that joins
// behind the head (a Last-Event-ID from a while ago) reads its user's events alone until it is level with it. The
// events table is the truth, the wake-up only says "look". One worker thread writes; writes never block it (the
// HTTP layer queues them, and cuts a client that stops reading after its write timeout).
class EventHub {
public:
    EventHub(StoreProvider store, Clock clock, Metrics& metrics, JsonLog& log, EventHubOptions options);
    ~EventHub();
    EventHub(const EventHub&) = delete;
    EventHub& operator=(const EventHub&) = delete;

    void start();
    void stop(); // closes every stream
    // A stream of `user`'s events after `cursor`; the hub writes to it until the client leaves.
    void add(UserId user, EventId cursor, std::shared_ptr<EventStream> stream);
    int clients() const;
    long storeReads() const; // event reads the hub made since it started (one per wake-up when all are level)

private:
    struct Client {
        UserId user = 0;
        EventId cursor = 0; // the stream has every event of its user up to here
        std::shared_ptr<EventStream> stream;
    };

    void run();
    void subscribeIfOpen(const std::shared_ptr<ServerStore>& store);
    // true when some stream has more waiting than one pass reads.
    bool deliver(ServerStore& store, std::vector<std::shared_ptr<Client>>& clients);
    // Streams behind the head read their users' events alone; true when some are still behind after a pass.
    bool catchUp(ServerStore& store, const std::vector<Client*>& behind, long& delivered);
    bool send(const Event& e, const std::string& frame, Client& c, Timestamp now); // false: the stream is gone
    void dropClosed();

    StoreProvider m_store;
    Clock m_clock;
    Metrics& m_metrics;
    JsonLog& m_log;
    EventHubOptions m_options;

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_pending = false; // a wake-up, or a new stream, since the last pass
    bool m_stopping = false;
    std::vector<std::shared_ptr<Client>> m_clients;
    std::thread m_worker;
    // Touched by the worker only.
    std::shared_ptr<ServerStore> m_subscribedStore;
    std::unique_ptr<EventSubscription> m_subscription;
    std::optional<EventId> m_head; // every stream at or past it has all its user's events up to it
    std::atomic<long> m_storeReads{0};
};

} // namespace tricoach::sync

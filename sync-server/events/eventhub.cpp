#include "sync-server/events/eventhub.h"

#include "sync-server/events/eventwire.h"
#include "sync-server/http/eventstream.h"
#include "sync-server/ops/jsonlog.h"
#include "sync-server/ops/metrics.h"

#include <algorithm>
#include <limits>
#include <map>
#include <unordered_map>

namespace tricoach::sync {

namespace {
// While the database is not open yet, how often the worker looks again.
constexpr std::chrono::milliseconds kStoreRetry{500};
} // namespace

EventHub::EventHub(StoreProvider store, Clock clock, Metrics& metrics, JsonLog& log, EventHubOptions options)
    : m_store(std::move(store))
    , m_clock(std::move(clock))
    , m_metrics(metrics)
    , m_log(log)
    , m_options(options)
{
}

EventHub::~EventHub()
{
    stop();
}

void EventHub::start()
{
    std::lock_guard lock(m_mutex);
    if (m_worker.joinable() || m_stopping)
        return;
    m_worker = std::thread([this] { run(); });
}

void EventHub::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_worker.joinable())
        m_worker.join();
    m_subscription.reset();
    m_subscribedStore.reset();
    std::vector<std::shared_ptr<Client>> left;
    {
        std::lock_guard lock(m_mutex);
        left.swap(m_clients);
    }
    for (const auto& c : left) {
        c->stream->close();
        m_metrics.sseClientsChanged(-1);
    }
}

void EventHub::add(UserId user, EventId cursor, std::shared_ptr<EventStream> stream)
{
    m_metrics.sseClientsChanged(+1);
    {
        std::lock_guard lock(m_mutex);
        if (!m_stopping) {
            m_clients.push_back(std::make_shared<Client>(Client{user, cursor, std::move(stream)}));
            m_pending = true;
            m_wake.notify_all();
            return;
        }
    }
    stream->close();
    m_metrics.sseClientsChanged(-1);
}

int EventHub::clients() const
{
    std::lock_guard lock(m_mutex);
    return static_cast<int>(m_clients.size());
}

void EventHub::subscribeIfOpen(const std::shared_ptr<ServerStore>& store)
{
    if (!store || store == m_subscribedStore)
        return;
    m_subscription.reset();
    m_subscription = store->subscribeEvents([this](const EventWakeUp&) {
        std::lock_guard lock(m_mutex);
        m_pending = true;
        m_wake.notify_all();
    });
    m_subscribedStore = store;
    // Events may have committed before the subscription listened: one pass reads them.
    std::lock_guard lock(m_mutex);
    m_pending = true;
}

void EventHub::run()
{
    auto nextHeartbeat = std::chrono::steady_clock::now() + m_options.heartbeat;
    for (;;) {
        std::vector<std::shared_ptr<Client>> clients;
        bool pass = false;
        {
            std::unique_lock lock(m_mutex);
            const auto until = m_subscribedStore
                                   ? nextHeartbeat
                                   : std::min(nextHeartbeat, std::chrono::steady_clock::now() + kStoreRetry);
            m_wake.wait_until(lock, until, [this] { return m_stopping || m_pending; });
            if (m_stopping)
                return;
            pass = m_pending;
            m_pending = false;
            clients = m_clients;
        }
        const auto store = m_store();
        subscribeIfOpen(store);
        if (pass && store && !clients.empty() && deliver(*store, clients)) {
            std::lock_guard lock(m_mutex);
            m_pending = true; // more to read: go on after the heartbeat check, without waiting
        }
        if (std::chrono::steady_clock::now() >= nextHeartbeat) {
            for (const auto& c : clients)
                c->stream->write(": heartbeat\n\n");
            nextHeartbeat = std::chrono::steady_clock::now() + m_options.heartbeat;
        }
        dropClosed();
    }
}

long EventHub::storeReads() const
{
    return m_storeReads;
}

bool EventHub::send(const Event& e, const std::string& frame, Client& c, Timestamp now)
{
    if (!c.stream->write(frame))
        return false; // gone: dropped later; a reconnect resumes from its Last-Event-ID
    c.cursor = e.id;
    m_metrics.observeEventLag(std::chrono::duration<double>(now - e.receivedAt).count());
    return true;
}

bool EventHub::catchUp(ServerStore& store, const std::vector<Client*>& behind, long& delivered)
{
    std::map<UserId, std::vector<Client*>> byUser;
    for (Client* c : behind)
        byUser[c->user].push_back(c);
    const EventId head = *m_head;
    bool more = false;
    for (auto& [user, streams] : byUser) {
        EventId from = std::numeric_limits<EventId>::max();
        for (const Client* c : streams)
            from = std::min(from, c->cursor);
        for (int page = 0;; ++page) {
            if (page == m_options.pagesPerPass) {
                more = true;
                break;
            }
            ++m_storeReads;
            auto events = store.eventsFor(user, from, m_options.pageSize);
            if (!events) {
                m_log.warn("events could not be read for a stream",
                           {{"problem", events.error().message.toStdString()}});
                return more;
            }
            const Timestamp now = m_clock();
            for (const Event& e : *events) {
                const std::string frame = sseFrame(e);
                for (Client* c : streams)
                    if (e.id > c->cursor && send(e, frame, *c, now))
                        ++delivered;
                from = e.id;
            }
            if (static_cast<int>(events->size()) < m_options.pageSize) {
                // All of this user's events up to the head were committed before this read (ids commit in order),
                // and the streams have them: they are level with the head.
                for (Client* c : streams)
                    c->cursor = std::max(c->cursor, head);
                break;
            }
        }
    }
    return more;
}

bool EventHub::deliver(ServerStore& store, std::vector<std::shared_ptr<Client>>& clients)
{
    if (!m_head) {
        // Where the shared reads start: the newest event now. Streams that came with an older cursor catch up.
        ++m_storeReads;
        auto latest = store.latestEventId();
        if (!latest) {
            m_log.warn("events could not be read for the streams", {{"problem", latest.error().message.toStdString()}});
            return false;
        }
        m_head = *latest;
    }
    std::vector<Client*> behind;
    std::unordered_map<UserId, std::vector<Client*>> level; // by user: the streams the shared read serves
    for (const auto& c : clients) {
        if (!c->stream->isOpen())
            continue;
        if (c->cursor < *m_head)
            behind.push_back(c.get());
        else
            level[c->user].push_back(c.get());
    }
    long delivered = 0;
    bool more = !behind.empty() && catchUp(store, behind, delivered);
    for (int page = 0;; ++page) {
        if (page == m_options.pagesPerPass) {
            more = true;
            break;
        }
        ++m_storeReads;
        auto events = store.eventsAfter(*m_head, m_options.pageSize);
        if (!events) {
            // The next wake-up (or the resync after the database is back) reads again from the same head.
            m_log.warn("events could not be read for the streams", {{"problem", events.error().message.toStdString()}});
            break;
        }
        const Timestamp now = m_clock();
        for (const Event& e : *events) {
            if (const auto it = level.find(e.userId.value_or(0)); it != level.end()) {
                const std::string frame = sseFrame(e);
                for (Client* c : it->second)
                    if (e.id > c->cursor && send(e, frame, *c, now))
                        ++delivered;
            }
            m_head = e.id;
        }
        if (static_cast<int>(events->size()) < m_options.pageSize)
            break;
    }
    // Streams with nothing in the pages read are level with the new head all the same.
    for (auto& [user, streams] : level)
        for (Client* c : streams)
            c->cursor = std::max(c->cursor, *m_head);
    if (delivered > 0)
        m_metrics.eventsDelivered(delivered);
    return more;
}

void EventHub::dropClosed()
{
    int dropped = 0;
    {
        std::lock_guard lock(m_mutex);
        const auto gone = std::remove_if(m_clients.begin(), m_clients.end(),
                                         [](const std::shared_ptr<Client>& c) { return !c->stream->isOpen(); });
        dropped = static_cast<int>(m_clients.end() - gone);
        m_clients.erase(gone, m_clients.end());
    }
    if (dropped > 0)
        m_metrics.sseClientsChanged(-dropped);
}

} // namespace tricoach::sync

#include "sync-server/store/wakeups.h"

#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

namespace tricoach::sync::detail {

struct WakeUpHub::State {
    std::mutex mutex;
    std::condition_variable posted;
    std::optional<EventWakeUp> pending;
    bool stopping = false;
    int nextId = 1;
    std::map<int, std::shared_ptr<EventListener>> listeners;
    std::mutex dispatching; // held while listeners run: unsubscribing waits for a running call to end
    std::thread thread;
    std::thread::id threadId; // the thread's id, readable under `mutex` while `thread` moves away in stop()

    void loop()
    {
        for (;;) {
            EventWakeUp wakeUp;
            std::vector<std::shared_ptr<EventListener>> targets;
            {
                std::unique_lock lock(mutex);
                posted.wait(lock, [this] { return stopping || pending.has_value(); });
                if (stopping)
                    return;
                wakeUp = *pending;
                pending.reset();
                for (const auto& [id, listener] : listeners)
                    targets.push_back(listener);
            }
            std::lock_guard running(dispatching);
            for (const auto& listener : targets) {
                try {
                    (*listener)(wakeUp);
                } catch (...) {
                    // A listener's failure is its own; the others still hear about the event.
                }
            }
        }
    }
};

namespace {

class HubSubscription final : public EventSubscription {
public:
    HubSubscription(std::weak_ptr<WakeUpHub::State> state, int id)
        : m_state(std::move(state))
        , m_id(id)
    {
    }
    ~HubSubscription() override
    {
        const auto state = m_state.lock();
        if (!state)
            return;
        std::thread::id hubThread;
        {
            std::lock_guard lock(state->mutex);
            state->listeners.erase(m_id);
            hubThread = state->threadId;
        }
        // Wait for a call in progress, unless this is that call unsubscribing itself.
        if (std::this_thread::get_id() != hubThread)
            std::lock_guard running(state->dispatching);
    }

private:
    std::weak_ptr<WakeUpHub::State> m_state;
    int m_id;
};

} // namespace

WakeUpHub::WakeUpHub()
    : m_state(std::make_shared<State>())
{
}

WakeUpHub::~WakeUpHub()
{
    stop();
}

std::unique_ptr<EventSubscription> WakeUpHub::subscribe(EventListener listener)
{
    std::lock_guard lock(m_state->mutex);
    if (!m_state->thread.joinable() && !m_state->stopping) {
        m_state->thread = std::thread([state = m_state.get()] { state->loop(); });
        m_state->threadId = m_state->thread.get_id();
    }
    const int id = m_state->nextId++;
    m_state->listeners.emplace(id, std::make_shared<EventListener>(std::move(listener)));
    return std::make_unique<HubSubscription>(m_state, id);
}

void WakeUpHub::post(const EventWakeUp& wakeUp)
{
    {
        std::lock_guard lock(m_state->mutex);
        if (m_state->listeners.empty())
            return;
        EventWakeUp merged = m_state->pending.value_or(EventWakeUp{});
        merged.latestId = std::max(merged.latestId, wakeUp.latestId);
        merged.resync = merged.resync || wakeUp.resync;
        m_state->pending = merged;
    }
    m_state->posted.notify_one();
}

void WakeUpHub::stop() noexcept
{
    std::thread thread;
    {
        std::lock_guard lock(m_state->mutex);
        m_state->stopping = true;
        thread = std::move(m_state->thread);
    }
    m_state->posted.notify_one();
    if (thread.joinable() && thread.get_id() != std::this_thread::get_id())
        thread.join();
    else if (thread.joinable())
        thread.detach();
}

} // namespace tricoach::sync::detail

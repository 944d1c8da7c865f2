#include "sync-server/store/groupcommit.h"

#include <future>
#ifdef __linux__
#include <pthread.h>
#endif

namespace tricoach::sync::detail {

EventGroupCommit::EventGroupCommit(WriteBatch writeBatch, std::size_t maxBatch)
    : m_writeBatch(std::move(writeBatch))
    , m_maxBatch(maxBatch)
{
}

EventGroupCommit::~EventGroupCommit()
{
    stop();
}

void EventGroupCommit::stop()
{
    std::thread writer;
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        writer = std::move(m_writer);
    }
    m_queued.notify_all();
    if (writer.joinable())
        writer.join();
}

void EventGroupCommit::append(NewEvent event, AppendHandler done)
{
    {
        std::unique_lock lock(m_mutex);
        if (m_stopping && std::this_thread::get_id() != m_writerId.load()) {
            lock.unlock();
            if (done)
                done(makeError(QStringLiteral("The server is shutting down; send the event again shortly."),
                               kStoreUnavailable));
            return;
        }
        m_queue.push_back(PendingEvent{std::move(event), AppendedEvent{}, std::move(done)});
        if (!m_writer.joinable() && !m_stopping)
            m_writer = std::thread([this] { run(); });
    }
    m_queued.notify_one();
}

Result<AppendedEvent> EventGroupCommit::appendAndWait(NewEvent event)
{
    if (std::this_thread::get_id() == m_writerId.load()) {
        // Waiting here would wait for this very thread.
        PendingEvent alone{std::move(event), AppendedEvent{}, {}};
        m_writeBatch({&alone});
        return alone.result;
    }
    std::promise<Result<AppendedEvent>> answer;
    auto future = answer.get_future();
    append(std::move(event), [&answer](Result<AppendedEvent> r) { answer.set_value(std::move(r)); });
    return future.get();
}

void EventGroupCommit::run()
{
#ifdef __linux__
    pthread_setname_np(pthread_self(), "event-writer"); // as ps and perf show it
#endif
    m_writerId = std::this_thread::get_id();
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_queued.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
        if (m_queue.empty())
            return; // stopping, and everything queued was answered
        std::vector<PendingEvent> batch;
        const std::size_t count = std::min(m_queue.size(), m_maxBatch);
        batch.reserve(count);
        for (std::size_t i = 0; i < count; ++i) {
            batch.push_back(std::move(m_queue.front()));
            m_queue.pop_front();
        }
        lock.unlock();
        std::vector<PendingEvent*> pointers;
        pointers.reserve(batch.size());
        for (PendingEvent& p : batch)
            pointers.push_back(&p);
        m_writeBatch(pointers);
        // The handlers (answers to send, lines to log) run elsewhere when they can: this thread goes on to the next
        // batch meanwhile.
        auto answer = [batch = std::move(batch)]() mutable {
            for (PendingEvent& p : batch) {
                try {
                    if (p.done)
                        p.done(std::move(p.result));
                } catch (...) {
                    // A handler's failure is its own request's; the others are still answered.
                }
            }
        };
        {
            std::unique_lock executorLock(m_executorMutex);
            if (m_executor) {
                m_executor(std::move(answer)); // under the lock: setExecutor waits for the hand-over
            } else {
                executorLock.unlock(); // a handler may take long, or set the executor itself
                answer();
            }
        }
        lock.lock();
    }
}

void EventGroupCommit::setExecutor(Executor executor)
{
    std::lock_guard lock(m_executorMutex);
    m_executor = std::move(executor);
}

} // namespace tricoach::sync::detail

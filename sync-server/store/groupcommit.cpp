#include "sync-server/store/groupcommit.h"

namespace tricoach::sync::detail {

Result<AppendedEvent> EventGroupCommit::append(const NewEvent& event, const WriteBatch& writeBatch)
{
    PendingEvent mine;
    mine.event = &event;
    std::unique_lock lock(m_mutex);
    m_queue.push_back(&mine);
    for (;;) {
        if (mine.done)
            return mine.result;
        if (m_writing) {
            m_done.wait(lock);
            continue;
        }
        // This caller writes the next batch: the oldest queued events, its own among them unless more than a
        // batch arrived before it (then it writes again, or another caller does, right after).
        m_writing = true;
        const auto end = m_queue.begin() + static_cast<std::ptrdiff_t>(std::min(m_queue.size(), m_maxBatch));
        std::vector<PendingEvent*> batch(m_queue.begin(), end);
        m_queue.erase(m_queue.begin(), end);
        lock.unlock();
        writeBatch(batch);
        lock.lock();
        for (PendingEvent* p : batch)
            p->done = true;
        m_writing = false;
        m_done.notify_all();
    }
}

} // namespace tricoach::sync::detail

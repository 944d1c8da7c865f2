#include "core/import/memorybudget.h"

#include <algorithm>
#include <utility>

namespace tricoach {

MemoryBudget::MemoryBudget(qint64 capacity)
    : m_capacity(std::max<qint64>(1, capacity))
{
}

MemoryBudget::Lease::Lease(Lease&& other) noexcept
    : m_budget(std::exchange(other.m_budget, nullptr))
    , m_bytes(std::exchange(other.m_bytes, 0))
{
}

MemoryBudget::Lease& MemoryBudget::Lease::operator=(Lease&& other) noexcept
{
    if (this != &other) {
        release();
        m_budget = std::exchange(other.m_budget, nullptr);
        m_bytes = std::exchange(other.m_bytes, 0);
    }
    return *this;
}

void MemoryBudget::Lease::release()
{
    if (m_budget != nullptr)
        m_budget->give(m_bytes);
    m_budget = nullptr;
    m_bytes = 0;
}

MemoryBudget::Lease MemoryBudget::acquire(qint64 bytes)
{
    bytes = std::max<qint64>(1, bytes);
    std::unique_lock lock(m_mutex);
    const std::uint64_t ticket = m_nextTicket++;
    m_changed.wait(lock, [&] { return ticket == m_serving && (m_held == 0 || m_held + bytes <= m_capacity); });
    ++m_serving;
    m_held += bytes;
    m_peak = std::max(m_peak, m_held);
    lock.unlock();
    m_changed.notify_all(); // the next in turn may fit too
    return Lease(this, bytes);
}

qint64 MemoryBudget::held() const
{
    std::lock_guard lock(m_mutex);
    return m_held;
}

qint64 MemoryBudget::peak() const
{
    std::lock_guard lock(m_mutex);
    return m_peak;
}

void MemoryBudget::give(qint64 bytes)
{
    {
        std::lock_guard lock(m_mutex);
        m_held -= bytes;
    }
    m_changed.notify_all();
}

} // namespace tricoach

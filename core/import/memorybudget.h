#pragma once

#include <QtGlobal>

#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace tricoach {

// The bytes an import's decoding threads may hold at once, shared by all of them (a cap per thread would grow
// with the number of cores). A thread asks before it reads a file for what reading and decoding it will take
// (FormatRegistry::plan) and gives it back once the file is decoded and encoded. Requests are served in the
// order they were made, so a large file is not starved by small ones; one larger than the whole budget waits
// until nothing else is held and is then decoded alone, rather than refused (the formats' size limits refuse
// what is absurd). A thread never waits while holding a lease, so waits always end.
class MemoryBudget {
public:
    explicit MemoryBudget(qint64 capacity);
    MemoryBudget(const MemoryBudget&) = delete;
    MemoryBudget& operator=(const MemoryBudget&) = delete;

    // Bytes held from the budget until released or destroyed.
    class Lease {
    public:
        Lease() = default;
        Lease(Lease&& other) noexcept;
        Lease& operator=(Lease&& other) noexcept;
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        ~Lease() { release(); }
        qint64 bytes() const { return m_bytes; }
        void release();

    private:
        friend class MemoryBudget;
        Lease(MemoryBudget* budget, qint64 bytes)
            : m_budget(budget)
            , m_bytes(bytes)
        {
        }
        MemoryBudget* m_budget = nullptr;
        qint64 m_bytes = 0;
    };

    // Waits for `bytes` (at least 1) to fit beside what is held, in turn.
    Lease acquire(qint64 bytes);

    qint64 capacity() const { return m_capacity; }
    qint64 held() const;
    // The most ever held at once.
    qint64 peak() const;

private:
    void give(qint64 bytes);

    const qint64 m_capacity;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    qint64 m_held = 0;
    qint64 m_peak = 0;
    std::uint64_t m_nextTicket = 0; // the turn the next request gets
    std::uint64_t m_serving = 0;    // the turn being served
};

} // namespace tricoach

#include "sync-server/api/ratelimit.h"

#include <algorithm>
#include <cmath>

namespace tricoach::sync {

TokenBuckets::TokenBuckets(int perMinute, std::size_t maxKeys)
    : m_capacity(std::max(1, perMinute))
    , m_perMs(std::max(1, perMinute) / 60'000.0)
    , m_maxKeys(std::max<std::size_t>(1, maxKeys))
{
}

std::size_t TokenBuckets::size() const
{
    std::lock_guard lock(m_mutex);
    return m_buckets.size();
}

void TokenBuckets::forgetIdle(Timestamp now)
{
    // From the longest idle, stopping at the first still refilling: amortised constant work per request. A younger
    // full bucket left behind is forgotten later, and maxKeys bounds the map meanwhile.
    while (!m_byAge.empty()) {
        const auto it = m_buckets.find(m_byAge.back());
        const double idleMs = static_cast<double>((now - it->second.last).count());
        if (it->second.tokens + idleMs * m_perMs < m_capacity)
            break;
        m_buckets.erase(it);
        m_byAge.pop_back();
    }
}

BudgetDecision TokenBuckets::take(const std::string& key, Timestamp now)
{
    std::lock_guard lock(m_mutex);
    forgetIdle(now);
    auto it = m_buckets.find(key);
    if (it == m_buckets.end()) {
        if (m_buckets.size() >= m_maxKeys) { // a flood of new keys: the longest idle makes room
            m_buckets.erase(m_byAge.back());
            m_byAge.pop_back();
        }
        m_byAge.push_front(key);
        it = m_buckets.emplace(key, Bucket{m_capacity, now, m_byAge.begin()}).first;
    } else {
        m_byAge.splice(m_byAge.begin(), m_byAge, it->second.age);
    }
    Bucket& b = it->second;
    // A clock that steps back (tests, NTP) refills nothing rather than draining.
    const double elapsedMs = std::max<double>(0, static_cast<double>((now - b.last).count()));
    b.tokens = std::min(m_capacity, b.tokens + elapsedMs * m_perMs);
    b.last = std::max(b.last, now);
    BudgetDecision d;
    if (b.tokens >= 1) {
        b.tokens -= 1;
        d.remaining = static_cast<int>(b.tokens);
        return d;
    }
    d.allowed = false;
    const double waitMs = (1 - b.tokens) / m_perMs;
    d.retryAfter = std::chrono::seconds(std::max<long long>(1, static_cast<long long>(std::ceil(waitMs / 1000))));
    return d;
}

} // namespace tricoach::sync

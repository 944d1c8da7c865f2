#pragma once

#include "sync-server/store/serverstore.h"

#include <chrono>
#include <cstddef>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>

namespace tricoach::sync {

// How fast one client may call: each budget is requests per minute, and a client may spend a whole minute's
// budget at once (the bucket holds that many) before it is held to the steady rate.
struct RateLimitSettings {
    bool enabled = true;              // --rate-limit off: for benchmarks (wrk from one address)
    int perAddress = 600;             // every route but health, metrics and Strava's webhook, per client address
    int signInPerAddress = 60;        // the sign-in routes (/oauth/*: a password costs an Argon2id hash), per address
    int perUser = 300;                // the signed-in user's /v1 routes, per user whatever the address
    std::size_t maxClients = 100'000; // tracked keys per budget: past it the longest idle is forgotten
};

// The outcome of one request against a budget: allowed, or refused with when to come back.
struct BudgetDecision {
    bool allowed = true;
    std::chrono::seconds retryAfter{0}; // whole seconds, at least 1 when refused (RFC 9110 §10.2.3)
    int remaining = 0;                  // whole requests left in the bucket after this one
};

// Token buckets per key (a client address, a user id) in this process's memory. Per instance is enough here: these
// budgets protect an instance's threads and database connections from floods, and a flood spread by a balancer over
// N instances meets N budgets each sized for one instance. The password-attempt limits, which protect an account
// against guessing, stay in the shared store (across instances and restarts).
// Memory is bounded: keys are kept least-recently-seen first; a key idle long enough for its bucket to refill is
// forgotten (a fresh bucket is the same thing), and past maxKeys the longest idle goes first, so a flood of
// distinct addresses cannot grow it. Thread-safe.
class TokenBuckets {
public:
    TokenBuckets(int perMinute, std::size_t maxKeys);

    BudgetDecision take(const std::string& key, Timestamp now);
    std::size_t size() const;

private:
    struct Bucket {
        double tokens;
        Timestamp last;
        std::list<std::string>::iterator age;
    };
    void forgetIdle(Timestamp now);

    const double m_capacity;
    const double m_perMs; // tokens refilled per millisecond
    const std::size_t m_maxKeys;
    mutable std::mutex m_mutex;
    std::list<std::string> m_byAge; // front: most recently seen
    std::unordered_map<std::string, Bucket> m_buckets;
};

} // namespace tricoach::sync

#pragma once
// Ctrl-C for long commands (import, strava sync, strava connect): while an InterruptGuard lives, SIGINT sets a flag
// the work polls and stops at a safe point, keeping what it stored. A signal handler can reach only a lock-free flag
// of static storage, so the one flag is process-global by necessity.

#include <atomic>

namespace tricoach::cli {

class InterruptGuard {
public:
    InterruptGuard();
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

    // Set once Ctrl-C was pressed while the guard lives.
    static const std::atomic<bool>& flag();

private:
    void (*m_previous)(int);
};

// Whether stderr is a terminal (progress lines are for people, not for logs).
bool stderrIsTerminal();

} // namespace tricoach::cli

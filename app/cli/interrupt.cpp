#include "app/cli/interrupt.h"

#include <csignal>
#include <cstdio>
#ifdef _WIN32
#include <io.h>
#else
#include <unistd.h>
#endif

namespace tricoach::cli {

namespace {
std::atomic<bool> g_interrupted{false};
extern "C" void onInterrupt(int)
{
    g_interrupted.store(true);
}
} // namespace

InterruptGuard::InterruptGuard()
    : m_previous(std::signal(SIGINT, onInterrupt))
{
    g_interrupted = false;
}

InterruptGuard::~InterruptGuard()
{
    std::signal(SIGINT, m_previous);
}

const std::atomic<bool>& InterruptGuard::flag()
{
    return g_interrupted;
}

bool stderrIsTerminal()
{
#ifdef _WIN32
    return _isatty(_fileno(stderr)) != 0;
#else
    return isatty(fileno(stderr)) != 0;
#endif
}

} // namespace tricoach::cli

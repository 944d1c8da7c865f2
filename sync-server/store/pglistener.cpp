// The LISTEN thread of the PostgreSQL store: NOTIFY is only the wake-up (the events table stays the truth), so
// after any gap — the first connection, a reconnection — it asks the listeners to re-read (resync).
#include "sync-server/store/postgresbackend.h"

#include <cstdlib>
#include <fcntl.h>
#include <libpq-fe.h>
#include <poll.h>
#include <unistd.h>

namespace tricoach::sync::detail {

namespace {

// Without traffic for this long the thread asks the server something: a connection cut without a FIN (a failover,
// a dropped NAT entry) would otherwise look idle forever.
constexpr std::chrono::milliseconds kIdleCheck{5000};
constexpr std::chrono::milliseconds kFirstRetry{100};
constexpr std::chrono::milliseconds kLongestRetry{2000};

// The newest event id among the notifications received (0: none).
EventId drainNotifications(PGconn* conn)
{
    EventId latest = 0;
    while (PGnotify* note = PQnotifies(conn)) {
        latest = std::max<EventId>(latest, std::strtoll(note->extra, nullptr, 10));
        PQfreemem(note);
    }
    return latest;
}

} // namespace

PgListener::PgListener(std::string url, StoreOptions options, WakeUpHub& hub)
    : m_url(std::move(url))
    , m_options(options)
    , m_hub(hub)
{
    if (::pipe2(m_wakePipe, O_CLOEXEC | O_NONBLOCK) != 0)
        m_wakePipe[0] = m_wakePipe[1] = -1; // then stopping waits for the poll timeout instead
    m_thread = std::thread([this] { loop(); });
}

PgListener::~PgListener()
{
    m_stop = true;
    if (m_wakePipe[1] >= 0) {
        const char byte = 1;
        [[maybe_unused]] const auto n = ::write(m_wakePipe[1], &byte, 1);
    }
    m_thread.join();
    for (const int fd : m_wakePipe)
        if (fd >= 0)
            ::close(fd);
}

bool PgListener::waitForStop(std::chrono::milliseconds timeout)
{
    pollfd fd{m_wakePipe[0], POLLIN, 0};
    ::poll(&fd, m_wakePipe[0] >= 0 ? 1 : 0, static_cast<int>(std::min<long long>(timeout.count(), 250)));
    return m_stop;
}

void PgListener::loop()
{
    std::chrono::milliseconds retry = kFirstRetry;
    while (!m_stop) {
        PGconn* conn = nullptr;
        try {
            conn = connectPostgres(m_url, m_options, "tricoach-sync-listener");
            PGresult* res = PQexec(conn, (std::string("LISTEN ") + kEventChannel).c_str());
            const bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
            PQclear(res);
            if (!ok)
                throw DbFailure("LISTEN failed", kStoreUnavailable);
        } catch (const DbFailure&) {
            PQfinish(conn);
            const auto until = std::chrono::steady_clock::now() + retry;
            while (!m_stop && std::chrono::steady_clock::now() < until)
                waitForStop(
                    std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now()));
            retry = std::min(retry * 2, kLongestRetry);
            continue;
        }
        retry = kFirstRetry;
        // Events may have committed while nobody listened: everyone re-reads from their cursor.
        m_hub.post(EventWakeUp{0, true});
        listen(conn);
        PQfinish(conn);
    }
}

void PgListener::listen(PGconn* conn)
{
    auto lastTraffic = std::chrono::steady_clock::now();
    while (!m_stop) {
        pollfd fds[2] = {{PQsocket(conn), POLLIN, 0}, {m_wakePipe[0], POLLIN, 0}};
        const int n = ::poll(fds, m_wakePipe[0] >= 0 ? 2 : 1, m_wakePipe[0] >= 0 ? 1000 : 250);
        if (m_stop)
            return;
        if (n > 0 && (fds[0].revents & (POLLIN | POLLERR | POLLHUP))) {
            if (!PQconsumeInput(conn))
                return; // lost: the loop reconnects
            lastTraffic = std::chrono::steady_clock::now();
            if (const EventId latest = drainNotifications(conn); latest > 0)
                m_hub.post(EventWakeUp{latest, false});
        } else if (std::chrono::steady_clock::now() - lastTraffic > kIdleCheck) {
            PGresult* res = PQexec(conn, "SELECT 1");
            const bool ok = PQresultStatus(res) == PGRES_TUPLES_OK;
            PQclear(res);
            if (!ok || PQstatus(conn) != CONNECTION_OK)
                return;
            lastTraffic = std::chrono::steady_clock::now();
            if (const EventId latest = drainNotifications(conn); latest > 0) // arrived with the answer
                m_hub.post(EventWakeUp{latest, false});
        }
        if (PQstatus(conn) != CONNECTION_OK)
            return;
    }
}

} // namespace tricoach::sync::detail

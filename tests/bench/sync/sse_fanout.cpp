// tricoach-sync's event fan-out under load: opens N idle server-sent-event streams (epoll, non-blocking sockets),
// waits for a heartbeat on every one, reads the server's resident memory before and after (memory per idle
// stream), posts one Strava webhook event and measures how long until every stream has it. One JSON line out.
//
//   sync_sse_fanout PORT TOKEN CONNECTIONS SERVER_PID WEBHOOK_PATH OWNER_ID
#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Stream {
    int fd = -1;
    std::string seen;  // what came so far (bounded: only the markers matter)
    bool open = false; // 200 and the first frame ("retry:")
    bool beat = false; // a heartbeat came
    bool got = false;  // the event came
    double gotAfterMs = 0;
};

long rssKiB(long pid)
{
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(status, line);)
        if (line.rfind("VmRSS:", 0) == 0)
            return std::strtol(line.c_str() + 6, nullptr, 10);
    return -1;
}

int connectTo(int port, bool blocking)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | (blocking ? 0 : SOCK_NONBLOCK), 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const int r = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    if (r != 0 && errno != EINPROGRESS) {
        ::close(fd);
        return -1;
    }
    return fd;
}

bool sendAll(int fd, const std::string& bytes)
{
    size_t at = 0;
    while (at < bytes.size()) {
        const ssize_t n = ::send(fd, bytes.data() + at, bytes.size() - at, MSG_NOSIGNAL);
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            continue;
        if (n <= 0)
            return false;
        at += static_cast<size_t>(n);
    }
    return true;
}

// Reads what the stream has; returns false when it closed.
bool drain(Stream& s)
{
    char buf[4096];
    for (;;) {
        const ssize_t n = ::recv(s.fd, buf, sizeof buf, 0);
        if (n > 0) {
            s.seen.append(buf, static_cast<size_t>(n));
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return true;
        return false;
    }
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 7) {
        std::fprintf(stderr, "usage: %s PORT TOKEN CONNECTIONS SERVER_PID WEBHOOK_PATH OWNER_ID\n", argv[0]);
        return 2;
    }
    const int port = std::atoi(argv[1]);
    const std::string token = argv[2];
    const int count = std::atoi(argv[3]);
    const long serverPid = std::atol(argv[4]);
    const std::string webhookPath = argv[5];
    const std::string owner = argv[6];

    rlimit limit{};
    ::getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = limit.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &limit);
    if (static_cast<long>(limit.rlim_cur) < count + 64) {
        std::fprintf(stderr, "sse_fanout: %d streams need more descriptors than the limit %ld (ulimit -Hn)\n", count,
                     static_cast<long>(limit.rlim_cur));
        return 1;
    }

    const long rssBefore = rssKiB(serverPid);
    const int ep = ::epoll_create1(0);
    std::vector<Stream> streams(static_cast<size_t>(count));
    const std::string request = "GET /v1/events/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                                "Authorization: Bearer " +
                                token + "\r\n\r\n";
    const auto started = Clock::now();
    int opened = 0;
    int beats = 0;
    std::vector<epoll_event> events(1024);
    auto pump = [&](int timeoutMs, auto&& onData) {
        const int n = ::epoll_wait(ep, events.data(), static_cast<int>(events.size()), timeoutMs);
        for (int i = 0; i < n; ++i) {
            Stream& s = streams[events[i].data.u32];
            if (!drain(s)) {
                ::epoll_ctl(ep, EPOLL_CTL_DEL, s.fd, nullptr);
                ::close(s.fd);
                s.fd = -1;
            }
            onData(s);
        }
    };
    auto onOpenOrBeat = [&](Stream& s) {
        if (!s.open && s.seen.find("retry:") != std::string::npos && s.seen.rfind("HTTP/1.1 200", 0) == 0) {
            s.open = true;
            ++opened;
        }
        if (s.open && !s.beat && s.seen.find(": heartbeat") != std::string::npos) {
            s.beat = true;
            ++beats;
            s.seen.clear();
        }
    };
    // Connections in batches of 256 (within the listen backlog), each batch answered before the next.
    for (int i = 0; i < count; i += 256) {
        const int end = std::min(count, i + 256);
        for (int k = i; k < end; ++k) {
            Stream& s = streams[static_cast<size_t>(k)];
            s.fd = connectTo(port, true);
            if (s.fd < 0 || !sendAll(s.fd, request)) {
                std::fprintf(stderr, "sse_fanout: connection %d failed: %s\n", k, std::strerror(errno));
                return 1;
            }
            const int flags = 1;
            ::setsockopt(s.fd, IPPROTO_TCP, TCP_NODELAY, &flags, sizeof flags);
            ::fcntl(s.fd, F_SETFL, O_NONBLOCK);
            epoll_event e{};
            e.events = EPOLLIN;
            e.data.u32 = static_cast<uint32_t>(k);
            ::epoll_ctl(ep, EPOLL_CTL_ADD, s.fd, &e);
        }
        const auto deadline = Clock::now() + std::chrono::seconds(10);
        while (opened < end && Clock::now() < deadline)
            pump(100, onOpenOrBeat);
        if (opened < end) {
            std::fprintf(stderr, "sse_fanout: only %d of %d streams opened\n", opened, end);
            return 1;
        }
    }
    const double openSeconds = std::chrono::duration<double>(Clock::now() - started).count();
    // Every stream idle until its heartbeat (15 s apart on the server).
    const auto beatDeadline = Clock::now() + std::chrono::seconds(40);
    while (beats < count && Clock::now() < beatDeadline)
        pump(200, onOpenOrBeat);
    const long rssIdle = rssKiB(serverPid);

    // One event for the athlete; the clock runs from just before the POST.
    for (Stream& s : streams)
        s.seen.clear();
    const std::string body = "{\"object_type\":\"activity\",\"object_id\":987654321,\"aspect_type\":\"create\","
                             "\"owner_id\":" +
                             owner + ",\"subscription_id\":1,\"event_time\":1516126040,\"updates\":{}}";
    const int poster = connectTo(port, true);
    const auto posted = Clock::now();
    sendAll(poster, "POST /strava/webhook/" + webhookPath +
                        " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\n"
                        "Content-Length: " +
                        std::to_string(body.size()) + "\r\n\r\n" + body);
    int delivered = 0;
    const auto deliverDeadline = Clock::now() + std::chrono::seconds(20);
    while (delivered < count && Clock::now() < deliverDeadline) {
        pump(100, [&](Stream& s) {
            if (!s.got && s.seen.find("id:") != std::string::npos) {
                s.got = true;
                s.gotAfterMs = std::chrono::duration<double, std::milli>(Clock::now() - posted).count();
                ++delivered;
            }
        });
    }
    std::vector<double> times;
    for (const Stream& s : streams)
        if (s.got)
            times.push_back(s.gotAfterMs);
    std::sort(times.begin(), times.end());
    const auto at = [&](double q) { return times.empty() ? -1.0 : times[static_cast<size_t>(q * (times.size() - 1))]; };
    std::printf("{\"connections\":%d,\"opened\":%d,\"heartbeats\":%d,\"open_seconds\":%.2f,\"rss_before_kib\":%ld,"
                "\"rss_idle_kib\":%ld,\"kib_per_stream\":%.2f,\"delivered\":%d,\"first_ms\":%.1f,\"p50_ms\":%.1f,"
                "\"all_ms\":%.1f}\n",
                count, opened, beats, openSeconds, rssBefore, rssIdle, static_cast<double>(rssIdle - rssBefore) / count,
                delivered, at(0), at(0.5), at(1.0));
    ::close(poster);
    for (Stream& s : streams)
        if (s.fd >= 0)
            ::close(s.fd);
    return delivered == count && beats == count ? 0 : 1;
}

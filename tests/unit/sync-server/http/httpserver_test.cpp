// HttpServer on real loopback sockets: what reaches a handler, and how bad input, slow clients, a failing handler
// and streams whose client leaves are answered.
#include "sync-server/http/eventstream.h"
#include "sync-server/http/httpserver.h"
#include "tests/support/rawhttp.h"

#include <QElapsedTimer>
#include <QTcpServer>

#include <arpa/inet.h>
#include <atomic>
#include <condition_variable>
#include <gtest/gtest.h>
#include <mutex>
#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace tricoach::sync;
using namespace tricoach::test;

namespace {

HttpServerOptions small()
{
    HttpServerOptions o;
    o.threads = 2;
    o.maxBodyBytes = 1024;
    o.readTimeout = std::chrono::milliseconds(1500);
    return o;
}

nlohmann::json bodyJson(const RawResponse& r)
{
    return nlohmann::json::parse(r.body, nullptr, false);
}

void expectErrorShape(const RawResponse& r, int status, const std::string& code)
{
    EXPECT_EQ(r.status, status);
    EXPECT_EQ(r.header("content-type"), "application/json");
    const auto j = bodyJson(r);
    ASSERT_TRUE(j.is_object()) << r.body;
    EXPECT_EQ(j["error"]["code"], code) << r.body;
    EXPECT_TRUE(j["error"]["message"].is_string() && !j["error"]["message"].get<std::string>().empty()) << r.body;
}

} // namespace

TEST(SyncHttpServer, TheHandlerSeesTheRequestDecodedAndItsAnswerArrives)
{
    HttpRequest seen;
    HttpServer server(small(), [&](HttpRequest& r) {
        seen = r;
        return HttpResponse::json(201, {{"ok", true}});
    });
    ASSERT_TRUE(server.start().ok());
    ASSERT_GT(server.port(), 0);
    const RawResponse r = httpRequest(server.port(), "POST", "/v1/a%20b?x=1&name=Anna+Berg&e=%C3%A9", "{\"k\":1}",
                                      {{"Content-Type", "application/json"}, {"X-Mixed-Case", "yes"}});
    EXPECT_EQ(r.status, 201);
    EXPECT_EQ(bodyJson(r)["ok"], true);
    EXPECT_EQ(seen.method, "POST");
    EXPECT_EQ(seen.path, "/v1/a b");
    EXPECT_EQ(seen.queryValue("x"), "1");
    EXPECT_EQ(seen.queryValue("name"), "Anna Berg");
    EXPECT_EQ(seen.queryValue("e"), "\xC3\xA9");
    EXPECT_EQ(seen.header("x-mixed-case"), "yes");
    EXPECT_EQ(seen.header("CONTENT-TYPE"), "application/json");
    EXPECT_EQ(seen.body, "{\"k\":1}");
    EXPECT_EQ(seen.remoteIp, "127.0.0.1");
}

TEST(SyncHttpServer, ABodyOverTheLimitIs413WithoutReachingTheHandler)
{
    std::atomic<int> calls{0};
    HttpServer server(small(), [&](HttpRequest&) {
        ++calls;
        return HttpResponse::json(200, {});
    });
    ASSERT_TRUE(server.start().ok());
    expectErrorShape(httpRequest(server.port(), "POST", "/x", std::string(3000, 'a')), 413, "request.too-large");
    EXPECT_EQ(calls, 0);
    // The limit itself is fine.
    EXPECT_EQ(httpRequest(server.port(), "POST", "/x", std::string(1024, 'a')).status, 200);
    EXPECT_EQ(calls, 1);
}

TEST(SyncHttpServer, AHandlerThatThrowsIsA500AndTheServerGoesOn)
{
    HttpServer server(small(), [](HttpRequest& r) -> HttpResponse {
        if (r.path == "/boom")
            throw std::runtime_error("bug");
        return HttpResponse::json(200, {{"fine", 1}});
    });
    ASSERT_TRUE(server.start().ok());
    expectErrorShape(httpRequest(server.port(), "GET", "/boom"), 500, "server.internal");
    EXPECT_EQ(httpRequest(server.port(), "GET", "/ok").status, 200);
}

TEST(SyncHttpServer, BadPercentEncodingIsA400)
{
    HttpServer server(small(), [](HttpRequest&) { return HttpResponse::json(200, {}); });
    ASSERT_TRUE(server.start().ok());
    expectErrorShape(httpRequest(server.port(), "GET", "/a%zz"), 400, "request.malformed-url");
    expectErrorShape(httpRequest(server.port(), "GET", "/a?x=%G1"), 400, "request.malformed-url");
}

TEST(SyncHttpServer, GarbageAndASlowClientAreCutOffWhileOthersAreServed)
{
    HttpServer server(small(), [](HttpRequest&) { return HttpResponse::json(200, {{"ok", true}}); });
    ASSERT_TRUE(server.start().ok());
    RawConnection garbage;
    ASSERT_TRUE(garbage.connectTo(server.port()));
    garbage.send(QByteArray("\x16\x03\x01 not http at all\r\n\r\n"));
    EXPECT_TRUE(garbage.waitClosed(5000));

    // A client that trickles its header a line at a time (slowloris) is closed once the read timeout has passed
    // for the request as a whole, and a normal client meanwhile gets its answer at once.
    RawConnection slow;
    ASSERT_TRUE(slow.connectTo(server.port()));
    slow.send("GET / HTTP/1.1\r\n");
    EXPECT_EQ(httpRequest(server.port(), "GET", "/").status, 200);
    QElapsedTimer t;
    t.start();
    bool closed = false;
    for (int i = 0; i < 40 && !closed; ++i) {
        slow.send("X-Trickle: " + QByteArray::number(i) + "\r\n");
        closed = slow.waitClosed(200);
    }
    EXPECT_TRUE(closed) << "still open after " << t.elapsed() << " ms";
    EXPECT_LT(t.elapsed(), 6000);
}

TEST(SyncHttpServer, AStreamDeliversInOrderAndKnowsWhenItsClientLeft)
{
    std::mutex m;
    std::condition_variable cv;
    std::shared_ptr<EventStream> stream;
    std::atomic<int> closedConnections{0};
    HttpServer server(small(), [&](HttpRequest&) {
        HttpResponse r;
        r.headers.set("Content-Type", "text/event-stream");
        r.stream = [&](std::shared_ptr<EventStream> s) {
            std::lock_guard lock(m);
            stream = std::move(s);
            cv.notify_all();
        };
        return r;
    });
    server.onConnectionClosed([&](std::uint64_t) { ++closedConnections; });
    ASSERT_TRUE(server.start().ok());
    RawConnection client;
    ASSERT_TRUE(client.connectTo(server.port()));
    client.send("GET /events HTTP/1.1\r\nHost: x\r\n\r\n");
    {
        std::unique_lock lock(m);
        ASSERT_TRUE(cv.wait_for(lock, std::chrono::seconds(5), [&] { return stream != nullptr; }));
    }
    // Written from two other threads, each in its own order.
    std::thread a([&] {
        for (int i = 0; i < 50; ++i)
            stream->write("data: a" + std::to_string(i) + "\n\n");
    });
    std::thread b([&] {
        for (int i = 0; i < 50; ++i)
            stream->write("data: b" + std::to_string(i) + "\n\n");
    });
    a.join();
    b.join();
    // Either thread may have finished first: read until both last events are in.
    client.readUntil("data: a49\n\n");
    const QByteArray got = client.readUntil("data: b49\n\n");
    EXPECT_TRUE(got.startsWith("HTTP/1.1 200")) << got.left(200).toStdString();
    EXPECT_NE(got.indexOf("text/event-stream"), -1);
    for (const char* who : {"a", "b"}) {
        qsizetype last = -1;
        for (int i = 0; i < 50; ++i) {
            const qsizetype at = got.indexOf(QByteArray("data: ") + who + QByteArray::number(i) + "\n\n");
            ASSERT_GT(at, last) << who << i;
            last = at;
        }
    }
    client.close();
    QElapsedTimer t;
    t.start();
    // The next writes find out (a write fails or the close notice arrives) within a moment.
    while (stream->isOpen() && t.elapsed() < 5000) {
        stream->write(": heartbeat\n\n");
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_FALSE(stream->isOpen());
    EXPECT_FALSE(stream->write("data: late\n\n"));
    EXPECT_GE(closedConnections, 1);
}

// An idle event stream is the normal case (a desktop waiting for its athlete's next activity): no timeout of the
// server may cut it, however long it waits between writes. RESTinio's "handle request" limit (then 10 s) did,
// before the hub's first heartbeat (15 s), so every idle stream died silently.
TEST(SyncHttpServer, AStreamIdleLongerThanEveryTimeoutStaysOpen)
{
    std::mutex m;
    std::condition_variable cv;
    std::shared_ptr<EventStream> stream;
    HttpServerOptions o = small();
    o.writeTimeout = std::chrono::milliseconds(1000);
    HttpServer server(o, [&](HttpRequest&) {
        HttpResponse r;
        r.headers.set("Content-Type", "text/event-stream");
        r.stream = [&](std::shared_ptr<EventStream> s) {
            s->write("data: first\n\n");
            std::lock_guard lock(m);
            stream = std::move(s);
            cv.notify_all();
        };
        return r;
    });
    ASSERT_TRUE(server.start().ok());
    RawConnection client;
    ASSERT_TRUE(client.connectTo(server.port()));
    client.send("GET /events HTTP/1.1\r\nHost: x\r\n\r\n");
    {
        std::unique_lock lock(m);
        ASSERT_TRUE(cv.wait_for(lock, std::chrono::seconds(5), [&] { return stream != nullptr; }));
    }
    EXPECT_NE(client.readUntil("data: first\n\n").indexOf("data: first"), -1);
    std::this_thread::sleep_for(std::chrono::milliseconds(11'000)); // past the read, write and former handle limits
    EXPECT_TRUE(stream->isOpen());
    EXPECT_TRUE(stream->write("data: second\n\n"));
    EXPECT_NE(client.readUntil("data: second\n\n", 5000).indexOf("data: second"), -1);
}

TEST(SyncHttpServer, APortInUseIsAClearErrorNotACrash)
{
    QTcpServer occupant;
    ASSERT_TRUE(occupant.listen(QHostAddress::LocalHost));
    HttpServerOptions o = small();
    o.port = occupant.serverPort();
    HttpServer server(o, [](HttpRequest&) { return HttpResponse::json(200, {}); });
    const auto started = server.start();
    ASSERT_FALSE(started.ok());
    EXPECT_EQ(started.error().code, QStringLiteral("server.listen"));
    EXPECT_TRUE(started.error().message.contains(QString::number(o.port))) << started.error().message.toStdString();
}

TEST(SyncHttpServer, StoppingWithAnOpenStreamReturns)
{
    std::shared_ptr<EventStream> kept;
    std::atomic<bool> opened{false};
    auto server = std::make_unique<HttpServer>(small(), [&](HttpRequest&) {
        HttpResponse r;
        r.stream = [&](std::shared_ptr<EventStream> s) {
            kept = std::move(s);
            opened = true;
        };
        return r;
    });
    ASSERT_TRUE(server->start().ok());
    RawConnection client;
    ASSERT_TRUE(client.connectTo(server->port()));
    client.send("GET /events HTTP/1.1\r\nHost: x\r\n\r\n");
    QElapsedTimer t;
    t.start();
    while (!opened && t.elapsed() < 5000)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ASSERT_TRUE(opened);
    server->stop();
    EXPECT_FALSE(kept->isOpen());
    EXPECT_TRUE(client.waitClosed(5000));
}

TEST(SyncHttpServer, ConnectionsOverTheCapAreRefusedAndRoomComesBackWhenOneCloses)
{
    HttpServerOptions o = small();
    o.maxConnections = 2;
    HttpServer server(o, [](HttpRequest&) { return HttpResponse::json(200, {{"ok", true}}); });
    ASSERT_TRUE(server.start().ok());
    RawConnection first;
    RawConnection second;
    ASSERT_TRUE(first.connectTo(server.port()));
    ASSERT_TRUE(second.connectTo(server.port()));
    QElapsedTimer t;
    t.start();
    while (server.openConnections() < 2 && t.elapsed() < 5000)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ASSERT_EQ(server.openConnections(), 2);
    RawConnection third;
    ASSERT_TRUE(third.connectTo(server.port())); // the kernel accepts; the server closes it at once
    EXPECT_TRUE(third.waitClosed(3000));
    first.close();
    t.restart();
    while (server.openConnections() > 1 && t.elapsed() < 5000)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    EXPECT_EQ(httpRequest(server.port(), "GET", "/").status, 200);
}

// Clients that leave mid-request, many at once on a busy pool (wrk stopping, a proxy's connections reset): the
// server's count of open connections comes back to exactly zero and it goes on answering. RESTinio reports such a
// connection closed twice (the failed write and the failed read each close it), and the count drifted below zero,
// which the connection cap read as "full": every later connection was refused.
TEST(SyncHttpServer, ClientsLeavingMidRequestLeaveTheConnectionCountRightAndTheServerAnswering)
{
    HttpServerOptions o = small();
    o.threads = 16;
    o.maxConnections = 1000;
    HttpServer server(o, [](HttpRequest&) {
        std::this_thread::sleep_for(std::chrono::milliseconds(30)); // the client is gone when the answer is written
        return HttpResponse::text(200, std::string(256 * 1024, 'x'), "text/plain");
    });
    ASSERT_TRUE(server.start().ok());
    const auto leaveMidRequest = [port = server.port()] {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(port);
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0) {
            const std::string request = "GET /big HTTP/1.1\r\nHost: x\r\n\r\n";
            (void)!::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
            const linger reset{1, 0}; // RST, as a killed client's kernel sends
            ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
        }
        ::close(fd);
    };
    for (int round = 0; round < 5; ++round) {
        std::vector<std::thread> clients;
        for (int c = 0; c < 40; ++c)
            clients.emplace_back(leaveMidRequest);
        for (auto& t : clients)
            t.join();
    }
    QElapsedTimer t;
    t.start();
    while (server.openConnections() != 0 && t.elapsed() < 5000)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_EQ(server.openConnections(), 0);
    EXPECT_EQ(httpRequest(server.port(), "GET", "/").status, 200);
}

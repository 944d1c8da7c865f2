// HttpServer's answers that come later (HttpResponse::later): given from another thread, never blocking a request
// thread meanwhile, a 500 when a handler drops its Respond, and waited for when the server stops.
#include "sync-server/http/httpserver.h"
#include "tests/support/rawhttp.h"

#include <atomic>
#include <chrono>
#include <future>
#include <gtest/gtest.h>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

using namespace tricoach::sync;
using namespace tricoach::test;
using namespace std::chrono_literals;

namespace {

HttpServerOptions oneThread()
{
    HttpServerOptions o;
    o.threads = 1; // one request thread: a handler that blocked it would hold every other request up
    o.readTimeout = std::chrono::milliseconds(3000);
    return o;
}

// Threads that answer deferred requests, joined when the test ends.
class Answerers {
public:
    ~Answerers()
    {
        for (auto& t : m_threads)
            t.join();
    }
    void answerAfter(std::chrono::milliseconds delay, Respond respond, HttpResponse response)
    {
        std::lock_guard lock(m_mutex);
        m_threads.emplace_back([delay, respond = std::move(respond), response = std::move(response)]() mutable {
            std::this_thread::sleep_for(delay);
            respond(std::move(response));
        });
    }

private:
    std::mutex m_mutex;
    std::vector<std::thread> m_threads;
};

} // namespace

TEST(SyncHttpDeferred, AnAnswerGivenLaterFromAnotherThreadArrivesAndOthersAreServedMeanwhile)
{
    Answerers answerers;
    std::atomic<bool> slowAnswered{false};
    HttpServer server(oneThread(), [&](HttpRequest& r) {
        if (r.path == "/slow")
            return HttpResponse::later([&](Respond respond) {
                answerers.answerAfter(
                    600ms,
                    [&slowAnswered, respond](HttpResponse a) {
                        slowAnswered = true;
                        respond(std::move(a));
                    },
                    HttpResponse::text(201, "later"));
            });
        return HttpResponse::text(200, "now");
    });
    ASSERT_TRUE(server.start().ok());
    auto slow = std::async(std::launch::async, [&] { return httpRequest(server.port(), "GET", "/slow"); });
    std::this_thread::sleep_for(100ms); // the slow request is in
    const RawResponse fast = httpRequest(server.port(), "GET", "/fast");
    EXPECT_EQ(fast.status, 200);
    EXPECT_EQ(fast.body, "now");
    EXPECT_FALSE(slowAnswered) << "the one request thread waited for the deferred answer";
    const RawResponse later = slow.get();
    EXPECT_EQ(later.status, 201);
    EXPECT_EQ(later.body, "later");
}

TEST(SyncHttpDeferred, ARespondDroppedWithoutAnAnswerAnswers500)
{
    HttpServer server(oneThread(), [](HttpRequest&) {
        return HttpResponse::later([](Respond respond) {
            std::thread([respond = std::move(respond)] {}).join(); // a handler's bug: the Respond is dropped
        });
    });
    ASSERT_TRUE(server.start().ok());
    const RawResponse r = httpRequest(server.port(), "GET", "/lost", {}, {}, 5000);
    EXPECT_EQ(r.status, 500);
    const auto body = nlohmann::json::parse(r.body, nullptr, false);
    EXPECT_EQ(body["error"]["code"], "server.internal") << r.body;
}

TEST(SyncHttpDeferred, StoppingWaitsForAnAnswerOnItsWay)
{
    Answerers answerers;
    std::atomic<bool> inside{false};
    HttpServer server(oneThread(), [&](HttpRequest&) {
        return HttpResponse::later([&](Respond respond) {
            inside = true;
            answerers.answerAfter(400ms, std::move(respond), HttpResponse::text(200, "committed"));
        });
    });
    ASSERT_TRUE(server.start().ok());
    auto answer = std::async(std::launch::async, [&] { return httpRequest(server.port(), "POST", "/event", "{}"); });
    while (!inside)
        std::this_thread::sleep_for(5ms);
    server.stop();
    const RawResponse r = answer.get();
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "committed");
}

TEST(SyncHttpDeferred, PostedWorkRunsOnAServerThreadAndOnTheCallersOnceStopped)
{
    HttpServer server(oneThread(), [](HttpRequest&) { return HttpResponse::text(200, "ok"); });
    ASSERT_TRUE(server.start().ok());
    std::promise<std::thread::id> ran;
    server.post([&ran] { ran.set_value(std::this_thread::get_id()); });
    auto where = ran.get_future();
    ASSERT_EQ(where.wait_for(5s), std::future_status::ready);
    EXPECT_NE(where.get(), std::this_thread::get_id());
    server.stop();
    // Work handed over after the stop (a store's last handlers) is not lost: it runs at once, here.
    std::thread::id lateOn;
    server.post([&lateOn] { lateOn = std::this_thread::get_id(); });
    EXPECT_EQ(lateOn, std::this_thread::get_id());
}

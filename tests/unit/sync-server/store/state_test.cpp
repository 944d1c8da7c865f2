// Strava links, app state, shared rate counters and housekeeping.
#include "tests/unit/sync-server/store/storetestsupport.h"

#include <atomic>
#include <thread>

namespace tricoach::sync::test {

namespace {

class StateTest : public StoreTest {};

TEST_P(StateTest, StravaCredentialsArePutReplacedAndDeleted)
{
    auto user = makeUser(*m_store, {}, 134815);
    EXPECT_FALSE(*m_store->stravaCredentials(user.id));
    Bytes sealed = {0x00, 0x01, 0xfe, 0xff, 0x00}; // ciphertext: any byte, zeros too
    StravaCredentials c{user.id, 134815, sealed, bytes("access"), at(kNow + 21'600'000), "read,activity:read_all",
                        at(kNow)};
    ASSERT_TRUE(m_store->putStravaCredentials(c));
    auto got = m_store->stravaCredentials(user.id);
    ASSERT_TRUE(got && *got);
    EXPECT_EQ((*got)->refreshToken, sealed);
    EXPECT_EQ((*got)->scopes, "read,activity:read_all");
    c.refreshToken = bytes("rotated");
    c.updatedAt = at(kNow + 5);
    ASSERT_TRUE(m_store->putStravaCredentials(c));
    EXPECT_EQ((*m_store->stravaCredentials(user.id))->refreshToken, bytes("rotated"));
    EXPECT_EQ((*m_store->stravaCredentials(user.id))->updatedAt, at(kNow + 5));
    EXPECT_TRUE(*m_store->deleteStravaCredentials(user.id));
    EXPECT_FALSE(*m_store->deleteStravaCredentials(user.id));
    EXPECT_FALSE(*m_store->stravaCredentials(user.id));
}

TEST_P(StateTest, AppStateKeysAndFirstWriterWins)
{
    EXPECT_FALSE(*m_store->state("strava.subscription_id"));
    ASSERT_TRUE(m_store->putState("strava.subscription_id", "120475"));
    EXPECT_EQ(*m_store->state("strava.subscription_id"), "120475");
    ASSERT_TRUE(m_store->putState("strava.subscription_id", "120476"));
    EXPECT_EQ(*m_store->state("strava.subscription_id"), "120476");
    EXPECT_FALSE(*m_store->putStateIfAbsent("strava.subscription_id", "1"));
    EXPECT_TRUE(*m_store->putStateIfAbsent("other", "1"));
    EXPECT_TRUE(*m_store->eraseState("other"));
    EXPECT_FALSE(*m_store->eraseState("other"));

    // Two instances starting at once: exactly one claims the key.
    auto second = open();
    std::atomic<int> claimed{0};
    std::thread a([&] { claimed += *m_store->putStateIfAbsent("leader", "a"); });
    std::thread b([&] { claimed += *second->putStateIfAbsent("leader", "b"); });
    a.join();
    b.join();
    EXPECT_EQ(claimed, 1);
}

TEST_P(StateTest, RateCounterAllowsTheLimitPerWindowAndSaysWhenToRetry)
{
    const auto window = std::chrono::seconds(60);
    const std::int64_t windowStart = (kNow / 60'000) * 60'000;
    for (int i = 1; i <= 3; ++i) {
        auto d = m_store->hit("signin:ip:192.0.2.1", window, 3, at(windowStart + 10'000));
        ASSERT_TRUE(d);
        EXPECT_TRUE(d->allowed);
        EXPECT_EQ(d->count, i);
    }
    auto refused = m_store->hit("signin:ip:192.0.2.1", window, 3, at(windowStart + 10'500));
    EXPECT_FALSE(refused->allowed);
    EXPECT_EQ(refused->retryAfter, std::chrono::seconds(50)); // 49.5 s left, rounded up
    EXPECT_TRUE(m_store->hit("signin:ip:192.0.2.2", window, 3, at(windowStart + 10'500))->allowed); // other key
    auto next = m_store->hit("signin:ip:192.0.2.1", window, 3, at(windowStart + 60'000));           // next window
    EXPECT_TRUE(next->allowed);
    EXPECT_EQ(next->count, 1);
}

TEST_P(StateTest, RateCounterIsSharedByInstancesUnderConcurrency)
{
    auto second = open();
    constexpr int kLimit = 25;
    std::atomic<int> allowed{0};
    std::atomic<int> failed{0};
    auto hammer = [&](ServerStore& store) {
        for (int i = 0; i < 20; ++i) {
            auto d = store.hit("signin:account:7", std::chrono::seconds(3600), kLimit, at(kNow));
            d ? allowed += d->allowed : ++failed;
        }
    };
    std::thread a([&] { hammer(*m_store); });
    std::thread b([&] { hammer(*second); });
    std::thread c([&] { hammer(*second); });
    a.join();
    b.join();
    c.join();
    EXPECT_EQ(failed, 0);
    EXPECT_EQ(allowed, kLimit);
}

TEST_P(StateTest, PurgeDropsWhatExpiredAndKeepsTheRest)
{
    auto user = makeUser(*m_store, "p@example.org");
    ASSERT_TRUE(m_store->putCode(AuthorizationCode{bytes("old"), user.id, "c", "r", "x", "S256", at(kNow - 1)}));
    ASSERT_TRUE(m_store->putCode(AuthorizationCode{bytes("new"), user.id, "c", "r", "x", "S256", at(kNow + 60'000)}));
    ASSERT_TRUE(m_store->putPendingSignIn(PendingSignIn{"old", "{}", at(kNow - 1)}));
    ASSERT_TRUE(m_store->putPendingSignIn(PendingSignIn{"new", "{}", at(kNow + 1)}));
    ASSERT_TRUE(m_store->createSession(
        NewSession{user.id, "dead", bytes("a1"), at(kNow - 10), bytes("r1"), at(kNow - 5), at(kNow - 100)}));
    ASSERT_TRUE(m_store->createSession(
        NewSession{user.id, "live", bytes("a2"), at(kNow + 10), bytes("r2"), at(kNow + 500), at(kNow)}));
    ASSERT_TRUE(m_store->hit("k", std::chrono::seconds(1), 5, at(kNow - 2000)));
    ASSERT_TRUE(m_store->hit("k", std::chrono::seconds(1), 5, at(kNow)));
    auto purged = m_store->purgeExpired(at(kNow));
    ASSERT_TRUE(purged) << purged.error().message.toStdString();
    EXPECT_EQ(purged->codes, 1);
    EXPECT_EQ(purged->pendingSignIns, 1);
    EXPECT_EQ(purged->sessions, 1);
    EXPECT_EQ(purged->rateWindows, 1);
    EXPECT_TRUE(*m_store->consumeCode(bytes("new"), at(kNow)));
    EXPECT_TRUE(*m_store->takePendingSignIn("new", at(kNow)));
    EXPECT_EQ(m_store->listSessions(user.id, at(kNow))->size(), 1u);
    EXPECT_EQ(m_store->hit("k", std::chrono::seconds(1), 5, at(kNow))->count, 2); // the current window stayed
}

TRICOACH_BOTH_BACKENDS(StateTest);

} // namespace

} // namespace tricoach::sync::test

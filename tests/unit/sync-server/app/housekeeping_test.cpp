// The running server's housekeeping: what expired leaves the database without anyone asking, what is alive stays.
#include "sync-server/app/syncserver.h"
#include "sync-server/ops/jsonlog.h"
#include "tests/support/tempdir.h"

#include <chrono>
#include <gtest/gtest.h>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

using namespace tricoach;
using namespace tricoach::sync;
using namespace tricoach::test;

namespace {

Bytes bytes(const std::string& s)
{
    return Bytes(s.begin(), s.end());
}

} // namespace

class SyncHousekeeping : public TempDirTest {};

TEST_F(SyncHousekeeping, TheServerDropsExpiredSignInsOnItsOwnAndKeepsLiveOnes)
{
    std::mutex mutex;
    std::vector<nlohmann::json> lines;
    JsonLog log([&](const std::string& line) {
        std::lock_guard lock(mutex);
        lines.push_back(nlohmann::json::parse(line));
    });
    const Timestamp now = Timestamp(std::chrono::milliseconds(1'800'000'000'000));
    ServerConfig config;
    config.port = 0;
    config.threads = 2;
    config.database = "sqlite:" + pathFor(QStringLiteral("sync.sqlite")).toStdString();
    SyncServer::Options options;
    options.clock = [now] { return now; };
    options.housekeepingEvery = std::chrono::milliseconds(100);
    SyncServer server(config, log, options);
    ASSERT_TRUE(server.start().ok());
    auto store = server.store();
    ASSERT_NE(store, nullptr);
    NewUser u;
    u.email = "h@example.org";
    u.displayName = "H";
    u.createdAt = now;
    auto user = store->createUser(u);
    ASSERT_TRUE(user);
    const auto ms = [now](std::int64_t d) { return now + std::chrono::milliseconds(d); };
    ASSERT_TRUE(store->putCode(AuthorizationCode{bytes("old"), user->id, "c", "r", "x", "S256", ms(-1)}));
    ASSERT_TRUE(store->putCode(AuthorizationCode{bytes("new"), user->id, "c", "r", "x", "S256", ms(60'000)}));
    ASSERT_TRUE(store->putPendingSignIn(PendingSignIn{"old", "{}", ms(-1)}));
    ASSERT_TRUE(store->putPendingSignIn(PendingSignIn{"new", "{}", ms(60'000)}));

    // Within a few rounds of housekeeping the expired ones are gone: a purge by hand finds nothing left.
    bool logged = false;
    for (int i = 0; i < 50 && !logged; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        std::lock_guard lock(mutex);
        for (const auto& line : lines)
            logged = logged || (line.value("msg", "") == "housekeeping" && line.value("codes", 0) == 1 &&
                                line.value("pending_sign_ins", 0) == 1);
    }
    EXPECT_TRUE(logged) << "no housekeeping line";
    auto again = store->purgeExpired(now);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->codes, 0);
    EXPECT_EQ(again->pendingSignIns, 0);
    auto live = store->consumeCode(bytes("new"), now);
    ASSERT_TRUE(live);
    EXPECT_TRUE(live->has_value());
    auto pending = store->takePendingSignIn("new", now);
    ASSERT_TRUE(pending);
    EXPECT_TRUE(pending->has_value());
    server.stop();
}

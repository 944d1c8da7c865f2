// Sessions, authorization codes and pending sign-ins: expiry, single use, and races between two instances.
#include "tests/unit/sync-server/store/storetestsupport.h"

#include <atomic>
#include <thread>

namespace tricoach::sync::test {

namespace {

constexpr std::int64_t kHour = 3'600'000;

class SessionsTest : public StoreTest {
protected:
    Session newSession(UserId user, std::string_view access, std::string_view refresh, std::int64_t now = kNow)
    {
        auto s = m_store->createSession(NewSession{user, "TriCoach desktop", bytes(access), at(now + kHour),
                                                   bytes(refresh), at(now + 720 * kHour), at(now)});
        EXPECT_TRUE(s) << s.error().message.toStdString();
        return s ? *s : Session{};
    }
    SessionRotation rotation(std::string_view presented, std::string_view access, std::string_view refresh,
                             std::int64_t now)
    {
        return SessionRotation{bytes(presented), bytes(access),         at(now + kHour),
                               bytes(refresh),   at(now + 720 * kHour), at(now)};
    }
};

TEST_P(SessionsTest, AccessHashFindsTheLiveSessionOnly)
{
    auto user = makeUser(*m_store, "s@example.org");
    auto s = newSession(user.id, "access-1", "refresh-1");
    EXPECT_EQ(s.userId, user.id);
    EXPECT_EQ(s.clientName, "TriCoach desktop");
    auto found = m_store->findSessionByAccessHash(bytes("access-1"), at(kNow + 1));
    ASSERT_TRUE(found && *found);
    EXPECT_EQ((*found)->id, s.id);
    EXPECT_FALSE(*m_store->findSessionByAccessHash(bytes("access-1"), at(kNow + kHour))); // expired
    EXPECT_FALSE(*m_store->findSessionByAccessHash(bytes("refresh-1"), at(kNow + 1)));    // not an access hash
    EXPECT_FALSE(*m_store->findSessionByAccessHash(Bytes{}, at(kNow + 1)));
}

TEST_P(SessionsTest, RevokingTakesAnotherUsersSessionNever)
{
    auto alice = makeUser(*m_store, "alice@example.org");
    auto bob = makeUser(*m_store, "bob@example.org");
    auto a = newSession(alice.id, "a-acc", "a-ref");
    auto b = newSession(bob.id, "b-acc", "b-ref");
    EXPECT_FALSE(*m_store->revokeSession(alice.id, b.id, at(kNow + 5))); // Bob's, named by Alice
    EXPECT_TRUE(*m_store->findSessionByAccessHash(bytes("b-acc"), at(kNow + 6)));
    EXPECT_TRUE(*m_store->revokeSession(alice.id, a.id, at(kNow + 5)));
    EXPECT_FALSE(*m_store->revokeSession(alice.id, a.id, at(kNow + 7))); // already
    EXPECT_FALSE(*m_store->findSessionByAccessHash(bytes("a-acc"), at(kNow + 6)));
    auto listed = m_store->listSessions(bob.id, at(kNow + 6));
    ASSERT_EQ(listed->size(), 1u);
    EXPECT_EQ(listed->front().id, b.id);
    EXPECT_TRUE(m_store->listSessions(alice.id, at(kNow + 6))->empty());
}

TEST_P(SessionsTest, RevokeAllCountsTheLiveOnes)
{
    auto user = makeUser(*m_store, "all@example.org");
    newSession(user.id, "x1", "y1");
    newSession(user.id, "x2", "y2");
    auto third = newSession(user.id, "x3", "y3");
    ASSERT_TRUE(*m_store->revokeSession(user.id, third.id, at(kNow + 1)));
    EXPECT_EQ(*m_store->revokeAllSessions(user.id, at(kNow + 2)), 2);
    EXPECT_EQ(*m_store->revokeAllSessions(user.id, at(kNow + 3)), 0);
}

TEST_P(SessionsTest, SessionOfAnUnknownUserIsNotFound)
{
    auto r = m_store->createSession(NewSession{12345, "x", bytes("a"), at(kNow), bytes("r"), at(kNow), at(kNow)});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, kStoreNotFound);
}

TEST_P(SessionsTest, RotationReplacesBothHashesAndTheOldRefreshWorksOnce)
{
    auto user = makeUser(*m_store, "rot@example.org");
    auto s = newSession(user.id, "acc-0", "ref-0");
    auto rotated = m_store->rotateSession(rotation("ref-0", "acc-1", "ref-1", kNow + 10));
    ASSERT_TRUE(rotated);
    EXPECT_EQ(rotated->outcome, RotationOutcome::Rotated);
    EXPECT_EQ(rotated->session->id, s.id);
    EXPECT_EQ(rotated->session->accessExpiresAt, at(kNow + 10 + kHour));
    EXPECT_FALSE(*m_store->findSessionByAccessHash(bytes("acc-0"), at(kNow + 11)));
    EXPECT_TRUE(*m_store->findSessionByAccessHash(bytes("acc-1"), at(kNow + 11)));

    // ref-0 again: a copy is in other hands, the whole session ends.
    auto reused = m_store->rotateSession(rotation("ref-0", "acc-x", "ref-x", kNow + 20));
    ASSERT_TRUE(reused);
    EXPECT_EQ(reused->outcome, RotationOutcome::Reused);
    EXPECT_EQ(reused->session->id, s.id);
    EXPECT_FALSE(*m_store->findSessionByAccessHash(bytes("acc-1"), at(kNow + 21)));
    EXPECT_EQ(m_store->rotateSession(rotation("ref-1", "acc-2", "ref-2", kNow + 30))->outcome,
              RotationOutcome::Unknown);
    EXPECT_EQ(m_store->rotateSession(rotation("never-issued", "a", "b", kNow))->outcome, RotationOutcome::Unknown);
}

TEST_P(SessionsTest, ExpiredRefreshDoesNotRotate)
{
    auto user = makeUser(*m_store, "exp@example.org");
    newSession(user.id, "acc", "ref");
    EXPECT_EQ(m_store->rotateSession(rotation("ref", "a2", "r2", kNow + 720 * kHour))->outcome,
              RotationOutcome::Unknown);
}

TEST_P(SessionsTest, TwoInstancesRotatingTheSameRefreshHashRotateItOnce)
{
    auto user = makeUser(*m_store, "race@example.org");
    constexpr int kRounds = 15;
    auto other = open();
    for (int round = 0; round < kRounds; ++round) {
        const std::string ref = "ref-" + std::to_string(round);
        newSession(user.id, "acc-" + std::to_string(round), ref);
        std::atomic<int> rotated{0};
        std::atomic<int> failed{0};
        std::thread a([&] {
            auto r = m_store->rotateSession(rotation(ref, "a-acc-" + ref, "a-ref-" + ref, kNow + 1));
            r ? rotated += r->outcome == RotationOutcome::Rotated : ++failed;
        });
        std::thread b([&] {
            auto r = other->rotateSession(rotation(ref, "b-acc-" + ref, "b-ref-" + ref, kNow + 1));
            r ? rotated += r->outcome == RotationOutcome::Rotated : ++failed;
        });
        a.join();
        b.join();
        EXPECT_EQ(failed, 0);
        EXPECT_EQ(rotated, 1) << "round " << round;
    }
}

TEST_P(SessionsTest, TouchWritesAtMostOncePerMinute)
{
    auto user = makeUser(*m_store, "t@example.org");
    auto s = newSession(user.id, "acc", "ref");
    ASSERT_TRUE(m_store->touchSession(s.id, at(kNow + 30'000)));
    EXPECT_EQ(m_store->listSessions(user.id, at(kNow))->front().lastUsedAt, at(kNow));
    ASSERT_TRUE(m_store->touchSession(s.id, at(kNow + 61'000)));
    EXPECT_EQ(m_store->listSessions(user.id, at(kNow))->front().lastUsedAt, at(kNow + 61'000));
}

class CodesTest : public StoreTest {
protected:
    AuthorizationCode code(UserId user, std::string_view hash, std::int64_t expires)
    {
        return AuthorizationCode{bytes(hash),
                                 user,
                                 "tricoach-desktop",
                                 "http://127.0.0.1:49152/callback",
                                 "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                                 "S256",
                                 at(expires)};
    }
};

TEST_P(CodesTest, CodeIsConsumedOnceAndNotAfterExpiry)
{
    auto user = makeUser(*m_store, "c@example.org");
    ASSERT_TRUE(m_store->putCode(code(user.id, "code-1", kNow + 60'000)));
    auto first = m_store->consumeCode(bytes("code-1"), at(kNow + 1));
    ASSERT_TRUE(first && *first);
    EXPECT_EQ((*first)->userId, user.id);
    EXPECT_EQ((*first)->redirectUri, "http://127.0.0.1:49152/callback");
    EXPECT_EQ((*first)->codeChallengeMethod, "S256");
    EXPECT_EQ((*first)->expiresAt, at(kNow + 60'000));
    EXPECT_FALSE(*m_store->consumeCode(bytes("code-1"), at(kNow + 2)));

    ASSERT_TRUE(m_store->putCode(code(user.id, "code-2", kNow + 60'000)));
    EXPECT_FALSE(*m_store->consumeCode(bytes("code-2"), at(kNow + 60'000))); // expired
    EXPECT_FALSE(*m_store->consumeCode(bytes("unknown"), at(kNow)));
    EXPECT_EQ(m_store->putCode(code(user.id, "code-1", kNow)).error().code, kStoreConflict);
}

TEST_P(CodesTest, TwoInstancesRedeemingOneCodeGetItOnce)
{
    auto user = makeUser(*m_store, "race@example.org");
    auto other = open();
    constexpr int kCodes = 20;
    for (int i = 0; i < kCodes; ++i)
        ASSERT_TRUE(m_store->putCode(code(user.id, "c" + std::to_string(i), kNow + 60'000)));
    std::atomic<int> granted{0};
    std::atomic<int> failed{0};
    auto redeem = [&](ServerStore& store) {
        for (int i = 0; i < kCodes; ++i) {
            auto r = store.consumeCode(bytes("c" + std::to_string(i)), at(kNow));
            r ? granted += r->has_value() : ++failed;
        }
    };
    std::thread a([&] { redeem(*m_store); });
    std::thread b([&] { redeem(*other); });
    std::thread c([&] { redeem(*other); });
    a.join();
    b.join();
    c.join();
    EXPECT_EQ(failed, 0);
    EXPECT_EQ(granted, kCodes);
}

TEST_P(CodesTest, PendingSignInIsTakenOnce)
{
    const std::string request = R"({"client_id":"tricoach-desktop","state":"xyz"})";
    ASSERT_TRUE(m_store->putPendingSignIn(PendingSignIn{"p-1", request, at(kNow + 600'000)}));
    EXPECT_EQ(m_store->putPendingSignIn(PendingSignIn{"p-1", "{}", at(kNow)}).error().code, kStoreConflict);
    auto taken = m_store->takePendingSignIn("p-1", at(kNow + 1));
    ASSERT_TRUE(taken && *taken);
    EXPECT_EQ((*taken)->requestJson, request);
    EXPECT_FALSE(*m_store->takePendingSignIn("p-1", at(kNow + 2)));

    ASSERT_TRUE(m_store->putPendingSignIn(PendingSignIn{"p-2", request, at(kNow + 10)}));
    EXPECT_FALSE(*m_store->takePendingSignIn("p-2", at(kNow + 10))); // expired, and gone
    EXPECT_FALSE(*m_store->takePendingSignIn("p-2", at(kNow)));
}

TRICOACH_BOTH_BACKENDS(SessionsTest);
TRICOACH_BOTH_BACKENDS(CodesTest);

} // namespace

} // namespace tricoach::sync::test

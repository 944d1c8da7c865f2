// Users: create, find by id / email / Strava athlete, list, disable; unique values and bad text.
#include "tests/unit/sync-server/store/storetestsupport.h"

namespace tricoach::sync::test {

namespace {

class UsersTest : public StoreTest {};

TEST_P(UsersTest, CreatedUserIsFoundByIdEmailAndAthlete)
{
    NewUser u;
    u.email = "Anna.Svensson@Example.ORG";
    u.passwordHash = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA";
    u.stravaAthleteId = 9'000'000'000LL; // past 32 bits, as Strava's ids are heading
    u.displayName = "Анна";
    u.locale = "ru";
    u.createdAt = at(kNow);
    auto created = m_store->createUser(u);
    ASSERT_TRUE(created) << created.error().message.toStdString();
    EXPECT_GT(created->id, 0);
    EXPECT_EQ(created->email, "anna.svensson@example.org"); // stored lower-cased
    EXPECT_EQ(created->passwordHash, u.passwordHash);
    EXPECT_EQ(created->displayName, "Анна");
    EXPECT_EQ(created->createdAt, at(kNow));
    EXPECT_FALSE(created->disabled());

    auto byId = m_store->findUser(created->id);
    ASSERT_TRUE(byId && *byId);
    EXPECT_EQ((*byId)->stravaAthleteId, 9'000'000'000LL);
    auto byEmail = m_store->findUserByEmail("ANNA.svensson@example.org");
    ASSERT_TRUE(byEmail && *byEmail);
    EXPECT_EQ((*byEmail)->id, created->id);
    auto byAthlete = m_store->findUserByStravaAthlete(9'000'000'000LL);
    ASSERT_TRUE(byAthlete && *byAthlete);
    EXPECT_EQ((*byAthlete)->id, created->id);

    EXPECT_FALSE(*m_store->findUser(created->id + 1000));
    EXPECT_FALSE(*m_store->findUserByEmail("nobody@example.org"));
    EXPECT_FALSE(*m_store->findUserByStravaAthlete(1));
}

TEST_P(UsersTest, EmailAndAthleteAreUniqueButMayBothBeMissing)
{
    makeUser(*m_store, "a@example.org", 42);
    NewUser sameEmail{"A@EXAMPLE.ORG", {}, {}, "", "", at(kNow)};
    auto r1 = m_store->createUser(sameEmail);
    ASSERT_FALSE(r1);
    EXPECT_EQ(r1.error().code, kStoreConflict);
    NewUser sameAthlete{{}, {}, 42, "", "", at(kNow)};
    auto r2 = m_store->createUser(sameAthlete);
    ASSERT_FALSE(r2);
    EXPECT_EQ(r2.error().code, kStoreConflict);
    // Several users with neither (NULLs are not equal).
    EXPECT_TRUE(m_store->createUser(NewUser{{}, {}, {}, "x", "en", at(kNow)}));
    EXPECT_TRUE(m_store->createUser(NewUser{{}, {}, {}, "y", "en", at(kNow)}));
    // Nothing half-created by the refusals.
    EXPECT_EQ(m_store->listUsers()->size(), 3u);
}

TEST_P(UsersTest, ListPagesInIdOrder)
{
    std::vector<UserId> ids;
    for (int i = 0; i < 5; ++i)
        ids.push_back(makeUser(*m_store, "u" + std::to_string(i) + "@example.org").id);
    auto first = m_store->listUsers(0, 2);
    ASSERT_TRUE(first);
    ASSERT_EQ(first->size(), 2u);
    EXPECT_EQ((*first)[0].id, ids[0]);
    EXPECT_EQ((*first)[1].id, ids[1]);
    auto rest = m_store->listUsers(ids[1], 10);
    ASSERT_EQ(rest->size(), 3u);
    EXPECT_EQ(rest->back().id, ids[4]);
}

TEST_P(UsersTest, DisablingRevokesEverySessionAtOnce)
{
    auto user = makeUser(*m_store, "d@example.org");
    ASSERT_TRUE(m_store->createSession(NewSession{user.id, "desktop", bytes("a1"), at(kNow + 3'600'000), bytes("r1"),
                                                  at(kNow + 86'400'000), at(kNow)}));
    ASSERT_TRUE(m_store->disableUser(user.id, at(kNow + 10)));
    auto found = m_store->findUser(user.id);
    ASSERT_TRUE((*found)->disabled());
    EXPECT_EQ((*found)->disabledAt, at(kNow + 10));
    EXPECT_FALSE(*m_store->findSessionByAccessHash(bytes("a1"), at(kNow + 20)));
    EXPECT_TRUE(m_store->listSessions(user.id, at(kNow + 20))->empty());
    auto missing = m_store->disableUser(user.id + 99, at(kNow));
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, kStoreNotFound);
}

TEST_P(UsersTest, PasswordAndAthleteCanChange)
{
    auto a = makeUser(*m_store, "a@example.org");
    auto b = makeUser(*m_store, "b@example.org", 7);
    ASSERT_TRUE(m_store->setPasswordHash(a.id, std::string("new-hash")));
    EXPECT_EQ((*m_store->findUser(a.id))->passwordHash, "new-hash");
    ASSERT_TRUE(m_store->setPasswordHash(a.id, std::nullopt));
    EXPECT_FALSE((*m_store->findUser(a.id))->passwordHash);
    auto taken = m_store->setStravaAthlete(a.id, 7);
    ASSERT_FALSE(taken);
    EXPECT_EQ(taken.error().code, kStoreConflict);
    ASSERT_TRUE(m_store->setStravaAthlete(b.id, std::nullopt));
    ASSERT_TRUE(m_store->setStravaAthlete(a.id, 7));
    EXPECT_EQ((*m_store->findUserByStravaAthlete(7))->id, a.id);
    EXPECT_EQ(m_store->setPasswordHash(a.id + b.id + 1, std::nullopt).error().code, kStoreNotFound);
}

TEST_P(UsersTest, TextTheDatabaseCannotHoldIsRefusedTheSameOnBothBackends)
{
    NewUser u{{}, {}, {}, std::string("nul\0inside", 10), "en", at(kNow)};
    auto r = m_store->createUser(u);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, kStoreInvalid);
    u.displayName = "\xff\xfe latin-1?";
    EXPECT_EQ(m_store->createUser(u).error().code, kStoreInvalid);
    EXPECT_TRUE(m_store->listUsers()->empty());
    EXPECT_EQ(m_store->findUserByEmail("\xc3").error().code, kStoreInvalid);
}

TRICOACH_BOTH_BACKENDS(UsersTest);

} // namespace

} // namespace tricoach::sync::test

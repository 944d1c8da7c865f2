// Events: dedupe of Strava's retries, per-user reads, a cursor that never skips under concurrent writers, and
// wake-ups (in-process on SQLite; LISTEN/NOTIFY across instances on PostgreSQL).
#include "sync-server/store/groupcommit.h"
#include "tests/unit/sync-server/store/storetestsupport.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <future>
#include <map>
#include <mutex>
#include <set>
#include <thread>

namespace tricoach::sync::test {

namespace {

NewEvent stravaEvent(std::int64_t activity, std::optional<UserId> user, std::string aspect = "create")
{
    NewEvent e;
    e.dedupeKey = "sub1:activity:" + std::to_string(activity) + ":" + aspect + ":1700000000";
    e.ownerAthleteId = 134815;
    e.objectType = "activity";
    e.objectId = activity;
    e.aspectType = aspect;
    e.updatesJson = aspect == "update" ? R"({"title":"Morning ride"})" : "{}";
    e.eventTime = at(1'700'000'000'000);
    e.rawBody = R"({"aspect_type":")" + aspect + R"(","object_id":)" + std::to_string(activity) + "}";
    e.userId = user;
    e.receivedAt = at(kNow);
    return e;
}

// Records wake-ups for a test to wait on.
struct WakeUps {
    std::mutex mutex;
    std::condition_variable cv;
    EventId latest = 0;
    int resyncs = 0;
    EventListener listener()
    {
        return [this](const EventWakeUp& w) {
            std::lock_guard lock(mutex);
            latest = std::max(latest, w.latestId);
            resyncs += w.resync;
            cv.notify_all();
        };
    }
    bool waitFor(const std::function<bool()>& done, std::chrono::milliseconds limit = std::chrono::seconds(5))
    {
        std::unique_lock lock(mutex);
        return cv.wait_for(lock, limit, done);
    }
};

class EventsTest : public StoreTest {};

TEST_P(EventsTest, StravaRetriesAreStoredOnce)
{
    auto user = makeUser(*m_store, {}, 134815);
    auto first = m_store->appendEvent(stravaEvent(1, user.id));
    ASSERT_TRUE(first) << first.error().message.toStdString();
    EXPECT_TRUE(first->inserted);
    auto retry = m_store->appendEvent(stravaEvent(1, user.id));
    ASSERT_TRUE(retry);
    EXPECT_FALSE(retry->inserted);
    EXPECT_EQ(retry->id, first->id);
    auto update = m_store->appendEvent(stravaEvent(1, user.id, "update"));
    EXPECT_TRUE(update->inserted);
    EXPECT_GT(update->id, first->id);

    auto events = m_store->eventsFor(user.id, 0, 10);
    ASSERT_EQ(events->size(), 2u);
    const Event& e = (*events)[1];
    EXPECT_EQ(e.aspectType, "update");
    EXPECT_EQ(e.updatesJson, R"({"title":"Morning ride"})");
    EXPECT_EQ(e.ownerAthleteId, 134815);
    EXPECT_EQ(e.eventTime, at(1'700'000'000'000));
    EXPECT_EQ(e.rawBody, stravaEvent(1, user.id, "update").rawBody);
    EXPECT_EQ(e.kind, kEventStravaWebhook);
    EXPECT_EQ(*m_store->latestEventId(), update->id);
}

TEST_P(EventsTest, EachUserReadsOnlyTheirOwnFromTheirCursor)
{
    auto alice = makeUser(*m_store, "a@example.org");
    auto bob = makeUser(*m_store, "b@example.org");
    std::vector<EventId> aliceIds;
    for (int i = 0; i < 5; ++i) {
        aliceIds.push_back(m_store->appendEvent(stravaEvent(100 + i, alice.id))->id);
        ASSERT_TRUE(m_store->appendEvent(stravaEvent(200 + i, bob.id)));
    }
    ASSERT_TRUE(m_store->appendEvent(stravaEvent(300, std::nullopt))); // an athlete we do not know: nobody's
    NewEvent own;
    own.kind = kEventStravaDeauthorized;
    own.objectType = "athlete";
    own.objectId = 134815;
    own.updatesJson = R"({"authorized":"false"})";
    own.userId = alice.id;
    own.receivedAt = at(kNow);
    auto deauth = m_store->appendEvent(own); // no dedupe key: the server's own event
    ASSERT_TRUE(deauth && deauth->inserted);

    auto page = m_store->eventsFor(alice.id, 0, 3);
    ASSERT_EQ(page->size(), 3u);
    EXPECT_EQ((*page)[0].id, aliceIds[0]);
    auto rest = m_store->eventsFor(alice.id, page->back().id, 100);
    ASSERT_EQ(rest->size(), 3u);
    EXPECT_EQ(rest->back().kind, kEventStravaDeauthorized);
    EXPECT_FALSE(rest->back().dedupeKey);
    for (const auto& e : *rest)
        EXPECT_EQ(e.userId, alice.id);
    EXPECT_EQ(m_store->eventsFor(bob.id, 0, 100)->size(), 5u);
    EXPECT_TRUE(m_store->eventsFor(bob.id + alice.id + 1, 0, 100)->empty());
}

TEST_P(EventsTest, UnknownShapesAndBinaryBodiesAreKeptAsReceived)
{
    NewEvent odd;
    odd.objectType = "club";
    odd.aspectType = "";
    odd.updatesJson = "{}";
    odd.rawBody = std::string("\x00\xff{not json", 11);
    odd.receivedAt = at(kNow);
    auto user = makeUser(*m_store, "o@example.org");
    odd.userId = user.id;
    auto r = m_store->appendEvent(odd);
    ASSERT_TRUE(r) << r.error().message.toStdString();
    EXPECT_EQ(m_store->eventsFor(user.id, 0, 1)->front().rawBody, odd.rawBody);
}

// The cursor rule: writers on two instances, a reader polling with its cursor; every event seen exactly once.
TEST_P(EventsTest, ReaderPollingWithItsCursorSeesEveryEventOnceUnderConcurrentWriters)
{
    auto user = makeUser(*m_store, "c@example.org");
    constexpr int kWriters = 4;
    constexpr int kPerWriter = 60;
    auto other = open();
    std::atomic<bool> writing{true};
    std::vector<EventId> seen;
    std::thread reader([&] {
        EventId cursor = 0;
        auto poll = [&] {
            auto page = other->eventsFor(user.id, cursor, 50);
            ASSERT_TRUE(page) << page.error().message.toStdString();
            for (const auto& e : *page) {
                seen.push_back(e.id);
                cursor = e.id;
            }
        };
        while (writing)
            poll();
        poll();
        poll();
    });
    std::vector<std::thread> writers;
    std::atomic<int> failures{0};
    for (int w = 0; w < kWriters; ++w)
        writers.emplace_back([&, w] {
            ServerStore& store = w % 2 ? *other : *m_store;
            for (int i = 0; i < kPerWriter; ++i)
                if (!store.appendEvent(stravaEvent(w * 1000 + i, user.id)))
                    ++failures;
        });
    for (auto& t : writers)
        t.join();
    writing = false;
    reader.join();
    EXPECT_EQ(failures, 0);
    EXPECT_EQ(seen.size(), static_cast<std::size_t>(kWriters * kPerWriter));
    EXPECT_EQ(std::set<EventId>(seen.begin(), seen.end()).size(), seen.size()) << "an event was read twice";
    EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
}

TEST_P(EventsTest, TwoInstancesReceivingTheSameRetryStoreItOnce)
{
    auto user = makeUser(*m_store, "d@example.org");
    auto other = open();
    constexpr int kEvents = 25;
    std::atomic<int> inserted{0};
    std::atomic<int> failed{0};
    auto deliver = [&](ServerStore& store) {
        for (int i = 0; i < kEvents; ++i) {
            auto r = store.appendEvent(stravaEvent(i, user.id));
            r ? inserted += r->inserted : ++failed;
        }
    };
    std::thread a([&] { deliver(*m_store); });
    std::thread b([&] { deliver(*other); });
    std::thread c([&] { deliver(*other); });
    a.join();
    b.join();
    c.join();
    EXPECT_EQ(failed, 0);
    EXPECT_EQ(inserted, kEvents);
    EXPECT_EQ(m_store->eventsFor(user.id, 0, 1000)->size(), static_cast<std::size_t>(kEvents));
}

TEST_P(EventsTest, SubscribersAreWokenAfterCommitAndStopWhenUnsubscribed)
{
    auto user = makeUser(*m_store, "w@example.org");
    WakeUps wakeUps;
    auto subscription = m_store->subscribeEvents(wakeUps.listener());
    if (isPostgres()) { // the LISTEN connection says it is up (and asks for a re-read) first
        ASSERT_TRUE(wakeUps.waitFor([&] { return wakeUps.resyncs > 0; }));
    }
    const auto started = std::chrono::steady_clock::now();
    auto appended = m_store->appendEvent(stravaEvent(1, user.id));
    ASSERT_TRUE(appended);
    ASSERT_TRUE(wakeUps.waitFor([&] { return wakeUps.latest >= appended->id; }));
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(1));
    // A retry is not news.
    const EventId before = wakeUps.latest;
    ASSERT_FALSE(m_store->appendEvent(stravaEvent(1, user.id))->inserted);
    subscription.reset();
    ASSERT_TRUE(m_store->appendEvent(stravaEvent(2, user.id)));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    std::lock_guard lock(wakeUps.mutex);
    EXPECT_EQ(wakeUps.latest, before);
}

TEST_P(EventsTest, ListenerMayCallTheStore)
{
    auto user = makeUser(*m_store, "l@example.org");
    std::mutex mutex;
    std::condition_variable cv;
    std::size_t read = 0;
    auto subscription = m_store->subscribeEvents([&](const EventWakeUp&) {
        auto events = m_store->eventsFor(user.id, 0, 10);
        std::lock_guard lock(mutex);
        read = events ? events->size() : 0;
        cv.notify_all();
    });
    ASSERT_TRUE(m_store->appendEvent(stravaEvent(1, user.id)));
    std::unique_lock lock(mutex);
    EXPECT_TRUE(cv.wait_for(lock, std::chrono::seconds(5), [&] { return read == 1; }));
}

TEST_P(EventsTest, EventsAfterReadsEveryUsersEventsInIdOrderButNoneWithoutAUser)
{
    auto alice = makeUser(*m_store, "after-a@example.org");
    auto bob = makeUser(*m_store, "after-b@example.org");
    std::vector<EventId> expected;
    for (int i = 0; i < 9; ++i) {
        const std::optional<UserId> who = i % 3 == 0   ? alice.id
                                          : i % 3 == 1 ? std::optional<UserId>(bob.id)
                                                       : std::nullopt;
        auto appended = m_store->appendEvent(stravaEvent(500 + i, who));
        ASSERT_TRUE(appended);
        if (who)
            expected.push_back(appended->id);
    }
    auto first = m_store->eventsAfter(0, 4);
    ASSERT_TRUE(first) << first.error().message.toStdString();
    ASSERT_EQ(first->size(), 4u);
    auto rest = m_store->eventsAfter(first->back().id, 100);
    ASSERT_TRUE(rest);
    std::vector<EventId> got;
    for (const auto* page : {&*first, &*rest})
        for (const Event& e : *page) {
            got.push_back(e.id);
            EXPECT_TRUE(e.userId == alice.id || e.userId == bob.id);
        }
    EXPECT_EQ(got, expected);
    EXPECT_TRUE(m_store->eventsAfter(expected.back(), 100)->empty());
}

// Concurrent appends share commits (group commit): each caller still gets its own answer. A retry racing its first
// delivery, in the same batch or not, is stored once and both get its id; an event the database refuses (text that
// is not UTF-8) fails alone, and the events written beside it are kept.
TEST_P(EventsTest, ConcurrentAppendsEachGetTheirOwnAnswerAndABadOneFailsAlone)
{
    auto user = makeUser(*m_store, "batch@example.org");
    constexpr int kWriters = 12;
    constexpr int kPerWriter = 20;
    std::mutex mutex;
    std::map<std::int64_t, std::vector<AppendedEvent>> byActivity;
    std::vector<Error> refused;
    std::vector<std::thread> writers;
    for (int w = 0; w < kWriters; ++w)
        writers.emplace_back([&, w] {
            for (int i = 0; i < kPerWriter; ++i) {
                // Writers 0 and 1 deliver the same activities (a retry racing the first delivery).
                const std::int64_t activity = (w < 2 ? 0 : w) * 1000 + i;
                NewEvent e = stravaEvent(activity, user.id);
                if (w == 5 && i == 7)
                    e.updatesJson = std::string("{\"title\":\"\xff\xfe\"}"); // not UTF-8
                auto r = m_store->appendEvent(e);
                std::lock_guard lock(mutex);
                if (r)
                    byActivity[activity].push_back(*r);
                else
                    refused.push_back(r.error());
            }
        });
    for (auto& t : writers)
        t.join();
    ASSERT_EQ(refused.size(), 1u);
    EXPECT_EQ(refused[0].code, kStoreInvalid) << refused[0].message.toStdString();
    EXPECT_FALSE(byActivity.count(5007));
    std::set<EventId> ids;
    for (const auto& [activity, answers] : byActivity) {
        const std::size_t deliveries = activity < 1000 ? 2 : 1;
        ASSERT_EQ(answers.size(), deliveries) << activity;
        EXPECT_EQ(std::count_if(answers.begin(), answers.end(), [](const AppendedEvent& a) { return a.inserted; }), 1)
            << activity;
        EXPECT_EQ(answers.front().id, answers.back().id) << activity;
        ids.insert(answers.front().id);
    }
    const std::size_t stored = kPerWriter + (kWriters - 2) * kPerWriter - 1;
    EXPECT_EQ(ids.size(), stored);
    auto all = m_store->eventsFor(user.id, 0, 1000);
    ASSERT_TRUE(all);
    ASSERT_EQ(all->size(), stored);
    std::set<EventId> read;
    for (const Event& e : *all)
        read.insert(e.id);
    EXPECT_EQ(read, ids);
}

TEST_P(EventsTest, EventsAppendedWithoutWaitingAreAnsweredOnTheExecutorEachWithItsOwnOutcome)
{
    const User anna = makeUser(*m_store, "anna@example.org", 111);
    const User boris = makeUser(*m_store, "boris@example.org", 222);
    ASSERT_TRUE(m_store->disableUser(boris.id, at(kNow)));
    // The executor runs each batch's handlers on a thread of its own, as a server's request threads would.
    std::mutex mutex;
    std::condition_variable cv;
    std::vector<std::thread> executors;
    thread_local bool onExecutor = false;
    m_store->setHandlerExecutor([&](std::function<void()> task) {
        std::lock_guard lock(mutex);
        executors.emplace_back([task = std::move(task)] {
            onExecutor = true;
            task();
        });
    });
    // Owners in turn: Anna's (resolved to her), Boris's (disabled: nobody's), an athlete with no account (nobody's).
    const std::vector<StravaAthleteId> owners = {111, 222, 333};
    struct Sent {
        NewEvent event;
        std::optional<AppendedEvent> answer;
        bool answeredOnExecutor = false;
    };
    std::vector<Sent> sent;
    for (int i = 0; i < 90; ++i) {
        NewEvent e = stravaEvent(5000 + i, std::nullopt);
        e.ownerAthleteId = owners[static_cast<std::size_t>(i) % owners.size()];
        e.userFromOwner = true;
        sent.push_back({e, {}, false});
    }
    for (int i = 0; i < 90; i += 9) // Strava's retries, some within the same batch as the first delivery
        sent.push_back({sent[static_cast<std::size_t>(i)].event, {}, false});
    for (int i = 0; i < 8; ++i) { // the server's own events: no dedupe key, the user named
        NewEvent own = stravaEvent(9000 + i, anna.id);
        own.kind = kEventStravaDeauthorized;
        own.dedupeKey.reset();
        sent.push_back({own, {}, false});
    }
    int answered = 0;
    for (Sent& s : sent)
        m_store->appendEventLater(s.event, [&, target = &s](Result<AppendedEvent> r) {
            std::lock_guard lock(mutex);
            if (r)
                target->answer = *r;
            target->answeredOnExecutor = onExecutor;
            ++answered;
            cv.notify_all();
        });
    {
        std::unique_lock lock(mutex);
        ASSERT_TRUE(cv.wait_for(lock, std::chrono::seconds(20), [&] { return answered == int(sent.size()); }));
    }
    m_store->setHandlerExecutor(nullptr);
    for (auto& t : executors)
        t.join();

    // Expected, computed here: the first delivery of each key is the one inserted, repeats carry its id; users
    // from the owner unless disabled or unknown; keyless events all inserted.
    std::map<std::string, EventId> firstOfKey;
    std::set<EventId> ids;
    int annaEvents = 0;
    for (const Sent& s : sent) {
        ASSERT_TRUE(s.answer) << s.event.objectId;
        EXPECT_TRUE(s.answeredOnExecutor);
        const AppendedEvent& a = *s.answer;
        if (!s.event.dedupeKey) {
            EXPECT_TRUE(a.inserted);
            EXPECT_EQ(a.userId, anna.id);
            EXPECT_TRUE(ids.insert(a.id).second);
            ++annaEvents;
            continue;
        }
        const auto [it, first] = firstOfKey.emplace(*s.event.dedupeKey, a.id);
        EXPECT_EQ(a.inserted, first) << *s.event.dedupeKey;
        EXPECT_EQ(a.id, it->second) << *s.event.dedupeKey;
        if (first) {
            EXPECT_TRUE(ids.insert(a.id).second);
        }
        const std::optional<UserId> want =
            s.event.ownerAthleteId == 111 ? std::optional<UserId>(anna.id) : std::nullopt;
        EXPECT_EQ(a.userId, want) << s.event.objectId;
        annaEvents += first && want;
    }
    EXPECT_EQ(firstOfKey.size(), 90u);
    auto stored = m_store->eventsFor(anna.id, 0, 1000);
    ASSERT_TRUE(stored);
    EXPECT_EQ(int(stored->size()), annaEvents);
    auto borisEvents = m_store->eventsFor(boris.id, 0, 1000);
    ASSERT_TRUE(borisEvents);
    EXPECT_TRUE(borisEvents->empty());
}

TEST_P(EventsTest, ClosingTheStoreAnswersWhatIsQueuedEvenAHandlersOwnAppend)
{
    const User anna = makeUser(*m_store, "close@example.org", 111);
    auto store = open();
    std::atomic<int> stored{0};
    std::optional<Result<AppendedEvent>> followUp;
    for (int i = 0; i < 20; ++i)
        store->appendEventLater(stravaEvent(7000 + i, anna.id), [&, i, s = store.get()](Result<AppendedEvent> r) {
            stored += r.ok();
            if (i == 19) // as a deauthorization does: a second event from the handler of the first
                followUp = s->appendEvent(stravaEvent(7999, anna.id));
        });
    store.reset(); // while the writer may still hold the queue
    EXPECT_EQ(stored, 20);
    ASSERT_TRUE(followUp.has_value());
    EXPECT_TRUE(followUp->ok());
    auto all = m_store->eventsFor(anna.id, 0, 100);
    ASSERT_TRUE(all);
    EXPECT_EQ(all->size(), 21u);
}

TEST(EventGroupCommit, AnEventAppendedAfterStopIsAnsweredUnavailableAtOnce)
{
    std::atomic<int> written{0};
    detail::EventGroupCommit commits([&](const std::vector<detail::PendingEvent*>& batch) {
        for (detail::PendingEvent* p : batch)
            p->result = AppendedEvent{++written, true, std::nullopt};
    });
    EXPECT_TRUE(commits.appendAndWait(NewEvent{}).ok());
    commits.stop();
    std::optional<Result<AppendedEvent>> late;
    commits.append(NewEvent{}, [&late](Result<AppendedEvent> r) { late = std::move(r); });
    ASSERT_TRUE(late.has_value()) << "answered at once, on the caller's thread";
    ASSERT_FALSE(late->ok());
    EXPECT_EQ(late->error().code, kStoreUnavailable);
    EXPECT_EQ(written, 1);
}

TRICOACH_BOTH_BACKENDS(EventsTest);

class PostgresEventsTest : public StoreTest {};

TEST_P(PostgresEventsTest, EventCommittedOnOneInstanceWakesTheOtherWithinASecond)
{
    auto user = makeUser(*m_store, "x@example.org");
    auto other = open();
    WakeUps wakeUps;
    auto subscription = other->subscribeEvents(wakeUps.listener());
    ASSERT_TRUE(wakeUps.waitFor([&] { return wakeUps.resyncs > 0; }));
    const auto started = std::chrono::steady_clock::now();
    auto appended = m_store->appendEvent(stravaEvent(7, user.id));
    ASSERT_TRUE(appended);
    ASSERT_TRUE(wakeUps.waitFor([&] { return wakeUps.latest >= appended->id; }));
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(1));
}

TEST_P(PostgresEventsTest, LostListeningConnectionReconnectsAndAsksForAResync)
{
    auto user = makeUser(*m_store, "y@example.org");
    WakeUps wakeUps;
    auto subscription = m_store->subscribeEvents(wakeUps.listener());
    ASSERT_TRUE(wakeUps.waitFor([&] { return wakeUps.resyncs == 1; }));
    ASSERT_EQ(m_pg->terminateBackends(m_url, "tricoach-sync-listener"), 1);
    ASSERT_TRUE(wakeUps.waitFor([&] { return wakeUps.resyncs >= 2; })) << "no resync after the connection was lost";
    auto appended = m_store->appendEvent(stravaEvent(8, user.id));
    ASSERT_TRUE(appended);
    EXPECT_TRUE(wakeUps.waitFor([&] { return wakeUps.latest >= appended->id; }));
}

INSTANTIATE_TEST_SUITE_P(Backends, PostgresEventsTest, ::testing::Values(Backend::Postgres), backendName);

} // namespace

} // namespace tricoach::sync::test

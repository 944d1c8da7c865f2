// Failure paths: lost PostgreSQL connections (idle and mid-transaction), a killed SQLite writer, a busy database,
// a pool that runs dry.
#include "tests/unit/sync-server/store/storetestsupport.h"

#include <QProcess>

#include <set>
#include <thread>

namespace tricoach::sync::test {

namespace {

NewEvent event(std::int64_t n, UserId user)
{
    NewEvent e;
    e.dedupeKey = "f:" + std::to_string(n);
    e.objectType = "activity";
    e.objectId = n;
    e.aspectType = "create";
    e.updatesJson = "{}";
    e.rawBody = "{}";
    e.userId = user;
    e.receivedAt = at(kNow);
    return e;
}

class PostgresFailuresTest : public StoreTest {};

TEST_P(PostgresFailuresTest, PoolReplacesConnectionsTheServerEnded)
{
    auto user = makeUser(*m_store, "f@example.org");
    ASSERT_TRUE(m_store->appendEvent(event(1, user.id))); // the pool holds a connection now
    const auto before = m_store->poolStats();
    EXPECT_GE(before.open, 1);
    ASSERT_GE(m_pg->terminateBackends(m_url, "tricoach-sync"), 1);
    // A write and a read, each first on a dead pooled connection: both go through on a fresh one.
    auto appended = m_store->appendEvent(event(2, user.id));
    ASSERT_TRUE(appended) << appended.error().message.toStdString();
    ASSERT_GE(m_pg->terminateBackends(m_url, "tricoach-sync"), 1);
    auto events = m_store->eventsFor(user.id, 0, 10);
    ASSERT_TRUE(events) << events.error().message.toStdString();
    EXPECT_EQ(events->size(), 2u);
    EXPECT_GE(m_store->poolStats().reconnects, before.reconnects + 2);
}

TEST_P(PostgresFailuresTest, ConnectionLostMidTransactionFailsCleanlyAndWritesNothing)
{
    auto user = makeUser(*m_store, "m@example.org");
    // A raw session holds the event insert lock, so appendEvent stops inside its transaction, after BEGIN.
    std::atomic<bool> locking{false};
    std::thread holder([&] {
        locking = true;
        tricoach::test::TestPostgres::execIn(m_url, "BEGIN; SELECT pg_advisory_xact_lock(" +
                                                        std::to_string(0x74726963) +
                                                        ", 2); SELECT pg_sleep(1.5); COMMIT;");
    });
    while (!locking)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    std::this_thread::sleep_for(std::chrono::milliseconds(200)); // the raw session has the lock
    std::thread killer([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(500)); // appendEvent is waiting on the lock
        m_pg->terminateBackends(m_url, "tricoach-sync");
    });
    const auto started = std::chrono::steady_clock::now();
    auto appended = m_store->appendEvent(event(1, user.id));
    killer.join();
    ASSERT_FALSE(appended) << "the append should have lost its connection while it waited";
    EXPECT_EQ(appended.error().code, kStoreUnavailable);
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(2500));
    holder.join();
    // Nothing of it committed; the same event goes through now.
    EXPECT_TRUE(m_store->eventsFor(user.id, 0, 10)->empty());
    auto again = m_store->appendEvent(event(1, user.id));
    ASSERT_TRUE(again) << again.error().message.toStdString();
    EXPECT_TRUE(again->inserted);
}

TEST_P(PostgresFailuresTest, PoolThatRunsDryMakesCallersWaitAndCountsIt)
{
    StoreOptions options;
    options.poolSize = 2;
    auto store = open(options);
    auto user = makeUser(*store, "p@example.org");
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < 6; ++t)
        threads.emplace_back([&, t] {
            // Reads as well: concurrent appends share one connection (the group commit), reads each take one.
            for (int i = 0; i < 10; ++i)
                if (!store->appendEvent(event(t * 100 + i, user.id)) || !store->eventsFor(user.id, 0, 100) ||
                    !store->findUser(user.id))
                    ++failures;
        });
    for (auto& t : threads)
        t.join();
    EXPECT_EQ(failures, 0);
    const PoolStats stats = store->poolStats();
    EXPECT_EQ(stats.size, 2);
    EXPECT_LE(stats.open, 2);
    EXPECT_EQ(stats.inUse, 0);
    EXPECT_GT(stats.waits, 0u);
    EXPECT_EQ(store->eventsFor(user.id, 0, 100)->size(), 60u);
}

INSTANTIATE_TEST_SUITE_P(Backends, PostgresFailuresTest, ::testing::Values(Backend::Postgres), backendName);

class SqliteFailuresTest : public StoreTest {};

TEST_P(SqliteFailuresTest, KilledWriterProcessLosesNothingItCommitted)
{
    auto user = makeUser(*m_store, "k@example.org");
    ASSERT_EQ(user.id, 1); // the writer files its events under user 1
    QProcess writer;
    writer.start(QStringLiteral(TRICOACH_SYNC_STORE_WRITER_PATH), {QString::fromStdString(m_url)});
    ASSERT_TRUE(writer.waitForStarted());
    QByteArray out;
    while (out.count('\n') < 300 && writer.state() == QProcess::Running) {
        writer.waitForReadyRead(5000);
        out += writer.readAllStandardOutput();
    }
    writer.kill(); // SIGKILL mid-stream
    writer.waitForFinished();
    out += writer.readAllStandardOutput();
    if (!out.endsWith('\n'))
        out.truncate(out.lastIndexOf('\n') + 1); // a line cut by the kill was not reported whole
    std::set<EventId> reported;
    for (const QByteArray& line : out.split('\n'))
        if (!line.isEmpty())
            reported.insert(line.toLongLong());
    ASSERT_GE(reported.size(), 300u);
    // Reopened: every id the writer saw committed is there, and the file is sound for more writes.
    m_store.reset();
    m_store = open();
    std::set<EventId> stored;
    for (EventId cursor = 0;;) {
        auto page = m_store->eventsFor(user.id, cursor, 500);
        ASSERT_TRUE(page);
        if (page->empty())
            break;
        for (const auto& e : *page)
            stored.insert(e.id);
        cursor = page->back().id;
    }
    for (const EventId id : reported)
        EXPECT_TRUE(stored.count(id)) << "event " << id << " was reported committed but is gone";
    EXPECT_TRUE(m_store->appendEvent(event(1, user.id)));
}

TEST_P(SqliteFailuresTest, WriterHeldUpByAnotherProgramFailsAsUnavailableAfterTheBusyTimeout)
{
    StoreOptions options;
    options.busyTimeout = std::chrono::milliseconds(200);
    auto store = open(options);
    sqlite3* other = nullptr;
    ASSERT_EQ(sqlite3_open(m_url.substr(7).c_str(), &other), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
    const auto started = std::chrono::steady_clock::now();
    auto r = store->putState("k", "v");
    const auto waited = std::chrono::steady_clock::now() - started;
    sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(other);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, kStoreUnavailable);
    EXPECT_GE(waited, std::chrono::milliseconds(150));
    EXPECT_TRUE(store->putState("k", "v")); // and fine once the other program is done
    EXPECT_TRUE(*store->state("k"));
}

INSTANTIATE_TEST_SUITE_P(Backends, SqliteFailuresTest, ::testing::Values(Backend::Sqlite), backendName);

} // namespace

} // namespace tricoach::sync::test

#pragma once
// Every store test runs on both backends: a real SQLite file in a fresh folder, and a fresh database on the real
// PostgreSQL the harness runs (tests/support/testpostgres.h).

#include "sync-server/store/serverstore.h"
#include "tests/support/testpostgres.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <string>

namespace tricoach::sync::test {

enum class Backend { Sqlite, Postgres };

inline std::string backendName(const ::testing::TestParamInfo<Backend>& info)
{
    return info.param == Backend::Sqlite ? "sqlite" : "postgresql";
}

inline Timestamp at(std::int64_t ms)
{
    return Timestamp(std::chrono::milliseconds(ms));
}
inline constexpr std::int64_t kNow = 1'700'000'000'000; // 2023-11-14, any fixed instant
inline Bytes bytes(std::string_view s)
{
    return Bytes(s.begin(), s.end());
}

// Stops the harness's own PostgreSQL (when this process started one) after the last test.
class PostgresEnvironment : public ::testing::Environment {
public:
    void TearDown() override { tricoach::test::TestPostgres::stopShared(); }
};

class StoreTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override
    {
        if (GetParam() == Backend::Sqlite) {
            ASSERT_TRUE(m_dir.isValid());
            m_url = "sqlite:" + m_dir.filePath(QStringLiteral("sync.sqlite")).toStdString();
        } else {
            m_pg = tricoach::test::TestPostgres::shared();
            ASSERT_NE(m_pg, nullptr) << tricoach::test::TestPostgres::startError().toStdString();
            m_url = m_pg->createDatabase();
            ASSERT_FALSE(m_url.empty()) << "could not create a test database";
        }
        m_store = open();
        ASSERT_TRUE(m_store);
        auto migrated = m_store->migrate();
        ASSERT_TRUE(migrated) << migrated.error().message.toStdString();
    }

    void TearDown() override
    {
        m_store.reset();
        if (m_pg)
            m_pg->dropDatabase(m_url);
    }

    // Another store on the same database: another server instance.
    std::unique_ptr<ServerStore> open(StoreOptions options = {})
    {
        auto store = openServerStore(m_url, options);
        EXPECT_TRUE(store) << store.error().message.toStdString();
        return store ? std::move(*store) : nullptr;
    }

    User makeUser(ServerStore& store, std::optional<std::string> email, std::optional<StravaAthleteId> athlete = {})
    {
        NewUser u;
        u.email = std::move(email);
        u.stravaAthleteId = athlete;
        u.displayName = "Athlete";
        u.locale = "en";
        u.createdAt = at(kNow);
        auto created = store.createUser(u);
        EXPECT_TRUE(created) << created.error().message.toStdString();
        return created ? *created : User{};
    }

    bool isPostgres() const { return GetParam() == Backend::Postgres; }

    // Raw SQL on the test's database, behind the store's back (what another program or a newer version does);
    // empty on success, else the error.
    std::string runSql(const std::string& sql)
    {
        if (isPostgres())
            return tricoach::test::TestPostgres::execIn(m_url, sql);
        sqlite3* db = nullptr;
        std::string error;
        if (sqlite3_open(m_url.substr(7).c_str(), &db) != SQLITE_OK) {
            error = sqlite3_errmsg(db);
        } else {
            sqlite3_busy_timeout(db, 5000);
            char* message = nullptr;
            if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK)
                error = message ? message : "failed";
            sqlite3_free(message);
        }
        sqlite3_close(db);
        return error;
    }

    QTemporaryDir m_dir;
    tricoach::test::TestPostgres* m_pg = nullptr;
    std::string m_url;
    std::unique_ptr<ServerStore> m_store;
};

#define TRICOACH_BOTH_BACKENDS(Suite)                                                                                  \
    INSTANTIATE_TEST_SUITE_P(Backends, Suite, ::testing::Values(Backend::Sqlite, Backend::Postgres), backendName)

} // namespace tricoach::sync::test

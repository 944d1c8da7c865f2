// Opening, migrations and the schema version (/readyz asks for head), on both backends.
#include "tests/unit/sync-server/store/storetestsupport.h"

#include <QDir>

#include <thread>

namespace tricoach::sync::test {

namespace {

// The harness's own PostgreSQL (when no ctest fixture runs one) stops after the last test.
[[maybe_unused]] ::testing::Environment* const kPostgres = ::testing::AddGlobalTestEnvironment(new PostgresEnvironment);

class SchemaTest : public StoreTest {};

TEST_P(SchemaTest, MigratedStoreIsAtHeadAndAnswers)
{
    auto version = m_store->schemaVersion();
    ASSERT_TRUE(version);
    EXPECT_GE(m_store->headVersion(), 1);
    EXPECT_EQ(*version, m_store->headVersion());
    EXPECT_TRUE(m_store->ping());
    EXPECT_EQ(m_store->backendName(), isPostgres() ? "postgresql" : "sqlite");
}

TEST_P(SchemaTest, MigrateTwiceChangesNothing)
{
    auto user = makeUser(*m_store, "a@example.org");
    ASSERT_TRUE(m_store->migrate());
    auto found = m_store->findUser(user.id);
    ASSERT_TRUE(found && *found);
    EXPECT_EQ(*m_store->schemaVersion(), m_store->headVersion());
}

TEST_P(SchemaTest, FreshDatabaseIsAtVersionZeroUntilMigrated)
{
    m_store.reset();
    if (isPostgres()) {
        m_pg->dropDatabase(m_url);
        m_url = m_pg->createDatabase();
    } else {
        m_url = "sqlite:" + m_dir.filePath(QStringLiteral("other.sqlite")).toStdString();
    }
    auto store = open();
    ASSERT_TRUE(store);
    EXPECT_EQ(*store->schemaVersion(), 0);
    ASSERT_TRUE(store->migrate());
    EXPECT_EQ(*store->schemaVersion(), store->headVersion());
}

TEST_P(SchemaTest, InstancesStartingAtOnceMigrateOnce)
{
    m_store.reset();
    if (isPostgres()) {
        m_pg->dropDatabase(m_url);
        m_url = m_pg->createDatabase();
    } else {
        m_url = "sqlite:" + m_dir.filePath(QStringLiteral("race.sqlite")).toStdString();
    }
    constexpr int kInstances = 6;
    std::vector<std::unique_ptr<ServerStore>> stores;
    for (int i = 0; i < kInstances; ++i)
        stores.push_back(open());
    std::vector<std::thread> threads;
    std::vector<std::optional<Error>> failures(kInstances);
    for (int i = 0; i < kInstances; ++i)
        threads.emplace_back([&, i] {
            if (auto r = stores[static_cast<std::size_t>(i)]->migrate(); !r)
                failures[static_cast<std::size_t>(i)] = r.error();
        });
    for (auto& t : threads)
        t.join();
    for (const auto& f : failures)
        EXPECT_FALSE(f) << f->message.toStdString();
    EXPECT_EQ(*stores[0]->schemaVersion(), stores[0]->headVersion());
    // Every migration recorded once (a second run of 0001 would have failed on its CREATE TABLEs anyway).
    auto user = makeUser(*stores[1], "x@example.org");
    EXPECT_TRUE(stores[2]->findUser(user.id)->has_value());
}

TEST_P(SchemaTest, DatabaseNewerThanTheProgramIsRefused)
{
    // Another (newer) tricoach-sync applied a migration this one does not know.
    ASSERT_TRUE(m_store->putState("probe", "1")); // the store works before
    const int future = m_store->headVersion() + 1;
    const std::string insert = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (" +
                               std::to_string(future) + ", '9999_future', 0)";
    ASSERT_EQ(runSql(insert), "");
    auto migrated = m_store->migrate();
    ASSERT_FALSE(migrated);
    EXPECT_EQ(migrated.error().code, kStoreNewerSchema);
    EXPECT_TRUE(migrated.error().message.contains(QString::number(future))) << migrated.error().message.toStdString();
    EXPECT_EQ(*m_store->schemaVersion(), future); // /readyz sees it is not at head
    EXPECT_NE(*m_store->schemaVersion(), m_store->headVersion());
}

TEST_P(SchemaTest, BothBackendsKnowTheSameMigrations)
{
    EXPECT_EQ(m_store->headVersion(), [] {
        QTemporaryDir dir;
        auto other = openServerStore("sqlite:" + dir.filePath(QStringLiteral("h.sqlite")).toStdString());
        return other ? (*other)->headVersion() : -1;
    }());
}

INSTANTIATE_TEST_SUITE_P(Backends, SchemaTest, ::testing::Values(Backend::Sqlite, Backend::Postgres), backendName);

TEST(OpenServerStore, UnknownSchemeIsABadUrlAndHidesThePassword)
{
    auto store = openServerStore("mysql://root:hunter2@localhost/db");
    ASSERT_FALSE(store);
    EXPECT_EQ(store.error().code, kStoreBadUrl);
    EXPECT_FALSE(store.error().message.contains(QStringLiteral("hunter2")));
    EXPECT_TRUE(store.error().message.contains(QStringLiteral("postgresql://")));
}

TEST(OpenServerStore, UnreachablePostgresIsUnavailableAndHidesThePassword)
{
    StoreOptions options;
    options.connectTimeout = std::chrono::milliseconds(1000);
    // Port 1 on loopback: refused at once.
    auto store = openServerStore("postgresql://tricoach:s3cret-pw@127.0.0.1:1/sync", options);
    ASSERT_FALSE(store);
    EXPECT_EQ(store.error().code, kStoreUnavailable);
    EXPECT_FALSE(store.error().message.contains(QStringLiteral("s3cret-pw"))) << store.error().message.toStdString();
}

TEST(OpenServerStore, SqliteFileInAFolderThatDoesNotExistYet)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a/b/sync.sqlite"));
    auto store = openServerStore("sqlite:" + path.toStdString());
    ASSERT_TRUE(store) << store.error().message.toStdString();
    ASSERT_TRUE((*store)->migrate());
    EXPECT_TRUE(QFile::exists(path));
}

TEST(OpenServerStore, SqlitePathThatIsAFolderFailsClearly)
{
    QTemporaryDir dir;
    auto store = openServerStore("sqlite:" + dir.path().toStdString());
    ASSERT_FALSE(store);
    EXPECT_EQ(store.error().code, kStoreUnavailable);
    EXPECT_TRUE(store.error().message.contains(dir.path())) << store.error().message.toStdString();
}

TEST(OpenServerStore, DefaultIsSqliteInTheDataFolderOfTricoachSync)
{
    QTemporaryDir home;
    const QByteArray saved = qgetenv("XDG_DATA_HOME");
    qputenv("XDG_DATA_HOME", home.path().toUtf8());
    const std::string url = defaultDatabaseUrl();
    EXPECT_EQ(url, "sqlite:" + home.path().toStdString() + "/tricoach-sync/tricoach-sync.sqlite");
    auto store = openServerStore("");
    ASSERT_TRUE(store) << store.error().message.toStdString();
    EXPECT_TRUE((*store)->migrate());
    EXPECT_TRUE(QFile::exists(home.path() + QStringLiteral("/tricoach-sync/tricoach-sync.sqlite")));
    qputenv("XDG_DATA_HOME", saved);
}

TEST(OpenServerStore, RedactsPasswordsInUrls)
{
    EXPECT_EQ(redactedDatabaseUrl("postgresql://u:pw@h:5432/d"), "postgresql://u:***@h:5432/d");
    EXPECT_EQ(redactedDatabaseUrl("postgres://h/d?user=u&password=pw&sslmode=require"),
              "postgres://h/d?user=u&password=***&sslmode=require");
    EXPECT_EQ(redactedDatabaseUrl("postgresql://u@h/d"), "postgresql://u@h/d");
    EXPECT_EQ(redactedDatabaseUrl("sqlite:/var/lib/x.sqlite"), "sqlite:/var/lib/x.sqlite");
}

} // namespace

} // namespace tricoach::sync::test

// Opening the store: creation, connection settings, files it must refuse and leave untouched.
#include "core/store/activitystore.h"
#include "core/store/dbfile.h"
#include "core/store/migrations.h"
#include "tests/unit/core/store/storetestsupport.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <atomic>
#include <chrono>
#include <random>
#include <thread>

using namespace tricoach;
using namespace tricoach::test;

namespace {

class OpenStore : public TempDirTest {};

// Writes `bytes` to `path` and returns them.
QByteArray writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(bytes);
    return bytes;
}

// A closed store file with one athlete and one activity.
void makeStoreFile(const QString& path)
{
    auto store = ActivityStore::open(path);
    ASSERT_TRUE(store.ok()) << store.error().message.toStdString();
    auto athlete = (*store)->createAthlete(QStringLiteral("Anna"));
    ASSERT_TRUE(athlete.ok());
    ASSERT_TRUE((*store)->addActivity(makeActivity(athlete->id, QDate(2024, 5, 1), Sport::Run, 80)).ok());
}

} // namespace

TEST_F(OpenStore, CreatesTheFileAndItsParentFolders)
{
    const QString path = pathFor(QStringLiteral("a/b/c/tricoach.sqlite"));
    auto store = ActivityStore::open(path);
    ASSERT_TRUE(store.ok()) << store.error().message.toStdString();
    EXPECT_TRUE(QFileInfo::exists(path));
    EXPECT_EQ((*store)->path(), path);
    EXPECT_EQ((*store)->schemaVersion(), ActivityStore::kSchemaVersion);
    RawDb raw(path);
    EXPECT_EQ(raw.scalar(QStringLiteral("PRAGMA user_version")).toInt(), ActivityStore::kSchemaVersion);
}

TEST_F(OpenStore, DefaultPathIsInTheAppDataFolder)
{
    const QString expected =
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/tricoach.sqlite");
    EXPECT_EQ(ActivityStore::defaultPath(), expected);
}

TEST_F(OpenStore, UsesWalAndForeignKeys)
{
    const QString path = pathFor(QStringLiteral("s.sqlite"));
    auto store = ActivityStore::open(path);
    ASSERT_TRUE(store.ok());
    RawDb raw(path);
    EXPECT_EQ(raw.scalar(QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
    EXPECT_EQ(raw.scalar(QStringLiteral("PRAGMA page_size")).toInt(), 32768); // see ActivityStore::open
    // Foreign keys are on in the store's connection: an athlete's activities go with it.
    auto athlete = (*store)->createAthlete(QStringLiteral("Anna"));
    ASSERT_TRUE(athlete.ok());
    ASSERT_TRUE((*store)->addActivity(makeActivity(athlete->id, QDate(2024, 5, 1))).ok());
    ASSERT_TRUE((*store)->removeAthlete(athlete->id).ok());
    EXPECT_EQ(raw.scalar(QStringLiteral("SELECT count(*) FROM activities")).toInt(), 0);
}

TEST_F(OpenStore, WaitsForAnotherWriterInsteadOfFailing)
{
    const QString path = pathFor(QStringLiteral("s.sqlite"));
    auto store = ActivityStore::open(path);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->defaultAthlete().ok());
    // Another program holds the write lock for a moment; the store's write waits for it (busy timeout).
    std::atomic<bool> locked{false};
    std::thread other([&] {
        RawDb raw(path);
        EXPECT_TRUE(raw.exec(QStringLiteral("BEGIN IMMEDIATE")));
        locked = true;
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        EXPECT_TRUE(raw.exec(QStringLiteral("COMMIT")));
    });
    while (!locked)
        std::this_thread::yield();
    auto created = (*store)->createAthlete(QStringLiteral("Ben"));
    other.join();
    EXPECT_TRUE(created.ok()) << created.error().message.toStdString();
}

TEST_F(OpenStore, TwoStoresShareAFileAndCloseTheirConnections)
{
    const QString path = pathFor(QStringLiteral("s.sqlite"));
    {
        auto first = ActivityStore::open(path);
        auto second = ActivityStore::open(path);
        ASSERT_TRUE(first.ok());
        ASSERT_TRUE(second.ok());
        // Both work on the same file at once.
        auto athlete = (*first)->createAthlete(QStringLiteral("Anna"));
        ASSERT_TRUE(athlete.ok());
        EXPECT_EQ((*second)->athlete(athlete->id), *athlete);
        EXPECT_TRUE(QFileInfo::exists(path + QStringLiteral("-wal")));
    }
    // SQLite removes the WAL when the last connection closes: none was left open.
    EXPECT_FALSE(QFileInfo::exists(path + QStringLiteral("-wal")));
}

TEST_F(OpenStore, ReopeningKeepsTheData)
{
    const QString path = pathFor(QStringLiteral("s.sqlite"));
    makeStoreFile(path);
    auto store = ActivityStore::open(path);
    ASSERT_TRUE(store.ok());
    ASSERT_EQ((*store)->athletes().size(), 1u);
    EXPECT_EQ((*store)->activityCount((*store)->athletes().front().id), 1);
}

TEST_F(OpenStore, RefusesANewerSchemaAndLeavesTheFileUntouched)
{
    const QString path = pathFor(QStringLiteral("newer.sqlite"));
    makeStoreFile(path);
    {
        RawDb raw(path);
        ASSERT_TRUE(raw.exec(QStringLiteral("PRAGMA user_version = %1").arg(ActivityStore::kSchemaVersion + 1)));
    }
    const QByteArray before = fileBytes(path);
    ASSERT_FALSE(before.isEmpty());

    auto store = ActivityStore::open(path);
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.error().code, QStringLiteral("store.newer-schema"));
    const QString message = store.error().message;
    EXPECT_TRUE(message.contains(QStringLiteral("newer TriCoach"))) << message.toStdString();
    EXPECT_TRUE(message.contains(QString::number(ActivityStore::kSchemaVersion + 1))) << message.toStdString();
    EXPECT_TRUE(message.contains(QString::number(ActivityStore::kSchemaVersion))) << message.toStdString();
    EXPECT_TRUE(message.contains(path)) << message.toStdString();
    EXPECT_EQ(fileBytes(path), before);
}

TEST_F(OpenStore, RefusesANewerSchemaInARollbackJournalFileUntouched)
{
    // A file that was never in WAL mode: switching it would rewrite the header.
    const QString path = pathFor(QStringLiteral("newer-delete.sqlite"));
    {
        RawDb raw(path);
        ASSERT_TRUE(raw.exec(QStringLiteral("CREATE TABLE future (x)")));
        ASSERT_TRUE(raw.exec(QStringLiteral("PRAGMA user_version = 99")));
    }
    const QByteArray before = fileBytes(path);
    auto store = ActivityStore::open(path);
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.error().code, QStringLiteral("store.newer-schema"));
    EXPECT_TRUE(store.error().message.contains(QStringLiteral("99")));
    EXPECT_EQ(fileBytes(path), before);
}

TEST_F(OpenStore, RefusesANewerSchemaStillInTheWriteAheadLog)
{
    const QString path = pathFor(QStringLiteral("newer-wal.sqlite"));
    makeStoreFile(path);
    RawDb raw(path); // kept open so its commit stays in the -wal file, not yet in the main file
    ASSERT_TRUE(raw.exec(QStringLiteral("PRAGMA wal_autocheckpoint = 0")));
    ASSERT_TRUE(raw.exec(QStringLiteral("PRAGMA user_version = %1").arg(ActivityStore::kSchemaVersion + 5)));
    const QByteArray before = fileBytes(path);
    auto store = ActivityStore::open(path);
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.error().code, QStringLiteral("store.newer-schema"));
    EXPECT_EQ(fileBytes(path), before);
}

TEST_F(OpenStore, RefusesRandomBytesAndLeavesThemUntouched)
{
    const QString path = pathFor(QStringLiteral("random.sqlite"));
    std::mt19937 rng(7);
    QByteArray bytes(8192, '\0');
    for (char& c : bytes)
        c = static_cast<char>(rng() & 0xff);
    writeFile(path, bytes);
    auto store = ActivityStore::open(path);
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.error().code, QStringLiteral("store.not-a-database"));
    EXPECT_TRUE(store.error().message.contains(path)) << store.error().message.toStdString();
    EXPECT_EQ(fileBytes(path), bytes);
}

TEST_F(OpenStore, RefusesATextFile)
{
    const QString path = pathFor(QStringLiteral("notes.sqlite"));
    const QByteArray bytes = writeFile(path, QByteArrayLiteral("These are my training notes, not a database.\n"));
    auto store = ActivityStore::open(path);
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.error().code, QStringLiteral("store.not-a-database"));
    EXPECT_EQ(fileBytes(path), bytes);
}

TEST_F(OpenStore, RefusesATruncatedDatabaseAndLeavesItUntouched)
{
    const QString full = pathFor(QStringLiteral("full.sqlite"));
    makeStoreFile(full);
    const QByteArray whole = fileBytes(full);
    ASSERT_GT(whole.size(), 8192);
    for (const qsizetype size : {qsizetype(50), qsizetype(4096 + 100), whole.size() / 2}) {
        const QString path = pathFor(QStringLiteral("truncated-%1.sqlite").arg(size));
        const QByteArray bytes = writeFile(path, whole.left(size));
        auto store = ActivityStore::open(path);
        ASSERT_FALSE(store.ok()) << "size " << size;
        EXPECT_EQ(store.error().code, QStringLiteral("store.not-a-database")) << "size " << size;
        EXPECT_EQ(fileBytes(path), bytes) << "size " << size;
    }
}

TEST_F(OpenStore, RefusesAnotherProgramsSqliteDatabase)
{
    const QString path = pathFor(QStringLiteral("other.sqlite"));
    {
        RawDb raw(path);
        ASSERT_TRUE(raw.exec(QStringLiteral("CREATE TABLE contacts (name TEXT)")));
    }
    const QByteArray before = fileBytes(path);
    auto store = ActivityStore::open(path);
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.error().code, QStringLiteral("store.not-a-database"));
    EXPECT_EQ(fileBytes(path), before);
}

// Another process checking the file while the first creates the schema must never see a half-made picture: it
// read the version and the tables in two statements, and a schema committed between them made a new TriCoach
// database look like another program's (seen as a failed first start beside the app).
TEST_F(OpenStore, AFileBeingCreatedIsNeverTakenForAnotherProgramsDatabase)
{
    constexpr int kRounds = 60;
    int refused = 0;
    std::string firstError;
    for (int round = 0; round < kRounds; ++round) {
        const QString path = pathFor(QStringLiteral("new-%1.sqlite").arg(round));
        std::atomic<bool> created{false};
        std::thread creator([&] {
            auto store = ActivityStore::open(path);
            EXPECT_TRUE(store.ok()) << (store ? "" : store.error().message.toStdString());
            created = true;
        });
        // Checks as fast as it can until the store exists, then once more on the finished file.
        bool last = false;
        while (!last) {
            last = created.load();
            if (auto r = store::checkExistingFile(path);
                !r && r.error().code == QStringLiteral("store.not-a-database")) {
                ++refused;
                if (firstError.empty())
                    firstError = r.error().message.toStdString();
            }
        }
        creator.join();
    }
    EXPECT_EQ(refused, 0) << firstError;
}

TEST_F(OpenStore, AnEmptyFileBecomesANewDatabase)
{
    const QString path = pathFor(QStringLiteral("empty.sqlite"));
    writeFile(path, QByteArray());
    auto store = ActivityStore::open(path);
    ASSERT_TRUE(store.ok()) << store.error().message.toStdString();
    EXPECT_TRUE((*store)->createAthlete(QStringLiteral("Anna")).ok());
}

TEST_F(OpenStore, AFolderIsNotADatabase)
{
    const QString path = pathFor(QStringLiteral("folder.sqlite"));
    ASSERT_TRUE(QDir().mkpath(path));
    auto store = ActivityStore::open(path);
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.error().code, QStringLiteral("store.open-failed"));
    EXPECT_TRUE(store.error().message.contains(path));
}

TEST_F(OpenStore, MigrationRunnerStopsAtTheTargetAndRefusesToGoBack)
{
    const QString path = pathFor(QStringLiteral("m.sqlite"));
    RawDb raw(path);
    ASSERT_TRUE(store::runMigrations(raw.db(), 0, path).ok());
    EXPECT_EQ(raw.scalar(QStringLiteral("PRAGMA user_version")).toInt(), 0);
    EXPECT_EQ(raw.scalar(QStringLiteral("SELECT count(*) FROM sqlite_master")).toInt(), 0);
    ASSERT_TRUE(store::runMigrations(raw.db(), ActivityStore::kSchemaVersion, path).ok());
    EXPECT_EQ(raw.scalar(QStringLiteral("PRAGMA user_version")).toInt(), ActivityStore::kSchemaVersion);
    EXPECT_GT(raw.scalar(QStringLiteral("SELECT count(*) FROM sqlite_master")).toInt(), 0);
    auto back = store::runMigrations(raw.db(), ActivityStore::kSchemaVersion - 1, path);
    ASSERT_FALSE(back.ok());
    EXPECT_EQ(back.error().code, QStringLiteral("store.newer-schema"));
    EXPECT_FALSE(store::runMigrations(raw.db(), ActivityStore::kSchemaVersion + 1, path).ok());
}

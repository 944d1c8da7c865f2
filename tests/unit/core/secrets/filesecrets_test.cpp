// FileSecrets: a private JSON file, replaced atomically, refused when others can read it or when it is damaged.
#include "core/secrets/filesecrets.h"
#include "core/secrets/privatefile.h"
#include "tests/support/tempdir.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QThread>

#include <atomic>
#include <cstdio>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <set>
#include <sys/file.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace tricoach {
namespace {

// The permission bits of a file, as stat reports them.
int modeOf(const QString& path)
{
    struct stat st {};
    EXPECT_EQ(::stat(QFile::encodeName(path).constData(), &st), 0) << path.toStdString();
    return static_cast<int>(st.st_mode & 07777);
}

QByteArray bytesOf(const QString& path)
{
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << path.toStdString();
    return f.readAll();
}

void writeBytes(const QString& path, const QByteArray& bytes, int mode)
{
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(bytes);
    f.close();
    ASSERT_EQ(::chmod(QFile::encodeName(path).constData(), static_cast<mode_t>(mode)), 0);
}

// The file as an independent JSON reader sees it.
QJsonObject jsonOf(const QString& path)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytesOf(path), &error);
    EXPECT_EQ(error.error, QJsonParseError::NoError) << error.errorString().toStdString();
    return doc.object();
}

// Sets the process umask for one scope: a generous umask must not widen the file's rights.
class Umask {
public:
    explicit Umask(mode_t mask)
        : m_old(::umask(mask))
    {
    }
    ~Umask() { ::umask(m_old); }

private:
    mode_t m_old;
};

const QStringList kFileAndLock = {QStringLiteral("secrets.json"), QStringLiteral("secrets.json.lock")};

class FileSecretsTest : public test::TempDirTest {
protected:
    QString path() const { return pathFor(QStringLiteral("config/secrets.json")); }
    QStringList folderEntries() const
    {
        return QDir(pathFor(QStringLiteral("config")))
            .entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
    }
};

TEST_F(FileSecretsTest, StoresInAFileOnlyItsOwnerCanRead)
{
    const Umask open(0); // what a careless login shell might set
    FileSecrets secrets(path());
    ASSERT_TRUE(secrets.write(QStringLiteral("strava-refresh-token"), QStringLiteral("r-123")));
    EXPECT_EQ(modeOf(path()), 0600);
    ASSERT_TRUE(secrets.write(QStringLiteral("strava-access-token"), QStringLiteral("a-456")));
    EXPECT_EQ(modeOf(path()), 0600);
    EXPECT_EQ(jsonOf(path()).value(QStringLiteral("strava-refresh-token")).toString(), QStringLiteral("r-123"));

    // A second instance (a second program) reads what the first stored.
    FileSecrets again(path());
    const auto token = again.read(QStringLiteral("strava-access-token"));
    ASSERT_TRUE(token) << token.error().message.toStdString();
    EXPECT_EQ(token->value_or(QString()), QStringLiteral("a-456"));
    // Nothing but the file and its (empty) lock file is left in its folder: no temporary files.
    EXPECT_EQ(folderEntries(), kFileAndLock);
    EXPECT_EQ(modeOf(path() + QStringLiteral(".lock")), 0600);
}

TEST_F(FileSecretsTest, AMissingKeyOrFileIsNothingNotAnError)
{
    FileSecrets secrets(path());
    const auto none = secrets.read(QStringLiteral("llm-api-key"));
    ASSERT_TRUE(none);
    EXPECT_FALSE(none->has_value());
    EXPECT_TRUE(secrets.remove(QStringLiteral("llm-api-key")));
    EXPECT_FALSE(QFile::exists(path())); // forgetting what was never there writes nothing

    ASSERT_TRUE(secrets.write(QStringLiteral("a"), QStringLiteral("1")));
    ASSERT_TRUE(secrets.remove(QStringLiteral("a")));
    const auto gone = secrets.read(QStringLiteral("a"));
    ASSERT_TRUE(gone);
    EXPECT_FALSE(gone->has_value());
    EXPECT_TRUE(jsonOf(path()).isEmpty());
}

TEST_F(FileSecretsTest, TemporaryFilesAreNeverReadableByOthersEvenForAMoment)
{
    const Umask open(0);
    FileSecrets secrets(path());
    ASSERT_TRUE(secrets.write(QStringLiteral("start"), QStringLiteral("0")));
    // Watch the folder while a writer replaces the file many times; every temporary file caught must be 0600.
    std::atomic<bool> done{false};
    std::set<int> modesSeen;
    int caught = 0;
    std::thread watcher([&] {
        const QDir folder(pathFor(QStringLiteral("config")));
        while (!done) {
            for (const QString& name : folder.entryList(QDir::Files | QDir::Hidden)) {
                if (!name.startsWith(temporaryPrefix(path())))
                    continue;
                struct stat st {};
                if (::stat(QFile::encodeName(folder.filePath(name)).constData(), &st) == 0) {
                    modesSeen.insert(static_cast<int>(st.st_mode & 07777));
                    ++caught;
                }
            }
        }
    });
    const QString big(64 * 1024, QLatin1Char('s'));
    for (int i = 0; i < 300; ++i)
        ASSERT_TRUE(secrets.write(QStringLiteral("n"), big + QString::number(i)));
    done = true;
    watcher.join();
    for (int mode : modesSeen)
        EXPECT_EQ(mode, 0600) << "a temporary file had mode " << std::oct << mode;
    EXPECT_EQ(modeOf(path()), 0600);
    std::printf("temporary files caught mid-write: %d\n", caught);
}

TEST_F(FileSecretsTest, ATemporaryFileACrashLeftBehindChangesNothingAndIsCleanedUp)
{
    {
        FileSecrets first(path());
        ASSERT_TRUE(first.write(QStringLiteral("strava-refresh-token"), QStringLiteral("old")));
    }
    // A write killed after it created its temporary file: half of the new contents, never renamed into place.
    const QString stray = pathFor(QStringLiteral("config/") + temporaryPrefix(path()) + QStringLiteral("crash1"));
    writeBytes(stray, QByteArray(R"({"strava-refresh-token": "ne)"), 0600);

    FileSecrets reopened(path());
    const auto token = reopened.read(QStringLiteral("strava-refresh-token"));
    ASSERT_TRUE(token) << token.error().message.toStdString();
    EXPECT_EQ(token->value_or(QString()), QStringLiteral("old"));
    ASSERT_TRUE(reopened.write(QStringLiteral("strava-access-token"), QStringLiteral("fresh")));
    EXPECT_FALSE(QFile::exists(stray));
    EXPECT_EQ(folderEntries(), kFileAndLock);
    const QJsonObject json = jsonOf(path());
    EXPECT_EQ(json.value(QStringLiteral("strava-refresh-token")).toString(), QStringLiteral("old"));
    EXPECT_EQ(json.value(QStringLiteral("strava-access-token")).toString(), QStringLiteral("fresh"));
}

TEST_F(FileSecretsTest, AWriterKilledAtAnyMomentLeavesTheOldFileOrTheNew)
{
    FileSecrets secrets(path());
    ASSERT_TRUE(secrets.write(QStringLiteral("keep"), QStringLiteral("me")));
    qint64 lastCounter = -1;
    int killedMidWrite = 0; // rounds whose kill left a temporary file: the case this test is about
    for (int round = 0; round < 15; ++round) {
        QProcess writer;
        writer.start(QStringLiteral(TRICOACH_SECRETS_WRITER_PATH), {QStringLiteral("churn"), path()});
        ASSERT_TRUE(writer.waitForStarted());
        ASSERT_TRUE(writer.waitForReadyRead(10000)) << writer.readAllStandardError().toStdString();
        QThread::msleep(static_cast<unsigned long>(7 * round % 40)); // kill at different points of a write
        writer.kill();                                               // SIGKILL: no destructor, no unlock, no cleanup
        writer.waitForFinished();

        const QStringList left = QDir(pathFor(QStringLiteral("config")))
                                     .entryList({temporaryPrefix(path()) + QLatin1Char('*')}, QDir::Files);
        killedMidWrite += left.isEmpty() ? 0 : 1;
        const auto all = secrets.readAll();
        ASSERT_TRUE(all) << "after kill " << round << ": " << all.error().message.toStdString();
        EXPECT_EQ(all->at(QStringLiteral("keep")), QStringLiteral("me"));
        if (all->count(QStringLiteral("counter")))
            lastCounter = all->at(QStringLiteral("counter")).toLongLong();
        EXPECT_EQ(modeOf(path()), 0600);
        // The dead writer's lock died with it, so the next write goes through at once.
        QElapsedTimer clock;
        clock.start();
        const auto written = secrets.write(QStringLiteral("round"), QString::number(round));
        ASSERT_TRUE(written) << "after kill " << round << ": " << written.error().message.toStdString();
        EXPECT_LT(clock.elapsed(), 2000);
    }
    EXPECT_GE(lastCounter, 0);
    std::printf("writers killed in the middle of a write: %d of 15\n", killedMidWrite);
    EXPECT_EQ(folderEntries(), kFileAndLock);
}

TEST_F(FileSecretsTest, RefusesAFileOthersCanReadAndLeavesItAsItIs)
{
    FileSecrets secrets(path());
    ASSERT_TRUE(secrets.write(QStringLiteral("strava-refresh-token"), QStringLiteral("r-1")));
    ASSERT_EQ(::chmod(QFile::encodeName(path()).constData(), 0644), 0);
    const QByteArray before = bytesOf(path());

    const auto read = secrets.read(QStringLiteral("strava-refresh-token"));
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error().code, QLatin1String(kSecretsFileExposed));
    EXPECT_TRUE(read.error().message.contains(QStringLiteral("is readable by other users")))
        << read.error().message.toStdString();
    EXPECT_TRUE(read.error().message.contains(QStringLiteral("chmod 600 ") + path()));
    EXPECT_TRUE(read.error().message.contains(QStringLiteral("0644")));

    const auto written = secrets.write(QStringLiteral("strava-refresh-token"), QStringLiteral("r-2"));
    ASSERT_FALSE(written);
    EXPECT_EQ(written.error().code, QLatin1String(kSecretsFileExposed));
    EXPECT_EQ(bytesOf(path()), before);
    EXPECT_EQ(modeOf(path()), 0644); // the user fixes it; TriCoach does not quietly keep using it

    // Writable by the group is refused too: someone else could plant a token.
    ASSERT_EQ(::chmod(QFile::encodeName(path()).constData(), 0620), 0);
    const auto changed = secrets.read(QStringLiteral("strava-refresh-token"));
    ASSERT_FALSE(changed);
    EXPECT_TRUE(changed.error().message.contains(QStringLiteral("can be changed by other users")));

    // After the fix the file is used again.
    ASSERT_EQ(::chmod(QFile::encodeName(path()).constData(), 0600), 0);
    const auto fixed = secrets.read(QStringLiteral("strava-refresh-token"));
    ASSERT_TRUE(fixed);
    EXPECT_EQ(fixed->value_or(QString()), QStringLiteral("r-1"));
}

TEST_F(FileSecretsTest, ADamagedFileIsNamedAndNeverOverwritten)
{
    FileSecrets secrets(path());
    ASSERT_TRUE(secrets.write(QStringLiteral("strava-refresh-token"), QStringLiteral("r-1")));
    ASSERT_TRUE(secrets.write(QStringLiteral("strava-client-secret"), QStringLiteral("c-2")));
    const QByteArray good = bytesOf(path());
    // Damage the real file several ways: cut short, not an object, a value that is not text, binary junk.
    const std::vector<QByteArray> damages = {good.left(good.size() / 2), QByteArray("[\"r-1\", \"c-2\"]"),
                                             QByteArray(R"({"strava-refresh-token": 12345})"),
                                             QByteArray("\x00\xff\xfe garbage", 12)};
    for (const QByteArray& damage : damages) {
        writeBytes(path(), damage, 0600);
        const auto read = secrets.read(QStringLiteral("strava-refresh-token"));
        ASSERT_FALSE(read) << damage.toStdString();
        EXPECT_EQ(read.error().code, QLatin1String(kSecretsFileDamaged));
        EXPECT_TRUE(read.error().message.contains(path())) << read.error().message.toStdString();
        EXPECT_TRUE(read.error().message.contains(QStringLiteral("damaged")));
        const auto written = secrets.write(QStringLiteral("strava-access-token"), QStringLiteral("a-3"));
        ASSERT_FALSE(written);
        EXPECT_EQ(written.error().code, QLatin1String(kSecretsFileDamaged));
        EXPECT_FALSE(secrets.remove(QStringLiteral("strava-refresh-token")));
        EXPECT_EQ(bytesOf(path()), damage) << "the damaged file was changed";
    }
}

TEST_F(FileSecretsTest, KeepsManyKeysWithAnyTextExactly)
{
    FileSecrets secrets(path());
    std::map<QString, QString> expected;
    for (int i = 0; i < 200; ++i) {
        QString value;
        switch (i % 4) {
        case 0:
            value = QStringLiteral("plain-%1").arg(i);
            break;
        case 1:
            value = QStringLiteral("Ключ «%1» — ü, 🏊‍♀️, \"quoted\"\n\ttabbed\\").arg(i);
            break;
        case 2:
            value = QString(4096, QChar(u'a' + i % 26));
            break;
        default:
            value = QString();
            break; // an empty secret is still a stored one
        }
        const QString key = QStringLiteral("key %1 ключ").arg(i);
        expected[key] = value;
        ASSERT_TRUE(secrets.write(key, value));
    }
    for (const auto& [key, value] : expected) {
        const auto back = secrets.read(key);
        ASSERT_TRUE(back);
        ASSERT_TRUE(back->has_value()) << key.toStdString();
        EXPECT_EQ(**back, value);
    }
    // Every other key removed: exactly the rest remain, as an independent JSON reader sees the file.
    int n = 0;
    for (auto it = expected.begin(); it != expected.end();) {
        if (n++ % 2 == 0) {
            ASSERT_TRUE(secrets.remove(it->first));
            it = expected.erase(it);
        } else {
            ++it;
        }
    }
    const QJsonObject json = jsonOf(path());
    ASSERT_EQ(json.size(), static_cast<qsizetype>(expected.size()));
    for (const auto& [key, value] : expected)
        EXPECT_EQ(json.value(key).toString(), value) << key.toStdString();
}

TEST_F(FileSecretsTest, WritersInTwoProcessesKeepEachOthersKeys)
{
    FileSecrets secrets(path());
    ASSERT_TRUE(secrets.write(QStringLiteral("before"), QStringLiteral("x")));
    constexpr int kEach = 60;
    QProcess a;
    QProcess b;
    a.start(QStringLiteral(TRICOACH_SECRETS_WRITER_PATH),
            {QStringLiteral("keys"), path(), QStringLiteral("a"), QString::number(kEach)});
    b.start(QStringLiteral(TRICOACH_SECRETS_WRITER_PATH),
            {QStringLiteral("keys"), path(), QStringLiteral("b"), QString::number(kEach)});
    // This process writes at the same time.
    for (int i = 0; i < kEach; ++i)
        ASSERT_TRUE(secrets.write(QStringLiteral("c-%1").arg(i), QStringLiteral("value-%1").arg(i)));
    ASSERT_TRUE(a.waitForFinished(60000));
    ASSERT_TRUE(b.waitForFinished(60000));
    EXPECT_EQ(a.exitCode(), 0) << a.readAllStandardError().toStdString();
    EXPECT_EQ(b.exitCode(), 0) << b.readAllStandardError().toStdString();

    const QJsonObject json = jsonOf(path());
    EXPECT_EQ(json.size(), 1 + 3 * kEach);
    for (const char* prefix : {"a", "b", "c"})
        for (int i = 0; i < kEach; ++i)
            EXPECT_EQ(json.value(QStringLiteral("%1-%2").arg(QLatin1String(prefix)).arg(i)).toString(),
                      QStringLiteral("value-%1").arg(i))
                << prefix << "-" << i << " was lost";
}

TEST_F(FileSecretsTest, WritersInSeveralThreadsKeepEachOthersKeys)
{
    FileSecrets secrets(path());
    constexpr int kThreads = 4;
    constexpr int kEach = 40;
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&, t] {
            FileSecrets own(path()); // one instance shared and one each: both must work
            for (int i = 0; i < kEach; ++i) {
                SecretStore& store = i % 2 ? static_cast<SecretStore&>(secrets) : own;
                if (!store.write(QStringLiteral("t%1-%2").arg(t).arg(i), QString::number(i)))
                    ++failures;
            }
        });
    for (auto& thread : threads)
        thread.join();
    EXPECT_EQ(failures, 0);
    EXPECT_EQ(jsonOf(path()).size(), kThreads * kEach);
}

TEST_F(FileSecretsTest, AWriterThatCannotGetTheLockSaysSoWithoutWriting)
{
    FileSecrets secrets(path(), std::chrono::milliseconds(200));
    ASSERT_TRUE(secrets.write(QStringLiteral("a"), QStringLiteral("1")));
    const QByteArray before = bytesOf(path());
    // Another TriCoach in the middle of a write holds the lock.
    const int other = ::open(QFile::encodeName(path() + QStringLiteral(".lock")).constData(), O_RDWR | O_CLOEXEC);
    ASSERT_GE(other, 0);
    ASSERT_EQ(::flock(other, LOCK_EX | LOCK_NB), 0);
    const auto written = secrets.write(QStringLiteral("b"), QStringLiteral("2"));
    ASSERT_FALSE(written);
    EXPECT_EQ(written.error().code, QLatin1String(kSecretsFileBusy));
    EXPECT_TRUE(written.error().message.contains(path()));
    EXPECT_EQ(bytesOf(path()), before);
    // Reading needs no lock.
    const auto read = secrets.read(QStringLiteral("a"));
    ASSERT_TRUE(read);
    EXPECT_EQ(read->value_or(QString()), QStringLiteral("1"));
    ::close(other);
    EXPECT_TRUE(secrets.write(QStringLiteral("b"), QStringLiteral("2")));
}

TEST_F(FileSecretsTest, AnEmptyFileHoldsNothingAndCanBeWritten)
{
    writeBytes(pathFor(QStringLiteral("empty.json")), QByteArray("\n"), 0600);
    FileSecrets secrets(pathFor(QStringLiteral("empty.json")));
    const auto none = secrets.read(QStringLiteral("a"));
    ASSERT_TRUE(none);
    EXPECT_FALSE(none->has_value());
    ASSERT_TRUE(secrets.write(QStringLiteral("a"), QStringLiteral("1")));
    EXPECT_EQ(jsonOf(pathFor(QStringLiteral("empty.json"))).value(QStringLiteral("a")).toString(), QStringLiteral("1"));
}

TEST_F(FileSecretsTest, AFolderOrADeviceInItsPlaceIsAnErrorNotAHang)
{
    ASSERT_TRUE(QDir().mkpath(pathFor(QStringLiteral("folder.json"))));
    FileSecrets folder(pathFor(QStringLiteral("folder.json")));
    const auto read = folder.read(QStringLiteral("a"));
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error().code, QLatin1String(kSecretsFileIo));
    EXPECT_FALSE(folder.write(QStringLiteral("a"), QStringLiteral("1")));
    FileSecrets device(QStringLiteral("/dev/zero"));
    EXPECT_FALSE(device.read(QStringLiteral("a")));
}

TEST(MemorySecrets, KeepsKeysInThisProcessOnly)
{
    MemorySecrets secrets;
    ASSERT_TRUE(secrets.write(QStringLiteral("llm-api-key"), QStringLiteral("sk-1")));
    EXPECT_EQ(secrets.read(QStringLiteral("llm-api-key"))->value_or(QString()), QStringLiteral("sk-1"));
    ASSERT_TRUE(secrets.remove(QStringLiteral("llm-api-key")));
    EXPECT_FALSE(secrets.read(QStringLiteral("llm-api-key"))->has_value());
    EXPECT_TRUE(secrets.remove(QStringLiteral("never-there")));
}

} // namespace
} // namespace tricoach

// MainThreadSecrets: a worker thread reads and writes secrets through a store that refuses every call off the main
// thread, as the keychain does; the calls arrive on the main thread, and a main thread that waits for the worker
// still serves them.
#include "core/secrets/mainthreadsecrets.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>

#include <atomic>
#include <gtest/gtest.h>
#include <thread>

namespace tricoach {
namespace {

// Memory secrets that, like KeychainSecrets, answer only on the main thread and count the calls made elsewhere.
class MainThreadOnly : public SecretStore {
public:
    Result<std::optional<QString>> read(const QString& key) override
    {
        if (auto e = offMain())
            return *e;
        return m_values.read(key);
    }
    Result<void> write(const QString& key, const QString& value) override
    {
        if (auto e = offMain())
            return *e;
        if (key == QLatin1String("refused"))
            return makeError(QStringLiteral("the keychain is locked"), QString::fromLatin1(kSecretsKeychainFailed));
        return m_values.write(key, value);
    }
    Result<void> remove(const QString& key) override
    {
        if (auto e = offMain())
            return *e;
        return m_values.remove(key);
    }
    QString location() const override { return QStringLiteral("the test's keychain"); }

    std::atomic<int> callsOffMain{0};
    std::atomic<int> callsOnMain{0};

private:
    std::optional<Error> offMain()
    {
        if (QThread::currentThread() != QCoreApplication::instance()->thread()) {
            ++callsOffMain;
            return makeError(QStringLiteral("main thread only"), QString::fromLatin1(kSecretsWrongThread));
        }
        ++callsOnMain;
        return std::nullopt;
    }
    MemorySecrets m_values;
};

// Runs the main thread's event loop until `done`, at most 10 s.
bool spinUntil(const std::atomic<bool>& done)
{
    QElapsedTimer timer;
    timer.start();
    while (!done && timer.elapsed() < 10'000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return done;
}

TEST(MainThreadSecrets, TheTestStoreRefusesAWorkerAsTheKeychainDoes)
{
    MainThreadOnly keychain;
    Result<void> written;
    std::thread worker([&] { written = keychain.write(QStringLiteral("k"), QStringLiteral("v")); });
    worker.join();
    ASSERT_FALSE(written);
    EXPECT_EQ(written.error().code, QLatin1String(kSecretsWrongThread));
    EXPECT_EQ(keychain.callsOffMain, 1);
}

TEST(MainThreadSecrets, AWorkersCallsRunOnTheMainThread)
{
    MainThreadOnly keychain;
    MainThreadSecrets secrets(keychain);
    std::atomic<bool> done{false};
    Result<void> written, removed;
    Result<std::optional<QString>> readBack = std::optional<QString>();
    Result<std::optional<QString>> afterRemove = std::optional<QString>();
    std::thread worker([&] {
        written = secrets.write(QStringLiteral("strava-tokens/p1"), QStringLiteral("{\"access\":\"a1\"}"));
        readBack = secrets.read(QStringLiteral("strava-tokens/p1"));
        removed = secrets.remove(QStringLiteral("strava-tokens/p1"));
        afterRemove = secrets.read(QStringLiteral("strava-tokens/p1"));
        done = true;
    });
    const bool finished = spinUntil(done);
    worker.join();
    ASSERT_TRUE(finished);
    EXPECT_TRUE(written.ok()) << written.error().message.toStdString();
    ASSERT_TRUE(readBack.ok());
    EXPECT_EQ(readBack->value_or(QString()), QStringLiteral("{\"access\":\"a1\"}"));
    EXPECT_TRUE(removed.ok());
    ASSERT_TRUE(afterRemove.ok());
    EXPECT_FALSE(afterRemove->has_value());
    EXPECT_EQ(keychain.callsOffMain, 0);
    EXPECT_EQ(keychain.callsOnMain, 4);
    EXPECT_EQ(secrets.location(), QStringLiteral("the test's keychain"));
}

TEST(MainThreadSecrets, TheStoresErrorsReachTheWorkerAsTheyAre)
{
    MainThreadOnly keychain;
    MainThreadSecrets secrets(keychain);
    std::atomic<bool> done{false};
    Result<void> written;
    std::thread worker([&] {
        written = secrets.write(QStringLiteral("refused"), QStringLiteral("v"));
        done = true;
    });
    const bool finished = spinUntil(done);
    worker.join();
    ASSERT_TRUE(finished);
    ASSERT_FALSE(written);
    EXPECT_EQ(written.error().code, QLatin1String(kSecretsKeychainFailed));
    EXPECT_EQ(written.error().message, QStringLiteral("the keychain is locked"));
}

TEST(MainThreadSecrets, OnTheMainThreadACallGoesStraightThrough)
{
    MainThreadOnly keychain;
    MainThreadSecrets secrets(keychain);
    // No event loop runs here: a queued call would never be answered.
    ASSERT_TRUE(secrets.write(QStringLiteral("k"), QStringLiteral("v")));
    EXPECT_EQ(secrets.read(QStringLiteral("k"))->value_or(QString()), QStringLiteral("v"));
    EXPECT_EQ(keychain.callsOnMain, 2);
}

TEST(MainThreadSecrets, AMainThreadWaitingForTheWorkerServesItsCalls)
{
    MainThreadOnly keychain;
    MainThreadSecrets secrets(keychain);
    std::atomic<bool> done{false};
    Result<void> written;
    std::thread worker([&] {
        written = secrets.write(QStringLiteral("k"), QStringLiteral("v"));
        done = true;
    });
    // The main thread waits without an event loop, as a window closing waits for its sync to end.
    QElapsedTimer timer;
    timer.start();
    while (!done && timer.elapsed() < 10'000) {
        secrets.serveWaitingCalls();
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    const bool finished = done;
    if (!finished)
        QCoreApplication::processEvents(); // let the worker go before joining it, so the test fails rather than hangs
    worker.join();
    ASSERT_TRUE(finished);
    EXPECT_TRUE(written.ok());
    EXPECT_EQ(keychain.callsOnMain, 1);
}

} // namespace
} // namespace tricoach

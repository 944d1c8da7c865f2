#pragma once
// A SecretStore any thread may call, in front of one that only the main thread may (KeychainSecrets): each call is
// carried to the main thread (Qt::BlockingQueuedConnection) and the calling thread waits for its answer. For a
// worker such as the desktop's Strava sync, which must read and store tokens while it runs.

#include "core/secrets/secretstore.h"

#include <QObject>

#include <memory>

namespace tricoach {

class MainThreadSecrets : public SecretStore {
public:
    // Made on the main thread, with the QCoreApplication alive. `target` must outlive this and is only ever called
    // on the main thread; a call made on the main thread goes straight to it.
    explicit MainThreadSecrets(SecretStore& target);
    ~MainThreadSecrets() override;
    MainThreadSecrets(const MainThreadSecrets&) = delete;
    MainThreadSecrets& operator=(const MainThreadSecrets&) = delete;

    Result<std::optional<QString>> read(const QString& key) override;
    Result<void> write(const QString& key, const QString& value) override;
    Result<void> remove(const QString& key) override;
    QString location() const override;

    // Runs, here and now, the calls other threads are waiting on. For a main thread that waits for a worker to end
    // (QThread::wait): without this, a worker waiting on a secret would never end, and neither would the wait.
    // Main thread only.
    void serveWaitingCalls();

private:
    template <typename T, typename Call> Result<T> onMainThread(Call call);

    SecretStore& m_target;
    QString m_location;
    std::unique_ptr<QObject> m_relay; // lives in the main thread: calls are queued to it
};

} // namespace tricoach

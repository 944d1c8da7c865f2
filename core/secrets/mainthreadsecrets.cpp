#include "core/secrets/mainthreadsecrets.h"

#include <QCoreApplication>
#include <QThread>

namespace tricoach {

MainThreadSecrets::MainThreadSecrets(SecretStore& target)
    : m_target(target)
    , m_location(target.location())
    , m_relay(std::make_unique<QObject>())
{
    if (QCoreApplication* app = QCoreApplication::instance())
        m_relay->moveToThread(app->thread());
}

// A call still queued when the relay goes is dropped, and Qt releases its waiting thread: it sees the error below.
MainThreadSecrets::~MainThreadSecrets() = default;

template <typename T, typename Call> Result<T> MainThreadSecrets::onMainThread(Call call)
{
    if (QThread::currentThread() == m_relay->thread())
        return call();
    Result<T> result = makeError(QStringLiteral("The secrets could not be reached: TriCoach is closing."),
                                 QString::fromLatin1(kSecretsWrongThread));
    // Blocking: the answer is needed before the worker goes on (a refreshed token must be stored before it is used).
    if (!QMetaObject::invokeMethod(
            m_relay.get(), [&result, &call] { result = call(); }, Qt::BlockingQueuedConnection))
        return makeError(QStringLiteral("The secrets could not be reached from this thread."),
                         QString::fromLatin1(kSecretsWrongThread));
    return result;
}

Result<std::optional<QString>> MainThreadSecrets::read(const QString& key)
{
    return onMainThread<std::optional<QString>>([&] { return m_target.read(key); });
}

Result<void> MainThreadSecrets::write(const QString& key, const QString& value)
{
    return onMainThread<void>([&] { return m_target.write(key, value); });
}

Result<void> MainThreadSecrets::remove(const QString& key)
{
    return onMainThread<void>([&] { return m_target.remove(key); });
}

QString MainThreadSecrets::location() const
{
    return m_location;
}

void MainThreadSecrets::serveWaitingCalls()
{
    QCoreApplication::sendPostedEvents(m_relay.get(), QEvent::MetaCall);
}

} // namespace tricoach

#include "core/secrets/keychainsecrets.h"

#include "core/secrets/keychainhints.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QRandomGenerator>
#include <QThread>
#include <QTimer>
#include <qt6keychain/keychain.h>

namespace tricoach {

namespace {

// What a finished job left behind; copied out in its finished() signal because the job deletes itself after.
struct JobOutcome {
    QKeychain::Error error = QKeychain::NoError;
    QString message;
    QString text; // what a read job found
};

// The keychain may only be used from the main thread (core/secrets/secretstore.h says why); elsewhere it would
// wait for an answer that is delivered to another thread's event loop.
std::optional<Error> wrongThread()
{
    const QCoreApplication* app = QCoreApplication::instance();
    if (!app)
        return makeError(QStringLiteral("The keychain needs a QCoreApplication (none exists)."),
                         QString::fromLatin1(kSecretsWrongThread));
    if (QThread::currentThread() != app->thread())
        return makeError(QStringLiteral("The keychain may only be used from the main thread."),
                         QString::fromLatin1(kSecretsWrongThread));
    return std::nullopt;
}

QString seconds(std::chrono::milliseconds timeout)
{
    return QString::number(static_cast<double>(timeout.count()) / 1000.0, 'g', 3);
}

// Starts `job` and waits for it in a local event loop, at most `timeout`. The job is heap-allocated and deletes
// itself when it finishes (autoDelete): a job we stopped waiting for keeps running, because the keychain library
// still holds a pointer to it and would call back into freed memory were it deleted here.
Result<JobOutcome> run(QKeychain::Job* job, std::chrono::milliseconds timeout)
{
    if (auto error = wrongThread()) {
        delete job; // never started, nothing refers to it
        return *error;
    }
    // QtKeychain's "insecure fallback" writes the secret in plain text into a QSettings file (world-readable with
    // the usual umask) when no keychain answers. TriCoach never does that silently: the only file it keeps secrets
    // in is FileSecrets, mode 0600, and only after the user agreed (chooseSecretStore).
    job->setInsecureFallback(false);
    job->setAutoDelete(true);

    QEventLoop loop;
    std::optional<JobOutcome> outcome;
    // `loop` is the context: when we stop waiting, the connection goes with it.
    QObject::connect(job, &QKeychain::Job::finished, &loop, [&outcome, &loop](QKeychain::Job* done) {
        JobOutcome o;
        o.error = done->error();
        o.message = done->errorString();
        if (const auto* read = qobject_cast<QKeychain::ReadPasswordJob*>(done))
            o.text = read->textData();
        outcome = std::move(o);
        loop.quit();
    });
    QTimer::singleShot(timeout, &loop, &QEventLoop::quit);
    job->start();
    // No user input meanwhile: a click must not start a second keychain call inside this one.
    loop.exec(QEventLoop::ExcludeUserInputEvents);
    if (!outcome)
        return makeError(QCoreApplication::translate("tricoach::Secrets",
                                                     "The system keychain did not answer within %1 s (it may be "
                                                     "locked and waiting for a password prompt nobody can see).")
                             .arg(seconds(timeout)),
                         QString::fromLatin1(kSecretsKeychainTimeout));
    return *outcome;
}

Error keychainError(const QString& what, const JobOutcome& outcome)
{
    QString message = QCoreApplication::translate("tricoach::Secrets", "The system keychain could not %1: %2")
                          .arg(what, outcome.message.isEmpty() ? QStringLiteral("?") : outcome.message);
    const QString hint = keychainHint();
    if (!hint.isEmpty())
        message += QStringLiteral(" (") + hint + QStringLiteral(")");
    return makeError(message, QString::fromLatin1(outcome.error == QKeychain::NoBackendAvailable || !hint.isEmpty()
                                                      ? kSecretsNoKeychain
                                                      : kSecretsKeychainFailed));
}

} // namespace

KeychainSecrets::KeychainSecrets(QString service, std::chrono::milliseconds timeout)
    : m_service(std::move(service))
    , m_timeout(timeout)
{
}

Result<std::optional<QString>> KeychainSecrets::read(const QString& key)
{
    auto* job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(key);
    auto outcome = run(job, m_timeout);
    if (!outcome)
        return outcome.error();
    if (outcome->error == QKeychain::EntryNotFound)
        return std::optional<QString>();
    if (outcome->error != QKeychain::NoError)
        return keychainError(QCoreApplication::translate("tricoach::Secrets", "read %1").arg(key), *outcome);
    return std::optional<QString>(outcome->text);
}

Result<void> KeychainSecrets::write(const QString& key, const QString& value)
{
    auto* job = new QKeychain::WritePasswordJob(m_service);
    job->setKey(key);
    job->setTextData(value);
    auto outcome = run(job, m_timeout);
    if (!outcome)
        return outcome.error();
    if (outcome->error != QKeychain::NoError)
        return keychainError(QCoreApplication::translate("tricoach::Secrets", "store %1").arg(key), *outcome);
    return {};
}

Result<void> KeychainSecrets::remove(const QString& key)
{
    auto* job = new QKeychain::DeletePasswordJob(m_service);
    job->setKey(key);
    auto outcome = run(job, m_timeout);
    if (!outcome)
        return outcome.error();
    if (outcome->error != QKeychain::NoError && outcome->error != QKeychain::EntryNotFound)
        return keychainError(QCoreApplication::translate("tricoach::Secrets", "remove %1").arg(key), *outcome);
    return {};
}

QString KeychainSecrets::location() const
{
    return QCoreApplication::translate("tricoach::Secrets", "the system keychain (%1)").arg(m_service);
}

Result<void> keychainStatus(const QString& service, std::chrono::milliseconds timeout)
{
    if (auto error = wrongThread())
        return *error;
    // Without a session bus no Linux keychain can answer; say so before asking one.
    const QString unreachable = keychainUnreachable();
    if (!unreachable.isEmpty())
        return makeError(unreachable, QString::fromLatin1(kSecretsNoKeychain));

    KeychainSecrets keychain(service, timeout);
    const QString key = QStringLiteral("tricoach-keychain-probe");
    // A fresh value each time, so a probe entry left behind by an earlier run cannot pass for a working keychain.
    const QString value = QStringLiteral("probe-%1").arg(QRandomGenerator::global()->generate64(), 16, 16);
    if (auto written = keychain.write(key, value); !written)
        return written.error();
    auto back = keychain.read(key);
    if (!back)
        return back.error();
    if (auto removed = keychain.remove(key); !removed)
        return removed.error();
    if (!back->has_value() || **back != value)
        return makeError(QCoreApplication::translate("tricoach::Secrets",
                                                     "The system keychain did not give back what TriCoach stored "
                                                     "in it."),
                         QString::fromLatin1(kSecretsKeychainFailed));
    return {};
}

} // namespace tricoach

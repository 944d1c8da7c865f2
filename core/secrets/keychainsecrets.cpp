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

// Starts `job` and waits for it in a local event loop, at most `timeout`; std::nullopt when it did not finish in
// time. The job is heap-allocated and deletes itself when it finishes (autoDelete): a job we stopped waiting for
// keeps running, because the keychain library still holds a pointer to it and would call back into freed memory
// were it deleted here. (Until it ends, QtKeychain's queue holds later jobs back: they time out too.)
std::optional<JobOutcome> run(QKeychain::Job* job, std::chrono::milliseconds timeout)
{
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
    return outcome;
}

std::optional<JobOutcome> readJob(const QString& service, const QString& key, std::chrono::milliseconds timeout)
{
    auto* job = new QKeychain::ReadPasswordJob(service);
    job->setKey(key);
    return run(job, timeout);
}

std::optional<JobOutcome> writeJob(const QString& service, const QString& key, const QString& value,
                                   std::chrono::milliseconds timeout)
{
    auto* job = new QKeychain::WritePasswordJob(service);
    job->setKey(key);
    job->setTextData(value);
    return run(job, timeout);
}

std::optional<JobOutcome> removeJob(const QString& service, const QString& key, std::chrono::milliseconds timeout)
{
    auto* job = new QKeychain::DeletePasswordJob(service);
    job->setKey(key);
    return run(job, timeout);
}

bool failed(const JobOutcome& outcome)
{
    return outcome.error != QKeychain::NoError && outcome.error != QKeychain::EntryNotFound;
}

// The keychain's own words plus what is missing here, if anything obviously is.
QString why(const JobOutcome& outcome)
{
    QString text = outcome.message.isEmpty() ? QStringLiteral("?") : outcome.message;
    const QString hint = keychainHint();
    if (!hint.isEmpty())
        text += QStringLiteral("; ") + hint;
    return text;
}

QString code(const JobOutcome& outcome)
{
    return QString::fromLatin1(outcome.error == QKeychain::NoBackendAvailable ? kSecretsNoKeychain
                                                                              : kSecretsKeychainFailed);
}

Error timedOut(std::chrono::milliseconds timeout)
{
    return makeError(QCoreApplication::translate("tricoach::Secrets",
                                                 "The system keychain did not answer within %1 s; it may be locked "
                                                 "and waiting for a password prompt nobody can see.")
                         .arg(seconds(timeout)),
                     QString::fromLatin1(kSecretsKeychainTimeout));
}

} // namespace

KeychainSecrets::KeychainSecrets(QString service, std::chrono::milliseconds timeout)
    : m_service(std::move(service))
    , m_timeout(timeout)
{
}

Result<std::optional<QString>> KeychainSecrets::read(const QString& key)
{
    if (auto error = wrongThread())
        return *error;
    const auto outcome = readJob(m_service, key, m_timeout);
    if (!outcome)
        return timedOut(m_timeout);
    if (outcome->error == QKeychain::EntryNotFound)
        return std::optional<QString>();
    if (failed(*outcome))
        return makeError(QCoreApplication::translate("tricoach::Secrets", "The system keychain could not read “%1”: %2")
                             .arg(key, why(*outcome)),
                         code(*outcome));
    return std::optional<QString>(outcome->text);
}

Result<void> KeychainSecrets::write(const QString& key, const QString& value)
{
    if (auto error = wrongThread())
        return *error;
    const auto outcome = writeJob(m_service, key, value, m_timeout);
    if (!outcome)
        return timedOut(m_timeout);
    if (outcome->error != QKeychain::NoError)
        return makeError(
            QCoreApplication::translate("tricoach::Secrets", "The system keychain could not store “%1”: %2")
                .arg(key, why(*outcome)),
            code(*outcome));
    return {};
}

Result<void> KeychainSecrets::remove(const QString& key)
{
    if (auto error = wrongThread())
        return *error;
    const auto outcome = removeJob(m_service, key, m_timeout);
    if (!outcome)
        return timedOut(m_timeout);
    if (failed(*outcome))
        return makeError(
            QCoreApplication::translate("tricoach::Secrets", "The system keychain could not remove “%1”: %2")
                .arg(key, why(*outcome)),
            code(*outcome));
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

    const QString key = QStringLiteral("tricoach-keychain-probe");
    // A fresh value each time, so a probe entry left behind by an earlier run cannot pass for a working keychain.
    const QString value = QStringLiteral("probe-%1").arg(QRandomGenerator::global()->generate64(), 16, 16);
    const auto notAnswered = [&] {
        return makeError(QCoreApplication::translate("tricoach::Secrets",
                                                     "the system keychain did not answer within %1 s; it may be "
                                                     "locked and waiting for a password prompt nobody can see")
                             .arg(seconds(timeout)),
                         QString::fromLatin1(kSecretsKeychainTimeout));
    };
    const auto refused = [](const JobOutcome& outcome) {
        return makeError(
            QCoreApplication::translate("tricoach::Secrets", "the system keychain refused a test entry: %1")
                .arg(why(outcome)),
            QString::fromLatin1(kSecretsNoKeychain));
    };
    const auto written = writeJob(service, key, value, timeout);
    if (!written)
        return notAnswered();
    if (written->error != QKeychain::NoError)
        return refused(*written);
    const auto back = readJob(service, key, timeout);
    if (!back)
        return notAnswered();
    const auto removed = removeJob(service, key, timeout);
    if (!removed)
        return notAnswered();
    if (failed(*back))
        return refused(*back);
    if (failed(*removed))
        return refused(*removed);
    if (back->error != QKeychain::NoError || back->text != value)
        return makeError(QCoreApplication::translate("tricoach::Secrets",
                                                     "the system keychain gave back something other than what "
                                                     "TriCoach stored in it"),
                         QString::fromLatin1(kSecretsKeychainFailed));
    return {};
}

} // namespace tricoach

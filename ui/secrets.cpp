#include "ui/secrets.h"

#include <QEventLoop>
#include <qt6keychain/keychain.h>

namespace tricoach {

namespace {
const QString kService = QStringLiteral("TriCoach");

// QtKeychain's jobs are asynchronous; the desktop reads and writes one short secret, so it waits for the job.
bool runJob(QKeychain::Job& job, QString* error)
{
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.setAutoDelete(false);
    job.start();
    loop.exec();
    if (job.error() != QKeychain::NoError && job.error() != QKeychain::EntryNotFound) {
        if (error)
            *error = job.errorString();
        return false;
    }
    return true;
}
} // namespace

std::optional<QString> KeychainSecrets::read(const QString& key, QString* error)
{
    QKeychain::ReadPasswordJob job(kService);
    job.setKey(key);
    if (!runJob(job, error) || job.error() == QKeychain::EntryNotFound)
        return std::nullopt;
    return job.textData();
}

bool KeychainSecrets::write(const QString& key, const QString& value, QString* error)
{
    QKeychain::WritePasswordJob job(kService);
    job.setKey(key);
    job.setTextData(value);
    return runJob(job, error);
}

bool KeychainSecrets::remove(const QString& key, QString* error)
{
    QKeychain::DeletePasswordJob job(kService);
    job.setKey(key);
    return runJob(job, error);
}

std::optional<QString> MemorySecrets::read(const QString& key, QString*)
{
    auto it = m_values.find(key);
    return it == m_values.end() ? std::nullopt : std::optional<QString>(it->second);
}

bool MemorySecrets::write(const QString& key, const QString& value, QString*)
{
    m_values[key] = value;
    return true;
}

bool MemorySecrets::remove(const QString& key, QString*)
{
    m_values.erase(key);
    return true;
}

} // namespace tricoach

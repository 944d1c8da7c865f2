#include "core/secrets/filesecrets.h"

#include "core/io/localfiles.h"
#include "core/secrets/privatefile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace tricoach {

namespace {

Error damaged(const QString& path, const QString& why)
{
    return makeError(QCoreApplication::translate("tricoach::Secrets",
                                                 "%1 is damaged (%2). TriCoach left it as it is: move it aside, "
                                                 "then sign in again to store your secrets anew.")
                         .arg(printablePath(path), why),
                     QString::fromLatin1(kSecretsFileDamaged));
}

Result<std::map<QString, QString>> parse(const QString& path, const QByteArray& bytes)
{
    std::map<QString, QString> values;
    // An empty file holds nothing that could be lost by writing over it.
    if (bytes.trimmed().isEmpty())
        return values;
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        return damaged(path, QCoreApplication::translate("tricoach::Secrets", "not valid JSON: %1 at byte %2")
                                 .arg(error.errorString())
                                 .arg(error.offset));
    if (!doc.isObject())
        return damaged(path,
                       QCoreApplication::translate("tricoach::Secrets", "not a JSON object of names and secrets"));
    const QJsonObject object = doc.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!it.value().isString())
            return damaged(
                path,
                QCoreApplication::translate("tricoach::Secrets", "the value of \"%1\" is not text").arg(it.key()));
        values.emplace(it.key(), it.value().toString());
    }
    return values;
}

QByteArray serialise(const std::map<QString, QString>& values)
{
    QJsonObject object;
    for (const auto& [key, value] : values)
        object.insert(key, value);
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

} // namespace

FileSecrets::FileSecrets(QString path, std::chrono::milliseconds lockTimeout)
    : m_path(std::move(path))
    , m_lockTimeout(lockTimeout)
{
}

Result<std::map<QString, QString>> FileSecrets::readAll() const
{
    auto bytes = readPrivateFile(m_path);
    if (!bytes)
        return bytes.error();
    if (!bytes->has_value())
        return std::map<QString, QString>();
    return parse(m_path, **bytes);
}

Result<std::optional<QString>> FileSecrets::read(const QString& key)
{
    // No lock: a write replaces the file with one rename, so a reader sees the old file or the new one whole.
    auto values = readAll();
    if (!values)
        return values.error();
    const auto it = values->find(key);
    if (it == values->end())
        return std::optional<QString>();
    return std::optional<QString>(it->second);
}

Result<void> FileSecrets::write(const QString& key, const QString& value)
{
    return change(key, value);
}

Result<void> FileSecrets::remove(const QString& key)
{
    return change(key, std::nullopt);
}

// Read, change, replace — under the lock, so a writer in another thread or process cannot slip its own replace
// in between and lose this one's key (or this one lose its).
Result<void> FileSecrets::change(const QString& key, const std::optional<QString>& value)
{
    // The lock file lives next to the secrets, so their folder must exist before the first write.
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath()))
        return makeError(QCoreApplication::translate("tricoach::Secrets", "Could not create the folder of %1.")
                             .arg(printablePath(m_path)),
                         QString::fromLatin1(kSecretsFileIo));
    auto lock = PrivateFileLock::acquire(m_path, m_lockTimeout);
    if (!lock)
        return lock.error();
    auto values = readAll();
    if (!values)
        return values.error(); // a damaged or exposed file stays exactly as it is
    const auto it = values->find(key);
    if (value) {
        if (it != values->end() && it->second == *value)
            return {};
        (*values)[key] = *value;
    } else {
        if (it == values->end())
            return {};
        values->erase(it);
    }
    // Only writers that hold the lock make temporary files, so every one there now was left by a crash.
    removeStrayTemporaries(m_path);
    return replacePrivateFile(m_path, serialise(*values));
}

} // namespace tricoach

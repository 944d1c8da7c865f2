#pragma once
// A file only its owner may read, read whole and replaced whole — the storage under FileSecrets
// (core/secrets/filesecrets.h describes the guarantees). POSIX calls on Unix, QSaveFile on Windows.

#include "core/util/result.h"

#include <QByteArray>
#include <QString>

#include <chrono>
#include <memory>
#include <optional>

class QLockFile;

namespace tricoach {

// Its bytes, std::nullopt when there is no file. Errors: kSecretsFileExposed (group or others may read or change
// it, or another user owns it), kSecretsFileIo (not a regular file, too large, unreadable).
Result<std::optional<QByteArray>> readPrivateFile(const QString& path);

// Replaces (or creates) the file with `bytes`, readable and writable by its owner only, atomically and durably.
// Error: kSecretsFileIo, the file as it was.
Result<void> replacePrivateFile(const QString& path, const QByteArray& bytes);

// Deletes the temporary files earlier replacePrivateFile calls left behind when they were killed. Only call it
// while no other replace of the same path can run (FileSecrets holds its lock).
void removeStrayTemporaries(const QString& path);

// Writers of one file take turns through this lock on `<path>.lock` (its folder must exist), in any thread or
// process, held while the object lives. On Unix it is flock on a lock file that stays in place: the kernel lets
// go of it when its holder dies, however it dies, so a killed writer never blocks the next one. (QLockFile, used on
// Windows, cannot tell a lock file its holder died while creating from a live one until 30 s have passed.)
class PrivateFileLock {
public:
    // Errors: kSecretsFileBusy (still held by another writer after `timeout`), kSecretsFileIo.
    static Result<std::unique_ptr<PrivateFileLock>> acquire(const QString& path, std::chrono::milliseconds timeout);
    ~PrivateFileLock();
    PrivateFileLock(const PrivateFileLock&) = delete;
    PrivateFileLock& operator=(const PrivateFileLock&) = delete;

private:
    PrivateFileLock() = default;
#ifdef Q_OS_UNIX
    int m_fd = -1;
#else
    std::unique_ptr<QLockFile> m_lock;
#endif
};

// The name a temporary file of `path` starts with (tests leave one behind to play a crash).
QString temporaryPrefix(const QString& path);

} // namespace tricoach

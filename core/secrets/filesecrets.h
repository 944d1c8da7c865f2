#pragma once
// Secrets in one JSON file of key → value that only its owner can read: the fallback for a computer without a
// keychain (a headless Linux server), used only after the user agreed (core/secrets/secretchoice.h).
//
// On POSIX systems (Linux, macOS, the BSDs):
//  - every write replaces the whole file: a temporary file created with mode 0600 from its first byte (open with
//    O_CREAT|O_EXCL), written, fsync'ed and renamed over the old one, then the folder fsync'ed. There is never a
//    moment when the secrets are readable by others or half written, and a crash leaves the old file or the new
//    one, never neither. A temporary file a crash left behind is ignored and removed by the next write.
//  - a file that group or others may read or change is refused ("… is readable by other users; fix with chmod
//    600 …"), not used; so is a file that belongs to another user.
//  - writers in several threads and processes take turns through a lock on a file next to it (`<path>.lock`,
//    flock, which the kernel releases when a writer dies): each write reads the file afresh under the lock, so
//    two programs storing different keys at once keep both.
// On Windows the file lives in the user's profile (its folder's access list admits only that user) and is
// replaced through QSaveFile.
// A file that is not a JSON object of strings is reported with its path and left exactly as it is: nothing in it
// is overwritten until the user moves it aside.

#include "core/secrets/secretstore.h"

#include <QString>

#include <chrono>

namespace tricoach {

// Secrets in the file at `path` (its folder is created on the first write). Safe from any thread.
class FileSecrets : public SecretStore {
public:
    explicit FileSecrets(QString path, std::chrono::milliseconds lockTimeout = std::chrono::seconds(10));

    Result<std::optional<QString>> read(const QString& key) override;
    Result<void> write(const QString& key, const QString& value) override;
    Result<void> remove(const QString& key) override;
    QString location() const override { return m_path; }

    // Every key and value in the file: empty when there is no file yet; an error when it cannot be used (read by
    // others, damaged). chooseSecretStore calls it to refuse a bad file up front.
    Result<std::map<QString, QString>> readAll() const;

private:
    Result<void> change(const QString& key, const std::optional<QString>& value);

    QString m_path;
    std::chrono::milliseconds m_lockTimeout;
};

} // namespace tricoach

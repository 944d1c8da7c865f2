#pragma once
// Where TriCoach keeps secrets — the AI coach's API key, the Strava sign-in (tokens and the athlete's own client
// secret) — apart from its settings and its database, which are plain files anyone with the disk can read.
//
// Three homes, one interface:
//   KeychainSecrets (core/secrets/keychainsecrets.h)  the operating system's keychain: macOS Keychain, Windows
//                                                     Credential Manager, the Secret Service on Linux. The default.
//   FileSecrets     (core/secrets/filesecrets.h)      one JSON file readable only by its owner (0600), for a
//                                                     headless Linux without a keychain, and only once the user
//                                                     agreed to it.
//   MemorySecrets   (below)                           nothing leaves the process: tests, and a session that has
//                                                     neither of the others.
// chooseSecretStore (core/secrets/secretchoice.h) picks between the first two in one place.
//
// Threads. FileSecrets and MemorySecrets may be called from any thread. KeychainSecrets only from the thread that
// owns the QCoreApplication (the main thread), with the application object alive: QtKeychain runs every job of a
// process one at a time through a queue that lives in the thread of the first job, and libsecret answers through
// the event loop of the thread that asked, so a call waits in a local event loop (user input excluded) until the
// job ends or its timeout passes (10 s by default). Called from another thread it returns the error
// "secrets.wrong-thread" at once rather than hang. A call that timed out leaves its job running (the keychain
// library still refers to it) and QtKeychain's queue holds later calls back until it ends, so they time out too:
// after one timeout, treat the keychain as unavailable for this run. Keep keychain calls on the main thread, few
// and at moments the user expects (start-up, sign-in, settings), and hand the values to workers.

#include "core/util/result.h"

#include <QString>

#include <map>
#include <mutex>
#include <optional>

namespace tricoach {

// Keeps named secrets. Failures (a locked keychain, a file other users can read) are errors with a message a
// person can act on; a key that is simply not there is not a failure.
class SecretStore {
public:
    virtual ~SecretStore() = default;

    // The secret stored under `key`, std::nullopt when there is none.
    virtual Result<std::optional<QString>> read(const QString& key) = 0;
    // Stores `value` under `key`, replacing what was there.
    virtual Result<void> write(const QString& key, const QString& value) = 0;
    // Forgets `key`; succeeds when it was not there.
    virtual Result<void> remove(const QString& key) = 0;
    // Where the secrets are, for messages: "the system keychain (TriCoach)", or the file's path.
    virtual QString location() const = 0;
};

// Secrets held in this process only; gone when it ends.
class MemorySecrets : public SecretStore {
public:
    Result<std::optional<QString>> read(const QString& key) override;
    Result<void> write(const QString& key, const QString& value) override;
    Result<void> remove(const QString& key) override;
    QString location() const override;

private:
    std::mutex m_mutex;
    std::map<QString, QString> m_values;
};

// The names secrets are stored under (never shown, never translated).
inline constexpr const char* kLlmKeySecret = "llm-api-key";

// Error codes (Error::code) the secret stores give.
inline constexpr const char* kSecretsWrongThread = "secrets.wrong-thread";
inline constexpr const char* kSecretsKeychainFailed = "secrets.keychain-failed";
inline constexpr const char* kSecretsKeychainTimeout = "secrets.keychain-timeout";
inline constexpr const char* kSecretsNoKeychain = "secrets.no-keychain";
inline constexpr const char* kSecretsFileExposed = "secrets.file-exposed";
inline constexpr const char* kSecretsFileDamaged = "secrets.file-damaged";
inline constexpr const char* kSecretsFileIo = "secrets.file-io";
inline constexpr const char* kSecretsFileBusy = "secrets.file-busy";
inline constexpr const char* kSecretsNeedsConsent = "secrets.needs-consent";

} // namespace tricoach

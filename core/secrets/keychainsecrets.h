#pragma once
// The operating system's keychain through QtKeychain: macOS Keychain, Windows Credential Manager, the Secret
// Service (gnome-keyring, KWallet) over D-Bus on Linux. Main thread only (core/secrets/secretstore.h says why).

#include "core/secrets/secretstore.h"

#include <QString>

#include <chrono>

namespace tricoach {

// How long one keychain call may take before TriCoach gives up on it: a keychain that shows a password prompt
// nobody can see (a headless session) would otherwise hold the program forever.
inline constexpr std::chrono::milliseconds kKeychainTimeout{10'000};

// The service name real secrets live under; tests pass names of their own so they never touch a person's entries.
inline constexpr const char* kKeychainService = "TriCoach";

// Secrets in the OS keychain, one entry per key under the service name `service`.
class KeychainSecrets : public SecretStore {
public:
    explicit KeychainSecrets(QString service = QString::fromLatin1(kKeychainService),
                             std::chrono::milliseconds timeout = kKeychainTimeout);

    Result<std::optional<QString>> read(const QString& key) override;
    Result<void> write(const QString& key, const QString& value) override;
    Result<void> remove(const QString& key) override;
    QString location() const override;

    const QString& service() const { return m_service; }

private:
    QString m_service;
    std::chrono::milliseconds m_timeout;
};

// Whether the OS keychain works here: writes, reads back and deletes a probe entry under `service`. The error
// says why not as a clause that reads inside a sentence ("there is no D-Bus session bus to reach a keychain
// through: …", "the system keychain did not answer within 10 s; …"), with the code kSecretsNoKeychain,
// kSecretsKeychainTimeout, kSecretsKeychainFailed or kSecretsWrongThread. Main thread only, like KeychainSecrets;
// a keychain that does not answer costs one timeout.
Result<void> keychainStatus(const QString& service = QString::fromLatin1(kKeychainService),
                            std::chrono::milliseconds timeout = kKeychainTimeout);

} // namespace tricoach

#pragma once
// Where this computer keeps TriCoach's secrets, decided in one place for the desktop and tricoach-cli alike: the
// OS keychain when it works; otherwise a private file (FileSecrets), but only when the user agreed to it;
// otherwise an error the program shows, asks about, and acts on.

#include "core/secrets/keychainsecrets.h"
#include "core/secrets/secretstore.h"

#include <QString>

#include <chrono>
#include <memory>

namespace tricoach {

// What the caller knows: which keychain entries to use, and whether the user agreed to a file. The caller
// remembers that consent (in its settings); this module only reads it.
struct SecretPolicy {
    QString service = QString::fromLatin1(kKeychainService);
    bool fileConsented = false; // the user agreed to keep secrets in `filePath` when there is no keychain
    QString filePath;           // empty: defaultSecretsFilePath()
    std::chrono::milliseconds keychainTimeout = kKeychainTimeout;
};

// The store to use, and why the keychain was passed over (empty when the store is the keychain).
struct SecretStoreChoice {
    std::unique_ptr<SecretStore> store;
    QString keychainProblem;
};

// <AppConfigLocation>/secrets.json, e.g. ~/.config/TriCoach/secrets.json.
QString defaultSecretsFilePath();

// Probes the keychain (keychainStatus) and picks. Errors:
//  - kSecretsNeedsConsent: "No keychain is available (…reason…); TriCoach can keep your sign-ins and keys in
//    <path>, readable only by you, if you agree." Ask the user; if they agree, remember it and call again with
//    fileConsented.
//  - with consent, a file that cannot be used (kSecretsFileExposed, kSecretsFileDamaged, …), so the user hears
//    of it now rather than at the first sign-in.
//  - kSecretsWrongThread when called off the main thread.
// Main thread only (it asks the keychain); takes up to about keychainTimeout when the keychain does not answer.
Result<SecretStoreChoice> chooseSecretStore(const SecretPolicy& policy);

} // namespace tricoach

#pragma once
// The desktop's secret store, chosen the first time one is needed (a sign-in, a key saved) rather than at start-up:
// the OS keychain; where there is none, a private file, but only once the user agreed. The question is asked here
// in chooseSecretStore's words and the answer remembered in the preferences, where tricoach-cli reads it too.

#include "core/secrets/secretchoice.h"

#include <functional>
#include <memory>

class QWidget;

namespace tricoach {

class Preferences;

class SecretsPrompt {
public:
    // Asks `question` (yes: keep the secrets in the file); a message box unless a test answers instead.
    using Ask = std::function<bool(QWidget* parent, const QString& question)>;

    explicit SecretsPrompt(Preferences& preferences, SecretPolicy policy = {});
    ~SecretsPrompt();

    void setAsk(Ask ask);
    // Makes the preferences choose through open() (Preferences::openSecrets).
    void install();
    // The store, chosen on the first call that succeeds and kept after. TRICOACH_SECRETS_FILE names a file to use
    // outright, as in tricoach-cli. Main thread only: it asks the keychain.
    Result<SecretStore*> open(QWidget* parent);

private:
    Preferences& m_preferences;
    SecretPolicy m_policy;
    Ask m_ask;
    std::unique_ptr<SecretStore> m_store;
};

} // namespace tricoach

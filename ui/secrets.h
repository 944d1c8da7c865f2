#pragma once
// Where the desktop keeps secrets (the LLM API key): the operating system's keychain (macOS Keychain, Windows
// Credential Manager, Secret Service on Linux) through QtKeychain, never a settings file.

#include <QString>

#include <map>
#include <optional>

namespace tricoach {

class SecretStore {
public:
    virtual ~SecretStore() = default;
    // The secret, nothing when none is stored; `error` says why when the keychain failed.
    virtual std::optional<QString> read(const QString& key, QString* error = nullptr) = 0;
    virtual bool write(const QString& key, const QString& value, QString* error = nullptr) = 0;
    virtual bool remove(const QString& key, QString* error = nullptr) = 0;
};

// The OS keychain under the service name "TriCoach".
class KeychainSecrets : public SecretStore {
public:
    std::optional<QString> read(const QString& key, QString* error = nullptr) override;
    bool write(const QString& key, const QString& value, QString* error = nullptr) override;
    bool remove(const QString& key, QString* error = nullptr) override;
};

// Secrets held in memory only: for tests, and for a session whose keychain is unavailable.
class MemorySecrets : public SecretStore {
public:
    std::optional<QString> read(const QString& key, QString* error = nullptr) override;
    bool write(const QString& key, const QString& value, QString* error = nullptr) override;
    bool remove(const QString& key, QString* error = nullptr) override;

private:
    std::map<QString, QString> m_values;
};

inline constexpr const char* kLlmKeySecret = "llm-api-key";

} // namespace tricoach

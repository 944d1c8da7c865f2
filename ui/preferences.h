#pragma once
// The desktop's own preferences (not training data): units, theme, language, data folder. Kept in QSettings, so
// they survive a database switch; training settings live in the store.

#include "core/util/result.h"

#include <QObject>
#include <QSettings>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>

class QWidget;

namespace tricoach {

class SecretStore;

enum class Theme { System, Light, Dark };
enum class Units { Metric, Imperial };

// Reads and writes the preferences; emits changed() so open pages redraw in the new units or theme.
class Preferences : public QObject {
    Q_OBJECT
public:
    // `settings` defaults to the application's QSettings; tests pass a file of their own.
    explicit Preferences(std::unique_ptr<QSettings> settings = nullptr, QObject* parent = nullptr);
    ~Preferences() override;

    Units units() const;
    void setUnits(Units units);
    Theme theme() const;
    void setTheme(Theme theme);
    QString language() const; // "en" or "ru"
    void setLanguage(const QString& language);
    QString dataFolder() const; // where the database lives; empty = the default
    void setDataFolder(const QString& folder);
    bool imperial() const { return units() == Units::Imperial; }

    // The optional LLM coach: an OpenAI-compatible server; the key is a secret (secrets()), not a setting.
    QString llmUrl() const;
    QString llmModel() const;
    bool llmAzure() const;
    void setLlm(const QString& url, const QString& model, bool azure);
    // Where secrets live: the store set (tests: a store of their own), memory until then.
    SecretStore& secrets();
    void setSecrets(SecretStore* secrets);
    // The app chooses its store the first time secrets are needed (a sign-in, a key saved), because the choice may
    // ask the user (SecretsPrompt). openSecrets runs `chooser` once, until it succeeds, and keeps its answer as
    // secrets(); without a chooser it is secrets(). Main thread only. `parent` is the window a question belongs to.
    void setSecretsChooser(std::function<Result<SecretStore*>(QWidget* parent)> chooser);
    Result<SecretStore*> openSecrets(QWidget* parent);
    // The user agreed to keep secrets in a private file where no keychain exists ("secrets/fileConsent", the same
    // setting tricoach-cli reads and writes).
    bool fileSecretsConsent() const;
    void setFileSecretsConsent(bool consent);

    // Settings ▸ Strava ▸ Advanced: where Strava's API and sign-in pages are; empty for Strava's own. The
    // environment (TRICOACH_STRAVA_API_BASE, TRICOACH_STRAVA_OAUTH_BASE) still takes precedence.
    QUrl stravaApiBase() const;
    QUrl stravaOAuthBase() const;
    void setStravaBases(const QUrl& api, const QUrl& oauth);

Q_SIGNALS:
    void changed();

private:
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<SecretStore> m_memorySecrets;
    SecretStore* m_secrets = nullptr;
    std::function<Result<SecretStore*>(QWidget*)> m_chooser;
};

// Applies a light or dark palette to the whole application (System follows the platform's own).
void applyTheme(Theme theme);
// True when the palette in use is dark (text lighter than the window).
bool isDarkPalette();

} // namespace tricoach

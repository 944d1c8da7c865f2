#include "ui/preferences.h"

#include "core/secrets/secretstore.h"
#include "core/util/result.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

namespace tricoach {

namespace {
const QString kUnits = QStringLiteral("display/units");
const QString kTheme = QStringLiteral("display/theme");
const QString kLanguage = QStringLiteral("display/language");
const QString kDataFolder = QStringLiteral("data/folder");
const QString kLlmUrl = QStringLiteral("coach/llm_url");
const QString kLlmModel = QStringLiteral("coach/llm_model");
const QString kLlmAzure = QStringLiteral("coach/llm_azure");
const QString kFileConsent = QStringLiteral("secrets/fileConsent");
const QString kStravaApi = QStringLiteral("strava/api_base");
const QString kStravaOAuth = QStringLiteral("strava/oauth_base");

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x23, 0x26, 0x2b), base(0x1b, 0x1d, 0x21), text(0xe8, 0xea, 0xed);
    const QColor button(0x2d, 0x31, 0x37), highlight(0x3d, 0x8b, 0xd9), muted(0x8a, 0x90, 0x99);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, button);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, muted);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, button);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, highlight.lighter(120));
    p.setColor(QPalette::Mid, QColor(0x3a, 0x3f, 0x46));
    p.setColor(QPalette::Dark, QColor(0x15, 0x17, 0x1a));
    p.setColor(QPalette::Light, QColor(0x44, 0x49, 0x51));
    p.setColor(QPalette::Midlight, QColor(0x3a, 0x3f, 0x46));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, muted);
    return p;
}

QPalette lightPalette()
{
    QPalette p = QApplication::style()->standardPalette();
    p.setColor(QPalette::Window, QColor(0xf5, 0xf6, 0xf8));
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::AlternateBase, QColor(0xf0, 0xf2, 0xf5));
    p.setColor(QPalette::Highlight, QColor(0x1f, 0x6f, 0xc5));
    return p;
}
} // namespace

Preferences::Preferences(std::unique_ptr<QSettings> settings, QObject* parent)
    : QObject(parent)
    , m_settings(settings ? std::move(settings) : std::make_unique<QSettings>())
    , m_memorySecrets(std::make_unique<MemorySecrets>())
    , m_secrets(m_memorySecrets.get())
{
}

Preferences::~Preferences() = default;

QString Preferences::llmUrl() const
{
    return m_settings->value(kLlmUrl).toString();
}

QString Preferences::llmModel() const
{
    return m_settings->value(kLlmModel).toString();
}

bool Preferences::llmAzure() const
{
    return m_settings->value(kLlmAzure).toBool();
}

void Preferences::setLlm(const QString& url, const QString& model, bool azure)
{
    m_settings->setValue(kLlmUrl, url.trimmed());
    m_settings->setValue(kLlmModel, model.trimmed());
    m_settings->setValue(kLlmAzure, azure);
    Q_EMIT changed();
}

SecretStore& Preferences::secrets()
{
    return *m_secrets;
}

void Preferences::setSecrets(SecretStore* secrets)
{
    m_secrets = secrets ? secrets : m_memorySecrets.get();
}

void Preferences::setSecretsChooser(std::function<Result<SecretStore*>(QWidget*)> chooser)
{
    m_chooser = std::move(chooser);
}

Result<SecretStore*> Preferences::openSecrets(QWidget* parent)
{
    if (!m_chooser)
        return m_secrets;
    auto chosen = m_chooser(parent);
    if (!chosen)
        return chosen.error();
    m_secrets = *chosen;
    m_chooser = nullptr;
    return m_secrets;
}

bool Preferences::fileSecretsConsent() const
{
    return m_settings->value(kFileConsent).toBool();
}

void Preferences::setFileSecretsConsent(bool consent)
{
    m_settings->setValue(kFileConsent, consent);
}

QUrl Preferences::stravaApiBase() const
{
    return QUrl(m_settings->value(kStravaApi).toString());
}

QUrl Preferences::stravaOAuthBase() const
{
    return QUrl(m_settings->value(kStravaOAuth).toString());
}

void Preferences::setStravaBases(const QUrl& api, const QUrl& oauth)
{
    const auto keep = [this](const QString& key, const QUrl& url) {
        if (url.isEmpty())
            m_settings->remove(key);
        else
            m_settings->setValue(key, url.toString());
    };
    keep(kStravaApi, api);
    keep(kStravaOAuth, oauth);
}

Units Preferences::units() const
{
    return m_settings->value(kUnits).toString() == QStringLiteral("imperial") ? Units::Imperial : Units::Metric;
}

void Preferences::setUnits(Units units)
{
    m_settings->setValue(kUnits, units == Units::Imperial ? QStringLiteral("imperial") : QStringLiteral("metric"));
    Q_EMIT changed();
}

Theme Preferences::theme() const
{
    const QString v = m_settings->value(kTheme).toString();
    return v == QStringLiteral("dark") ? Theme::Dark : v == QStringLiteral("light") ? Theme::Light : Theme::System;
}

void Preferences::setTheme(Theme theme)
{
    m_settings->setValue(kTheme, theme == Theme::Dark    ? QStringLiteral("dark")
                                 : theme == Theme::Light ? QStringLiteral("light")
                                                         : QStringLiteral("system"));
    Q_EMIT changed();
}

QString Preferences::language() const
{
    const QString v = m_settings->value(kLanguage).toString();
    return v == QStringLiteral("ru") ? v : QStringLiteral("en");
}

void Preferences::setLanguage(const QString& language)
{
    m_settings->setValue(kLanguage, language);
    Q_EMIT changed();
}

QString Preferences::dataFolder() const
{
    return m_settings->value(kDataFolder).toString();
}

void Preferences::setDataFolder(const QString& folder)
{
    m_settings->setValue(kDataFolder, folder);
    Q_EMIT changed();
}

void applyTheme(Theme theme)
{
    // Fusion draws the same on every platform and honours the palette fully; the native styles of Windows and
    // macOS ignore parts of a dark palette.
    if (theme != Theme::System)
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    switch (theme) {
    case Theme::Dark:
        QApplication::setPalette(darkPalette());
        break;
    case Theme::Light:
        QApplication::setPalette(lightPalette());
        break;
    case Theme::System:
        QApplication::setPalette(QApplication::style()->standardPalette());
        break;
    }
}

bool isDarkPalette()
{
    const QPalette p = QApplication::palette();
    return p.color(QPalette::WindowText).lightness() > p.color(QPalette::Window).lightness();
}

} // namespace tricoach

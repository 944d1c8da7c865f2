#include "core/strava/tokenkeeper.h"

#include "core/secrets/secretstore.h"
#include "core/strava/errors.h"

#include <QJsonDocument>

namespace tricoach::strava {

QString tokenSecretKey(const QString& profileKey)
{
    return QStringLiteral("strava-tokens/") + profileKey;
}

TokenKeeper::TokenKeeper(SecretStore& secrets, QString secretKey, TokenBroker& broker, const SyncClock& clock)
    : m_secrets(secrets)
    , m_key(std::move(secretKey))
    , m_broker(broker)
    , m_clock(clock)
{
}

Result<StravaTokens> TokenKeeper::stored() const
{
    auto read = m_secrets.read(m_key);
    if (!read)
        return makeError(QStringLiteral("Could not read the Strava sign-in from %1: %2")
                             .arg(m_secrets.location(), read.error().message),
                         code::kSecrets);
    const std::optional<QString>& text = *read;
    if (!text)
        return makeError(QStringLiteral("Strava is not connected for this profile."), code::kNotConnected);
    auto tokens = StravaTokens::fromJson(QJsonDocument::fromJson(text->toUtf8()).object());
    if (!tokens)
        return makeError(QStringLiteral("The stored Strava sign-in is damaged; connect Strava again."),
                         code::kNotConnected);
    return *tokens;
}

Result<void> TokenKeeper::save(const StravaTokens& tokens)
{
    // One entry holds the whole pair, so the store never has a new access token beside an old refresh token.
    const QString text = QString::fromUtf8(QJsonDocument(tokens.toJson()).toJson(QJsonDocument::Compact));
    if (auto written = m_secrets.write(m_key, text); !written)
        return makeError(QStringLiteral("Could not keep the Strava sign-in in %1: %2")
                             .arg(m_secrets.location(), written.error().message),
                         code::kSecrets);
    m_tokens = tokens;
    return {};
}

Result<void> TokenKeeper::forget()
{
    if (auto removed = m_secrets.remove(m_key); !removed)
        return makeError(QStringLiteral("Could not remove the Strava sign-in from %1: %2")
                             .arg(m_secrets.location(), removed.error().message),
                         code::kSecrets);
    m_tokens.reset();
    return {};
}

Result<QString> TokenKeeper::accessToken()
{
    if (!m_tokens) {
        auto s = stored();
        if (!s)
            return s.error();
        m_tokens = *s;
    }
    if (m_clock.now().secsTo(m_tokens->expiresAt) > 3600)
        return m_tokens->accessToken;
    return refresh(*m_tokens);
}

Result<QString> TokenKeeper::renewRejected()
{
    if (!m_tokens) {
        auto s = stored();
        if (!s)
            return s.error();
        m_tokens = *s;
    }
    // Another process may have refreshed meanwhile: its access token is the one to try first.
    if (auto s = stored(); s && s->accessToken != m_tokens->accessToken) {
        m_tokens = *s;
        return m_tokens->accessToken;
    }
    return refresh(*m_tokens);
}

Result<QString> TokenKeeper::refresh(const StravaTokens& from)
{
    auto fresh = m_broker.refresh(from);
    if (!fresh && fresh.error().code == code::kUnauthorized) {
        // Rejected: the app and the CLI may both have refreshed, and the other one's pair is the live one.
        if (auto s = stored(); s && s->refreshToken != from.refreshToken) {
            m_tokens = *s;
            if (m_clock.now().secsTo(s->expiresAt) > 60)
                return s->accessToken;
            fresh = m_broker.refresh(*s);
        }
    }
    if (!fresh)
        return fresh.error();
    ++m_refreshes;
    if (auto saved = save(*fresh); !saved) {
        // The old refresh token is dead already: keep working with the new pair in memory, and say so.
        m_tokens = *fresh;
        return saved.error();
    }
    return fresh->accessToken;
}

} // namespace tricoach::strava

#include "core/account/accountsignin.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace tricoach::account {

namespace {

QString randomText(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(raw.data()), bytes / 4);
    return QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

} // namespace

Pkce Pkce::generate()
{
    Pkce p;
    p.verifier = randomText(32);
    p.challenge = challengeOf(p.verifier);
    return p;
}

QString Pkce::challengeOf(const QString& verifier)
{
    return QString::fromLatin1(QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

AccountSignIn::AccountSignIn(QUrl server, AccountClient& client, QString locale)
    : m_server(std::move(server))
    , m_client(client)
    , m_locale(std::move(locale))
{
}

Result<QUrl> AccountSignIn::start()
{
    m_redirect = std::make_unique<strava::LoopbackRedirect>(QStringLiteral("your TriCoach account"));
    QString error;
    if (!m_redirect->listen(&error))
        return makeError(QStringLiteral("Could not listen for the sign-in's answer on 127.0.0.1: %1").arg(error),
                         code::kUnavailable);
    m_state = randomText(16);
    m_pkce = Pkce::generate();
    QUrl url = strava::joinUrl(m_server, QStringLiteral("/oauth/authorize"));
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
    q.addQueryItem(QStringLiteral("client_id"), QString::fromLatin1(kClientId));
    q.addQueryItem(QStringLiteral("redirect_uri"),
                   QString::fromLatin1(QUrl::toPercentEncoding(m_redirect->redirectUri().toString())));
    q.addQueryItem(QStringLiteral("code_challenge"), m_pkce.challenge);
    q.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
    q.addQueryItem(QStringLiteral("state"), m_state);
    if (!m_locale.isEmpty())
        q.addQueryItem(QStringLiteral("lang"), m_locale);
    url.setQuery(q);
    return url;
}

Result<AccountTokens> AccountSignIn::wait(int timeoutMs, const std::atomic<bool>* cancel)
{
    if (!m_redirect)
        return makeError(QStringLiteral("The sign-in was not started."), code::kRefused);
    strava::waitForRedirect(*m_redirect, timeoutMs, cancel);
    if (!m_redirect->received()) {
        if (cancel && cancel->load())
            return makeError(QStringLiteral("The sign-in was cancelled; nothing was stored."), code::kCancelled);
        return makeError(QStringLiteral("No answer from the sign-in page within %1 minutes (was the browser "
                                        "closed?). Nothing was stored; sign in again to retry.")
                             .arg(timeoutMs / 60000.0, 0, 'g', 2),
                         code::kTimeout);
    }
    return finish(*m_redirect->received());
}

Result<AccountTokens> AccountSignIn::finish(const QUrlQuery& query)
{
    if (query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded) != m_state)
        return makeError(QStringLiteral("The answer did not belong to this sign-in (its state did not match); "
                                        "nothing was stored. Sign in again."),
                         code::kRefused);
    const QString error = query.queryItemValue(QStringLiteral("error"), QUrl::FullyDecoded);
    if (error == QLatin1String("access_denied"))
        return makeError(QStringLiteral("The sign-in was cancelled on the sign-in page; nothing was stored."),
                         code::kDenied);
    if (!error.isEmpty()) {
        const QString description = query.queryItemValue(QStringLiteral("error_description"), QUrl::FullyDecoded);
        return makeError(QStringLiteral("The sign-in failed (%1); nothing was stored.")
                             .arg(description.isEmpty() ? error : description),
                         error == QLatin1String("temporarily_unavailable") ? code::kUnavailable : code::kRefused);
    }
    const QString codeValue = query.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
    if (codeValue.isEmpty())
        return makeError(QStringLiteral("The sign-in's answer carried no code; nothing was stored."), code::kRefused);
    return m_client.exchangeCode(codeValue, m_redirect->redirectUri(), m_pkce.verifier);
}

} // namespace tricoach::account

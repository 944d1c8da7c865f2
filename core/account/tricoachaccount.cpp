#include "core/account/tricoachaccount.h"

#include "core/account/accountsignin.h"
#include "core/strava/errors.h"

#include <QUuid>

namespace tricoach::account {

namespace {

// Strava access tokens from the account's broker. The server refreshes them (it holds the refresh token); here a
// token is reused until its last minutes.
class BrokeredStravaAccess : public strava::StravaAccess {
public:
    // Uses `client` (the caller's, whose session it shares), or owns it when given ownership.
    explicit BrokeredStravaAccess(AccountClient& client)
        : m_client(&client)
    {
    }
    explicit BrokeredStravaAccess(std::unique_ptr<AccountClient> owned)
        : m_owned(std::move(owned))
        , m_client(m_owned.get())
    {
    }

    Result<QString> accessToken() override
    {
        if (m_token && QDateTime::currentDateTimeUtc().secsTo(m_token->expiresAt) > 300)
            return m_token->accessToken;
        return ask();
    }
    Result<QString> renewRejected() override { return ask(); }

private:
    Result<QString> ask()
    {
        auto token = m_client->stravaToken();
        if (!token) {
            // In the Strava sync's words, so that it keeps the problem for the athlete to see.
            if (token.error().code == code::kStravaRevoked)
                return makeError(token.error().message, strava::code::kUnauthorized);
            if (token.error().code == code::kNoStrava)
                return makeError(token.error().message, strava::code::kNotConnected);
            if (token.error().code == code::kUnavailable)
                return makeError(token.error().message, strava::code::kUnavailable);
            return token.error();
        }
        m_token = *token;
        return token->accessToken;
    }

    std::unique_ptr<AccountClient> m_owned;
    AccountClient* m_client = nullptr;
    std::optional<BrokeredToken> m_token;
};

} // namespace

QString CatchUp::text() const
{
    QString out = QStringLiteral("%1 events from your TriCoach account").arg(events);
    if (summary)
        out += QStringLiteral(": %1 new, %2 updated, %3 removed")
                   .arg(summary->added)
                   .arg(summary->updated)
                   .arg(summary->deleted);
    out += QLatin1Char('.');
    if (deauthorized)
        out += QStringLiteral(" Strava access was revoked on Strava: sign in with Strava again to keep syncing.");
    if (!complete)
        out += QStringLiteral(" Some changes wait for Strava's rate limit; they are applied on the next sync.");
    return out;
}

QJsonObject CatchUp::toJson() const
{
    QJsonObject json{{QStringLiteral("events"), events},
                     {QStringLiteral("applied"), applied},
                     {QStringLiteral("complete"), complete},
                     {QStringLiteral("deauthorized"), deauthorized}};
    if (summary)
        json.insert(QStringLiteral("summary"), summary->toJson());
    return json;
}

TriCoachAccount::TriCoachAccount(ActivityStore& store, AthleteId athlete, SecretStore& secrets)
    : m_store(store)
    , m_athlete(athlete)
    , m_secrets(secrets)
{
}

AccountState TriCoachAccount::state() const
{
    return loadAccountState(m_store, m_athlete);
}

Result<void> TriCoachAccount::save(const AccountState& state)
{
    return saveAccountState(m_store, m_athlete, state);
}

Result<QUrl> TriCoachAccount::server() const
{
    return serverUrl(state().server);
}

Result<void> TriCoachAccount::setServer(const QString& address)
{
    AccountState s = state();
    if (address.trimmed() == s.server)
        return {};
    // Checked as typed (the environment's override is not what the athlete is setting).
    if (!address.trimmed().isEmpty()) {
        if (auto checked = checkServerAddress(address.trimmed()); !checked)
            return checked.error();
    }
    if (s.signedIn())
        (void)signOut(); // a session belongs to its server
    s = state();
    s.server = address.trimmed();
    return save(s);
}

std::unique_ptr<AccountClient> TriCoachAccount::client(strava::HttpClient& http) const
{
    const AccountState s = state();
    auto url = serverUrl(s.server);
    return std::make_unique<AccountClient>(url ? *url : QUrl(), m_secrets, accountSecretKey(s.accountKey),
                                           m_store.path() + QStringLiteral(".account-%1.lock").arg(m_athlete), http);
}

Result<AccountState> TriCoachAccount::signIn(const std::function<bool(const QUrl&)>& openUrl, int timeoutMs,
                                             const std::atomic<bool>* cancel, const QString& locale)
{
    auto url = server();
    if (!url)
        return url.error();
    AccountState s = state();
    const AccountState before = s;
    if (s.accountKey.isEmpty()) {
        s.accountKey = QUuid::createUuid().toString(QUuid::WithoutBraces);
        if (auto saved = save(s); !saved)
            return saved.error();
    }
    strava::HttpClient http(cancel);
    // Before a browser opens on an error page: is the server there at all?
    const strava::HttpReply health = http.get(strava::joinUrl(*url, QStringLiteral("/healthz")));
    if (health.status != 200)
        return makeError(QStringLiteral("The TriCoach server %1 did not answer (%2). Check the address in Settings "
                                        "▸ Account and your connection.")
                             .arg(url->toString(), health.transportFailed()
                                                       ? health.networkError
                                                       : QStringLiteral("HTTP %1").arg(health.status)),
                         code::kUnavailable);
    auto client = this->client(http);
    AccountSignIn signIn(*url, *client, locale);
    auto page = signIn.start();
    if (!page)
        return page.error();
    if (!openUrl(*page))
        return makeError(
            QStringLiteral("Could not open the browser. Open this address yourself: %1").arg(page->toString()),
            code::kUnavailable);
    auto tokens = signIn.wait(timeoutMs, cancel);
    if (!tokens)
        return tokens.error();
    if (auto saved = client->save(*tokens); !saved)
        return saved.error();
    auto me = client->me();
    if (!me) {
        (void)client->forget();
        return me.error();
    }
    if (before.signedIn() && before.userId != me->id)
        s.eventCursor = 0; // another user: their events start from the beginning
    s.userId = me->id;
    s.displayName = me->displayName;
    s.stravaAthleteId = me->stravaAthleteId;
    s.sessionId = tokens->sessionId;
    s.problem.clear();
    if (auto saved = save(s); !saved) {
        (void)client->endSession();
        (void)client->forget();
        return saved.error();
    }
    return s;
}

Result<QString> TriCoachAccount::signOut()
{
    AccountState s = state();
    if (!s.signedIn() && s.accountKey.isEmpty())
        return QStringLiteral("You were not signed in.");
    QString note = QStringLiteral("Signed out of your TriCoach account; everything on this computer stays.");
    strava::HttpClient http;
    auto client = this->client(http);
    if (client->stored()) {
        if (auto ended = client->endSession(); !ended && ended.error().code != code::kSignedOut)
            note += QStringLiteral(" The server could not be told (%1): end the session from another device's "
                                   "account settings if this computer is not yours.")
                        .arg(ended.error().message);
    }
    if (auto forgot = client->forget(); !forgot)
        return forgot.error();
    AccountState cleared;
    cleared.server = s.server;
    cleared.accountKey = s.accountKey;
    if (auto saved = save(cleared); !saved)
        return saved.error();
    return note;
}

Result<AccountState> TriCoachAccount::refresh()
{
    AccountState s = state();
    if (!s.signedIn())
        return makeError(QStringLiteral("You are not signed in to a TriCoach account."), code::kNotSignedIn);
    strava::HttpClient http;
    auto me = client(http)->me();
    if (!me) {
        if (me.error().code == code::kSignedOut || me.error().code == code::kNotSignedIn) {
            s.problem = me.error().message;
            (void)save(s);
        }
        return me.error();
    }
    s.displayName = me->displayName;
    s.stravaAthleteId = me->stravaAthleteId;
    s.problem.clear();
    if (auto saved = save(s); !saved)
        return saved.error();
    return s;
}

std::unique_ptr<strava::StravaAccess> TriCoachAccount::stravaAccess(strava::HttpClient& http)
{
    return std::make_unique<BrokeredStravaAccess>(client(http));
}

Result<QString> TriCoachAccount::connectStrava(strava::StravaAccount& strava)
{
    const AccountState s = state();
    if (!s.signedIn())
        return makeError(QStringLiteral("Sign in to your TriCoach account first (Settings ▸ Account)."),
                         code::kNotSignedIn);
    strava::HttpClient http;
    auto token = client(http)->stravaToken();
    if (!token)
        return token.error();
    if (auto linked = strava.linkThroughAccount(token->athleteId, s.displayName, token->scopes); !linked)
        return linked.error();
    return QStringLiteral("Strava syncs through your TriCoach account (Strava athlete %1).").arg(token->athleteId);
}

Result<CatchUp> TriCoachAccount::catchUp(strava::StravaAccount& strava, const std::atomic<bool>* cancel)
{
    AccountState s = state();
    if (!s.signedIn())
        return makeError(QStringLiteral("You are not signed in to a TriCoach account."), code::kNotSignedIn);
    strava::HttpClient http(cancel);
    auto account = client(http);
    BrokeredStravaAccess brokered(*account); // one session client: one keychain read, one refresh at most
    CatchUp out;
    while (!(cancel && cancel->load())) {
        auto page = account->events(s.eventCursor);
        if (!page) {
            if (page.error().code == code::kSignedOut) {
                s.problem = page.error().message;
                (void)save(s);
            }
            return page.error();
        }
        out.events += static_cast<int>(page->events.size());
        strava::SyncState link = strava.state();
        std::vector<strava::ActivityChange> changes;
        bool deauthorized = false;
        for (const wire::SyncEvent& e : page->events) {
            const bool revoked =
                e.kind == wire::kEventStravaDeauthorized ||
                (e.objectType == "athlete" && e.updates.is_object() && e.updates.value("authorized", "") == "false");
            if (revoked) {
                deauthorized = true;
            } else if (e.objectType == "activity" && link.connected() && e.ownerId == link.athleteId) {
                changes.push_back({e.objectId, e.aspectType == "delete" ? strava::ActivityChange::Kind::Delete
                                                                        : strava::ActivityChange::Kind::Upsert});
            }
        }
        if (!changes.empty()) {
            auto applied = strava.apply(changes, cancel, &brokered);
            if (!applied)
                return applied.error();
            out.applied += static_cast<int>(changes.size());
            if (!out.summary)
                out.summary = *applied;
            else {
                out.summary->added += applied->added;
                out.summary->updated += applied->updated;
                out.summary->deleted += applied->deleted;
                out.summary->requests += applied->requests;
            }
            if (!applied->complete) {
                out.complete = false;
                break; // the cursor stays before this page: its changes are applied again (idempotent) next time
            }
        }
        if (deauthorized && link.viaAccount) {
            out.deauthorized = true;
            link = strava.state();
            link.problem = QStringLiteral("Strava access was revoked on Strava: sign in to your TriCoach account "
                                          "with Strava again to keep syncing.");
            if (auto saved = strava::saveSyncState(m_store, m_athlete, link); !saved)
                return saved.error();
        }
        s.eventCursor = page->next;
        if (auto saved = save(s); !saved)
            return saved.error();
        if (!page->more)
            break;
    }
    return out;
}

} // namespace tricoach::account

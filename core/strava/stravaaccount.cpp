#include "core/strava/stravaaccount.h"

#include "core/secrets/secretstore.h"
#include "core/strava/errors.h"
#include "core/strava/tokenkeeper.h"

#include <QJsonArray>
#include <QUuid>

namespace tricoach::strava {

QString clientSecretKey(const QString& clientId)
{
    return QStringLiteral("strava-client-secret/") + clientId;
}

QJsonObject StravaStatus::toJson() const
{
    const auto iso = [](const QDateTime& t) {
        return t.isValid() ? QJsonValue(t.toString(Qt::ISODate)) : QJsonValue();
    };
    return QJsonObject{
        {QStringLiteral("connected"), connected},
        {QStringLiteral("via_account"), viaAccount},
        {QStringLiteral("athlete_id"), connected ? QJsonValue(static_cast<qint64>(athleteId)) : QJsonValue()},
        {QStringLiteral("athlete_name"), athleteName},
        {QStringLiteral("scopes"), QJsonArray::fromStringList(scopes)},
        {QStringLiteral("missing_scopes"), QJsonArray::fromStringList(missingScopes)},
        {QStringLiteral("problem"), problem.isEmpty() ? QJsonValue() : QJsonValue(problem)},
        {QStringLiteral("last_sync"), iso(lastSync)},
        {QStringLiteral("resume_at"), iso(resumeAt)},
        {QStringLiteral("activities"), activities},
        {QStringLiteral("streams_left"), streamsLeft},
        {QStringLiteral("last_summary"), lastSummary},
    };
}

StravaAccount::StravaAccount(ActivityStore& store, AthleteId athlete, SecretStore& secrets, StravaEndpoints endpoints)
    : m_store(store)
    , m_athlete(athlete)
    , m_secrets(secrets)
    , m_endpoints(std::move(endpoints))
{
}

SyncState StravaAccount::state() const
{
    return loadSyncState(m_store, m_athlete);
}

StravaStatus StravaAccount::status() const
{
    const SyncState s = state();
    StravaStatus st;
    st.connected = s.connected();
    st.viaAccount = s.viaAccount;
    st.athleteId = s.athleteId;
    st.athleteName = s.athleteName;
    st.scopes = s.scopes;
    // activity:read_all includes activity:read; only what reads less than everything is missing.
    if (s.connected() && !s.scopes.contains(QStringLiteral("activity:read_all")))
        st.missingScopes << QStringLiteral("activity:read_all");
    st.problem = s.problem;
    st.lastSync = s.lastSync;
    st.resumeAt = s.resumeAt;
    st.lastSummary = s.lastSummary;
    for (const StravaEntry& e : m_store.stravaEntries(m_athlete)) {
        ++st.activities;
        st.streamsLeft += e.source == ActivitySource::Strava && e.link.streams == StravaStreams::Pending ? 1 : 0;
    }
    return st;
}

Result<StravaApp> StravaAccount::app() const
{
    StravaApp app;
    app.clientId = state().clientId;
    if (app.clientId.isEmpty())
        app.clientId = qEnvironmentVariable("TRICOACH_STRAVA_CLIENT_ID").trimmed();
    if (app.clientId.isEmpty())
        return makeError(QStringLiteral("No Strava API application is set. Create one at "
                                        "https://www.strava.com/settings/api (Authorization Callback Domain: "
                                        "127.0.0.1) and enter its client id and secret."),
                         code::kAppCredentials);
    auto secret = m_secrets.read(clientSecretKey(app.clientId));
    if (!secret)
        return makeError(QStringLiteral("Could not read the Strava client secret from %1: %2")
                             .arg(m_secrets.location(), secret.error().message),
                         code::kSecrets);
    app.clientSecret = secret->value_or(qEnvironmentVariable("TRICOACH_STRAVA_CLIENT_SECRET").trimmed());
    if (app.clientSecret.isEmpty())
        return makeError(QStringLiteral("The client secret of Strava application %1 is not stored; enter it again.")
                             .arg(app.clientId),
                         code::kAppCredentials);
    return app;
}

Result<void> StravaAccount::setApp(const StravaApp& app)
{
    if (!app.valid())
        return makeError(QStringLiteral("Both the client id and the client secret of the Strava application are "
                                        "needed (https://www.strava.com/settings/api shows them)."),
                         code::kAppCredentials);
    if (auto written = m_secrets.write(clientSecretKey(app.clientId.trimmed()), app.clientSecret.trimmed()); !written)
        return makeError(QStringLiteral("Could not keep the Strava client secret in %1: %2")
                             .arg(m_secrets.location(), written.error().message),
                         code::kSecrets);
    SyncState s = state();
    s.clientId = app.clientId.trimmed();
    return saveSyncState(m_store, m_athlete, s);
}

Result<LoginOutcome> StravaAccount::connect(const std::function<bool(const QUrl&)>& openUrl, int timeoutMs,
                                            const std::atomic<bool>* cancel, bool askAgain)
{
    auto credentials = app();
    if (!credentials)
        return credentials.error();
    HttpClient http(cancel);
    OwnAppBroker broker(*credentials, m_endpoints, http);
    StravaLogin login(broker, m_endpoints, askAgain);
    auto url = login.start();
    if (!url)
        return url.error();
    if (!openUrl(*url))
        return makeError(
            QStringLiteral("Could not open the browser. Open this address yourself: %1").arg(url->toString()),
            code::kUnavailable);
    auto outcome = login.wait(timeoutMs, cancel);
    if (!outcome)
        return outcome.error();

    if (auto may = mayLink(outcome->tokens.athleteId, outcome->tokens.athleteName); !may)
        return may.error();
    SyncState s = state();
    if (s.profileKey.isEmpty())
        s.profileKey = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const SyncClock clock;
    TokenKeeper keeper(m_secrets, tokenSecretKey(s.profileKey), broker, clock);
    if (auto saved = keeper.save(outcome->tokens); !saved)
        return saved.error();
    if (s.athleteId != outcome->tokens.athleteId) {
        // Another Strava athlete on a profile without Strava activities: start the back-fill afresh.
        const QString key = s.profileKey, clientId = s.clientId;
        s = SyncState{};
        s.profileKey = key;
        s.clientId = clientId;
    }
    s.athleteId = outcome->tokens.athleteId;
    s.athleteName = outcome->tokens.athleteName;
    s.clientId = credentials->clientId;
    s.viaAccount = false;
    s.scopes = outcome->tokens.scopes;
    s.problem.clear();
    if (auto saved = saveSyncState(m_store, m_athlete, s); !saved) {
        (void)keeper.forget();
        return saved.error();
    }
    return outcome;
}

Result<void> StravaAccount::mayLink(std::int64_t athleteId, const QString& athleteName) const
{
    // Two athletes never mix: a Strava athlete belongs to one profile, and a profile to one Strava athlete.
    const SyncState s = state();
    if (s.connected() && s.athleteId != athleteId && !m_store.stravaEntries(m_athlete).empty())
        return makeError(QStringLiteral("This profile holds the activities of Strava athlete %1 (%2); the sign-in "
                                        "was as another Strava athlete. Nothing was stored: use another profile for "
                                        "them, or disconnect first.")
                             .arg(s.athleteId)
                             .arg(s.athleteName),
                         code::kRequest);
    for (const Athlete& other : m_store.athletes()) {
        if (other.id == m_athlete)
            continue;
        const SyncState theirs = loadSyncState(m_store, other.id);
        if (theirs.connected() && theirs.athleteId == athleteId)
            return makeError(QStringLiteral("This Strava account (%1) is already connected to the profile \"%2\". "
                                            "Nothing was stored: each profile links its own Strava athlete.")
                                 .arg(athleteName.isEmpty() ? QString::number(athleteId) : athleteName, other.name),
                             code::kRequest);
    }
    return {};
}

Result<void> StravaAccount::linkThroughAccount(std::int64_t athleteId, const QString& athleteName,
                                               const QStringList& scopes)
{
    if (athleteId == 0)
        return makeError(QStringLiteral("The TriCoach account has no Strava athlete: sign in to it with Strava."),
                         code::kNotConnected);
    if (auto may = mayLink(athleteId, athleteName); !may)
        return may.error();
    SyncState s = state();
    if (!s.viaAccount && !s.profileKey.isEmpty())
        (void)m_secrets.remove(tokenSecretKey(s.profileKey)); // this machine's own tokens are no longer used
    if (s.athleteId != athleteId) {
        const QString key = s.profileKey;
        s = SyncState{};
        s.profileKey = key;
    }
    if (s.profileKey.isEmpty())
        s.profileKey = QUuid::createUuid().toString(QUuid::WithoutBraces);
    s.athleteId = athleteId;
    s.athleteName = athleteName;
    s.viaAccount = true;
    s.scopes = scopes;
    s.problem.clear();
    return saveSyncState(m_store, m_athlete, s);
}

Result<SyncSummary> StravaAccount::withApi(const std::atomic<bool>* cancel, StravaAccess* brokered,
                                           const std::function<Result<SyncSummary>(StravaSync&, SyncState&)>& work)
{
    SyncState s = state();
    if (!s.connected())
        return makeError(QStringLiteral("Strava is not connected for this profile: connect it first (Settings ▸ "
                                        "Strava, or tricoach-cli strava connect)."),
                         code::kNotConnected);
    SyncClock clock = SyncClock::fromEnvironment();
    HttpClient http(cancel);
    std::optional<StravaApp> credentials;
    std::unique_ptr<OwnAppBroker> broker;
    std::unique_ptr<TokenKeeper> keeper;
    StravaAccess* access = brokered;
    if (s.viaAccount) {
        if (!brokered)
            return makeError(QStringLiteral("This profile syncs Strava through its TriCoach account: sign in to it "
                                            "(Settings ▸ Account, or tricoach-cli account sign-in)."),
                             code::kNotConnected);
    } else {
        auto app = this->app();
        if (!app)
            return app.error();
        credentials = *app;
        broker = std::make_unique<OwnAppBroker>(*credentials, m_endpoints, http);
        keeper = std::make_unique<TokenKeeper>(m_secrets, tokenSecretKey(s.profileKey), *broker, clock);
        access = keeper.get();
    }
    StravaApi api(m_endpoints, http, *access, s.budget, clock, cancel);
    StravaSync engine(m_store, m_athlete, api, clock, cancel);
    return work(engine, s);
}

Result<SyncSummary> StravaAccount::sync(const SyncOptions& options, std::function<void(const SyncProgress&)> progress,
                                        const std::atomic<bool>* cancel, StravaAccess* brokered)
{
    return withApi(cancel, brokered, [&](StravaSync& engine, SyncState& s) {
        engine.onProgress(std::move(progress));
        return engine.run(s, options);
    });
}

Result<SyncSummary> StravaAccount::apply(const std::vector<ActivityChange>& changes, const std::atomic<bool>* cancel,
                                         StravaAccess* brokered)
{
    return withApi(cancel, brokered, [&](StravaSync& engine, SyncState& s) { return engine.apply(s, changes); });
}

Result<QString> StravaAccount::disconnect()
{
    SyncState s = state();
    if (!s.connected())
        return QStringLiteral("Strava was not connected.");
    if (s.viaAccount) {
        // The authorization is the account's, kept on the server: this profile only stops syncing through it.
        SyncState cleared;
        cleared.profileKey = s.profileKey;
        if (auto saved = saveSyncState(m_store, m_athlete, cleared); !saved)
            return saved.error();
        return QStringLiteral("This profile no longer syncs Strava through your TriCoach account; every synced "
                              "activity stays. (The account keeps its Strava sign-in: revoke it at "
                              "https://www.strava.com/settings/apps to end it.)");
    }
    QString note = QStringLiteral("Strava is disconnected; every synced activity stays here.");
    auto credentials = app();
    HttpClient http;
    const SyncClock clock;
    if (credentials) {
        OwnAppBroker broker(*credentials, m_endpoints, http);
        TokenKeeper keeper(m_secrets, tokenSecretKey(s.profileKey), broker, clock);
        if (auto tokens = keeper.stored()) {
            if (auto revoked = broker.revoke(*tokens); !revoked)
                note += QStringLiteral(" Strava could not be told (%1): revoke TriCoach's access at "
                                       "https://www.strava.com/settings/apps.")
                            .arg(revoked.error().message);
        }
        if (auto forgot = keeper.forget(); !forgot)
            return forgot.error();
    } else if (!s.profileKey.isEmpty()) {
        (void)m_secrets.remove(tokenSecretKey(s.profileKey));
    }
    SyncState cleared;
    cleared.clientId = s.clientId;
    if (auto saved = saveSyncState(m_store, m_athlete, cleared); !saved)
        return saved.error();
    return note;
}

} // namespace tricoach::strava

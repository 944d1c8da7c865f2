// strava connect|sync|status|disconnect: the profile's Strava link from the terminal.
#include "app/cli/commands.h"
#include "app/cli/context.h"
#include "app/cli/interrupt.h"
#include "app/cli/output.h"
#include "app/cli/signin.h"
#include "core/account/tricoachaccount.h"
#include "core/strava/stravaaccount.h"

namespace tricoach::cli {

namespace {

using strava::StravaAccount;

// The profile, its secrets and its Strava link, opened together by the commands that need all three.
struct StravaSession {
    Session session;
    std::unique_ptr<SecretStore> secrets;
    StravaAccount account; // refers into the two above, whose objects stay put when this moves
};

Result<StravaSession> openStravaSession(const Invocation& inv)
{
    auto session = openSession(inv);
    if (!session)
        return session.error();
    auto secrets = openSecrets(inv);
    if (!secrets)
        return secrets.error();
    StravaAccount account(*session->store, session->athlete.id, **secrets);
    return StravaSession{std::move(*session), std::move(*secrets), std::move(account)};
}

QString missingText(const QStringList& missing)
{
    if (!missing.contains(QStringLiteral("activity:read_all")))
        return {};
    return QStringLiteral("Private activities (\"Only You\") are left out: \"View data about your private "
                          "activities\" was not granted. To include them, run 'tricoach-cli strava connect "
                          "--ask-again' and leave that box ticked.");
}

int runConnect(const Invocation& inv, Io& io)
{
    OptionReader r(inv);
    const auto clientId = r.text(QStringLiteral("client-id"));
    const auto clientSecret = r.text(QStringLiteral("client-secret"));
    const auto minutes = r.integer(QStringLiteral("timeout-min"), 1, 60);
    if (clientId.has_value() != clientSecret.has_value() && r.ok())
        r.fail(QStringLiteral("--client-id and --client-secret go together"));
    if (!r.ok())
        return report(io, inv, r.error());
    auto opened = openStravaSession(inv);
    if (!opened)
        return report(io, inv, opened.error());
    StravaAccount& account = opened->account;
    if (inv.has(QStringLiteral("through-account"))) {
        if (clientId)
            return report(io, inv,
                          makeError(QStringLiteral("--through-account uses your TriCoach account's Strava sign-in: "
                                                   "leave out --client-id and --client-secret"),
                                    kUsageErrorCode));
        account::TriCoachAccount tricoach(*opened->session.store, opened->session.athlete.id, *opened->secrets);
        auto linked = tricoach.connectStrava(account);
        if (!linked)
            return report(io, inv, linked.error());
        if (inv.global.json)
            writeJson(io.out, account.status().toJson());
        else
            io.out << *linked << "\nRun 'tricoach-cli strava sync' to fetch your activities.\n";
        return kExitOk;
    }
    if (clientId) {
        if (auto set = account.setApp({*clientId, *clientSecret}); !set)
            return report(io, inv, set.error());
    }
    InterruptGuard interrupt;
    auto outcome = account.connect(
        [&](const QUrl& url) {
            return offerPage(inv, io, url, QStringLiteral("Open this address to authorize TriCoach on Strava"),
                             QStringLiteral("Strava"));
        },
        minutes.value_or(10) * 60 * 1000, &InterruptGuard::flag(), inv.has(QStringLiteral("ask-again")));
    if (!outcome)
        return report(io, inv, outcome.error());
    const QString missing = missingText(outcome->missingScopes);
    if (inv.global.json) {
        QJsonObject o = account.status().toJson();
        o.insert(QStringLiteral("warning"), missing.isEmpty() ? QJsonValue() : QJsonValue(missing));
        writeJson(io.out, o);
        return kExitOk;
    }
    io.out << "Connected to Strava as " << outcome->tokens.athleteName << " (athlete " << outcome->tokens.athleteId
           << "). The sign-in is kept in " << opened->secrets->location() << ".\n";
    if (!missing.isEmpty())
        io.out << missing << '\n';
    io.out << "Run 'tricoach-cli strava sync' to fetch your activities.\n";
    return kExitOk;
}

QString progressLine(const strava::SyncProgress& p)
{
    using Phase = strava::SyncProgress::Phase;
    QString line = QStringLiteral("Strava: %1 pages listed, %2 new, %3 updated; %4 recordings fetched, %5 to go")
                       .arg(p.pagesListed)
                       .arg(p.added)
                       .arg(p.updated)
                       .arg(p.streamsFetched)
                       .arg(p.streamsLeft);
    if (p.phase == Phase::Waiting)
        line += QStringLiteral("; waiting for the rate limit until %1")
                    .arg(p.waitingUntil.toLocalTime().toString(QStringLiteral("HH:mm")));
    return line;
}

int runSync(const Invocation& inv, Io& io)
{
    auto opened = openStravaSession(inv);
    if (!opened)
        return report(io, inv, opened.error());
    StravaAccount& account = opened->account;
    strava::SyncOptions options;
    options.force = inv.has(QStringLiteral("force"));
    options.waitForRateLimit = inv.has(QStringLiteral("wait"));
    const bool showProgress = !inv.global.json && stderrIsTerminal();
    InterruptGuard interrupt;
    // Through the TriCoach account: its broker gives the Strava tokens, and the changes its webhooks announced
    // (edits and deletions a listing of recent activities would miss) are applied first.
    account::TriCoachAccount tricoach(*opened->session.store, opened->session.athlete.id, *opened->secrets);
    strava::HttpClient brokerHttp(&InterruptGuard::flag());
    std::unique_ptr<strava::StravaAccess> brokered;
    if (account.state().viaAccount && tricoach.state().signedIn()) {
        brokered = tricoach.stravaAccess(brokerHttp);
        if (auto caught = tricoach.catchUp(account, &InterruptGuard::flag()); !caught)
            io.err << "Changes announced by Strava were not applied: " << caught.error().message << '\n';
    }
    auto summary = account.sync(
        options,
        [&](const strava::SyncProgress& p) {
            if (showProgress) {
                io.err << '\r' << progressLine(p) << "   ";
                io.err.flush();
            }
        },
        &InterruptGuard::flag(), brokered.get());
    if (showProgress)
        io.err << '\n';
    if (!summary)
        return report(io, inv, summary.error());
    if (inv.global.json)
        writeJson(io.out, summary->toJson());
    else
        io.out << summary->text() << '\n';
    return summary->cancelled ? 130 : kExitOk;
}

int runStatus(const Invocation& inv, Io& io)
{
    auto session = openSession(inv);
    if (!session)
        return report(io, inv, session.error());
    // Status needs no secrets: what is linked and synced lives in the database.
    MemorySecrets none;
    StravaAccount account(*session->store, session->athlete.id, none);
    const strava::StravaStatus st = account.status();
    if (inv.global.json) {
        writeJson(io.out, st.toJson());
        return kExitOk;
    }
    if (!st.connected) {
        io.out << "Strava is not connected for " << session->athlete.name
               << ". Run 'tricoach-cli strava connect --client-id ID --client-secret SECRET'.\n";
        return kExitOk;
    }
    io.out << "Connected to Strava as " << st.athleteName << " (athlete " << st.athleteId << ").\n";
    io.out << "Last sync: "
           << (st.lastSync.isValid() ? st.lastSync.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                                     : QStringLiteral("never"))
           << "; " << st.activities << " activities linked, " << st.streamsLeft << " recordings still to fetch.\n";
    if (st.resumeAt.isValid())
        io.out << "Waiting for Strava's rate limit: the sync resumes at "
               << st.resumeAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")) << ".\n";
    if (const QString missing = missingText(st.missingScopes); !missing.isEmpty())
        io.out << missing << '\n';
    if (!st.problem.isEmpty())
        io.out << "Problem: " << st.problem << '\n';
    return kExitOk;
}

int runDisconnect(const Invocation& inv, Io& io)
{
    auto opened = openStravaSession(inv);
    if (!opened)
        return report(io, inv, opened.error());
    StravaAccount& account = opened->account;
    auto note = account.disconnect();
    if (!note)
        return report(io, inv, note.error());
    if (inv.global.json)
        writeJson(io.out, QJsonObject{{QStringLiteral("connected"), false}, {QStringLiteral("note"), *note}});
    else
        io.out << *note << '\n';
    return kExitOk;
}

} // namespace

std::vector<CommandSpec> stravaCommands()
{
    const QString strava = QStringLiteral("strava");
    const OptionSpec secretsFile = secretsFileOption();
    return {
        {strava,
         QStringLiteral("connect"),
         QStringLiteral("sign in to Strava through the browser and link this profile"),
         {},
         0,
         0,
         {
             {QStringLiteral("client-id"), QStringLiteral("ID"), QStringLiteral("your Strava API application's id")},
             {QStringLiteral("client-secret"), QStringLiteral("SECRET"),
              QStringLiteral("its secret (kept in the keychain)")},
             noBrowserOption(),
             {QStringLiteral("ask-again"), {}, QStringLiteral("show Strava's page again to grant more")},
             {QStringLiteral("through-account"),
              {},
              QStringLiteral("use the Strava sign-in of your TriCoach account (tricoach-cli account sign-in)")},
             signInTimeoutOption(),
             secretsFile,
         },
         runConnect},
        {strava,
         QStringLiteral("sync"),
         QStringLiteral("fetch new and changed activities from Strava"),
         {},
         0,
         0,
         {
             {QStringLiteral("force"), {}, QStringLiteral("list everything again: apply edits, remove deletions")},
             {QStringLiteral("wait"), {}, QStringLiteral("wait through Strava's rate limit instead of stopping")},
             secretsFile,
         },
         runSync},
        {strava,
         QStringLiteral("status"),
         QStringLiteral("what is linked, when it synced, what is left"),
         {},
         0,
         0,
         {},
         runStatus},
        {strava,
         QStringLiteral("disconnect"),
         QStringLiteral("revoke TriCoach's access on Strava (synced activities stay)"),
         {},
         0,
         0,
         {secretsFile},
         runDisconnect},
    };
}

} // namespace tricoach::cli

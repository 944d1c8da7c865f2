// account sign-in|status|sign-out|catch-up: the profile's TriCoach account (a tricoach-sync server) from the
// terminal.
#include "app/cli/commands.h"
#include "app/cli/context.h"
#include "app/cli/interrupt.h"
#include "app/cli/output.h"
#include "app/cli/signin.h"
#include "core/account/tricoachaccount.h"

namespace tricoach::cli {

namespace {

using account::AccountState;
using account::TriCoachAccount;

QJsonObject statusJson(const AccountState& s, const QString& server)
{
    const auto id = [](std::int64_t v) { return v ? QJsonValue(static_cast<qint64>(v)) : QJsonValue(); };
    return QJsonObject{
        {QStringLiteral("server"), server.isEmpty() ? QJsonValue() : QJsonValue(server)},
        {QStringLiteral("signed_in"), s.signedIn()},
        {QStringLiteral("user_id"), id(s.userId)},
        {QStringLiteral("display_name"), s.signedIn() ? QJsonValue(s.displayName) : QJsonValue()},
        {QStringLiteral("strava_athlete_id"), id(s.stravaAthleteId)},
        {QStringLiteral("event_cursor"), static_cast<qint64>(s.eventCursor)},
        {QStringLiteral("problem"), s.problem.isEmpty() ? QJsonValue() : QJsonValue(s.problem)},
    };
}

// The profile and its secrets, opened together by the commands that sign in or read the session.
struct SignedSession {
    Session session;
    std::unique_ptr<SecretStore> secrets;
    TriCoachAccount account() const { return TriCoachAccount(*session.store, session.athlete.id, *secrets); }
};

Result<SignedSession> openSignedSession(const Invocation& inv)
{
    auto session = openSession(inv);
    if (!session)
        return session.error();
    auto secrets = openSecrets(inv);
    if (!secrets)
        return secrets.error();
    return SignedSession{std::move(*session), std::move(*secrets)};
}

QString serverText(const TriCoachAccount& account)
{
    auto url = account.server();
    return url ? url->toString() : QString();
}

int runSignIn(const Invocation& inv, Io& io)
{
    OptionReader r(inv);
    const auto server = r.text(QStringLiteral("server"));
    const auto minutes = r.integer(QStringLiteral("timeout-min"), 1, 60);
    if (!r.ok())
        return report(io, inv, r.error());
    auto opened = openSignedSession(inv);
    if (!opened)
        return report(io, inv, opened.error());
    TriCoachAccount account = opened->account();
    if (server) {
        if (auto set = account.setServer(*server); !set)
            return report(io, inv, set.error());
    }
    InterruptGuard interrupt;
    auto signedIn = account.signIn(
        [&](const QUrl& url) {
            return offerPage(inv, io, url, QStringLiteral("Open this address to sign in to TriCoach"),
                             QStringLiteral("the sign-in"));
        },
        minutes.value_or(10) * 60 * 1000, &InterruptGuard::flag());
    if (!signedIn)
        return report(io, inv, signedIn.error());
    if (inv.global.json) {
        writeJson(io.out, statusJson(*signedIn, serverText(account)));
        return kExitOk;
    }
    io.out << "Signed in to " << serverText(account) << " as " << signedIn->displayName << ". The sign-in is kept in "
           << opened->secrets->location() << ".\n";
    if (signedIn->stravaAthleteId)
        io.out << "Your account signs in with Strava (athlete " << signedIn->stravaAthleteId
               << "): run 'tricoach-cli strava connect --through-account' to sync Strava through it.\n";
    return kExitOk;
}

int runStatus(const Invocation& inv, Io& io)
{
    auto session = openSession(inv);
    if (!session)
        return report(io, inv, session.error());
    MemorySecrets none; // what the account is lives in the database
    TriCoachAccount account(*session->store, session->athlete.id, none);
    const AccountState s = account.state();
    if (inv.global.json) {
        writeJson(io.out, statusJson(s, serverText(account)));
        return kExitOk;
    }
    const QString server = serverText(account);
    if (server.isEmpty())
        io.out << "No TriCoach server is set. Run 'tricoach-cli account sign-in --server https://...'.\n";
    else if (!s.signedIn())
        io.out << "Not signed in to " << server << ". Run 'tricoach-cli account sign-in'.\n";
    else
        io.out << "Signed in to " << server << " as " << s.displayName << " (user " << s.userId << ")"
               << (s.stravaAthleteId ? QStringLiteral(", with Strava athlete %1").arg(s.stravaAthleteId) : QString())
               << ".\n";
    if (!s.problem.isEmpty())
        io.out << "Problem: " << s.problem << '\n';
    return kExitOk;
}

int runSignOut(const Invocation& inv, Io& io)
{
    auto opened = openSignedSession(inv);
    if (!opened)
        return report(io, inv, opened.error());
    TriCoachAccount account = opened->account();
    auto note = account.signOut();
    if (!note)
        return report(io, inv, note.error());
    if (inv.global.json)
        writeJson(io.out, QJsonObject{{QStringLiteral("signed_in"), false}, {QStringLiteral("note"), *note}});
    else
        io.out << *note << '\n';
    return kExitOk;
}

int runCatchUp(const Invocation& inv, Io& io)
{
    auto opened = openSignedSession(inv);
    if (!opened)
        return report(io, inv, opened.error());
    TriCoachAccount account = opened->account();
    strava::StravaAccount stravaLink(*opened->session.store, opened->session.athlete.id, *opened->secrets);
    InterruptGuard interrupt;
    auto caught = account.catchUp(stravaLink, &InterruptGuard::flag());
    if (!caught)
        return report(io, inv, caught.error());
    if (inv.global.json)
        writeJson(io.out, caught->toJson());
    else
        io.out << caught->text() << '\n';
    return kExitOk;
}

} // namespace

std::vector<CommandSpec> accountCommands()
{
    const QString account = QStringLiteral("account");
    const OptionSpec secretsFile = secretsFileOption();
    return {
        {account,
         QStringLiteral("sign-in"),
         QStringLiteral("sign in to your TriCoach account through the browser"),
         {},
         0,
         0,
         {
             {QStringLiteral("server"), QStringLiteral("URL"),
              QStringLiteral("the TriCoach server (remembered; TRICOACH_SYNC_URL overrides)")},
             noBrowserOption(),
             signInTimeoutOption(),
             secretsFile,
         },
         runSignIn},
        {account, QStringLiteral("status"), QStringLiteral("which server, who is signed in"), {}, 0, 0, {}, runStatus},
        {account,
         QStringLiteral("sign-out"),
         QStringLiteral("end this computer's session (everything here stays)"),
         {},
         0,
         0,
         {secretsFile},
         runSignOut},
        {account,
         QStringLiteral("catch-up"),
         QStringLiteral("apply what Strava announced to your account (new, edited, deleted activities)"),
         {},
         0,
         0,
         {secretsFile},
         runCatchUp},
    };
}

} // namespace tricoach::cli

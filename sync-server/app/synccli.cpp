#include "sync-server/app/synccli.h"

#include "sync-server/app/serverconfig.h"
#include "sync-server/app/syncserver.h"
#include "sync-server/app/terminalinput.h"
#include "sync-server/auth/secrets.h"
#include "sync-server/ops/jsonlog.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <thread>

namespace tricoach::sync {

namespace {

const char* const kUsage = R"(tricoach-sync: the TriCoach companion server (sign-in, Strava token broker, webhooks).

Usage: tricoach-sync COMMAND [OPTIONS]

Commands:
  serve [--no-migrate]                 run the server (brings the schema up to date first, unless told not to)
  migrate                              bring the database's schema up to date and exit
  user create --strava-athlete ID      a user for a Strava athlete; prints the new user's id
  user create --email EMAIL            a user who signs in with a password (asked on the terminal, or read
                                       from standard input when that is not a terminal)
  user list                            every user
  user disable ID                      the user can no longer sign in; their sessions end
  session create --user ID [--name N]  a session for scripts and tests; prints its access token on the last line
  session revoke --user ID [--session N | --all]

Every command takes --database URL (or TRICOACH_SYNC_DATABASE).
  --help      this text
  --version   the version

)";

std::atomic<bool> g_stop{false};

extern "C" void onStopSignal(int)
{
    g_stop = true;
}

Timestamp now()
{
    return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

// --name VALUE / --name=VALUE out of args (removed from them).
std::optional<std::string> takeOption(std::vector<std::string>& args, const std::string& name)
{
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == name && i + 1 < args.size()) {
            std::string v = args[i + 1];
            args.erase(args.begin() + static_cast<std::ptrdiff_t>(i),
                       args.begin() + static_cast<std::ptrdiff_t>(i) + 2);
            return v;
        }
        if (args[i].rfind(name + "=", 0) == 0) {
            std::string v = args[i].substr(name.size() + 1);
            args.erase(args.begin() + static_cast<std::ptrdiff_t>(i));
            return v;
        }
    }
    return std::nullopt;
}

bool takeFlag(std::vector<std::string>& args, const std::string& name)
{
    for (size_t i = 0; i < args.size(); ++i)
        if (args[i] == name) {
            args.erase(args.begin() + static_cast<std::ptrdiff_t>(i));
            return true;
        }
    return false;
}

std::optional<std::int64_t> number(const std::string& text)
{
    try {
        size_t used = 0;
        const long long n = std::stoll(text, &used);
        return used == text.size() && n > 0 ? std::optional<std::int64_t>(n) : std::nullopt;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

struct Context {
    std::string& out;
    std::string& err;
};

int fail(Context& c, const std::string& message, int code = 1)
{
    c.err += "tricoach-sync: " + message + "\n";
    return code;
}

// The store of --database (or the environment, or the default file), migrated.
Result<std::unique_ptr<ServerStore>> openMigrated(std::vector<std::string>& args)
{
    auto config = loadServerConfig(args, processEnvironment());
    if (!config)
        return config.error();
    auto store = openServerStore(config->database);
    if (!store)
        return store.error();
    if (auto m = (*store)->migrate(); !m)
        return m.error();
    return store;
}

int serve(std::vector<std::string> args, Context& c)
{
    SyncServer::Options options;
    options.migrate = !takeFlag(args, "--no-migrate");
    // Not in --help: the benchmarks' hello-world route (tests/bench/sync), for nothing else.
    options.benchRoutes = takeFlag(args, "--bench-routes");
    auto config = loadServerConfig(args, processEnvironment());
    if (!config)
        return fail(c, config.error().message.toStdString(), 2);
    const auto level = JsonLog::levelNamed(config->logLevel).value_or(JsonLog::Level::Info);
    JsonLog log(stdout, level);
    SyncServer server(*config, log, options);
    if (auto started = server.start(); !started)
        return fail(c, started.error().message.toStdString());
    std::signal(SIGINT, onStopSignal);
    std::signal(SIGTERM, onStopSignal);
    while (!g_stop)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    log.info("stopping");
    server.stop();
    log.info("stopped");
    return 0;
}

int migrate(std::vector<std::string> args, Context& c)
{
    auto store = openMigrated(args);
    if (!store)
        return fail(c, store.error().message.toStdString());
    auto version = (*store)->schemaVersion();
    c.out += "The database's schema is at version " + std::to_string(version ? *version : 0) + ".\n";
    return 0;
}

std::string describe(const User& u)
{
    std::string line = std::to_string(u.id);
    line += "\t" + u.email.value_or("-");
    line += "\t" + (u.stravaAthleteId ? std::to_string(*u.stravaAthleteId) : std::string("-"));
    line += "\t" + std::string(u.disabled() ? "disabled" : "active");
    return line;
}

int user(std::vector<std::string> args, Context& c)
{
    const std::string verb = args.empty() ? std::string() : args.front();
    if (!args.empty())
        args.erase(args.begin());
    const auto athlete = takeOption(args, "--strava-athlete");
    const auto email = takeOption(args, "--email");
    const auto name = takeOption(args, "--name");
    std::optional<std::string> id;
    if (verb == "disable" && !args.empty() && args.front().rfind("--", 0) != 0) {
        id = args.front();
        args.erase(args.begin());
    }
    if (verb == "create") {
        if (athlete.has_value() == email.has_value())
            return fail(c, "user create takes --strava-athlete ID or --email EMAIL (one of them).", 2);
        NewUser u;
        u.createdAt = now();
        u.displayName = name.value_or("");
        if (athlete) {
            const auto n = number(*athlete);
            if (!n)
                return fail(c, "--strava-athlete: '" + *athlete + "' is not an athlete id.", 2);
            u.stravaAthleteId = *n;
        } else {
            if (email->find('@') == std::string::npos)
                return fail(c, "--email: '" + *email + "' is not an email address.", 2);
            u.email = *email;
            auto password = readPassword("Password for " + *email + ": ", c.err);
            if (!password)
                return fail(c, "no password was given.", 2);
            if (password->size() < 10)
                return fail(c, "the password must have at least 10 characters.", 2);
            u.passwordHash = Secrets::hashPassword(*password);
        }
        auto store = openMigrated(args);
        if (!store)
            return fail(c, store.error().message.toStdString());
        auto created = (*store)->createUser(u);
        if (!created)
            return fail(c, created.error().message.toStdString());
        c.out += std::to_string(created->id) + "\n";
        return 0;
    }
    if (verb == "list") {
        auto store = openMigrated(args);
        if (!store)
            return fail(c, store.error().message.toStdString());
        UserId after = 0;
        c.out += "id\temail\tstrava athlete\tstate\n";
        for (;;) {
            auto page = (*store)->listUsers(after, 1000);
            if (!page)
                return fail(c, page.error().message.toStdString());
            for (const User& u : *page)
                c.out += describe(u) + "\n";
            if (page->size() < 1000)
                return 0;
            after = page->back().id;
        }
    }
    if (verb == "disable") {
        const auto n = id ? number(*id) : std::nullopt;
        if (!n)
            return fail(c, "user disable takes a user id.", 2);
        auto store = openMigrated(args);
        if (!store)
            return fail(c, store.error().message.toStdString());
        if (auto d = (*store)->disableUser(*n, now()); !d)
            return fail(c, d.error().message.toStdString());
        c.out += "User " + std::to_string(*n) + " is disabled; their sessions have ended.\n";
        return 0;
    }
    return fail(c, "user: create, list or disable (see tricoach-sync --help).", 2);
}

int session(std::vector<std::string> args, Context& c)
{
    const std::string verb = args.empty() ? std::string() : args.front();
    if (!args.empty())
        args.erase(args.begin());
    const auto userText = takeOption(args, "--user");
    const auto userId = userText ? number(*userText) : std::nullopt;
    if (!userId)
        return fail(c, "session " + verb + " takes --user ID.", 2);
    if (verb == "create") {
        const std::string name = takeOption(args, "--name").value_or("tricoach-sync session create");
        auto store = openMigrated(args);
        if (!store)
            return fail(c, store.error().message.toStdString());
        auto u = (*store)->findUser(*userId);
        if (!u || !*u)
            return fail(c, "there is no user " + std::to_string(*userId) + ".");
        if ((*u)->disabled())
            return fail(c, "user " + std::to_string(*userId) + " is disabled.");
        const std::string access = Secrets::newToken();
        const std::string refresh = Secrets::newToken();
        NewSession s;
        s.userId = *userId;
        s.clientName = name;
        s.now = now();
        s.accessHash = Secrets::hashOf(access);
        s.accessExpiresAt = s.now + std::chrono::hours(24 * 30);
        s.refreshHash = Secrets::hashOf(refresh);
        s.refreshExpiresAt = s.now + std::chrono::hours(24 * 90);
        auto created = (*store)->createSession(s);
        if (!created)
            return fail(c, created.error().message.toStdString());
        c.out += "Session " + std::to_string(created->id) + " for user " + std::to_string(*userId) +
                 ", valid for 30 days. Its refresh token: " + refresh + "\n" + access + "\n";
        return 0;
    }
    if (verb == "revoke") {
        const auto sessionText = takeOption(args, "--session");
        const bool all = takeFlag(args, "--all");
        if (all == sessionText.has_value())
            return fail(c, "session revoke takes --session ID or --all.", 2);
        auto store = openMigrated(args);
        if (!store)
            return fail(c, store.error().message.toStdString());
        if (all) {
            auto n = (*store)->revokeAllSessions(*userId, now());
            if (!n)
                return fail(c, n.error().message.toStdString());
            c.out += std::to_string(*n) + " session(s) revoked.\n";
            return 0;
        }
        const auto sid = number(*sessionText);
        if (!sid)
            return fail(c, "--session: '" + *sessionText + "' is not a session id.", 2);
        auto revoked = (*store)->revokeSession(*userId, *sid, now());
        if (!revoked)
            return fail(c, revoked.error().message.toStdString());
        if (!*revoked)
            return fail(c, "user " + std::to_string(*userId) + " has no live session " + *sessionText + ".");
        c.out += "Session " + *sessionText + " revoked.\n";
        return 0;
    }
    return fail(c, "session: create or revoke (see tricoach-sync --help).", 2);
}

} // namespace

int runSyncCli(const std::vector<std::string>& args, std::string& out, std::string& err)
{
    Context c{out, err};
    if (args.empty() || args.front() == "--help" || args.front() == "-h" || args.front() == "help") {
        out += kUsage;
        out += serverConfigHelp();
        return args.empty() ? 2 : 0;
    }
    if (args.front() == "--version") {
        out += "tricoach-sync " TRICOACH_VERSION "\n";
        return 0;
    }
    std::vector<std::string> rest(args.begin() + 1, args.end());
    const std::string& command = args.front();
    if (command == "serve")
        return serve(rest, c);
    if (command == "migrate")
        return migrate(rest, c);
    if (command == "user")
        return user(rest, c);
    if (command == "session")
        return session(rest, c);
    return fail(c, "unknown command '" + command + "' (see tricoach-sync --help).", 2);
}

} // namespace tricoach::sync

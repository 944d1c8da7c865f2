#include "sync-server/app/synccli.h"

namespace tricoach::sync {

namespace {

const char* const kUsage = R"(tricoach-sync: the TriCoach companion server (sign-in, Strava token broker, webhooks).

Usage: tricoach-sync COMMAND [OPTIONS]

Commands:
  serve       run the server
  migrate     bring the database's schema up to date
  user        create, list and disable users
  session     create and revoke sessions

Options:
  --help      this text
  --version   the version
)";

} // namespace

int runSyncCli(const std::vector<std::string>& args, std::string& out, std::string& err)
{
    if (args.empty() || args.front() == "--help" || args.front() == "-h") {
        out += kUsage;
        return args.empty() ? 2 : 0;
    }
    if (args.front() == "--version") {
        out += "tricoach-sync " TRICOACH_VERSION "\n";
        return 0;
    }
    err += "tricoach-sync: unknown command '" + args.front() + "' (see tricoach-sync --help)\n";
    return 2;
}

} // namespace tricoach::sync

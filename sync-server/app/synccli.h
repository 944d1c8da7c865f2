#pragma once

#include <string>
#include <vector>

namespace tricoach::sync {

// The tricoach-sync command line: `serve`, `migrate` and the operators' commands. Returns the process exit code
// (0 done, 1 failed, 2 misuse); writes what it has to say to out and err.
int runSyncCli(const std::vector<std::string>& args, std::string& out, std::string& err);

} // namespace tricoach::sync

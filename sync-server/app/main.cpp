// tricoach-sync: the composition root; everything else is in tricoach_sync_lib.
#include "sync-server/app/synccli.h"

#include <cstdio>

int main(int argc, char** argv)
{
    std::string out;
    std::string err;
    const int code = tricoach::sync::runSyncCli(std::vector<std::string>(argv + 1, argv + argc), out, err);
    std::fputs(out.c_str(), stdout);
    std::fputs(err.c_str(), stderr);
    return code;
}

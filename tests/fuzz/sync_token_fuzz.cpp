// libFuzzer target: the OAuth token endpoint's form (POST /oauth/token: the authorization_code grant with PKCE and
// the refresh_token grant) through the real front and handler, on an SQLite store. The first line is the
// Content-Type, the rest the body; @CODE@ and @REFRESH@ become live ones. Never a 5xx, always the JSON shape.
// Seeds: tests/data/fuzz-seeds/sync/token/ (the desktop's requests).
#include "tests/fuzz/sync/signinfront.h"

using namespace tricoach::sync::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static SignInFront front;
    const auto parts = split(bytes(data, size), 2);
    front.post("/oauth/token", parts[1], parts[0]);
    return 0;
}

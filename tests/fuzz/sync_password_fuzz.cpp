// libFuzzer target: the sign-in page's password form (POST /oauth/password) through the real front and handler, on
// an SQLite store with one account. The first line is the Content-Type, the rest the body; @PENDING@ becomes a live
// form id. Never a 5xx; the page that comes back never carries what was typed unescaped.
// Seeds: tests/data/fuzz-seeds/sync/password/ (what browsers post).
#include "tests/fuzz/sync/signinfront.h"

#include <cctype>

using namespace tricoach::sync;
using namespace tricoach::sync::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static SignInFront front;
    const auto parts = split(bytes(data, size), 2);
    const HttpResponse r = front.post("/oauth/password", parts[1], parts[0]);
    if (r.headers.get("Content-Type").value_or("").starts_with("text/html")) {
        // Whatever the email field held comes back escaped: no markup from the form reaches the page.
        if (const auto form = parseQuery(parts[1])) {
            std::string email = fieldValue(*form, "email");
            for (char& c : email) // the page shows it lower-cased
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            if (email.find_first_of("<>\"") != std::string::npos)
                TRICOACH_FUZZ_CHECK(r.body.find(email) == std::string::npos);
        }
    }
    return 0;
}

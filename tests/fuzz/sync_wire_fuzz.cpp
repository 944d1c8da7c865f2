// libFuzzer target: the wire types tricoach-sync and the desktop share (core/wire/events.*): from_json on any JSON
// either throws nlohmann's exception (the desktop's reader catches it) or gives a value that survives to_json and
// from_json unchanged. Seeds: tests/data/fuzz-seeds/sync/wire/ (events and pages as the server sends them).
#include "core/wire/events.h"
#include "tests/fuzz/sync/syncfuzz.h"

using namespace tricoach;
using namespace tricoach::sync::fuzz;

namespace {

template <typename T> void roundTrip(const nlohmann::json& j)
{
    T value;
    try {
        value = j.get<T>();
    } catch (const nlohmann::json::exception&) {
        return; // a wrong shape, refused as documented
    }
    const nlohmann::json written = value;
    // What the server writes is text on the wire: it must serialise, and read back equal.
    const std::string text = written.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    const auto reread = nlohmann::json::parse(text, nullptr, false);
    TRICOACH_FUZZ_CHECK(!reread.is_discarded());
    T back;
    try {
        back = reread.get<T>();
    } catch (const nlohmann::json::exception& e) {
        std::fprintf(stderr, "%s\n%s\n", e.what(), text.c_str());
        TRICOACH_FUZZ_CHECK(!"what to_json wrote, from_json refused");
    }
    if (text.find("\xEF\xBF\xBD") == std::string::npos) // invalid UTF-8 was replaced: not the same value then
        TRICOACH_FUZZ_CHECK(back == value);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto j = nlohmann::json::parse(bytes(data, size), nullptr, false);
    if (j.is_discarded())
        return 0;
    roundTrip<wire::SyncEvent>(j);
    roundTrip<wire::EventsPage>(j);
    return 0;
}

// libFuzzer target: the HTTP layer's own parsers (sync-server/http/message.*, clientaddress.*) on arbitrary bytes:
// percentDecode, percentEncode, parseQuery + fieldValue, header fields, trusted-proxy ranges and X-Forwarded-For.
// Never a crash; encoding then decoding gives back what was encoded; the client is the peer or one of the hops.
// Seeds: tests/data/fuzz-seeds/sync/message/; regressions: tests/data/fuzz-regressions/sync/message/ (replayed in
// make test by sync_message_fuzz_replay).
#include "core/util/utf8.h"
#include "sync-server/http/clientaddress.h"
#include "sync-server/http/message.h"
#include "tests/fuzz/sync/syncfuzz.h"

using namespace tricoach::sync;
using namespace tricoach::sync::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view input = bytes(data, size);
    // The whole input as a query string or form body, and as a path.
    const auto query = parseQuery(input);
    if (query) {
        for (const auto& [key, value] : *query) {
            TRICOACH_FUZZ_CHECK(tricoach::isUtf8Text(key) && tricoach::isUtf8Text(value));
            const std::string first = fieldValue(*query, key);
            (void)first;
        }
        // Re-encoded, it parses back to the same fields.
        std::string encoded;
        for (const auto& [key, value] : *query)
            encoded += (encoded.empty() ? "" : "&") + percentEncode(key) + "=" + percentEncode(value);
        const auto again = parseQuery(encoded);
        TRICOACH_FUZZ_CHECK(again.has_value());
        TRICOACH_FUZZ_CHECK(again->size() == query->size());
        for (size_t i = 0; i < query->size(); ++i)
            TRICOACH_FUZZ_CHECK((*again)[i] == (*query)[i]);
    }
    for (bool plus : {false, true}) {
        const auto decoded = percentDecode(input, plus);
        if (decoded)
            TRICOACH_FUZZ_CHECK(decoded->size() <= input.size());
    }
    const std::string encoded = percentEncode(input);
    TRICOACH_FUZZ_CHECK(percentDecode(encoded, false) == std::string(input));
    TRICOACH_FUZZ_CHECK(percentDecode(encoded, true) == std::string(input));

    // Lines as a peer, trusted ranges and X-Forwarded-For fields.
    const auto parts = split(input, 4);
    HttpHeaders headers;
    headers.add("X-Forwarded-For", parts[2]);
    headers.add("x-forwarded-for", parts[3]);
    const auto forwarded = headers.getAll("X-FORWARDED-FOR");
    TRICOACH_FUZZ_CHECK(forwarded.size() == 2 && headers.get("X-Forwarded-For") == parts[2]);
    headers.set("X-Forwarded-For", parts[3]);
    TRICOACH_FUZZ_CHECK(headers.getAll("x-forwarded-for").size() == 1);
    std::vector<AddressRange> trusted;
    if (auto ranges = parseAddressRanges({parts[1]}))
        trusted = std::move(*ranges);
    for (const AddressRange& r : trusted)
        (void)r.contains(parts[0]);
    const std::string client = clientAddress(parts[0], forwarded, trusted);
    // The peer (as written, or canonical), or an address: never something a hop wrote that is not one.
    TRICOACH_FUZZ_CHECK(client == parts[0] || canonicalAddress(client) == client);
    if (canonicalAddress(parts[0]) &&
        !std::any_of(trusted.begin(), trusted.end(), [&](const AddressRange& r) { return r.contains(parts[0]); }))
        TRICOACH_FUZZ_CHECK(client == canonicalAddress(parts[0]));
    return 0;
}

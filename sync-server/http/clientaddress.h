#pragma once

#include "core/util/result.h"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tricoach::sync {

// A block of IPv4 or IPv6 addresses ("10.0.0.0/8", "2001:db8::/32", or one address): a proxy we trust.
class AddressRange {
public:
    // Nullopt when `text` is not an address with an optional /prefix of a fitting length.
    static std::optional<AddressRange> parse(std::string_view text);
    bool contains(std::string_view address) const;

private:
    std::array<unsigned char, 16> m_bytes{};
    int m_family = 0; // 4 or 6
    int m_prefix = 0;
};

// "10.0.0.0/8,::1" (commas or spaces between) as ranges, or an error naming the one that is not.
Result<std::vector<AddressRange>> parseAddressRanges(const std::vector<std::string>& texts);

// An address in its canonical text form ("::ffff:10.1.2.3" as "10.1.2.3"); nullopt when it is not an address.
std::optional<std::string> canonicalAddress(std::string_view text);

// Who the client is: the socket's peer, unless the peer is a trusted proxy, in which case X-Forwarded-For (each
// field's comma-separated hops, in order) is read from the right and the first hop that is not itself a trusted proxy
// is the client. Hops further left were written by the client and prove nothing. A hop that is not an address stops
// the walk at the last good one.
std::string clientAddress(const std::string& peer, const std::vector<std::string>& forwardedFor,
                          const std::vector<AddressRange>& trusted);

} // namespace tricoach::sync

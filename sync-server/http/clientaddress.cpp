#include "sync-server/http/clientaddress.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cstring>

namespace tricoach::sync {

namespace {

struct Parsed {
    std::array<unsigned char, 16> bytes{};
    int family = 0;
};

std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

// IPv4-mapped IPv6 addresses (a dual-stack socket's view of an IPv4 peer) are read as the IPv4 address.
std::optional<Parsed> parseAddress(std::string_view text)
{
    text = trimmed(text);
    if (text.size() >= 2 && text.front() == '[' && text.back() == ']') // [v6] as some proxies write it
        text = text.substr(1, text.size() - 2);
    if (text.empty() || text.size() > 45)
        return std::nullopt;
    const std::string z(text);
    Parsed p;
    if (inet_pton(AF_INET, z.c_str(), p.bytes.data()) == 1) {
        p.family = 4;
        return p;
    }
    if (inet_pton(AF_INET6, z.c_str(), p.bytes.data()) != 1)
        return std::nullopt;
    static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::memcmp(p.bytes.data(), mapped, 12) == 0) {
        std::memmove(p.bytes.data(), p.bytes.data() + 12, 4);
        std::fill(p.bytes.begin() + 4, p.bytes.end(), 0);
        p.family = 4;
        return p;
    }
    p.family = 6;
    return p;
}

std::string textOf(const Parsed& p)
{
    char out[INET6_ADDRSTRLEN] = {};
    inet_ntop(p.family == 4 ? AF_INET : AF_INET6, p.bytes.data(), out, sizeof out);
    return out;
}

} // namespace

std::optional<AddressRange> AddressRange::parse(std::string_view text)
{
    text = trimmed(text);
    const size_t slash = text.find('/');
    const auto address = parseAddress(text.substr(0, slash));
    if (!address)
        return std::nullopt;
    AddressRange r;
    r.m_bytes = address->bytes;
    r.m_family = address->family;
    const int bits = r.m_family == 4 ? 32 : 128;
    r.m_prefix = bits;
    if (slash != std::string_view::npos) {
        const std::string_view digits = text.substr(slash + 1);
        if (digits.empty() || digits.size() > 3 ||
            !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return std::nullopt;
        r.m_prefix = std::stoi(std::string(digits));
        if (r.m_prefix > bits)
            return std::nullopt;
    }
    return r;
}

bool AddressRange::contains(std::string_view address) const
{
    const auto a = parseAddress(address);
    if (!a || a->family != m_family)
        return false;
    const int whole = m_prefix / 8;
    if (!std::equal(m_bytes.begin(), m_bytes.begin() + whole, a->bytes.begin()))
        return false;
    const int rest = m_prefix % 8;
    if (rest == 0)
        return true;
    const auto mask = static_cast<unsigned char>(0xff << (8 - rest));
    return (m_bytes[whole] & mask) == (a->bytes[whole] & mask);
}

Result<std::vector<AddressRange>> parseAddressRanges(const std::vector<std::string>& texts)
{
    std::vector<AddressRange> out;
    for (const std::string& text : texts) {
        std::string_view rest = text;
        while (!rest.empty()) {
            const size_t cut = rest.find_first_of(", ");
            const std::string_view one = rest.substr(0, cut);
            rest = cut == std::string_view::npos ? std::string_view() : rest.substr(cut + 1);
            if (one.empty())
                continue;
            auto range = AddressRange::parse(one);
            if (!range)
                return makeError(QStringLiteral("'%1' is not an IP address or a CIDR block (like 10.0.0.0/8 or ::1).")
                                     .arg(QString::fromUtf8(one.data(), static_cast<qsizetype>(one.size()))),
                                 QStringLiteral("config.invalid"));
            out.push_back(*range);
        }
    }
    return out;
}

std::optional<std::string> canonicalAddress(std::string_view text)
{
    const auto p = parseAddress(text);
    return p ? std::optional<std::string>(textOf(*p)) : std::nullopt;
}

std::string clientAddress(const std::string& peer, const std::vector<std::string>& forwardedFor,
                          const std::vector<AddressRange>& trusted)
{
    const auto isTrusted = [&](std::string_view a) {
        return std::any_of(trusted.begin(), trusted.end(), [&](const AddressRange& r) { return r.contains(a); });
    };
    std::string client = canonicalAddress(peer).value_or(peer);
    if (!isTrusted(client))
        return client;
    std::vector<std::string_view> hops;
    for (const std::string& field : forwardedFor) {
        std::string_view rest = field;
        for (;;) {
            const size_t comma = rest.find(',');
            hops.push_back(trimmed(rest.substr(0, comma)));
            if (comma == std::string_view::npos)
                break;
            rest.remove_prefix(comma + 1);
        }
    }
    for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
        const auto hop = canonicalAddress(*it);
        if (!hop)
            break;
        client = *hop;
        if (!isTrusted(client))
            break;
    }
    return client;
}

} // namespace tricoach::sync

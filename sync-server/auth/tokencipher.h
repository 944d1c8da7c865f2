#pragma once

#include "core/util/result.h"
#include "sync-server/store/serverstore.h"

#include <array>
#include <string>
#include <string_view>

namespace tricoach::sync {

// Strava tokens at rest: XSalsa20-Poly1305 (libsodium's secretbox) under the key from TRICOACH_SYNC_TOKEN_KEY, a
// fresh random nonce per value. A database copied without the key holds nothing usable; a value altered in the
// database fails to open instead of decrypting to garbage.
class TokenCipher {
public:
    // 32 bytes, base64 (standard or URL-safe alphabet, padding optional).
    static Result<TokenCipher> fromBase64Key(std::string_view key);
    Bytes seal(std::string_view plain) const;
    Result<std::string> open(const Bytes& sealed) const;

private:
    std::array<unsigned char, 32> m_key{};
};

} // namespace tricoach::sync

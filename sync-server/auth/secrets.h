#pragma once

#include "sync-server/store/serverstore.h"

#include <string>
#include <string_view>

namespace tricoach::sync {

// Random bearer secrets (session tokens, authorization codes) and the hashes the store keeps instead of them;
// passwords as Argon2id strings. libsodium underneath; every function is thread-safe.
class Secrets {
public:
    // 32 random bytes, base64url without padding (43 characters).
    static std::string newToken();
    // SHA-256 of the token: what the store keeps and looks up. Tokens are random, so no salt or stretching.
    static Bytes hashOf(std::string_view token);
    // Argon2id with libsodium's interactive limits (RFC 9106's second recommended option is heavier; this keeps a
    // sign-in under ~100 ms on a small server).
    static std::string hashPassword(std::string_view password);
    // Constant-time for the hash's parameters; false for a malformed hash too.
    static bool verifyPassword(std::string_view password, const std::string& hash);
    static bool equalInConstantTime(std::string_view a, std::string_view b);
};

} // namespace tricoach::sync

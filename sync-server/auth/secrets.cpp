#include "sync-server/auth/secrets.h"

#include <sodium.h>
#include <stdexcept>

namespace tricoach::sync {

namespace {

void ensureSodium()
{
    // sodium_init is idempotent and thread-safe; -1 means no usable random source, where no secret may be made.
    static const int ready = sodium_init();
    if (ready < 0)
        throw std::runtime_error("libsodium could not initialise (no random source)");
}

} // namespace

std::string Secrets::newToken()
{
    ensureSodium();
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    char text[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(text, sizeof text, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(bytes, sizeof bytes);
    return text;
}

Bytes Secrets::hashOf(std::string_view token)
{
    ensureSodium();
    Bytes out(crypto_hash_sha256_BYTES);
    crypto_hash_sha256(out.data(), reinterpret_cast<const unsigned char*>(token.data()), token.size());
    return out;
}

std::string Secrets::hashPassword(std::string_view password)
{
    ensureSodium();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw std::runtime_error("out of memory while hashing a password");
    return out;
}

bool Secrets::verifyPassword(std::string_view password, const std::string& hash)
{
    ensureSodium();
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool Secrets::equalInConstantTime(std::string_view a, std::string_view b)
{
    ensureSodium();
    if (a.size() != b.size())
        return false;
    return a.empty() || sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace tricoach::sync

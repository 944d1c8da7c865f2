#include "sync-server/auth/tokencipher.h"

#include <sodium.h>

namespace tricoach::sync {

Result<TokenCipher> TokenCipher::fromBase64Key(std::string_view key)
{
    if (sodium_init() < 0)
        return makeError(QStringLiteral("libsodium could not initialise."), QStringLiteral("config.invalid"));
    TokenCipher c;
    size_t length = 0;
    for (const int variant : {sodium_base64_VARIANT_ORIGINAL, sodium_base64_VARIANT_ORIGINAL_NO_PADDING,
                              sodium_base64_VARIANT_URLSAFE, sodium_base64_VARIANT_URLSAFE_NO_PADDING}) {
        if (sodium_base642bin(c.m_key.data(), c.m_key.size(), key.data(), key.size(), " \n\r\t", &length, nullptr,
                              variant) == 0 &&
            length == c.m_key.size())
            return c;
    }
    return makeError(QStringLiteral("TRICOACH_SYNC_TOKEN_KEY must be 32 bytes in base64 (e.g. `openssl rand -base64 "
                                    "32`)."),
                     QStringLiteral("config.invalid"));
}

Bytes TokenCipher::seal(std::string_view plain) const
{
    Bytes out(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size());
    randombytes_buf(out.data(), crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(out.data() + crypto_secretbox_NONCEBYTES,
                          reinterpret_cast<const unsigned char*>(plain.data()), plain.size(), out.data(), m_key.data());
    return out;
}

Result<std::string> TokenCipher::open(const Bytes& sealed) const
{
    if (sealed.size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
        return makeError(QStringLiteral("A stored Strava token is too short to be one."),
                         QStringLiteral("auth.token-unreadable"));
    std::string plain(sealed.size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                   sealed.data() + crypto_secretbox_NONCEBYTES,
                                   sealed.size() - crypto_secretbox_NONCEBYTES, sealed.data(), m_key.data()) != 0)
        return makeError(QStringLiteral("A stored Strava token does not open with this server's key (was "
                                        "TRICOACH_SYNC_TOKEN_KEY changed?)."),
                         QStringLiteral("auth.token-unreadable"));
    return plain;
}

} // namespace tricoach::sync

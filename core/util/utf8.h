#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace tricoach {

// Length of the UTF-8 sequence starting at s[i], or 0 when it is not valid (RFC 3629: overlong forms, surrogates and
// anything past U+10FFFF are not).
inline std::size_t utf8SequenceLength(std::string_view s, std::size_t i)
{
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80)
        return 1;
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
        len = 2;
        cp = c & 0x1Fu;
    } else if ((c & 0xF0) == 0xE0) {
        len = 3;
        cp = c & 0x0Fu;
    } else if ((c & 0xF8) == 0xF0) {
        len = 4;
        cp = c & 0x07u;
    } else {
        return 0;
    }
    if (i + len > s.size())
        return 0;
    for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (b & 0x3Fu);
    }
    static constexpr std::uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

// Text as both databases keep it: valid UTF-8 without NUL (PostgreSQL's text refuses both).
inline bool isUtf8Text(std::string_view s)
{
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t len = s[i] == '\0' ? 0 : utf8SequenceLength(s, i);
        if (len == 0)
            return false;
        i += len;
    }
    return true;
}

} // namespace tricoach

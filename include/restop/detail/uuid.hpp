#pragma once
// A random UUID version 4 (RFC 9562 section 5.4) for @idempotencyToken members the caller left
// unset. Only the standard library.

#include <cstdint>
#include <random>
#include <string>

namespace restop::detail {

// std::random_device per token: no generator state to share between threads, and tokens are
// made once per create-style call, where a few hundred nanoseconds do not matter.
inline std::string make_uuid_v4() {
    std::random_device source;
    unsigned char bytes[16];
    for (int i = 0; i < 16; i += 4) {
        const std::uint32_t word = source();
        for (int k = 0; k < 4; ++k) bytes[i + k] = static_cast<unsigned char>(word >> (8 * k));
    }
    bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x40);  // version 4
    bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80);  // variant 10
    constexpr char hex[] = "0123456789abcdef";
    std::string text;
    text.reserve(36);
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) text += '-';
        text += hex[bytes[i] >> 4];
        text += hex[bytes[i] & 0xF];
    }
    return text;
}

}  // namespace restop::detail

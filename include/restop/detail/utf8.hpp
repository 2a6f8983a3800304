#pragma once
// The one UTF-8 decoder of restop (RFC 3629 §4), and what is built on it: validation and scalar
// counting (Smithy's @length counts Unicode scalar values, and a byte sequence that is not UTF-8
// is not a Smithy string at all), and the pattern matcher's reading of its input. Only the
// standard library.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include "restop/detail/word_scan.hpp"

namespace restop::detail {

/// One code point read from UTF-8 text.
struct decoded_code_point {
    std::uint32_t code_point = 0xFFFD;  ///< U+FFFD when !valid
    std::size_t length = 1;             ///< bytes read; 1 for an invalid sequence, so a scan always advances
    bool valid = false;
};

/// Decodes the sequence that starts at `text[at]` (`at < text.size()`), rejecting overlong forms,
/// surrogates (U+D800..DFFF), values above U+10FFFF and truncated sequences: exactly the
/// well-formed table of RFC 3629 §4.
///
///     decode_utf8("\xC3\xA9", 0)  // {0xE9, 2, true}
constexpr decoded_code_point decode_utf8(std::string_view text, std::size_t at) noexcept {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(at);
    if (lead < 0x80) return {lead, 1, true};
    std::size_t width = 0;
    // The second byte's range is narrower after E0 (no overlong), ED (no surrogates), F0 (no
    // overlong) and F4 (nothing above U+10FFFF).
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        width = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        width = 3;
        low = lead == 0xE0 ? 0xA0 : 0x80;
        high = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        width = 4;
        low = lead == 0xF0 ? 0x90 : 0x80;
        high = lead == 0xF4 ? 0x8F : 0xBF;
    }
    if (width == 0 || width > text.size() - at) return {};
    std::uint32_t code_point = lead & (0x7Fu >> width);
    for (std::size_t i = 1; i < width; ++i) {
        const unsigned char next = byte(at + i);
        if (next < (i == 1 ? low : 0x80) || next > (i == 1 ? high : 0xBF)) return {};
        code_point = code_point << 6 | (next & 0x3Fu);
    }
    return {code_point, width, true};
}

struct utf8_scan {
    bool valid = true;
    std::size_t scalars = 0;          ///< scalar values counted (up to the first invalid byte)
    std::size_t invalid_offset = 0;   ///< byte offset of the first invalid sequence, when !valid
};

/// Counts scalar values and finds the first sequence decode_utf8 refuses.
constexpr utf8_scan scan_utf8(std::string_view text) noexcept {
    utf8_scan scan;
    // Scalars are the bytes less the continuation bytes, so the ASCII bytes (nearly all of an id
    // or a name, and this runs on every request) cost one compare each and nothing else.
    std::size_t continuations = 0;
    std::size_t i = 0;
    for (;;) {
        // Eight ASCII bytes at a time where memcpy may run (not in a constant expression), to the
        // first word with a byte of 0x80 or more.
        if (!std::is_constant_evaluated())
            i = skip_words_without(text, i, [](std::uint64_t word) { return (word & high_bits) != 0; });
        while (i < text.size() && static_cast<unsigned char>(text[i]) < 0x80) ++i;
        if (i == text.size()) break;
        const decoded_code_point d = decode_utf8(text, i);
        if (!d.valid) {
            scan.valid = false;
            scan.invalid_offset = i;
            scan.scalars = i - continuations;
            return scan;
        }
        continuations += d.length - 1;
        i += d.length;
    }
    scan.scalars = text.size() - continuations;
    return scan;
}

}  // namespace restop::detail

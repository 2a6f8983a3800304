#pragma once
// UTF-8 validation and scalar counting (RFC 3629 §4): Smithy's @length counts Unicode scalar
// values, and a byte sequence that is not UTF-8 is not a Smithy string at all.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <type_traits>

namespace restop::detail {

struct utf8_scan {
    bool valid = true;
    std::size_t scalars = 0;          ///< scalar values counted (up to the first invalid byte)
    std::size_t invalid_offset = 0;   ///< byte offset of the first invalid sequence, when !valid
};

/// Counts scalar values, rejecting overlong forms, surrogates (U+D800..DFFF), values above
/// U+10FFFF and truncated sequences, exactly the well-formed table of RFC 3629 §4.
constexpr utf8_scan scan_utf8(std::string_view text) noexcept {
    utf8_scan scan;
    std::size_t i = 0;
    const std::size_t n = text.size();
    auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]); };
    auto continuation = [&](std::size_t at, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
        return at < n && byte(at) >= lo && byte(at) <= hi;
    };
    while (i < n) {
        // ASCII, eight bytes at a time: ids, tokens and names are nearly always ASCII, and a
        // byte-at-a-time walk over them was a third of an encode. (Not in constant evaluation,
        // where the compiler checks literals and memcpy-style loads are not allowed.)
        if (!std::is_constant_evaluated()) {
            while (i + 8 <= n) {
                std::uint64_t word;
                std::memcpy(&word, text.data() + i, sizeof word);
                if (word & 0x8080808080808080u) break;
                i += 8;
                scan.scalars += 8;
            }
            if (i >= n) break;
        }
        const unsigned char lead = byte(i);
        std::size_t width = 0;
        if (lead < 0x80) {
            width = 1;
        } else if (lead >= 0xC2 && lead <= 0xDF) {
            width = continuation(i + 1) ? 2 : 0;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            // E0 needs A0.. (no overlong), ED needs ..9F (no surrogates).
            const unsigned char lo = lead == 0xE0 ? 0xA0 : 0x80;
            const unsigned char hi = lead == 0xED ? 0x9F : 0xBF;
            width = continuation(i + 1, lo, hi) && continuation(i + 2) ? 3 : 0;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            // F0 needs 90.. (no overlong), F4 needs ..8F (nothing above U+10FFFF).
            const unsigned char lo = lead == 0xF0 ? 0x90 : 0x80;
            const unsigned char hi = lead == 0xF4 ? 0x8F : 0xBF;
            width = continuation(i + 1, lo, hi) && continuation(i + 2) && continuation(i + 3) ? 4 : 0;
        }
        if (width == 0) {
            scan.valid = false;
            scan.invalid_offset = i;
            return scan;
        }
        i += width;
        ++scan.scalars;
    }
    return scan;
}

}  // namespace restop::detail

#pragma once
// Scans of short texts eight bytes at a time (ids, tokens, names: every request has some). Only
// the standard library.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace restop::detail {

inline constexpr std::uint64_t every_byte = 0x0101010101010101u;
inline constexpr std::uint64_t high_bits = 0x8080808080808080u;

/// The high bit of each byte of `word` below `bound` (at most 0x80) is set in the result, and
/// possibly of bytes above one that is: exact for whether there is any. A byte below `bound`
/// borrows into its own clear high bit when `bound` is subtracted.
constexpr std::uint64_t bytes_below(std::uint64_t word, unsigned char bound) noexcept {
    return (word - bound * every_byte) & ~word & high_bits;
}

/// The same for bytes equal to `c`: XORed with it they become zero, and zero borrows.
constexpr std::uint64_t bytes_equal(std::uint64_t word, unsigned char c) noexcept {
    return bytes_below(word ^ (c * every_byte), 1);
}

/// True when `byte_test` holds for a byte of `text`. Eight bytes at a time through `word_test`,
/// which must be true exactly when it holds for a byte of the word; the last bytes are one more
/// word that overlaps the one before, rather than a byte loop (a 36-byte id ends in 4).
template <class WordTest, class ByteTest>
bool any_byte(std::string_view text, WordTest word_test, ByteTest byte_test) noexcept {
    if (text.size() < sizeof(std::uint64_t)) {
        for (const char c : text)
            if (byte_test(static_cast<unsigned char>(c))) return true;
        return false;
    }
    const auto word_at = [&](std::size_t at) {
        std::uint64_t word;
        std::memcpy(&word, text.data() + at, sizeof word);
        return word_test(word);
    };
    for (std::size_t i = 0; i + sizeof(std::uint64_t) <= text.size(); i += sizeof(std::uint64_t))
        if (word_at(i)) return true;
    return word_at(text.size() - sizeof(std::uint64_t));
}

}  // namespace restop::detail

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

/// The eight bytes of `text` from `at`, which must have that many.
inline std::uint64_t word_at(std::string_view text, std::size_t at) noexcept {
    std::uint64_t word;
    std::memcpy(&word, text.data() + at, sizeof word);
    return word;
}

/// Skips, from `from`, the words of eight bytes for which `word_test` is false, and returns where
/// the bytes it could not skip begin: every byte before the result is in a word `word_test`
/// refused; text.size() when that is all of them. After the last whole word, the last eight bytes
/// are tested as one word that overlaps the one before, rather than left to a byte loop (a
/// 36-byte id ends in 4). A text shorter than a word is not read: the result is `from`.
template <class WordTest>
std::size_t skip_words_without(std::string_view text, std::size_t from, WordTest word_test) noexcept {
    constexpr std::size_t width = sizeof(std::uint64_t);
    if (text.size() < width) return from;
    std::size_t at = from;
    for (; at + width <= text.size(); at += width)
        if (word_test(word_at(text, at))) return at;
    if (at == text.size() || !word_test(word_at(text, text.size() - width))) return text.size();
    return at;
}

/// True when `byte_test` holds for a byte of `text`, given a `word_test` that is true exactly
/// when it holds for a byte of the word. Eight bytes at a time, ending on one word that overlaps
/// the one before. When the size is a multiple of eight that last word is the one just tested:
/// testing it again costs less than the branch that would skip it (5 instructions more per
/// DeleteAccessToken encode with g++, 8 with clang, counted by tools/instruction_counts.sh).
template <class WordTest, class ByteTest>
bool any_byte(std::string_view text, WordTest word_test, ByteTest byte_test) noexcept {
    constexpr std::size_t width = sizeof(std::uint64_t);
    if (text.size() < width) {
        for (const char c : text)
            if (byte_test(static_cast<unsigned char>(c))) return true;
        return false;
    }
    for (std::size_t at = 0; at + width <= text.size(); at += width)
        if (word_test(word_at(text, at))) return true;
    return word_test(word_at(text, text.size() - width));
}

}  // namespace restop::detail

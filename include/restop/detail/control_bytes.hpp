#pragma once
// The one test for control bytes (C0 and DEL) that restop applies to everything bound for a
// header or a log line, and the escaping of those bytes on their way to a log. Only the standard
// library.

#include <cstdint>
#include <cstring>
#include <ostream>
#include <string_view>

namespace restop::detail {

constexpr bool is_control_byte(char c) noexcept {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7F;
}

// Offset of the first control byte, or -1. Header values may not carry any (no CR/LF injection,
// no NUL truncation); HTAB is legal in HTTP but has no business in these values either.
constexpr std::int64_t first_control_byte(std::string_view text) noexcept {
    for (std::size_t i = 0; i < text.size(); ++i)
        if (is_control_byte(text[i])) return static_cast<std::int64_t>(i);
    return -1;
}

// True when `text` holds a control byte, tested eight bytes at a time: the bearer token is
// scanned on every request, and a byte loop over it cost as much as the rest of the encoding.
// A byte below 0x20 borrows into its own clear high bit when 0x20 is subtracted; 0x7F becomes
// zero when XORed with 0x7F, and zero borrows the same way.
inline bool has_control_byte(std::string_view text) noexcept {
    const auto word_has_one = [&](std::size_t at) {
        constexpr std::uint64_t ones = 0x0101010101010101u;
        constexpr std::uint64_t high_bits = 0x8080808080808080u;
        std::uint64_t word;
        std::memcpy(&word, text.data() + at, sizeof word);
        const std::uint64_t del = word ^ (0x7F * ones);
        return ((((word - 0x20 * ones) & ~word) | ((del - ones) & ~del)) & high_bits) != 0;
    };
    if (text.size() < 8) {
        for (const char c : text)
            if (is_control_byte(c)) return true;
        return false;
    }
    for (std::size_t i = 0; i + 8 <= text.size(); i += 8)
        if (word_has_one(i)) return true;
    // The last bytes as one more word that overlaps the one before, rather than a byte loop.
    return word_has_one(text.size() - 8);
}

// Writes `text` with each control byte as \xNN: text from the wire goes to logs, and a hostile
// response must not be able to forge log lines or move the terminal's cursor.
inline std::ostream& write_escaped(std::ostream& out, std::string_view text) {
    constexpr char hex[] = "0123456789ABCDEF";
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (is_control_byte(c))
            out << '\\' << 'x' << hex[byte >> 4] << hex[byte & 0xF];
        else
            out << c;
    }
    return out;
}

}  // namespace restop::detail

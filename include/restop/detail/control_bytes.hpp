#pragma once
// The one test for control bytes (C0 and DEL) that restop applies to everything bound for a
// header or a log line, and the escaping of those bytes on their way to a log. Only the standard
// library.

#include <cstdint>
#include <ostream>
#include <string_view>

#include "restop/detail/word_scan.hpp"

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
inline bool has_control_byte(std::string_view text) noexcept {
    return any_byte(
        text, [](std::uint64_t word) { return (bytes_below(word, 0x20) | bytes_equal(word, 0x7F)) != 0; },
        [](unsigned char byte) { return is_control_byte(static_cast<char>(byte)); });
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

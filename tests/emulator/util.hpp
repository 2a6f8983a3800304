// Small helpers for the CodeCatalyst emulator: time, randomness, encodings.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace emu {

using Clock = std::chrono::system_clock;
using TimePoint = std::chrono::time_point<Clock, std::chrono::milliseconds>;

// Current time, millisecond precision.
TimePoint now_ms();

// RFC 3339 date-time ("2027-01-01T00:00:00Z", "...T10:00:00.5+02:00").
// Fractions beyond milliseconds are truncated. nullopt when malformed.
std::optional<TimePoint> parse_rfc3339(std::string_view text);

// RFC 3339 in UTC with a trailing "Z"; milliseconds only when non-zero.
std::string format_rfc3339(TimePoint tp);

// The same instant one calendar year later, truncated to whole seconds
// (29 February maps to 28 February).
TimePoint one_year_after(TimePoint tp);

// Randomness (thread-safe, non-deterministic seeds).
std::string make_uuid();                        // lower-case, 36 chars, version 4
std::string random_alnum(std::size_t length);   // [A-Za-z0-9]
std::string random_base64(std::size_t bytes);   // RFC 4648 with padding
std::string random_hex(std::size_t length);     // [0-9a-f], e.g. a commit id

// Strict percent-decoding: every '%' must be followed by two hex digits.
// '+' is left alone. nullopt on a malformed escape.
std::optional<std::string> percent_decode(std::string_view text);

// Number of Unicode scalar values in strictly valid UTF-8, nullopt when the
// text is not valid UTF-8 (overlongs, surrogates, > U+10FFFF are invalid).
std::optional<std::size_t> utf8_code_points(std::string_view text);

// Replaces every invalid UTF-8 sequence with U+FFFD.
std::string sanitize_utf8(std::string_view text);

std::string to_lower(std::string_view text);
bool iequals(std::string_view a, std::string_view b);

} // namespace emu

#pragma once
// Smithy timestamps in the `date-time` format (RFC 3339 section 5.6), the format every
// CodeCatalyst timestamp uses on the wire. Only the standard library.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace restop {

/// A point in time, UTC, to the nanosecond.
using timestamp = std::chrono::sys_time<std::chrono::nanoseconds>;

namespace detail {
constexpr bool parse_digits(std::string_view text, std::size_t at, std::size_t count, int& out) noexcept {
    if (at + count > text.size()) return false;
    int value = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        if (text[i] < '0' || text[i] > '9') return false;
        value = value * 10 + (text[i] - '0');
    }
    out = value;
    return true;
}

inline void append_padded(std::string& out, long long value, int width) {
    std::string digits = std::to_string(value);
    if (static_cast<int>(digits.size()) < width) out.append(static_cast<std::size_t>(width) - digits.size(), '0');
    out += digits;
}
}  // namespace detail

/// Parses an RFC 3339 date-time: `2026-01-31T12:00:00Z`, with optional fractional seconds (up
/// to nanoseconds; further digits are ignored) and a `Z` or `±HH:MM` offset. `T`/`Z` in either
/// case. A leap second (:60) is refused, as it cannot be represented.
inline std::optional<timestamp> parse_rfc3339(std::string_view text) noexcept {
    using namespace std::chrono;
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!detail::parse_digits(text, 0, 4, year) || text.size() < 20 || text[4] != '-' ||
        !detail::parse_digits(text, 5, 2, month) || text[7] != '-' || !detail::parse_digits(text, 8, 2, day) ||
        (text[10] != 'T' && text[10] != 't') || !detail::parse_digits(text, 11, 2, hour) || text[13] != ':' ||
        !detail::parse_digits(text, 14, 2, minute) || text[16] != ':' || !detail::parse_digits(text, 17, 2, second))
        return std::nullopt;
    const year_month_day date{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                              std::chrono::day(static_cast<unsigned>(day))};
    if (!date.ok() || hour > 23 || minute > 59 || second > 59) return std::nullopt;

    std::size_t at = 19;
    std::int64_t fraction_ns = 0;
    if (at < text.size() && text[at] == '.') {
        ++at;
        const std::size_t digits_begin = at;
        std::int64_t scale = 100'000'000;
        while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
            fraction_ns += (text[at] - '0') * scale;
            scale /= 10;
            ++at;
        }
        if (at == digits_begin) return std::nullopt;
    }
    minutes offset{0};
    if (at < text.size() && (text[at] == 'Z' || text[at] == 'z')) {
        ++at;
    } else if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
        int offset_hours = 0, offset_minutes = 0;
        if (!detail::parse_digits(text, at + 1, 2, offset_hours) || at + 3 >= text.size() || text[at + 3] != ':' ||
            !detail::parse_digits(text, at + 4, 2, offset_minutes) || offset_hours > 23 || offset_minutes > 59)
            return std::nullopt;
        offset = hours(offset_hours) + minutes(offset_minutes);
        if (text[at] == '-') offset = -offset;
        at += 6;
    } else {
        return std::nullopt;
    }
    if (at != text.size()) return std::nullopt;
    const timestamp local = sys_days(date) + hours(hour) + minutes(minute) + seconds(second) + nanoseconds(fraction_ns);
    return local - offset;  // 12:00+02:00 is 10:00Z
}

/// Formats as RFC 3339 in UTC: `2026-01-31T12:00:00Z`, with fractional seconds only when they
/// are not zero, and then without trailing zeros (`12:00:00.5Z`).
inline std::string format_rfc3339(timestamp when) {
    using namespace std::chrono;
    const sys_days day_point = floor<days>(when);
    const year_month_day date{day_point};
    const hh_mm_ss<nanoseconds> time{when - day_point};
    std::string out;
    out.reserve(30);
    detail::append_padded(out, static_cast<int>(date.year()), 4);
    out += '-';
    detail::append_padded(out, static_cast<unsigned>(date.month()), 2);
    out += '-';
    detail::append_padded(out, static_cast<unsigned>(date.day()), 2);
    out += 'T';
    detail::append_padded(out, time.hours().count(), 2);
    out += ':';
    detail::append_padded(out, time.minutes().count(), 2);
    out += ':';
    detail::append_padded(out, time.seconds().count(), 2);
    if (const auto fraction = time.subseconds().count(); fraction != 0) {
        std::string digits;
        detail::append_padded(digits, fraction, 9);
        digits.erase(digits.find_last_not_of('0') + 1);
        out += '.';
        out += digits;
    }
    out += 'Z';
    return out;
}

}  // namespace restop

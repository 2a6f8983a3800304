#pragma once
// Smithy timestamps and their three wire formats (smithy.api#timestampFormat): `date-time`
// (RFC 3339 section 5.6), `epoch-seconds` (seconds since 1970, fractions to the millisecond) and
// `http-date` (RFC 9110 section 5.6.7 IMF-fixdate). Only the standard library.

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace restop {

/// A point in time, UTC, to the nanosecond.
using timestamp = std::chrono::sys_time<std::chrono::nanoseconds>;

/// The three spellings Smithy defines for a timestamp on the wire.
enum class timestamp_format {
    date_time,      ///< `1985-04-12T23:20:50.52Z`
    epoch_seconds,  ///< `482196050.52`
    http_date,      ///< `Fri, 12 Apr 1985 23:20:50 GMT`
};

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

namespace detail {
inline constexpr std::string_view day_names[7] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};  // 1970-01-01 was a Thursday
inline constexpr std::string_view month_names[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
// The widest epoch restop accepts: years 0001..9999, the range the other two formats can spell.
inline constexpr std::int64_t min_epoch_seconds = -62135596800;  // 0001-01-01T00:00:00Z
inline constexpr std::int64_t max_epoch_seconds = 253402300799;  // 9999-12-31T23:59:59Z

// Milliseconds as `.5`, `.25`, `.125`: Smithy keeps fractions of an epoch to the millisecond.
inline void append_millis(std::string& out, std::int64_t millis) {
    if (millis == 0) return;
    char digits[4] = {'.', static_cast<char>('0' + millis / 100), static_cast<char>('0' + millis / 10 % 10),
                      static_cast<char>('0' + millis % 10)};
    std::size_t size = 4;
    while (digits[size - 1] == '0') --size;
    out.append(digits, size);
}
}  // namespace detail

/// Formats as Smithy `epoch-seconds`: whole seconds, then up to three fraction digits
/// (`1576540098`, `1576540098.5`); the sub-millisecond part is dropped.
inline std::string format_epoch_seconds(timestamp when) {
    using namespace std::chrono;
    // Before 1970 the sign covers the fraction too: -1.5 is one and a half seconds before.
    std::int64_t millis = floor<milliseconds>(when).time_since_epoch().count();
    std::string out;
    if (millis < 0) {
        out += '-';
        millis = -millis;
    }
    char digits[24];
    out.append(digits, std::to_chars(digits, digits + sizeof digits, millis / 1000).ptr);
    detail::append_millis(out, millis % 1000);
    return out;
}

/// A timestamp from an epoch-seconds number, rounded to the millisecond; nullopt when not finite
/// or outside years 0001..9999.
inline std::optional<timestamp> from_epoch_seconds(double seconds) noexcept {
    if (!std::isfinite(seconds) || seconds < static_cast<double>(detail::min_epoch_seconds) ||
        seconds >= static_cast<double>(detail::max_epoch_seconds + 1))
        return std::nullopt;
    const auto millis = static_cast<std::int64_t>(std::llround(seconds * 1000.0));
    return timestamp(std::chrono::milliseconds(millis));
}

/// Parses epoch-seconds text: an optional '-', digits, an optional fraction (`1576540098.5`).
inline std::optional<timestamp> parse_epoch_seconds(std::string_view text) noexcept {
    double value = 0;
    if (text.empty() || text.front() == '+') return std::nullopt;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::fixed);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return from_epoch_seconds(value);
}

/// Formats as an IMF-fixdate (RFC 9110 section 5.6.7): `Mon, 16 Dec 2019 23:48:18 GMT`, with the
/// milliseconds after the seconds when there are any (`23:48:18.5 GMT`), as the AWS SDKs write them.
inline std::string format_http_date(timestamp when) {
    using namespace std::chrono;
    const sys_days day_point = floor<days>(when);
    const year_month_day date{day_point};
    const hh_mm_ss<milliseconds> time{floor<milliseconds>(when - day_point)};
    const auto weekday_index = ((day_point.time_since_epoch().count() % 7) + 7) % 7;
    std::string out;
    out.reserve(32);
    out += detail::day_names[weekday_index];
    out += ", ";
    detail::append_padded(out, static_cast<unsigned>(date.day()), 2);
    out += ' ';
    out += detail::month_names[static_cast<unsigned>(date.month()) - 1];
    out += ' ';
    detail::append_padded(out, static_cast<int>(date.year()), 4);
    out += ' ';
    detail::append_padded(out, time.hours().count(), 2);
    out += ':';
    detail::append_padded(out, time.minutes().count(), 2);
    out += ':';
    detail::append_padded(out, time.seconds().count(), 2);
    detail::append_millis(out, time.subseconds().count());
    out += " GMT";
    return out;
}

/// Parses an IMF-fixdate (`Mon, 16 Dec 2019 23:48:18 GMT`, fraction of a second allowed). The
/// obsolete RFC 850 and asctime forms are refused: no AWS service sends them.
inline std::optional<timestamp> parse_http_date(std::string_view text) noexcept {
    using namespace std::chrono;
    // "Www, DD Mmm YYYY HH:MM:SS[.fff] GMT"
    if (text.size() < 29 || text[3] != ',' || text[4] != ' ' || text[7] != ' ' || text[11] != ' ' || text[16] != ' ' ||
        text[19] != ':' || text[22] != ':')
        return std::nullopt;
    int day = 0, year = 0, hour = 0, minute = 0, second = 0;
    if (!detail::parse_digits(text, 5, 2, day) || !detail::parse_digits(text, 12, 4, year) ||
        !detail::parse_digits(text, 17, 2, hour) || !detail::parse_digits(text, 20, 2, minute) ||
        !detail::parse_digits(text, 23, 2, second))
        return std::nullopt;
    unsigned month = 0;
    for (unsigned m = 0; m < 12; ++m)
        if (text.substr(8, 3) == detail::month_names[m]) month = m + 1;
    std::size_t at = 25;
    std::int64_t fraction_ns = 0;
    if (at < text.size() && text[at] == '.') {
        const std::size_t digits_begin = ++at;
        std::int64_t scale = 100'000'000;
        while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
            fraction_ns += (text[at] - '0') * scale;
            scale /= 10;
            ++at;
        }
        if (at == digits_begin) return std::nullopt;
    }
    if (text.substr(at) != " GMT") return std::nullopt;
    const year_month_day date{std::chrono::year(year), std::chrono::month(month), std::chrono::day(static_cast<unsigned>(day))};
    if (month == 0 || !date.ok() || hour > 23 || minute > 59 || second > 59) return std::nullopt;
    const sys_days day_point{date};
    const auto weekday_index = ((day_point.time_since_epoch().count() % 7) + 7) % 7;
    if (text.substr(0, 3) != detail::day_names[weekday_index]) return std::nullopt;  // a date that names the wrong day is garbage
    return day_point + hours(hour) + minutes(minute) + seconds(second) + nanoseconds(fraction_ns);
}

/// Formats in `format`.
inline std::string format_timestamp(timestamp when, timestamp_format format) {
    switch (format) {
        case timestamp_format::epoch_seconds: return format_epoch_seconds(when);
        case timestamp_format::http_date: return format_http_date(when);
        case timestamp_format::date_time: break;
    }
    return format_rfc3339(when);
}

/// Parses text in `format`.
inline std::optional<timestamp> parse_timestamp(std::string_view text, timestamp_format format) noexcept {
    switch (format) {
        case timestamp_format::epoch_seconds: return parse_epoch_seconds(text);
        case timestamp_format::http_date: return parse_http_date(text);
        case timestamp_format::date_time: break;
    }
    return parse_rfc3339(text);
}

}  // namespace restop

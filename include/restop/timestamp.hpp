#pragma once
// Smithy timestamps and their three wire formats (smithy.api#timestampFormat): `date-time`
// (RFC 3339 section 5.6), `epoch-seconds` (seconds since 1970, fractions to the millisecond) and
// `http-date` (RFC 9110 section 5.6.7 IMF-fixdate). Only the standard library.

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace restop {

/// A point in time, UTC, to the nanosecond. Nanoseconds in 64 bits span 1677-09-21 to 2262-04-11;
/// wire text outside that span is refused by the parsers below, never wrapped round. The type stays
/// nanoseconds because that is what `std::chrono::system_clock::now()` gives on libstdc++: with a
/// coarser one, `now() + 24h` would need a cast in every caller.
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

// An optional fraction of a second at `at` (".5", ".123456789"): digits past nanoseconds are
// ignored; a '.' without digits is malformed.
constexpr bool parse_fraction(std::string_view text, std::size_t& at, std::int64_t& fraction_ns) noexcept {
    if (at >= text.size() || text[at] != '.') return true;
    const std::size_t digits_begin = ++at;
    std::int64_t scale = 100'000'000;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
        fraction_ns += (text[at] - '0') * scale;
        scale /= 10;
        ++at;
    }
    return at != digits_begin;
}

// The formatters append to any string with append(count, char) and append(first, last):
// std::string, and boost::json::string, so that a timestamp in a JSON body is written straight
// into the body's DOM with no string of its own.
template <class Out>
void append_text(Out& out, std::string_view text) {
    out.append(text.begin(), text.end());
}

template <class Out>
void append_padded(Out& out, long long value, int width) {
    char digits[24];
    const std::size_t size = static_cast<std::size_t>(std::to_chars(digits, digits + sizeof digits, value).ptr - digits);
    if (size < static_cast<std::size_t>(width)) out.append(static_cast<std::size_t>(width) - size, '0');
    append_text(out, std::string_view(digits, size));
}

// An instant as the parsers read it and the formatters write it: whole seconds since 1970 (any
// year 0000..9999 fits with room to spare) and the nanoseconds after them. All calendar arithmetic
// happens here, in seconds; to_timestamp is the one place that checks the span of `timestamp`, so
// no parser or formatter multiplies out of range (chrono's floor<days> followed by a subtraction
// converts the day back to nanoseconds, which overflows within a day of either end).
struct civil_instant {
    std::int64_t seconds = 0;
    std::int64_t fraction_ns = 0;  // 0..999'999'999
};

constexpr std::int64_t civil_seconds(std::chrono::year_month_day date, int hour, int minute, int second) noexcept {
    return static_cast<std::int64_t>(std::chrono::sys_days(date).time_since_epoch().count()) * 86'400 +
           std::int64_t{hour} * 3'600 + std::int64_t{minute} * 60 + second;
}

constexpr std::optional<timestamp> to_timestamp(civil_instant instant) noexcept {
    constexpr std::int64_t most = std::numeric_limits<std::int64_t>::max();
    constexpr std::int64_t least = std::numeric_limits<std::int64_t>::min();
    constexpr std::int64_t widest_seconds = most / 1'000'000'000;
    // Before 1970 count from the next second back, so that the very first nanoseconds of the
    // span (-9223372037 s + 0.145224192) can be reached without passing through -9223372037 s.
    std::int64_t seconds = instant.seconds, fraction = instant.fraction_ns;
    if (seconds < 0 && fraction > 0) {
        ++seconds;
        fraction -= 1'000'000'000;
    }
    if (seconds < -widest_seconds || seconds > widest_seconds) return std::nullopt;
    const std::int64_t whole = seconds * 1'000'000'000;
    // A positive fraction follows a second >= 0 and a negative one a second <= 0, so neither
    // subtraction below can itself overflow.
    if ((fraction > 0 && fraction > most - whole) || (fraction < 0 && fraction < least - whole)) return std::nullopt;
    return timestamp(std::chrono::nanoseconds(whole + fraction));
}

constexpr civil_instant to_civil(timestamp when) noexcept {
    const std::int64_t count = when.time_since_epoch().count();
    civil_instant out{count / 1'000'000'000, count % 1'000'000'000};
    if (out.fraction_ns < 0) {  // floored, so that before 1970 the fraction still counts forward
        out.fraction_ns += 1'000'000'000;
        --out.seconds;
    }
    return out;
}

// The day of an instant and the seconds into it, the day floored like the fraction above.
struct civil_day {
    std::chrono::sys_days day;
    std::int64_t second_of_day = 0;
};

constexpr civil_day split_day(std::int64_t seconds) noexcept {
    std::int64_t day = seconds / 86'400;
    std::int64_t rest = seconds % 86'400;
    if (rest < 0) {
        rest += 86'400;
        --day;
    }
    return {std::chrono::sys_days(std::chrono::days(day)), rest};
}

template <class Out>
void append_clock(Out& out, std::int64_t second_of_day) {
    append_padded(out, second_of_day / 3'600, 2);
    out.append(1, ':');
    append_padded(out, second_of_day / 60 % 60, 2);
    out.append(1, ':');
    append_padded(out, second_of_day % 60, 2);
}

// RFC 3339 date-time to an instant, the offset applied; nullopt when malformed.
constexpr std::optional<civil_instant> read_rfc3339(std::string_view text) noexcept {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!parse_digits(text, 0, 4, year) || text.size() < 20 || text[4] != '-' || !parse_digits(text, 5, 2, month) ||
        text[7] != '-' || !parse_digits(text, 8, 2, day) || (text[10] != 'T' && text[10] != 't') ||
        !parse_digits(text, 11, 2, hour) || text[13] != ':' || !parse_digits(text, 14, 2, minute) || text[16] != ':' ||
        !parse_digits(text, 17, 2, second))
        return std::nullopt;
    const std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                                           std::chrono::day(static_cast<unsigned>(day))};
    if (!date.ok() || hour > 23 || minute > 59 || second > 59) return std::nullopt;

    std::size_t at = 19;
    civil_instant instant;
    if (!parse_fraction(text, at, instant.fraction_ns)) return std::nullopt;
    std::int64_t offset_seconds = 0;
    if (at < text.size() && (text[at] == 'Z' || text[at] == 'z')) {
        ++at;
    } else if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
        int offset_hours = 0, offset_minutes = 0;
        if (!parse_digits(text, at + 1, 2, offset_hours) || at + 3 >= text.size() || text[at + 3] != ':' ||
            !parse_digits(text, at + 4, 2, offset_minutes) || offset_hours > 23 || offset_minutes > 59)
            return std::nullopt;
        offset_seconds = offset_hours * 3'600 + offset_minutes * 60;
        if (text[at] == '-') offset_seconds = -offset_seconds;
        at += 6;
    } else {
        return std::nullopt;
    }
    if (at != text.size()) return std::nullopt;
    instant.seconds = civil_seconds(date, hour, minute, second) - offset_seconds;  // 12:00+02:00 is 10:00Z
    return instant;
}

inline constexpr std::string_view day_names[7] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};  // 1970-01-01 was a Thursday
inline constexpr std::string_view month_names[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

constexpr std::string_view day_name(std::chrono::sys_days day) noexcept {
    return day_names[((day.time_since_epoch().count() % 7) + 7) % 7];
}

// IMF-fixdate to an instant; nullopt when malformed.
constexpr std::optional<civil_instant> read_http_date(std::string_view text) noexcept {
    // "Www, DD Mmm YYYY HH:MM:SS[.fff] GMT"
    if (text.size() < 29 || text[3] != ',' || text[4] != ' ' || text[7] != ' ' || text[11] != ' ' || text[16] != ' ' ||
        text[19] != ':' || text[22] != ':')
        return std::nullopt;
    int day = 0, year = 0, hour = 0, minute = 0, second = 0;
    if (!parse_digits(text, 5, 2, day) || !parse_digits(text, 12, 4, year) || !parse_digits(text, 17, 2, hour) ||
        !parse_digits(text, 20, 2, minute) || !parse_digits(text, 23, 2, second))
        return std::nullopt;
    unsigned month = 0;
    for (unsigned m = 0; m < 12; ++m)
        if (text.substr(8, 3) == month_names[m]) month = m + 1;
    std::size_t at = 25;
    civil_instant instant;
    if (!parse_fraction(text, at, instant.fraction_ns)) return std::nullopt;
    if (text.substr(at) != " GMT") return std::nullopt;
    const std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(month),
                                           std::chrono::day(static_cast<unsigned>(day))};
    if (month == 0 || !date.ok() || hour > 23 || minute > 59 || second > 59) return std::nullopt;
    if (text.substr(0, 3) != day_name(std::chrono::sys_days(date))) return std::nullopt;  // a date that names the wrong day is garbage
    instant.seconds = civil_seconds(date, hour, minute, second);
    return instant;
}

// Milliseconds as `.5`, `.25`, `.125`: Smithy keeps fractions of an epoch to the millisecond.
template <class Out>
void append_millis(Out& out, std::int64_t millis) {
    if (millis == 0) return;
    char digits[4] = {'.', static_cast<char>('0' + millis / 100), static_cast<char>('0' + millis / 10 % 10),
                      static_cast<char>('0' + millis % 10)};
    std::size_t size = 4;
    while (digits[size - 1] == '0') --size;
    append_text(out, std::string_view(digits, size));
}

/// Why a timestamp could not be read: the decoders name the two cases differently.
enum class timestamp_reading { read, malformed, out_of_range };

// The span of `timestamp` in whole milliseconds, the precision of epoch-seconds.
inline constexpr std::int64_t widest_millis = std::numeric_limits<std::int64_t>::max() / 1'000'000;

// An epoch-seconds number, rounded to the millisecond. The span is checked on the rounded
// milliseconds, in floating point, before anything is converted; NaN fails both comparisons and
// so is out of range too.
inline timestamp_reading read_epoch_seconds(double seconds, timestamp& out) noexcept {
    const double millis = std::round(seconds * 1000.0);
    if (!(millis >= -static_cast<double>(widest_millis) && millis <= static_cast<double>(widest_millis)))
        return timestamp_reading::out_of_range;
    out = timestamp(std::chrono::milliseconds(static_cast<std::int64_t>(millis)));
    return timestamp_reading::read;
}

// Epoch-seconds text: an optional '-', digits, an optional '.' and fraction digits
// (`1576540098.5`). Only those characters: from_chars alone would also take "nan" and "inf".
inline timestamp_reading read_epoch_seconds(std::string_view text, timestamp& out) noexcept {
    const std::size_t first_digit = !text.empty() && text.front() == '-' ? 1 : 0;
    const std::size_t point = text.find('.');
    const std::size_t integer_digits = (point == std::string_view::npos ? text.size() : point) - first_digit;
    if (integer_digits == 0 || (point != std::string_view::npos && point + 1 == text.size())) return timestamp_reading::malformed;
    for (std::size_t i = first_digit; i < text.size(); ++i)
        if ((text[i] < '0' || text[i] > '9') && i != point) return timestamp_reading::malformed;
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::fixed);
    if (end != text.data() + text.size()) return timestamp_reading::malformed;
    // Out of range is either a number too large for a double (hundreds of digits, far outside
    // the span) or a fraction too small for one (a zero with hundreds of digits after the point).
    if (ec == std::errc::result_out_of_range) {
        if (integer_digits > 19) return timestamp_reading::out_of_range;
        value = 0;
    } else if (ec != std::errc()) {
        return timestamp_reading::malformed;
    }
    return read_epoch_seconds(value, out);
}

// Milliseconds since 1970 for the epoch-seconds and http-date writers: floored, except in the
// first 0.78 ms of the span, where flooring would write an instant before it that the readers
// then refuse.
inline std::int64_t epoch_millis(timestamp when) noexcept {
    const std::int64_t floored = std::chrono::floor<std::chrono::milliseconds>(when).time_since_epoch().count();
    return floored < -widest_millis ? -widest_millis : floored;
}

inline timestamp_reading read_timestamp(std::string_view text, timestamp_format format, timestamp& out) noexcept {
    if (format == timestamp_format::epoch_seconds) return read_epoch_seconds(text, out);
    const auto instant = format == timestamp_format::http_date ? read_http_date(text) : read_rfc3339(text);
    if (!instant) return timestamp_reading::malformed;
    const auto when = to_timestamp(*instant);
    if (!when) return timestamp_reading::out_of_range;
    out = *when;
    return timestamp_reading::read;
}

// The writers behind the format_ functions, appending to `out` (see append_text).
template <class Out>
void append_rfc3339(Out& out, timestamp when) {
    const civil_instant instant = to_civil(when);
    const civil_day parts = split_day(instant.seconds);
    const std::chrono::year_month_day date{parts.day};
    append_padded(out, static_cast<int>(date.year()), 4);
    out.append(1, '-');
    append_padded(out, static_cast<unsigned>(date.month()), 2);
    out.append(1, '-');
    append_padded(out, static_cast<unsigned>(date.day()), 2);
    out.append(1, 'T');
    append_clock(out, parts.second_of_day);
    if (instant.fraction_ns != 0) {
        char digits[10] = {'.'};
        std::int64_t fraction = instant.fraction_ns;
        for (int i = 9; i >= 1; --i, fraction /= 10) digits[i] = static_cast<char>('0' + fraction % 10);
        std::size_t size = 10;
        while (digits[size - 1] == '0') --size;  // not zero, so a digit other than '0' stops it
        append_text(out, std::string_view(digits, size));
    }
    out.append(1, 'Z');
}

template <class Out>
void append_epoch_seconds(Out& out, timestamp when) {
    // Before 1970 the sign covers the fraction too: -1.5 is one and a half seconds before.
    std::int64_t millis = epoch_millis(when);
    if (millis < 0) {
        out.append(1, '-');
        millis = -millis;
    }
    char digits[24];
    append_text(out, std::string_view(digits, static_cast<std::size_t>(
                                                  std::to_chars(digits, digits + sizeof digits, millis / 1000).ptr - digits)));
    append_millis(out, millis % 1000);
}

template <class Out>
void append_http_date(Out& out, timestamp when) {
    const civil_instant instant = to_civil(timestamp(std::chrono::milliseconds(epoch_millis(when))));
    const civil_day parts = split_day(instant.seconds);
    const std::chrono::year_month_day date{parts.day};
    append_text(out, day_name(parts.day));
    append_text(out, ", ");
    append_padded(out, static_cast<unsigned>(date.day()), 2);
    out.append(1, ' ');
    append_text(out, month_names[static_cast<unsigned>(date.month()) - 1]);
    out.append(1, ' ');
    append_padded(out, static_cast<int>(date.year()), 4);
    out.append(1, ' ');
    append_clock(out, parts.second_of_day);
    append_millis(out, instant.fraction_ns / 1'000'000);
    append_text(out, " GMT");
}

// Stack room for one formatted timestamp, which the writers fill piece by piece: each append to a
// std::string or a boost::json::string is a call of its own (a dozen per date-time), so the
// pieces go here and the text goes to its destination in one append. The longest text is 33
// bytes ("Fri, 11 Apr 2262 23:47:16.854 GMT", near where the span of `timestamp` ends).
struct timestamp_text {
    char data[48];
    std::size_t size = 0;

    void append(std::size_t count, char c) noexcept {
        for (; count > 0 && size < sizeof data; --count) data[size++] = c;
    }
    template <class Iterator>
    void append(Iterator first, Iterator last) noexcept {
        for (; first != last && size < sizeof data; ++first) data[size++] = *first;
    }
    std::string_view view() const noexcept { return {data, size}; }
};

template <class Out>
void append_timestamp(Out& out, timestamp when, timestamp_format format) {
    timestamp_text text;
    switch (format) {
        case timestamp_format::epoch_seconds: append_epoch_seconds(text, when); break;
        case timestamp_format::http_date: append_http_date(text, when); break;
        case timestamp_format::date_time: append_rfc3339(text, when); break;
    }
    append_text(out, text.view());
}
}  // namespace detail

/// Formats in `format`, as the function for that format below does. The text is built on the
/// stack and the string allocated once, at its size.
inline std::string format_timestamp(timestamp when, timestamp_format format) {
    std::string out;
    detail::append_timestamp(out, when, format);
    return out;
}

/// Parses an RFC 3339 date-time: `2026-01-31T12:00:00Z`, with optional fractional seconds (up
/// to nanoseconds; further digits are ignored) and a `Z` or `±HH:MM` offset. `T`/`Z` in either
/// case. A leap second (:60) is refused, as it cannot be represented; so is an instant outside
/// the span of `timestamp`.
inline std::optional<timestamp> parse_rfc3339(std::string_view text) noexcept {
    const auto instant = detail::read_rfc3339(text);
    return instant ? detail::to_timestamp(*instant) : std::nullopt;
}

/// Formats as RFC 3339 in UTC: `2026-01-31T12:00:00Z`, with fractional seconds only when they
/// are not zero, and then without trailing zeros (`12:00:00.5Z`).
inline std::string format_rfc3339(timestamp when) { return format_timestamp(when, timestamp_format::date_time); }

/// Formats as Smithy `epoch-seconds`: whole seconds, then up to three fraction digits
/// (`1576540098`, `1576540098.5`); the sub-millisecond part is dropped.
inline std::string format_epoch_seconds(timestamp when) { return format_timestamp(when, timestamp_format::epoch_seconds); }

/// A timestamp from an epoch-seconds number, rounded to the millisecond; nullopt when not finite
/// or outside the span of `timestamp`.
inline std::optional<timestamp> from_epoch_seconds(double seconds) noexcept {
    timestamp out;
    if (detail::read_epoch_seconds(seconds, out) != detail::timestamp_reading::read) return std::nullopt;
    return out;
}

/// Parses epoch-seconds text: an optional '-', digits, an optional fraction (`1576540098.5`).
inline std::optional<timestamp> parse_epoch_seconds(std::string_view text) noexcept {
    timestamp out;
    if (detail::read_epoch_seconds(text, out) != detail::timestamp_reading::read) return std::nullopt;
    return out;
}

/// Formats as an IMF-fixdate (RFC 9110 section 5.6.7): `Mon, 16 Dec 2019 23:48:18 GMT`, with the
/// milliseconds after the seconds when there are any (`23:48:18.5 GMT`), as the AWS SDKs write them.
inline std::string format_http_date(timestamp when) { return format_timestamp(when, timestamp_format::http_date); }

/// Parses an IMF-fixdate (`Mon, 16 Dec 2019 23:48:18 GMT`, fraction of a second allowed). The
/// obsolete RFC 850 and asctime forms are refused: no AWS service sends them.
inline std::optional<timestamp> parse_http_date(std::string_view text) noexcept {
    const auto instant = detail::read_http_date(text);
    return instant ? detail::to_timestamp(*instant) : std::nullopt;
}

/// Parses text in `format`; nullopt when malformed or outside the span of `timestamp`.
inline std::optional<timestamp> parse_timestamp(std::string_view text, timestamp_format format) noexcept {
    timestamp out;
    if (detail::read_timestamp(text, format, out) != detail::timestamp_reading::read) return std::nullopt;
    return out;
}

}  // namespace restop

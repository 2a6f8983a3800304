#include "util.hpp"

#include <array>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <random>

namespace emu {

namespace chr = std::chrono;

TimePoint now_ms()
{
    return chr::time_point_cast<chr::milliseconds>(Clock::now());
}

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `n` decimal digits at text[pos..]; advances pos.
std::optional<int> digits(std::string_view text, std::size_t& pos, std::size_t n)
{
    if (text.size() < pos + n)
        return std::nullopt;
    int value = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const char c = text[pos + i];
        if (!is_digit(c))
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    pos += n;
    return value;
}

bool expect(std::string_view text, std::size_t& pos, char c)
{
    if (pos >= text.size() || text[pos] != c)
        return false;
    ++pos;
    return true;
}

} // namespace

std::optional<TimePoint> parse_rfc3339(std::string_view text)
{
    std::size_t pos = 0;
    const auto year = digits(text, pos, 4);
    if (!year || !expect(text, pos, '-'))
        return std::nullopt;
    const auto month = digits(text, pos, 2);
    if (!month || !expect(text, pos, '-'))
        return std::nullopt;
    const auto day = digits(text, pos, 2);
    if (!day || pos >= text.size() || (text[pos] != 'T' && text[pos] != 't'))
        return std::nullopt;
    ++pos;
    const auto hour = digits(text, pos, 2);
    if (!hour || !expect(text, pos, ':'))
        return std::nullopt;
    const auto minute = digits(text, pos, 2);
    if (!minute || !expect(text, pos, ':'))
        return std::nullopt;
    const auto second = digits(text, pos, 2);
    if (!second)
        return std::nullopt;

    int millis = 0;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        std::size_t count = 0;
        while (pos < text.size() && is_digit(text[pos])) {
            if (count < 3)
                millis = millis * 10 + (text[pos] - '0');
            ++count;
            ++pos;
        }
        if (count == 0)
            return std::nullopt;
        for (std::size_t i = count; i < 3; ++i)
            millis *= 10;
    }

    int offset_minutes = 0;
    if (pos >= text.size())
        return std::nullopt;
    if (text[pos] == 'Z' || text[pos] == 'z') {
        ++pos;
    } else if (text[pos] == '+' || text[pos] == '-') {
        const int sign = text[pos] == '-' ? -1 : 1;
        ++pos;
        const auto oh = digits(text, pos, 2);
        if (!oh || !expect(text, pos, ':'))
            return std::nullopt;
        const auto om = digits(text, pos, 2);
        if (!om || *oh > 23 || *om > 59)
            return std::nullopt;
        offset_minutes = sign * (*oh * 60 + *om);
    } else {
        return std::nullopt;
    }
    if (pos != text.size())
        return std::nullopt;

    const chr::year_month_day ymd{chr::year{*year}, chr::month{static_cast<unsigned>(*month)},
                                  chr::day{static_cast<unsigned>(*day)}};
    if (!ymd.ok() || *hour > 23 || *minute > 59 || *second > 60)
        return std::nullopt;

    return TimePoint{chr::sys_days{ymd}} + chr::hours{*hour} + chr::minutes{*minute} +
           chr::seconds{*second} + chr::milliseconds{millis} - chr::minutes{offset_minutes};
}

std::string format_rfc3339(TimePoint tp)
{
    const auto day = chr::floor<chr::days>(tp);
    const chr::year_month_day ymd{day};
    const chr::hh_mm_ss hms{tp - day};
    char out[40];
    const auto ms = hms.subseconds().count();
    if (ms != 0)
        std::snprintf(out, sizeof out, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(ymd.year()),
                      static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                      static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                      static_cast<int>(hms.seconds().count()), static_cast<int>(ms));
    else
        std::snprintf(out, sizeof out, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                      static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                      static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                      static_cast<int>(hms.seconds().count()));
    return out;
}

TimePoint one_year_after(TimePoint tp)
{
    const auto day = chr::floor<chr::days>(tp);
    const auto time_of_day = chr::floor<chr::seconds>(tp - day);
    chr::year_month_day ymd{day};
    ymd += chr::years{1};
    if (!ymd.ok())
        ymd = chr::year_month_day{chr::year_month_day_last{ymd.year(), chr::month_day_last{ymd.month()}}};
    return TimePoint{chr::sys_days{ymd}} + time_of_day;
}

namespace {

std::mt19937_64& rng()
{
    thread_local std::mt19937_64 engine{[] {
        std::random_device rd;
        std::seed_seq seq{rd(), rd(), rd(), rd(), rd(), rd(), rd(), rd()};
        return std::mt19937_64{seq};
    }()};
    return engine;
}

} // namespace

std::string make_uuid()
{
    std::array<std::uint8_t, 16> b{};
    for (auto& x : b)
        x = static_cast<std::uint8_t>(rng()() & 0xFF);
    b[6] = static_cast<std::uint8_t>((b[6] & 0x0F) | 0x40);
    b[8] = static_cast<std::uint8_t>((b[8] & 0x3F) | 0x80);
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    for (std::size_t i = 0; i < b.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out.push_back('-');
        out.push_back(hex[b[i] >> 4]);
        out.push_back(hex[b[i] & 0x0F]);
    }
    return out;
}

std::string random_alnum(std::size_t length)
{
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    std::uniform_int_distribution<std::size_t> pick{0, sizeof alphabet - 2};
    std::string out(length, '\0');
    for (auto& c : out)
        c = alphabet[pick(rng())];
    return out;
}

std::string random_hex(std::size_t length)
{
    static constexpr char alphabet[] = "0123456789abcdef";
    std::string out(length, '\0');
    for (auto& c : out)
        c = alphabet[rng()() & 0x0F];
    return out;
}

std::string random_base64(std::size_t bytes)
{
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string raw(bytes, '\0');
    for (auto& c : raw)
        c = static_cast<char>(rng()() & 0xFF);
    std::string out;
    std::size_t i = 0;
    for (; i + 3 <= raw.size(); i += 3) {
        const std::uint32_t n = (std::uint32_t{static_cast<std::uint8_t>(raw[i])} << 16) |
                                (std::uint32_t{static_cast<std::uint8_t>(raw[i + 1])} << 8) |
                                std::uint32_t{static_cast<std::uint8_t>(raw[i + 2])};
        out += alphabet[(n >> 18) & 63];
        out += alphabet[(n >> 12) & 63];
        out += alphabet[(n >> 6) & 63];
        out += alphabet[n & 63];
    }
    if (raw.size() - i == 1) {
        const std::uint32_t n = std::uint32_t{static_cast<std::uint8_t>(raw[i])} << 16;
        out += alphabet[(n >> 18) & 63];
        out += alphabet[(n >> 12) & 63];
        out += "==";
    } else if (raw.size() - i == 2) {
        const std::uint32_t n = (std::uint32_t{static_cast<std::uint8_t>(raw[i])} << 16) |
                                (std::uint32_t{static_cast<std::uint8_t>(raw[i + 1])} << 8);
        out += alphabet[(n >> 18) & 63];
        out += alphabet[(n >> 12) & 63];
        out += alphabet[(n >> 6) & 63];
        out += '=';
    }
    return out;
}

namespace {

int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Length of the valid UTF-8 sequence starting at s[i], 0 when invalid. Deliberately not
// restop's detail/utf8.hpp: the emulator checks @length and @pattern on its own, from the model,
// so that a mistake in restop's decoder cannot also hide in the service it is tested against.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i)
{
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char b0 = byte(i);
    if (b0 < 0x80)
        return 1;
    std::size_t len = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        len = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        len = 3;
        if (b0 == 0xE0)
            lo = 0xA0;
        else if (b0 == 0xED)
            hi = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        len = 4;
        if (b0 == 0xF0)
            lo = 0x90;
        else if (b0 == 0xF4)
            hi = 0x8F;
    } else {
        return 0;
    }
    if (i + len > s.size())
        return 0;
    if (byte(i + 1) < lo || byte(i + 1) > hi)
        return 0;
    for (std::size_t k = 2; k < len; ++k)
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF)
            return 0;
    return len;
}

} // namespace

std::optional<std::string> percent_decode(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out.push_back(text[i]);
            continue;
        }
        if (i + 2 >= text.size())
            return std::nullopt;
        const int hi = hex_value(text[i + 1]);
        const int lo = hex_value(text[i + 2]);
        if (hi < 0 || lo < 0)
            return std::nullopt;
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
    }
    return out;
}

std::optional<std::size_t> utf8_code_points(std::string_view text)
{
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t len = utf8_sequence_length(text, i);
        if (len == 0)
            return std::nullopt;
        i += len;
        ++count;
    }
    return count;
}

std::string sanitize_utf8(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t len = utf8_sequence_length(text, i);
        if (len == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else {
            out.append(text.substr(i, len));
            i += len;
        }
    }
    return out;
}

std::string to_lower(std::string_view text)
{
    std::string out{text};
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool iequals(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && to_lower(a) == to_lower(b);
}

} // namespace emu

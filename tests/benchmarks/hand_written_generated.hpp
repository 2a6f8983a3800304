#pragma once
// The hand-written reference for three of the operations restop_gen generated from the
// CodeCatalyst model (issue 12), written as hand_written.hpp is for DeleteAccessToken: what a
// careful engineer writes for each operation alone, producing what restop produces.
//   CreateAccessToken  a JSON body in (name, expiresTime) and a JSON output back;
//   ListAccessTokens   a page of token summaries (the paginated output);
//   GetProject         two labels, each with @length and a @pattern.
// As there, each encoder is its checks followed by `..._unchecked`, the no-checks reference.

#include <charconv>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parser.hpp>
#include <boost/json/value.hpp>

#include <restop/request.hpp>
#include <restop/response.hpp>

#include "hand_written.hpp"

namespace hand {

using time_point = std::chrono::sys_time<std::chrono::nanoseconds>;

// ---- JSON and RFC 3339 text -------------------------------------------------------------------

inline void append_json_string(std::string& out, std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    std::size_t run = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte >= 0x20 && byte != '"' && byte != '\\') continue;
        out.append(text.data() + run, i - run);
        switch (byte) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            default: {
                const char escaped[6] = {'\\', 'u', '0', '0', hex[byte >> 4], hex[byte & 0xF]};
                out.append(escaped, 6);
            }
        }
        run = i + 1;
    }
    out.append(text.data() + run, text.size() - run);
    out += '"';
}

inline void append_digits(std::string& out, unsigned value, int width) {
    char digits[10];
    for (int i = width - 1; i >= 0; --i, value /= 10) digits[i] = static_cast<char>('0' + value % 10);
    out.append(digits, static_cast<std::size_t>(width));
}

// `2026-12-31T00:00:00Z`, the fraction's digits after a '.' when there is one (years 1..9999).
inline void append_rfc3339(std::string& out, time_point when) {
    using namespace std::chrono;
    const sys_days day = floor<days>(when);
    const year_month_day date{day};
    const hh_mm_ss<nanoseconds> clock{when - day};
    append_digits(out, static_cast<unsigned>(static_cast<int>(date.year())), 4);
    out += '-';
    append_digits(out, static_cast<unsigned>(date.month()), 2);
    out += '-';
    append_digits(out, static_cast<unsigned>(date.day()), 2);
    out += 'T';
    append_digits(out, static_cast<unsigned>(clock.hours().count()), 2);
    out += ':';
    append_digits(out, static_cast<unsigned>(clock.minutes().count()), 2);
    out += ':';
    append_digits(out, static_cast<unsigned>(clock.seconds().count()), 2);
    if (auto fraction = static_cast<unsigned>(clock.subseconds().count()); fraction != 0) {
        int width = 9;
        while (fraction % 10 == 0) fraction /= 10, --width;
        out += '.';
        append_digits(out, fraction, width);
    }
    out += 'Z';
}

inline bool read_digits(std::string_view text, std::size_t at, std::size_t count, int& value) {
    if (at + count > text.size()) return false;
    const auto [end, error] = std::from_chars(text.data() + at, text.data() + at + count, value);
    return error == std::errc() && end == text.data() + at + count;
}

// Reads `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, what CodeCatalyst sends.
inline std::optional<time_point> read_rfc3339(std::string_view text) {
    using namespace std::chrono;
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    if (text.size() < 20 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != 't') || text[13] != ':' ||
        text[16] != ':' || !read_digits(text, 0, 4, y) || !read_digits(text, 5, 2, mo) || !read_digits(text, 8, 2, d) ||
        !read_digits(text, 11, 2, h) || !read_digits(text, 14, 2, mi) || !read_digits(text, 17, 2, s))
        return std::nullopt;
    const year_month_day date{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    if (!date.ok() || h > 23 || mi > 59 || s > 60) return std::nullopt;
    std::size_t at = 19;
    std::int64_t fraction_ns = 0;
    if (text[at] == '.') {
        std::int64_t scale = 100'000'000;
        const std::size_t first = ++at;
        for (; at < text.size() && text[at] >= '0' && text[at] <= '9'; ++at, scale /= 10) fraction_ns += (text[at] - '0') * scale;
        if (at == first || at - first > 9) return std::nullopt;
    }
    minutes offset{0};
    if (at + 1 == text.size() && (text[at] == 'Z' || text[at] == 'z')) {
    } else if (int oh = 0, om = 0; at + 6 == text.size() && (text[at] == '+' || text[at] == '-') && text[at + 3] == ':' &&
                                   read_digits(text, at + 1, 2, oh) && read_digits(text, at + 4, 2, om)) {
        offset = minutes{(text[at] == '-' ? -1 : 1) * (oh * 60 + om)};
    } else {
        return std::nullopt;
    }
    return time_point(sys_days(date)) + hours{h} + minutes{mi} + seconds{s} + nanoseconds{fraction_ns} - offset;
}

// ---- CreateAccessToken ----------------------------------------------------------------------

inline void encode_create_access_token_unchecked(restop::request& req, std::string_view name,
                                                 std::optional<time_point> expires_time, std::string_view token) {
    req.method = restop::http_method::put;
    req.target.assign("/v1/accessTokens");
    if (req.headers.size() != 2) req.headers.resize(2);
    req.headers[0].name.assign("Authorization");
    req.headers[0].value.assign("Bearer ");
    req.headers[0].value.append(token);
    req.headers[1].name.assign("Content-Type");
    req.headers[1].value.assign("application/json");
    std::string& body = req.body;
    body.clear();
    body.reserve(48 + name.size() + 40);
    body.append(R"({"name":)");
    append_json_string(body, name);
    if (expires_time) {
        body.append(R"(,"expiresTime":")");
        append_rfc3339(body, *expires_time);
        body += '"';
    }
    body += '}';
}

inline encode_status encode_create_access_token(restop::request& req, std::string_view name,
                                                std::optional<time_point> expires_time, std::string_view token) {
    // @length 1..100 in scalar values.
    const std::size_t scalars = scalar_count(name);
    if (scalars < 1 || scalars > 100) return encode_status::bad_id;
    if (!usable_token(token)) return encode_status::bad_token;
    encode_create_access_token_unchecked(req, name, expires_time, token);
    return encode_status::ok;
}

struct created_token {
    int status = 0;
    std::string secret;
    std::string name;
    time_point expires_time{};
    std::string access_token_id;
    char request_id[64];
    std::size_t request_id_size = 0;
};

inline void copy_request_id(const restop::response& received, char (&into)[64], std::size_t& size) {
    size = 0;
    for (const restop::header& field : received.headers)
        if (iequals(field.name, "x-amzn-requestid")) {
            size = std::min(field.value.size(), sizeof into);
            std::memcpy(into, field.value.data(), size);
            return;
        }
}

// A 2xx JSON output body parsed with Boost.JSON over stack buffers, as the error bodies are.
// `read` gets the top-level object and says whether the required members were there.
template <class Read>
bool read_output_object(std::string_view body, Read read) {
    unsigned char dom_buffer[4096];
    unsigned char parse_stack[1024];
    boost::json::monotonic_resource dom_memory(dom_buffer, sizeof dom_buffer);
    boost::json::parser parser(boost::json::storage_ptr(), boost::json::parse_options(), parse_stack, sizeof parse_stack);
    parser.reset(&dom_memory);
    boost::system::error_code ec;
    parser.write(body.data(), body.size(), ec);
    if (ec) return false;
    const boost::json::value document = parser.release();
    const boost::json::object* object = document.if_object();
    return object != nullptr && read(*object);
}

inline const boost::json::string* string_at(const boost::json::object& object, std::string_view key) noexcept {
    const boost::json::value* v = object.if_contains(key);
    return v ? v->if_string() : nullptr;
}

// Decodes a 201 into `out`; false when the body lacks a required member or is not JSON (an error
// response goes through decode_delete_access_token's path, the same for every operation).
inline bool decode_create_access_token_into(created_token& out, const restop::response& received) {
    out.status = received.status;
    copy_request_id(received, out.request_id, out.request_id_size);
    return read_output_object(received.body, [&](const boost::json::object& object) {
        const boost::json::string* secret = string_at(object, "secret");
        const boost::json::string* name = string_at(object, "name");
        const boost::json::string* expires = string_at(object, "expiresTime");
        const boost::json::string* id = string_at(object, "accessTokenId");
        if (!secret || !name || !expires || !id) return false;
        const std::optional<time_point> when = read_rfc3339(*expires);
        if (!when) return false;
        out.secret.assign(secret->data(), secret->size());
        out.name.assign(name->data(), name->size());
        out.expires_time = *when;
        out.access_token_id.assign(id->data(), id->size());
        return true;
    });
}

// ---- ListAccessTokens ------------------------------------------------------------------------

struct token_summary {
    std::string id;
    std::string name;
    std::optional<time_point> expires_time;
};

struct token_page {
    int status = 0;
    std::vector<token_summary> items;
    std::optional<std::string> next_token;
    char request_id[64];
    std::size_t request_id_size = 0;
};

inline bool decode_list_access_tokens_into(token_page& out, const restop::response& received) {
    out.status = received.status;
    copy_request_id(received, out.request_id, out.request_id_size);
    out.items.clear();
    out.next_token.reset();
    return read_output_object(received.body, [&](const boost::json::object& object) {
        const boost::json::value* items = object.if_contains("items");
        const boost::json::array* list = items ? items->if_array() : nullptr;
        if (!list) return false;
        out.items.reserve(list->size());
        for (const boost::json::value& item : *list) {
            const boost::json::object* summary = item.if_object();
            if (!summary) return false;
            const boost::json::string* id = string_at(*summary, "id");
            const boost::json::string* name = string_at(*summary, "name");
            if (!id || !name) return false;
            token_summary& into = out.items.emplace_back();
            into.id.assign(id->data(), id->size());
            into.name.assign(name->data(), name->size());
            if (const boost::json::string* expires = string_at(*summary, "expiresTime")) {
                into.expires_time = read_rfc3339(*expires);
                if (!into.expires_time) return false;
            }
        }
        if (const boost::json::string* next = string_at(object, "nextToken")) out.next_token.emplace(next->data(), next->size());
        return true;
    });
}

// ---- GetProject ------------------------------------------------------------------------------

// ^[a-zA-Z0-9]+(?:[-_\.][a-zA-Z0-9]+)*$ : alphanumeric runs joined by single '-', '_' or '.'.
inline bool is_project_name(std::string_view text) noexcept {
    bool after_alnum = false;
    for (char c : text) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (alnum) {
            after_alnum = true;
        } else if ((c == '-' || c == '_' || c == '.') && after_alnum) {
            after_alnum = false;
        } else {
            return false;
        }
    }
    return after_alnum;
}

inline void encode_get_project_unchecked(restop::request& req, std::string_view space_name, std::string_view name,
                                         std::string_view token) {
    req.method = restop::http_method::get;
    std::string& target = req.target;
    target.clear();
    target.reserve(24 + 3 * (space_name.size() + name.size()));
    target.append("/v1/spaces/");
    append_label(target, space_name);
    target.append("/projects/");
    append_label(target, name);
    if (req.headers.size() != 1) req.headers.resize(1);
    req.headers[0].name.assign("Authorization");
    req.headers[0].value.assign("Bearer ");
    req.headers[0].value.append(token);
    req.body.clear();
}

inline encode_status encode_get_project(restop::request& req, std::string_view space_name, std::string_view name,
                                        std::string_view token) {
    for (std::string_view label : {space_name, name})  // @length 3..63 and the @pattern (ASCII only, so bytes are scalars)
        if (label.size() < 3 || label.size() > 63 || !is_project_name(label)) return encode_status::bad_id;
    if (!usable_token(token)) return encode_status::bad_token;
    encode_get_project_unchecked(req, space_name, name, token);
    return encode_status::ok;
}

}  // namespace hand

// libFuzzer target: label, query and header encoding with validation.
//
// The input is used raw as an id, a token, labels (plain and greedy), query values and a header
// value; seeds in corpus/label_fuzzer/ are such values (the wire-rules vectors, the Smithy
// escaping vector, control bytes, broken UTF-8). For each combination this checks:
//   - validation refuses exactly what an independent model of the rules refuses, naming the
//     member, the constraint and the measure, and a refused request is left untouched;
//   - an encoded target holds only unreserved bytes, `%` followed by two upper-case hex digits,
//     `/` from the template or a greedy label, and `?&=` as separators;
//   - percent-decoding each encoded label and query value gives back the input exactly.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <restop/restop.hpp>

namespace {

namespace cc = restop::codecatalyst;
using restop::constraint;

[[noreturn]] void fail(const char* what, int line) {
    std::fprintf(stderr, "label_fuzzer: invariant broken at line %d: %s\n", line, what);
    std::abort();
}
#define FUZZ_CHECK(condition) ((condition) ? void() : fail(#condition, __LINE__))

// A made-up operation in the manner of tests/unit/catalog_service.hpp: a plain label, a greedy
// label, a literal query, a query with a key that needs encoding, a query list whose elements
// carry a length and a (negated-class) pattern, an integer query and a header.
using query_text = restop::string_param<restop::length<1, 256>>;
using tag_text = restop::string_param<restop::length<1, 10>, restop::pattern<"^[^&=]*$">>;
using count = restop::integer_param<std::int32_t, restop::range<0, 1000>>;

struct fuzz_op {
    restop::string_param<restop::required> name;
    restop::string_param<restop::required> path;
    query_text q;
    std::vector<tag_text> tags;
    count n;
    restop::string_param<> note;

    using description = restop::operation<
        restop::http_method::put, "/v2/{name}/files/{path+}?x-op=Fuzz", 200,
        restop::members<restop::http_label<"name", &fuzz_op::name>, restop::http_label<"path", &fuzz_op::path>,
                        restop::http_query<"q value", &fuzz_op::q>, restop::http_query<"tag", &fuzz_op::tags>,
                        restop::http_query<"n", &fuzz_op::n>, restop::http_header<"X-Note", &fuzz_op::note>>,
        restop::errors<>>;
};

// ---- an independent model of the rules

struct utf8_model {
    bool valid = true;
    std::size_t scalars = 0;
    std::size_t invalid_offset = 0;
};

// Decodes code points and rejects what RFC 3629 rules out, by value rather than by byte table.
utf8_model model_utf8(std::string_view s) {
    utf8_model m;
    std::size_t i = 0;
    while (i < s.size()) {
        const auto lead = static_cast<unsigned char>(s[i]);
        std::size_t extra = 0;
        std::uint32_t cp = 0, min = 0;
        if (lead < 0x80) {
            ++i;
            ++m.scalars;
            continue;
        } else if ((lead & 0xE0) == 0xC0) {
            extra = 1, cp = lead & 0x1Fu, min = 0x80;
        } else if ((lead & 0xF0) == 0xE0) {
            extra = 2, cp = lead & 0x0Fu, min = 0x800;
        } else if ((lead & 0xF8) == 0xF0) {
            extra = 3, cp = lead & 0x07u, min = 0x10000;
        } else {
            m.valid = false, m.invalid_offset = i;
            return m;
        }
        for (std::size_t k = 1; k <= extra; ++k) {
            if (i + k >= s.size() || (static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) {
                m.valid = false, m.invalid_offset = i;
                return m;
            }
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            m.valid = false, m.invalid_offset = i;
            return m;
        }
        i += extra + 1;
        ++m.scalars;
    }
    return m;
}

std::optional<std::size_t> first_control(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto b = static_cast<unsigned char>(s[i]);
        if (b < 0x20 || b == 0x7F) return i;
    }
    return std::nullopt;
}

struct expected_error {
    std::string_view member;
    constraint violated;
    std::int64_t measure = 0;
};

enum class where { label, query, header };

// One optional string member: what validate() must say about it, if anything.
std::optional<expected_error> model_string(std::string_view member, const std::optional<std::string>& value,
                                           bool required, std::optional<std::pair<std::size_t, std::size_t>> length,
                                           where at, restop::checks level, std::string_view forbidden = {}) {
    if (!value) return required ? std::optional(expected_error{member, constraint::required}) : std::nullopt;
    if (level == restop::checks::all) {
        const utf8_model m = model_utf8(*value);
        if (!m.valid) return expected_error{member, constraint::utf8, static_cast<std::int64_t>(m.invalid_offset)};
        if (length && (m.scalars < length->first || m.scalars > length->second))
            return expected_error{member, constraint::length, static_cast<std::int64_t>(m.scalars)};
        // The pattern ^[^...]*$: no code point from `forbidden` anywhere.
        if (!forbidden.empty() && value->find_first_of(forbidden) != std::string::npos)
            return expected_error{member, constraint::pattern, 0};
    }
    if (at == where::label && value->empty()) return expected_error{member, constraint::non_empty_label};
    if (at == where::header)
        if (auto c = first_control(*value)) return expected_error{member, constraint::no_control_bytes, static_cast<std::int64_t>(*c)};
    return std::nullopt;
}

std::optional<expected_error> model_token(const std::optional<std::string>& token) {
    if (!token) return std::nullopt;
    if (token->empty()) return expected_error{"bearer token", constraint::token_present};
    if (auto c = first_control(*token)) return expected_error{"bearer token", constraint::no_control_bytes, static_cast<std::int64_t>(*c)};
    return std::nullopt;
}

// ---- checking encoded targets

bool is_unreserved(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
           c == '~';
}
bool is_upper_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'); }
int hex_value(char c) { return c <= '9' ? c - '0' : c - 'A' + 10; }

// Percent-decodes `text`, which may hold only unreserved bytes, %XX with upper-case hex, and '/'
// when `slash_allowed`. Any other byte breaks an invariant.
std::string checked_decode(std::string_view text, bool slash_allowed) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%') {
            FUZZ_CHECK(i + 2 < text.size());
            FUZZ_CHECK(is_upper_hex(text[i + 1]) && is_upper_hex(text[i + 2]));
            out.push_back(static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2])));
            i += 2;
        } else {
            FUZZ_CHECK(is_unreserved(static_cast<unsigned char>(c)) || (slash_allowed && c == '/'));
            out.push_back(c);
        }
    }
    return out;
}

void check_untouched(const restop::request& scratch) {
    FUZZ_CHECK(scratch.method == restop::http_method::post);
    FUZZ_CHECK(scratch.target == "/untouched");
    FUZZ_CHECK(scratch.headers.size() == 1 && scratch.headers[0].name == "Keep");
    FUZZ_CHECK(scratch.body == "body");
}

restop::request sentinel() { return restop::request{restop::http_method::post, "/untouched", {{"Keep", "me"}}, "body"}; }

void check_refusal(const restop::validation_error& actual, const expected_error& expected) {
    FUZZ_CHECK(!actual.member.empty());  // validation failures name a member
    FUZZ_CHECK(actual.member == expected.member);
    FUZZ_CHECK(actual.violated == expected.violated);
    FUZZ_CHECK(actual.measure == expected.measure);
    const std::string message = actual.message();
    const std::string subject =
        actual.member == "bearer token" ? std::string("the bearer token") : "member '" + std::string(actual.member) + "'";
    FUZZ_CHECK(message.compare(0, subject.size(), subject) == 0);
}

void check_authorization(const restop::request& req, const std::optional<std::string>& token, std::size_t& next_header) {
    if (!token) return;
    FUZZ_CHECK(req.headers.size() > next_header);
    FUZZ_CHECK(req.headers[next_header].name == "Authorization");
    FUZZ_CHECK(req.headers[next_header].value == "Bearer " + *token);
    ++next_header;
}

// ---- DeleteAccessToken

void fuzz_delete(const std::string& id, const std::optional<std::string>& token, restop::checks level) {
    const cc::delete_access_token op{.id = id};
    std::optional<expected_error> expected = model_token(token);
    if (!expected) expected = model_string("id", id, true, std::pair<std::size_t, std::size_t>{1, 36}, where::label, level);

    restop::request scratch = sentinel();
    const restop::bearer_token bearer(token.value_or(""));
    const restop::encode_options options{level};
    const auto encoded = token ? restop::encode_into(scratch, op, bearer, options) : restop::encode_into(scratch, op, options);
    if (expected) {
        FUZZ_CHECK(!encoded);
        check_refusal(encoded.error(), *expected);
        check_untouched(scratch);
        return;
    }
    FUZZ_CHECK(encoded.has_value());
    FUZZ_CHECK(scratch.method == restop::http_method::delete_);
    constexpr std::string_view prefix = "/v1/accessTokens/";
    FUZZ_CHECK(scratch.target.compare(0, prefix.size(), prefix) == 0);
    FUZZ_CHECK(checked_decode(std::string_view(scratch.target).substr(prefix.size()), false) == id);
    std::size_t next_header = 0;
    check_authorization(scratch, token, next_header);
    FUZZ_CHECK(scratch.headers.size() == next_header);
    FUZZ_CHECK(scratch.body.empty());
}

// ---- the made-up operation

struct op_values {
    std::optional<std::string> name, path, q;
    std::vector<std::string> tags;
    std::optional<std::int32_t> n;
    std::optional<std::string> note;
};

void fuzz_op_values(const op_values& v, const std::optional<std::string>& token, restop::checks level) {
    fuzz_op op;
    if (v.name) op.name = std::string_view(*v.name);
    if (v.path) op.path = std::string_view(*v.path);
    if (v.q) op.q = std::string_view(*v.q);
    for (const std::string& tag : v.tags) op.tags.emplace_back(std::string_view(tag));
    if (v.n) op.n = restop::runtime(*v.n);
    if (v.note) op.note = std::string_view(*v.note);

    std::optional<expected_error> expected = model_token(token);
    auto also = [&](std::optional<expected_error> e) {
        if (!expected) expected = e;
    };
    also(model_string("name", v.name, true, std::nullopt, where::label, level));
    also(model_string("path", v.path, true, std::nullopt, where::label, level));
    also(model_string("q value", v.q, false, std::pair<std::size_t, std::size_t>{1, 256}, where::query, level));
    for (const std::string& tag : v.tags)
        also(model_string("tag", tag, false, std::pair<std::size_t, std::size_t>{1, 10}, where::query, level, "&="));
    if (v.n && level == restop::checks::all && (*v.n < 0 || *v.n > 1000)) also(expected_error{"n", constraint::range, *v.n});
    also(model_string("X-Note", v.note, false, std::nullopt, where::header, level));

    restop::request scratch = sentinel();
    const restop::bearer_token bearer(token.value_or(""));
    const restop::encode_options options{level};
    const auto encoded = token ? restop::encode_into(scratch, op, bearer, options) : restop::encode_into(scratch, op, options);
    if (expected) {
        FUZZ_CHECK(!encoded);
        check_refusal(encoded.error(), *expected);
        check_untouched(scratch);
        return;
    }
    FUZZ_CHECK(encoded.has_value());
    FUZZ_CHECK(scratch.method == restop::http_method::put);

    // Path: "/v2/" label "/files/" greedy-label, then the query.
    const std::string_view target = scratch.target;
    const std::size_t question = target.find('?');
    FUZZ_CHECK(question != std::string_view::npos);
    const std::string_view path = target.substr(0, question);
    FUZZ_CHECK(path.substr(0, 4) == "/v2/");
    const std::size_t name_end = path.find('/', 4);  // a plain label never holds a raw '/'
    FUZZ_CHECK(name_end != std::string_view::npos);
    FUZZ_CHECK(checked_decode(path.substr(4, name_end - 4), false) == *v.name);
    FUZZ_CHECK(path.substr(name_end, 7) == "/files/");
    FUZZ_CHECK(checked_decode(path.substr(name_end + 7), true) == *v.path);

    // Query: key=value pairs joined by '&', each key and value encoded; '?&=' only as separators.
    std::vector<std::pair<std::string, std::string>> pairs;
    std::string_view query = target.substr(question + 1);
    while (true) {
        const std::size_t amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        const std::size_t eq = pair.find('=');
        FUZZ_CHECK(eq != std::string_view::npos);
        pairs.emplace_back(checked_decode(pair.substr(0, eq), false), checked_decode(pair.substr(eq + 1), false));
        if (amp == std::string_view::npos) break;
        query.remove_prefix(amp + 1);
    }
    std::vector<std::pair<std::string, std::string>> want{{"x-op", "Fuzz"}};
    if (v.q) want.emplace_back("q value", *v.q);
    for (const std::string& tag : v.tags) want.emplace_back("tag", tag);
    if (v.n) want.emplace_back("n", std::to_string(*v.n));
    FUZZ_CHECK(pairs == want);

    std::size_t next_header = 0;
    check_authorization(scratch, token, next_header);
    if (v.note) {
        FUZZ_CHECK(scratch.headers.size() > next_header);
        FUZZ_CHECK(scratch.headers[next_header].name == "X-Note");
        FUZZ_CHECK(scratch.headers[next_header].value == *v.note);
        FUZZ_CHECK(!first_control(scratch.headers[next_header].value));
        ++next_header;
    }
    FUZZ_CHECK(scratch.headers.size() == next_header);
    FUZZ_CHECK(scratch.body.empty());
}

std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> parts;
    std::size_t begin = 0;
    while (true) {
        const std::size_t end = text.find(separator, begin);
        parts.push_back(text.substr(begin, end - begin));
        if (end == std::string::npos) break;
        begin = end + 1;
    }
    return parts;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string input(reinterpret_cast<const char*>(data), size);
    const std::optional<std::string> good_token = std::string("fuzz-token");
    const std::optional<std::string> no_token;
    const auto n = static_cast<std::int32_t>(size) - 8;

    const op_values variants[] = {
        {input, input, input, split(input, ','), n, input},            // every member holds the input
        {"n", input, std::nullopt, {}, std::nullopt, std::nullopt},    // only the greedy label
        {"n", "p", input, split(input, ','), n, std::nullopt},          // only the query
        {"n", "p", std::nullopt, {}, std::nullopt, input},             // only the header
        {input, "p/q", std::nullopt, {input}, std::nullopt, std::nullopt},
    };
    for (const restop::checks level : {restop::checks::all, restop::checks::wire_only}) {
        fuzz_delete(input, good_token, level);
        fuzz_delete(input, no_token, level);
        fuzz_delete("a1b2c3d4-5678-90ab-cdef-EXAMPLEbbbbb", input, level);  // the input as the token
        for (const op_values& v : variants) {
            fuzz_op_values(v, good_token, level);
            fuzz_op_values(v, no_token, level);
        }
        fuzz_op_values(variants[1], input, level);
    }
    return 0;
}

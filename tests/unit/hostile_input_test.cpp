// Hostile input, row by row: what restop must do with ids, tokens, labels, query values and
// header values that carry control bytes, broken UTF-8 or huge sizes, and with responses whose
// headers repeat or whose bodies are empty, huge, deeply nested, not UTF-8 or mistyped. Each
// row states the outcome (refused with which constraint, measure and message; encoded to which
// target; decoded to which error or success) and the test checks exactly that.
#include <doctest/doctest.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <restop/restop.hpp>

#include "kitchen_sink.hpp"

namespace cc = restop::codecatalyst;
using restop::checks;
using restop::constraint;
using restop::error_kind;

namespace {

constexpr std::size_t mib = 1024 * 1024;

std::string bytes(const char* text, std::size_t size) { return std::string(text, size); }

std::string repeat(std::string_view unit, std::size_t times) {
    std::string out;
    out.reserve(unit.size() * times);
    for (std::size_t i = 0; i < times; ++i) out.append(unit);
    return out;
}

// Compares two possibly huge strings without printing megabytes when they differ.
bool same(const std::string& actual, const std::string& expected) {
    if (actual == expected) return true;
    std::size_t at = 0;
    while (at < actual.size() && at < expected.size() && actual[at] == expected[at]) ++at;
    MESSAGE("sizes " << actual.size() << " vs " << expected.size() << ", first difference at byte " << at);
    if (actual.size() + expected.size() < 4096) MESSAGE("actual '" << actual << "' expected '" << expected << "'");
    return false;
}

// What encode() must do with one input.
struct refused {
    constraint violated;
    std::int64_t measure;
    std::string message;
};
struct outcome {
    std::optional<std::string> target;  ///< encoded to this target...
    std::optional<refused> refusal;     ///< ...or refused with this error
    std::optional<std::string> header;  ///< for accepted rows with a header member: its value
};
outcome encodes_to(std::string target) { return {std::move(target), std::nullopt, std::nullopt}; }
outcome encodes_to(std::string target, std::string header) { return {std::move(target), std::nullopt, std::move(header)}; }
outcome refused_with(constraint violated, std::int64_t measure, std::string message) {
    return {std::nullopt, refused{violated, measure, std::move(message)}, std::nullopt};
}

template <class Request>
void check_outcome(const Request& encoded, const outcome& expected) {
    if (expected.refusal) {
        REQUIRE_FALSE(encoded);
        CHECK(encoded.error().violated == expected.refusal->violated);
        CHECK(encoded.error().measure == expected.refusal->measure);
        CHECK(encoded.error().message() == expected.refusal->message);
    } else {
        REQUIRE(encoded);
        CHECK(same(encoded->target, *expected.target));
    }
}

const std::string id_message_utf8_0 = "member 'id' is not valid UTF-8 (first invalid byte at offset 0)";

std::string token_control(std::int64_t at) {
    return "the bearer token holds a control byte at offset " + std::to_string(at) + ", which must never reach a header";
}

// A made-up operation with a plain label, a greedy label, a query value and a header value.
struct put_object {
    restop::string_param<restop::required> bucket;
    restop::string_param<restop::required> key;
    restop::string_param<> marker;
    restop::string_param<> trace;

    using description =
        restop::operation<restop::http_method::put, "/b/{bucket}/{key+}", 200,
                          restop::members<restop::http_label<"bucket", &put_object::bucket>,
                                          restop::http_label<"key", &put_object::key>,
                                          restop::http_query<"marker", &put_object::marker>,
                                          restop::http_header<"X-Trace", &put_object::trace>>,
                          restop::errors<>>;
};

}  // namespace

TEST_CASE("hostile input: ids (DeleteAccessToken's label), each refused or encoded exactly") {
    const restop::bearer_token token("hostile-test-token");
    const std::string a_mib(mib, 'a');
    std::string a_mib_then_ff(mib - 1, 'a');
    a_mib_then_ff += '\xFF';
    const std::string e_acute_mib = repeat("\xC3\xA9", mib / 2);  // 1 MiB of bytes, 524 288 scalars

    struct row {
        const char* what;
        std::string id;
        checks level;
        outcome expected;
    };
    const row rows[] = {
        // Control bytes are legal in an id (only its length is constrained) and are always
        // percent-encoded: none reaches the request line raw.
        {"CR", "a\rb", checks::all, encodes_to("/v1/accessTokens/a%0Db")},
        {"LF", "a\nb", checks::all, encodes_to("/v1/accessTokens/a%0Ab")},
        {"CR LF header injection", "x\r\nX-Injected: 1", checks::all,
         encodes_to("/v1/accessTokens/x%0D%0AX-Injected%3A%201")},
        {"NUL inside", bytes("a\0b", 3), checks::all, encodes_to("/v1/accessTokens/a%00b")},
        {"NUL alone", bytes("\0", 1), checks::all, encodes_to("/v1/accessTokens/%00")},
        {"other C0 controls and DEL", "\x01\x08\t\x0B\x0C\x1B\x1F\x7F", checks::all,
         encodes_to("/v1/accessTokens/%01%08%09%0B%0C%1B%1F%7F")},
        {"C1 control U+0085 in UTF-8", "\xC2\x85", checks::all, encodes_to("/v1/accessTokens/%C2%85")},
        {"largest scalar U+10FFFF", "\xF4\x8F\xBF\xBF", checks::all, encodes_to("/v1/accessTokens/%F4%8F%BF%BF")},
        // Not UTF-8: refused at the first byte of the bad sequence.
        {"lone continuation byte", "ab\x80", checks::all,
         refused_with(constraint::utf8, 2, "member 'id' is not valid UTF-8 (first invalid byte at offset 2)")},
        {"0xFF", "\xFF", checks::all, refused_with(constraint::utf8, 0, id_message_utf8_0)},
        {"truncated 3-byte sequence", "a\xE2\x82", checks::all,
         refused_with(constraint::utf8, 1, "member 'id' is not valid UTF-8 (first invalid byte at offset 1)")},
        {"truncated 4-byte sequence", "\xF0\x9F\x98", checks::all, refused_with(constraint::utf8, 0, id_message_utf8_0)},
        {"overlong '/' (C0 AF)", "\xC0\xAF", checks::all, refused_with(constraint::utf8, 0, id_message_utf8_0)},
        {"overlong NUL (C0 80)", "\xC0\x80", checks::all, refused_with(constraint::utf8, 0, id_message_utf8_0)},
        {"overlong 3-byte '/'", "\xE0\x80\xAF", checks::all, refused_with(constraint::utf8, 0, id_message_utf8_0)},
        {"overlong 4-byte '/'", "\xF0\x80\x80\xAF", checks::all, refused_with(constraint::utf8, 0, id_message_utf8_0)},
        {"surrogate U+D800 in UTF-8", "\xED\xA0\x80", checks::all, refused_with(constraint::utf8, 0, id_message_utf8_0)},
        {"surrogate U+DFFF after ASCII", "ok\xED\xBF\xBF", checks::all,
         refused_with(constraint::utf8, 2, "member 'id' is not valid UTF-8 (first invalid byte at offset 2)")},
        {"CESU-8 surrogate pair", "\xED\xA0\xBD\xED\xB8\xB9", checks::all, refused_with(constraint::utf8, 0, id_message_utf8_0)},
        {"above U+10FFFF", "\xF4\x90\x80\x80", checks::all, refused_with(constraint::utf8, 0, id_message_utf8_0)},
        {"lead byte F5", "\xF5\x80\x80\x80", checks::all, refused_with(constraint::utf8, 0, id_message_utf8_0)},
        // wire_only leaves UTF-8 to the service; the bytes still travel percent-encoded.
        {"0xFF with wire_only", "\xFF", checks::wire_only, encodes_to("/v1/accessTokens/%FF")},
        {"surrogate with wire_only", "\xED\xA0\x80", checks::wire_only, encodes_to("/v1/accessTokens/%ED%A0%80")},
        // Dot segments are unreserved and go out verbatim, as in the AWS SDKs; the transports
        // send the target as is (no dot-segment removal).
        {"'.'", ".", checks::all, encodes_to("/v1/accessTokens/.")},
        {"'..'", "..", checks::all, encodes_to("/v1/accessTokens/..")},
        {"'...'", "...", checks::all, encodes_to("/v1/accessTokens/...")},
        {"'./..' (the '/' is encoded)", "./..", checks::all, encodes_to("/v1/accessTokens/.%2F..")},
        {"pre-encoded dots are encoded again", "%2e%2E", checks::all, encodes_to("/v1/accessTokens/%252e%252E")},
        // Empty and very long.
        {"empty", "", checks::all,
         refused_with(constraint::length, 0, "member 'id' has length 0 (Unicode scalar values), outside @length 1..36")},
        {"empty with wire_only", "", checks::wire_only,
         refused_with(constraint::non_empty_label, 0, "member 'id' is an empty URI label")},
        {"1 MiB of 'a'", a_mib, checks::all,
         refused_with(constraint::length, 1048576,
                      "member 'id' has length 1048576 (Unicode scalar values), outside @length 1..36")},
        {"1 MiB of U+00E9", e_acute_mib, checks::all,
         refused_with(constraint::length, 524288,
                      "member 'id' has length 524288 (Unicode scalar values), outside @length 1..36")},
        {"1 MiB ending in 0xFF", a_mib_then_ff, checks::all,
         refused_with(constraint::utf8, 1048575, "member 'id' is not valid UTF-8 (first invalid byte at offset 1048575)")},
        {"1 MiB of 'a' with wire_only", a_mib, checks::wire_only, encodes_to("/v1/accessTokens/" + a_mib)},
        {"1 MiB of U+00E9 with wire_only", e_acute_mib, checks::wire_only,
         encodes_to("/v1/accessTokens/" + repeat("%C3%A9", mib / 2))},
    };
    for (const row& r : rows) {
        CAPTURE(r.what);
        auto encoded = restop::encode(cc::delete_access_token{.id = r.id}, token, {.level = r.level});
        check_outcome(encoded, r.expected);
        if (encoded) {
            // Whatever the id held, the request has its one Authorization header and no body.
            REQUIRE(encoded->headers.size() == 1);
            CHECK(encoded->headers[0].name == "Authorization");
            CHECK(encoded->headers[0].value == "Bearer hostile-test-token");
            CHECK(encoded->body.empty());
        }
    }
}

TEST_CASE("hostile input: bearer tokens, each refused or sent exactly") {
    std::string mib_token(mib, 't');
    std::string mib_token_lf = mib_token;
    mib_token_lf.back() = '\n';

    struct row {
        const char* what;
        std::string token;
        checks level;
        outcome expected;  // for accepted rows, `header` is the Authorization value
    };
    const std::string target = "/v1/accessTokens/abc";
    const row rows[] = {
        {"empty", "", checks::all, refused_with(constraint::token_present, 0, "the bearer token is empty")},
        {"CR", "tok\ren", checks::all, refused_with(constraint::no_control_bytes, 3, token_control(3))},
        {"LF first", "\nabc", checks::all, refused_with(constraint::no_control_bytes, 0, token_control(0))},
        {"CR LF header injection", "abc\r\nX-Injected: 1", checks::all,
         refused_with(constraint::no_control_bytes, 3, token_control(3))},
        {"NUL", bytes("ab\0cd", 5), checks::all, refused_with(constraint::no_control_bytes, 2, token_control(2))},
        {"ESC", "\x1B[31mred", checks::all, refused_with(constraint::no_control_bytes, 0, token_control(0))},
        {"HTAB", "a\tb", checks::all, refused_with(constraint::no_control_bytes, 1, token_control(1))},
        {"DEL", "abc\x7F", checks::all, refused_with(constraint::no_control_bytes, 3, token_control(3))},
        {"LF with wire_only: the token check always runs", "a\nb", checks::wire_only,
         refused_with(constraint::no_control_bytes, 1, token_control(1))},
        {"1 MiB ending in LF", mib_token_lf, checks::all,
         refused_with(constraint::no_control_bytes, 1048575, token_control(1048575))},
        // Bytes >= 0x80 are not control bytes: restop sends them verbatim (HTTP's obs-text).
        {"invalid UTF-8", "tok\xFF", checks::all, encodes_to(target, "Bearer tok\xFF")},
        {"surrogate in UTF-8", "\xED\xA0\x80", checks::all, encodes_to(target, "Bearer \xED\xA0\x80")},
        {"C1 control U+0085 in UTF-8", "a\xC2\x85", checks::all, encodes_to(target, "Bearer a\xC2\x85")},
        {"a space", "a b", checks::all, encodes_to(target, "Bearer a b")},
        {"1 MiB", mib_token, checks::all, encodes_to(target, "Bearer " + mib_token)},
    };
    for (const row& r : rows) {
        CAPTURE(r.what);
        const restop::bearer_token token(r.token);
        auto encoded = restop::encode(cc::delete_access_token{.id = "abc"}, token, {.level = r.level});
        check_outcome(encoded, r.expected);
        if (encoded) {
            REQUIRE(encoded->headers.size() == 1);
            CHECK(encoded->headers[0].name == "Authorization");
            CHECK(same(encoded->headers[0].value, *r.expected.header));
        }
    }
}

TEST_CASE("hostile input: greedy and plain labels, query values and header values of a generic operation") {
    const std::string mib_trace(mib, 'x');
    struct row {
        const char* what;
        std::string bucket, key;
        std::optional<std::string> marker, trace;
        checks level;
        outcome expected;
    };
    const row rows[] = {
        {"greedy '.'", "bk", ".", {}, {}, checks::all, encodes_to("/b/bk/.")},
        {"greedy '..'", "bk", "..", {}, {}, checks::all, encodes_to("/b/bk/..")},
        {"greedy dot segments keep their '/' and dots", "bk", "a/../../etc/passwd", {}, {}, checks::all,
         encodes_to("/b/bk/a/../../etc/passwd")},
        {"greedy leading and doubled '/'", "bk", "/x//y/", {}, {}, checks::all, encodes_to("/b/bk//x//y/")},
        {"greedy CR LF", "bk", "a\r\nb/c", {}, {}, checks::all, encodes_to("/b/bk/a%0D%0Ab/c")},
        {"plain '..'", "..", "k", {}, {}, checks::all, encodes_to("/b/../k")},
        {"plain label '/' is encoded", "a/b", "k", {}, {}, checks::all, encodes_to("/b/a%2Fb/k")},
        {"empty plain label", "", "k", {}, {}, checks::all,
         refused_with(constraint::non_empty_label, 0, "member 'bucket' is an empty URI label")},
        {"empty greedy label", "bk", "", {}, {}, checks::wire_only,
         refused_with(constraint::non_empty_label, 0, "member 'key' is an empty URI label")},
        {"greedy label not UTF-8", "bk", "a/\xC0\xAF", {}, {}, checks::all,
         refused_with(constraint::utf8, 2, "member 'key' is not valid UTF-8 (first invalid byte at offset 2)")},
        {"query separators in a value", "bk", "k", "a&b=c?d#e", {}, checks::all,
         encodes_to("/b/bk/k?marker=a%26b%3Dc%3Fd%23e")},
        {"query CR LF NUL", "bk", "k", bytes("\r\n\0", 3), {}, checks::all, encodes_to("/b/bk/k?marker=%0D%0A%00")},
        {"query empty value", "bk", "k", "", {}, checks::all, encodes_to("/b/bk/k?marker=")},
        {"query not UTF-8", "bk", "k", "\xE0\x80\xAF", {}, checks::all,
         refused_with(constraint::utf8, 0, "member 'marker' is not valid UTF-8 (first invalid byte at offset 0)")},
        {"header CR LF injection", "bk", "k", {}, "a\r\nX-Injected: 1", checks::all,
         refused_with(constraint::no_control_bytes, 1,
                      "member 'X-Trace' holds a control byte at offset 1, which must never reach a header")},
        {"header NUL", "bk", "k", {}, bytes("\0", 1), checks::all,
         refused_with(constraint::no_control_bytes, 0,
                      "member 'X-Trace' holds a control byte at offset 0, which must never reach a header")},
        {"header LF with wire_only", "bk", "k", {}, "a\nb", checks::wire_only,
         refused_with(constraint::no_control_bytes, 1,
                      "member 'X-Trace' holds a control byte at offset 1, which must never reach a header")},
        {"header not UTF-8", "bk", "k", {}, "\xFF", checks::all,
         refused_with(constraint::utf8, 0, "member 'X-Trace' is not valid UTF-8 (first invalid byte at offset 0)")},
        {"header not UTF-8 with wire_only", "bk", "k", {}, "\xFF", checks::wire_only, encodes_to("/b/bk/k", "\xFF")},
        {"header 1 MiB", "bk", "k", {}, mib_trace, checks::all, encodes_to("/b/bk/k", mib_trace)},
    };
    for (const row& r : rows) {
        CAPTURE(r.what);
        put_object op;
        op.bucket = std::string_view(r.bucket);
        op.key = std::string_view(r.key);
        if (r.marker) op.marker = std::string_view(*r.marker);
        if (r.trace) op.trace = std::string_view(*r.trace);
        auto encoded = restop::encode(op, {.level = r.level});
        check_outcome(encoded, r.expected);
        if (encoded) {
            if (r.expected.header) {
                REQUIRE(encoded->headers.size() == 1);
                CHECK(encoded->headers[0].name == "X-Trace");
                CHECK(same(encoded->headers[0].value, *r.expected.header));
            } else {
                CHECK(encoded->headers.empty());
            }
        }
    }
}

namespace {

// What decode() must make of one response.
struct decoded_as {
    bool success = false;
    error_kind kind = error_kind::modeled;
    std::string name;  ///< error.name(); "UnknownError" when the response named none
    std::string message;
    std::string request_id;
};
decoded_as success(std::string request_id = {}) { return {true, error_kind::modeled, {}, {}, std::move(request_id)}; }
decoded_as modeled(std::string name, std::string message = {}, std::string request_id = {}) {
    return {false, error_kind::modeled, std::move(name), std::move(message), std::move(request_id)};
}
decoded_as unknown(std::string name, std::string message = {}) {
    return {false, error_kind::unknown, std::move(name), std::move(message), {}};
}

struct response_row {
    const char* what;
    int status;
    restop::header_list headers;
    std::string body;
    decoded_as expected;
};

void check_decoded(const response_row& r) {
    CAPTURE(r.what);
    const auto decoded = restop::decode<cc::delete_access_token>(restop::response{r.status, r.headers, r.body});
    if (r.expected.success) {
        REQUIRE(decoded);
        CHECK(decoded->status == r.status);
        CHECK(same(decoded->request_id, r.expected.request_id));
        return;
    }
    REQUIRE_FALSE(decoded);
    const auto& error = decoded.error();
    CHECK(error.status() == r.status);  // the status survives every body
    CHECK(error.kind() == r.expected.kind);
    CHECK(same(std::string(error.name()), r.expected.name));
    CHECK(same(error.message(), r.expected.message));
    CHECK(same(error.request_id(), r.expected.request_id));
    if (const auto* u = error.get_if<restop::unknown_error>()) CHECK(same(u->body, r.body));  // kept whole
}

}  // namespace

TEST_CASE("hostile input: response headers repeated or in odd casing") {
    const std::string mib_id(mib, 'r');
    restop::header_list crowd;
    for (int i = 0; i < 1000; ++i) crowd.push_back({"x-filler-" + std::to_string(i), "v"});
    crowd.push_back({"X-Amzn-Requestid", "last"});
    const std::vector<response_row> rows = {
        {"request id repeated: the first wins", 200, {{"x-amzn-requestid", "first"}, {"X-Amzn-RequestId", "second"}}, "", success("first")},
        {"request id in upper case", 200, {{"X-AMZN-REQUESTID", "upper"}}, "", success("upper")},
        {"request id in mixed case", 404, {{"x-AmZn-ReQuEsTiD", "mixed"}}, "", modeled("ResourceNotFoundException", "", "mixed")},
        {"request id empty, then set: the first (empty) wins", 200, {{"x-amzn-requestid", ""}, {"x-amzn-requestid", "second"}}, "", success("")},
        {"a name with a trailing space is another header", 200, {{"x-amzn-requestid ", "spaced"}}, "", success("")},
        {"a name with a NUL is another header", 200, {{bytes("x-amzn-requestid\0", 17), "nul"}}, "", success("")},
        {"request id of 1 MiB is kept", 200, {{"x-amzn-requestid", mib_id}}, "", success(mib_id)},
        {"request id after 1000 other headers", 200, crowd, "", success("last")},
        {"error type repeated: the first wins", 400,
         {{"X-Amzn-Errortype", "ConflictException"}, {"X-Amzn-Errortype", "AccessDeniedException"}}, "", modeled("ConflictException")},
        {"error type in odd casing", 400, {{"x-AMZN-errorTYPE", "ConflictException"}}, "", modeled("ConflictException")},
        {"error type empty, then set: the first (empty) wins and the status decides", 404,
         {{"X-Amzn-Errortype", ""}, {"X-Amzn-Errortype", "ConflictException"}}, "", modeled("ResourceNotFoundException")},
        {"error type only blanks: the body decides", 404, {{"X-Amzn-Errortype", " \t "}}, R"({"code":"ConflictException"})",
         modeled("ConflictException")},
        {"error type only a namespace: the status decides", 404, {{"X-Amzn-Errortype", "aws.protocoltests#"}}, "",
         modeled("ResourceNotFoundException")},
        {"error type names match case-sensitively", 409, {{"X-Amzn-Errortype", "conflictexception"}}, "",
         unknown("conflictexception")},
        {"error type with CR LF is kept verbatim up to the ':'", 400, {{"X-Amzn-Errortype", "Foo\r\nX-Evil: 1"}}, "",
         unknown("Foo\r\nX-Evil")},
        {"error type with a NUL is kept verbatim", 400, {{"X-Amzn-Errortype", bytes("Conflict\0Exception", 18)}}, "",
         unknown(bytes("Conflict\0Exception", 18))},
        {"error type not UTF-8 is kept verbatim", 400, {{"X-Amzn-Errortype", "\xFF\xFE"}}, "", unknown("\xFF\xFE")},
    };
    for (const response_row& r : rows) check_decoded(r);
}

TEST_CASE("hostile input: bodies empty, huge, deeply nested, not UTF-8, or with numbers where strings belong") {
    const std::string pad_64mib = "{\"pad\":\"" + std::string(64 * mib, 'x') + "\"}";
    const std::string named_64mib = "{\"code\":\"ConflictException\",\"message\":\"" + std::string(64 * mib, 'm') + "\"}";
    const std::string html_64mib = "<html>" + std::string(64 * mib, 'h') + "</html>";
    const std::string open_arrays(100000, '[');
    const std::string closed_arrays = open_arrays + std::string(100000, ']');
    const std::string named_deep = "{\"code\":\"ConflictException\",\"message\":\"m\",\"deep\":" + closed_arrays + "}";
    const std::string nested_objects = repeat("{\"a\":", 100000) + "1" + std::string(100000, '}');

    const std::vector<response_row> rows = {
        // 0 bytes
        {"0 bytes, 200", 200, {}, "", success()},
        {"0 bytes, 404: the status picks the shape", 404, {}, "", modeled("ResourceNotFoundException")},
        {"0 bytes, 503: unknown, no name", 503, {}, "", unknown("UnknownError")},
        // 64 MiB: past the 1 MiB parse cap, the body is kept raw and never parsed.
        {"64 MiB, 200", 200, {}, pad_64mib, success()},
        {"64 MiB naming ConflictException, 404: not parsed, the status decides", 404, {}, named_64mib,
         modeled("ResourceNotFoundException")},
        {"64 MiB with the name in the header, 404", 404, {{"X-Amzn-Errortype", "ConflictException"}}, named_64mib,
         modeled("ConflictException")},
        {"64 MiB HTML, 502: unknown, body kept whole", 502, {}, html_64mib, unknown("UnknownError")},
        // 100 000 nested arrays or objects: past Boost.JSON's depth limit (32), the body yields nothing.
        {"100 000 unclosed '[', 200", 200, {}, open_arrays, success()},
        {"100 000 unclosed '[', 404", 404, {}, open_arrays, modeled("ResourceNotFoundException")},
        {"100 000 nested arrays, 400", 400, {}, closed_arrays, modeled("ValidationException")},
        {"100 000 nested arrays beside a code: the code is lost, the status decides", 404, {}, named_deep,
         modeled("ResourceNotFoundException")},
        {"100 000 nested objects, 409", 409, {}, nested_objects, modeled("ConflictException")},
        {"31 nested arrays in an object are within the limit", 404, {},
         "{\"code\":\"ConflictException\",\"d\":" + std::string(31, '[') + std::string(31, ']') + "}", modeled("ConflictException")},
        {"32 nested arrays in an object are past it", 404, {},
         "{\"code\":\"ConflictException\",\"d\":" + std::string(32, '[') + std::string(32, ']') + "}",
         modeled("ResourceNotFoundException")},
        // Not UTF-8: Boost.JSON rejects the whole body, so neither name nor message is read.
        {"0xFF in the message: the code is lost too", 404, {}, "{\"code\":\"ConflictException\",\"message\":\"bad \xFF\"}",
         modeled("ResourceNotFoundException")},
        {"surrogate in UTF-8 in the message", 403, {}, "{\"message\":\"\xED\xA0\x80\"}", modeled("AccessDeniedException")},
        {"overlong in the message", 403, {}, "{\"message\":\"\xC0\xAF\"}", modeled("AccessDeniedException")},
        {"lone surrogate escape", 403, {}, R"({"message":"\ud800"})", modeled("AccessDeniedException")},
        {"not UTF-8 but the header names the error", 404, {{"X-Amzn-Errortype", "ConflictException"}},
         "{\"message\":\"\xFF\"}", modeled("ConflictException")},
        {"not UTF-8, 500: unknown, body kept", 500, {}, "{\"message\":\"\xFF\"}", unknown("UnknownError")},
        {"escaped name", 400, {}, R"({"code":"Conflict\u0045xception"})", modeled("ConflictException")},
        {"escaped NUL in the message is kept", 400, {}, R"({"message":"a\u0000b"})",
         modeled("ValidationException", bytes("a\0b", 3))},
        {"UTF-8 BOM before the object: not read", 404, {}, "\xEF\xBB\xBF{\"code\":\"ConflictException\"}",
         modeled("ResourceNotFoundException")},
        // Numbers (and other non-strings) where strings belong are ignored, member by member.
        {"numeric code, string message", 404, {}, R"({"code":409,"message":"m"})", modeled("ResourceNotFoundException", "m")},
        {"numeric code falls through to __type", 404, {}, R"({"code":409,"__type":"ConflictException"})",
         modeled("ConflictException")},
        {"null code falls through to __type", 404, {}, R"({"code":null,"__type":"ConflictException"})",
         modeled("ConflictException")},
        {"empty code falls through to __type", 404, {}, R"({"code":"","__type":"ConflictException"})",
         modeled("ConflictException")},
        {"numeric __type", 403, {}, R"({"__type":403})", modeled("AccessDeniedException")},
        {"numeric message falls through to Message", 403, {}, R"({"message":42,"Message":"upper"})",
         modeled("AccessDeniedException", "upper")},
        {"object message, array Message", 403, {}, R"({"message":{"text":"m"},"Message":["m"]})",
         modeled("AccessDeniedException")},
        {"boolean code", 429, {}, R"({"code":true,"message":"slow"})", modeled("ThrottlingException", "slow")},
        {"huge number elsewhere is fine", 404, {}, R"({"message":"m","n":1e999})", modeled("ResourceNotFoundException", "m")},
        {"duplicate keys: the last wins", 404, {}, R"({"code":"A","code":"ConflictException"})", modeled("ConflictException")},
        {"numbers where strings belong, 200", 200, {}, R"({"code":1,"message":2})", success()},
        {"a bare number, 404", 404, {}, "404", modeled("ResourceNotFoundException")},
        // Statuses outside the usual ranges are kept as they are.
        {"status 100 is success", 100, {}, "", success()},
        {"status 0", 0, {}, "", unknown("UnknownError")},
        {"status -1", -1, {}, R"({"code":"ConflictException"})", modeled("ConflictException")},
        {"status 99", 99, {}, "", unknown("UnknownError")},
        {"status 300", 300, {}, "", unknown("UnknownError")},
        {"status 600", 600, {}, "", unknown("UnknownError")},
        {"status INT_MAX", 2147483647, {}, "", unknown("UnknownError")},
    };
    for (const response_row& r : rows) check_decoded(r);
}

// Found by this table: the capped delay was converted back to an integer after the cap, and a
// cap of milliseconds::max() rounds up to 2^63 as a double, out of range for the rep.
TEST_CASE("hostile input: retry options at their extremes give a delay within 0..max_delay") {
    restop::retry_options options;
    options.base_delay = std::chrono::milliseconds::max();
    options.max_delay = std::chrono::milliseconds::max();
    CHECK(restop::retry_delay(options, 3, false, 0.5) == std::chrono::milliseconds::max());
    options.base_delay = std::chrono::hours(24 * 365);
    options.throttling_base_delay = std::chrono::hours(24 * 365);
    const auto delay = restop::retry_delay(options, 30, true, 0.999);
    CHECK(delay >= std::chrono::milliseconds(0));
    CHECK(delay <= options.max_delay);
}

TEST_CASE("hostile input: the readers of every value kind, row by row") {
    // Each body goes through sink::put_everything's structure payload; the message names the
    // member's path and what is wrong, never the value.
    const std::pair<std::string, std::string> rows[] = {
        {R"({"blob":"Zm9v="})", "output member 'payload.blob' is not valid base64"},
        {R"({"blob":"Zm9\u0000"})", "output member 'payload.blob' is not valid base64"},
        {R"({"blob":7})", "output member 'payload.blob' is not a base64 string"},
        {R"({"epoch":"1576540098"})", "output member 'payload.epoch' is not an epoch-seconds timestamp"},
        {R"({"epoch":-1e15})", "output member 'payload.epoch' is a timestamp outside 1677-09-21..2262-04-11, the span of restop::timestamp"},
        {R"({"epoch":253402300800})", "output member 'payload.epoch' is a timestamp outside 1677-09-21..2262-04-11, the span of restop::timestamp"},
        // Found by decode_fuzzer: 9576540098.5 seconds passed the old 0001..9999 check and then
        // overflowed the nanosecond count.
        {R"({"epoch":9576540098.5})", "output member 'payload.epoch' is a timestamp outside 1677-09-21..2262-04-11, the span of restop::timestamp"},
        {R"({"epoch":-9223372037})", "output member 'payload.epoch' is a timestamp outside 1677-09-21..2262-04-11, the span of restop::timestamp"},
        {R"({"epoch":9223372036.8545})", "output member 'payload.epoch' is a timestamp outside 1677-09-21..2262-04-11, the span of restop::timestamp"},
        {R"({"httpDate":"Fri, 31 Dec 9999 23:59:59 GMT"})", "output member 'payload.httpDate' is a timestamp outside 1677-09-21..2262-04-11, the span of restop::timestamp"},
        {R"({"httpDate":"Fri, 01 Jan 1677 00:00:00 GMT"})", "output member 'payload.httpDate' is a timestamp outside 1677-09-21..2262-04-11, the span of restop::timestamp"},
        {R"({"httpDate":"Mon, 16 Dec 2019 23:48:18"})", "output member 'payload.httpDate' is not an http-date timestamp"},
        {R"({"httpDate":"Mon, 32 Dec 2019 23:48:18 GMT"})", "output member 'payload.httpDate' is not an http-date timestamp"},
        {R"({"httpDate":1576540098})", "output member 'payload.httpDate' is not an http-date timestamp"},
        {R"({"byte":300})", "output member 'payload.byte' is out of range"},
        {R"({"byte":"1"})", "output member 'payload.byte' is not an integer"},
        {R"({"long":18446744073709551615})", "output member 'payload.long' is out of range"},
        {R"({"double":"Inf"})", "output member 'payload.double' is not a number"},
        {R"({"bigInteger":1.5})", "output member 'payload.bigInteger' is not an integer"},
        {R"({"colour":5})", "output member 'payload.colour' is not a string"},
        {R"({"level":"LOW"})", "output member 'payload.level' is not an integer"},
        {R"({"sparseList":{"a":1}})", "output member 'payload.sparseList' is not a list"},
        {R"({"sparseList":[1]})", "output member 'payload.sparseList[0]' is not a string"},
        {R"({"sparseMap":[1]})", "output member 'payload.sparseMap' is not a map"},
        {R"({"greetings":{"g":{}}})", "output member 'payload.greetings.g.text' is missing"},
        {R"({"choice":"stringValue"})", "output member 'payload.choice' is not an object"},
        {R"({"choice":{"stringValue":"a","greetingValue":{"text":"b"}}})",
         "output member 'payload.choice' is a union with more than one member set"},
        {R"({"choice":{}})", "output member 'payload.choice' is a union with no member set"},
        {R"({"chain":{"name":"a","next":{"name":"b","next":{"next":{}}}}})", "output member 'payload.chain.next.next.name' is missing"},
        {"[1,2]", "output member 'payload' is not an object"},
        {R"({"text":)", "output member 'payload' is not valid JSON"},
    };
    for (const auto& row : rows) {
        const std::string& body = row.first;
        const std::string& message = row.second;
        CAPTURE(body);
        const auto decoded = restop::decode<sink::put_everything>(restop::response{200, {{"x-amzn-requestid", "r"}}, body});
        REQUIRE_FALSE(decoded);
        CHECK(decoded.error().kind() == error_kind::malformed);
        CHECK(decoded.error().status() == 200);
        CHECK(decoded.error().request_id() == "r");
        CHECK(decoded.error().message() == message);
    }
    // Headers and the status of an output, refused the same way.
    const std::pair<restop::header_list, std::string> header_rows[] = {
        {{{"X-Numbers", "1,,2"}}, "output member 'X-Numbers[1]' is not an integer"},
        {{{"X-Numbers", "99999999999"}}, "output member 'X-Numbers[0]' is out of range"},
        {{{"X-Numbers", "\"1"}}, "output member 'X-Numbers' is not a valid list header"},
    };
    for (const auto& [headers, message] : header_rows) {
        const auto decoded = restop::decode<sink::put_payload>(restop::response{200, headers, ""});
        REQUIRE_FALSE(decoded);
        CHECK(decoded.error().message() == message);
    }
}

TEST_CASE("hostile input: the writers refuse what cannot be sent, before anything is encoded") {
    sink::get_bound op{.name = "n", .when = {}, .account = "acct"};
    op.header_list = std::vector<std::string>{"ok", bytes("a\0b", 3)};
    CHECK(restop::encode(op).error().message() == "member 'X-List' holds a control byte at offset 1, which must never reach a header");
    op.header_list.reset();
    op.meta = std::map<std::string, std::string>{{"K\n", "v"}};
    CHECK(restop::encode(op).error().violated == constraint::no_control_bytes);
    op.meta.reset();
    op.account = "";
    CHECK(restop::encode(op).error().message() == "member 'account' is an empty URI label");
    op.account = "a_b";
    CHECK(restop::encode(op).error().violated == constraint::host_label);
    sink::put_everything none{.body = sink::everything{}};
    none.body->choice_value = sink::choice{};
    CHECK(restop::encode(none).error().message() == "member 'choice' is a union with 0 members set; exactly one must be set");
    none.body->choice_value = sink::choice{.string_value = "a", .boolean_value = true};
    CHECK(restop::encode(none).error().measure == 2);
    none.body->choice_value.reset();
    none.body->big_decimal_value = restop::big_decimal("1.");
    CHECK(restop::encode(none).error().message() == "member 'bigDecimal' is not a decimal number");
}

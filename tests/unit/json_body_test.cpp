#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <restop/restop.hpp>

#include "catalog_service.hpp"

namespace cc = restop::codecatalyst;

namespace {
const restop::bearer_token token("json-body-token");

struct label {
    restop::string_param<restop::required> key{};
    std::optional<bool> hidden{};
    using fields = restop::fields<restop::json_field<"key", &label::key>, restop::json_field<"hidden", &label::hidden>>;
};

// Every kind of body member: string, integer, bool, timestamp, nested structure, lists.
struct put_record {
    restop::string_param<restop::required> id{};
    restop::string_param<> note{};
    restop::integer_param<std::int64_t, restop::range<0, 100>> score{};
    bool active = true;
    std::optional<restop::timestamp> seen{};
    std::vector<restop::string_param<>> aliases{};
    label primary{};
    std::vector<label> labels{};
    restop::string_param<> trace{};
    using description =
        restop::operation<restop::http_method::put, "/records/{id}", 200,
                          restop::members<restop::http_label<"id", &put_record::id>, restop::json_field<"note", &put_record::note>,
                                          restop::json_field<"score", &put_record::score>,
                                          restop::json_field<"active", &put_record::active>,
                                          restop::json_field<"seen", &put_record::seen, restop::format<restop::timestamp_format::date_time>>,
                                          restop::json_field<"aliases", &put_record::aliases>,
                                          restop::json_field<"primary", &put_record::primary>,
                                          restop::json_field<"labels", &put_record::labels>,
                                          restop::http_header<"X-Trace", &put_record::trace>>,
                          restop::errors<>>;
};
}  // namespace

TEST_CASE("json body: members in declaration order, absent ones omitted, with Content-Type") {
    put_record record{.id = "r1", .note = "caf\xC3\xA9 \"q\"\n", .score = 7, .active = false,
                      .seen = restop::parse_rfc3339("2026-01-31T12:00:00.25Z"), .aliases = {"a", "b"},
                      .primary = {.key = "k", .hidden = true}, .labels = {{.key = "x"}, {.key = "y", .hidden = false}},
                      .trace = "t-1"};
    auto req = restop::encode(record, token);
    REQUIRE(req);
    CHECK(req->target == "/records/r1");
    CHECK(req->body ==
          R"({"note":"café \"q\"\n","score":7,"active":false,"seen":"2026-01-31T12:00:00.25Z","aliases":["a","b"],)"
          R"("primary":{"key":"k","hidden":true},"labels":[{"key":"x"},{"key":"y","hidden":false}]})");
    REQUIRE(req->headers.size() == 3);
    CHECK(req->headers[0].name == "Authorization");
    CHECK(req->headers[1].name == "X-Trace");
    CHECK(req->headers[2].name == "Content-Type");
    CHECK(req->headers[2].value == "application/json");
}

TEST_CASE("json body: an operation with body members sends {} when all are absent") {
    auto req = restop::encode(cc::list_access_tokens{}, token);
    REQUIRE(req);
    CHECK(req->body == "{}");
    CHECK(*restop::find_header(req->headers, "content-type") == "application/json");
}

TEST_CASE("json body: nested structures are validated too") {
    put_record record{.id = "r1", .labels = {{.key = "x"}, {}}};
    auto checked = restop::validate(record);
    REQUIRE_FALSE(checked);
    CHECK(checked.error().message() == "member 'key' is required but was not set");
}

TEST_CASE("json body: a reused request drops the body and Content-Type of a body-less operation") {
    restop::request scratch;
    REQUIRE(restop::encode_into(scratch, cc::create_access_token{.name = "n"}, token));
    CHECK_FALSE(scratch.body.empty());
    REQUIRE(restop::encode_into(scratch, cc::delete_access_token{.id = "x"}, token));
    CHECK(scratch.body.empty());
    CHECK(restop::find_header(scratch.headers, "content-type") == nullptr);
    CHECK(scratch.headers.size() == 1);
}

namespace {
// A body of scalars only: written as text (json_text_value), not through a DOM.
struct put_scalars {
    restop::string_param<restop::required> id{};
    restop::string_param<> text{};
    std::optional<std::string> plain{};
    std::int32_t small = 0;
    std::optional<std::int64_t> big{};
    std::uint64_t unsigned_count = 0;
    std::optional<bool> flag{};
    std::optional<restop::timestamp> at_date_time{};
    std::optional<restop::timestamp> at_epoch{};
    std::optional<restop::timestamp> at_http_date{};
    restop::string_param<> request_token{};
    using description = restop::operation<
        restop::http_method::post, "/scalars/{id}", 200,
        restop::members<restop::http_label<"id", &put_scalars::id>, restop::json_field<"text", &put_scalars::text>,
                        restop::json_field<"plain", &put_scalars::plain>, restop::json_field<"small", &put_scalars::small>,
                        restop::json_field<"big", &put_scalars::big>,
                        restop::json_field<"unsignedCount", &put_scalars::unsigned_count>,
                        restop::json_field<"flag", &put_scalars::flag>,
                        restop::json_field<"atDateTime", &put_scalars::at_date_time, restop::format<restop::timestamp_format::date_time>>,
                        restop::json_field<"atEpoch", &put_scalars::at_epoch, restop::format<restop::timestamp_format::epoch_seconds>>,
                        restop::json_field<"atHttpDate", &put_scalars::at_http_date, restop::format<restop::timestamp_format::http_date>>,
                        restop::json_field<"requestToken", &put_scalars::request_token, restop::idempotency_token>>,
        restop::errors<>>;
};

using scalar_members = restop::description_t<put_scalars>::member_list;
static_assert(restop::detail::body_writes_json_text<put_scalars>(scalar_members{}));
static_assert(!restop::detail::body_writes_json_text<put_record>(restop::description_t<put_record>::member_list{}),
              "lists and structures take the DOM path");
static_assert(restop::detail::is_plain_json_name("expiresTime") && !restop::detail::is_plain_json_name("a\"b") &&
              !restop::detail::is_plain_json_name("caf\xC3\xA9"));

// What the DOM path writes for the same members: the text path must write the same bytes.
std::string body_through_dom(const put_scalars& op, std::string_view idempotency_token) {
    boost::json::object object;
    restop::detail::write_body_fields(object, op, scalar_members{}, idempotency_token);
    std::string body;
    restop::detail::serialize_into(body, object);
    return body;
}

std::string fixed_token() { return "00000000-0000-4000-8000-000000000001"; }
}  // namespace

TEST_CASE("json body: a body of scalars is written as text, byte for byte what the DOM writes") {
    put_scalars op{.id = "s1",
                   .text = "q\" b\\ n\n t\t c\x01 del\x7F caf\xC3\xA9 \xF0\x9F\x98\xB9",
                   .plain = "plain",
                   .small = -42,
                   .big = -9223372036854775807LL - 1,
                   .unsigned_count = 18446744073709551615ULL,
                   .flag = false,
                   .at_date_time = restop::parse_rfc3339("2026-01-31T12:00:00.000000001Z"),
                   .at_epoch = restop::parse_rfc3339("2019-12-16T23:48:18.5Z"),
                   .at_http_date = restop::parse_rfc3339("2019-12-16T23:48:18.25Z")};
    auto req = restop::encode(op, token, {.level = std::nullopt, .make_idempotency_token = fixed_token});
    REQUIRE(req);
    CHECK(req->body == R"({"text":"q\" b\\ n\n t\t c\u0001 del)"
                       "\x7F"
                       R"( café 😹","plain":"plain","small":-42,"big":-9223372036854775808,)"
                       R"("unsignedCount":18446744073709551615,"flag":false,"atDateTime":"2026-01-31T12:00:00.000000001Z",)"
                       R"("atEpoch":1.5765400985E9,"atHttpDate":"Mon, 16 Dec 2019 23:48:18.25 GMT",)"
                       R"("requestToken":"00000000-0000-4000-8000-000000000001"})");
    CHECK(req->body == body_through_dom(op, fixed_token()));

    // Whole epoch seconds are an integer; absent members are left out; a caller's token is kept.
    put_scalars sparse{.id = "s2", .at_epoch = restop::parse_rfc3339("2019-12-16T23:48:18Z"), .request_token = "mine"};
    auto second = restop::encode(sparse, token);
    REQUIRE(second);
    CHECK(second->body == R"({"small":0,"unsignedCount":0,"atEpoch":1576540098,"requestToken":"mine"})");
    CHECK(second->body == body_through_dom(sparse, {}));
}

TEST_CASE("json body: every ASCII byte and some longer characters at every offset of strings up to 20 bytes are written as the DOM writes them") {
    // Strings that need no escaping are copied, checked eight bytes at a time with an overlapping
    // last word; the rest go to Boost.JSON. Both must give Boost.JSON's bytes, whatever sits
    // wherever: a control byte, '"', '\\', DEL, or a character of two to four bytes (0xA2 and
    // 0xDC among them: XORed with '"' or '\\' they leave only the high bit).
    std::vector<std::string> characters;
    for (int byte = 0; byte < 128; ++byte) characters.emplace_back(1, static_cast<char>(byte));
    for (const char* longer : {"\xC2\x80", "\xC2\xA0", "\xC2\xA2", "\xDC\x80", "\xC3\xA9", "\xE2\x82\xAC", "\xEF\xBF\xBF", "\xF0\x9F\x98\xB9"}) characters.emplace_back(longer);
    std::size_t copied = 0;
    for (std::size_t length = 1; length <= 20; ++length) {
        for (std::size_t at = 0; at < length; ++at) {
            for (const std::string& character : characters) {
                std::string text(length, 'x');
                text.replace(at, 1, character);
                put_scalars op{.id = "s", .text = text, .request_token = "t"};
                auto req = restop::encode(op, token, {.level = std::nullopt});
                REQUIRE(req);
                const std::string dom = body_through_dom(op, {});
                if (req->body != dom) {
                    CAPTURE(length);
                    CAPTURE(at);
                    CAPTURE(character);
                    CHECK(req->body == dom);
                }
                copied += req->body == R"({"text":")" + text + R"(","small":0,"unsignedCount":0,"requestToken":"t"})";
            }
        }
    }
    // At each of the 210 positions, all but the 32 control bytes, '"' and '\\' pass as they are.
    CHECK(copied == 210 * (characters.size() - 34));
}

TEST_CASE("json body: a text body re-encoded into a reused request replaces the longer one before it") {
    restop::request scratch;
    put_scalars long_one{.id = "s1", .text = std::string_view("a fairly long text that grows the body first"), .request_token = "t"};
    REQUIRE(restop::encode_into(scratch, long_one, token));
    put_scalars short_one{.id = "s1", .small = 1, .request_token = "t"};
    REQUIRE(restop::encode_into(scratch, short_one, token));
    CHECK(scratch.body == R"({"small":1,"unsignedCount":0,"requestToken":"t"})");
}

#include <doctest/doctest.h>

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

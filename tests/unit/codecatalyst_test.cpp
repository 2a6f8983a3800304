#include <doctest/doctest.h>

#include <restop/restop.hpp>

namespace cc = restop::codecatalyst;

// The six service errors, as the model and the product page give them.
static_assert(cc::validation_exception::wire_name == "ValidationException" && cc::validation_exception::http_status == 400);
static_assert(cc::service_quota_exceeded_exception::http_status == 402);
static_assert(cc::access_denied_exception::http_status == 403);
static_assert(cc::resource_not_found_exception::http_status == 404);
static_assert(cc::conflict_exception::http_status == 409);
static_assert(cc::throttling_exception::http_status == 429 && cc::throttling_exception::is_retryable);
static_assert(!cc::conflict_exception::is_retryable);
static_assert(cc::validation_exception::fault_kind == restop::fault::client);

// A literal id is checked by the compiler: this one compiles because it is 36 characters.
constexpr cc::delete_access_token documented_example{.id = "a1b2c3d4-5678-90ab-cdef-EXAMPLEbbbbb"};
static_assert(documented_example.id.view().size() == 36);

TEST_CASE("codecatalyst: the default endpoint is global and region-free") {
    CHECK(cc::default_endpoint == "https://codecatalyst.global.api.aws");
    CHECK(cc::fips_endpoint == "https://codecatalyst-fips.global.api.aws");
}

TEST_CASE("codecatalyst: the product page's sample request") {
    const restop::bearer_token token("AKIAI44QH8DHBEXAMPLE");
    auto req = restop::encode(documented_example, token);
    REQUIRE(req);
    CHECK(to_string(req->method) == "DELETE");
    CHECK(req->target == "/v1/accessTokens/a1b2c3d4-5678-90ab-cdef-EXAMPLEbbbbb");
    CHECK(req->headers.size() == 1);
    CHECK(req->body.empty());
}

TEST_CASE("codecatalyst: the product page's sample response decodes to success") {
    restop::response sample{200, {{"Content-Type", "application/json; charset=utf-8"}, {"Date", "Sat, 05 Nov 2022 13:20:05 GMT"}}, "{}"};
    auto r = restop::decode<cc::delete_access_token>(sample);
    REQUIRE(r);
    CHECK(r->status == 200);
}

TEST_CASE("codecatalyst: CreateAccessToken is PUT /v1/accessTokens with an exact JSON body") {
    const restop::bearer_token token("t");
    auto req = restop::encode(cc::create_access_token{.name = "ci runner", .expires_time = restop::parse_rfc3339("2026-01-31T12:00:00Z")}, token);
    REQUIRE(req);
    CHECK(to_string(req->method) == "PUT");
    CHECK(req->target == "/v1/accessTokens");
    CHECK(req->body == R"({"name":"ci runner","expiresTime":"2026-01-31T12:00:00Z"})");
    auto without_expiry = restop::encode(cc::create_access_token{.name = "n"}, token);
    CHECK(without_expiry->body == R"({"name":"n"})");
}

TEST_CASE("codecatalyst: CreateAccessToken's name is 1..100 and required") {
    const std::string long_name(101, 'n');
    CHECK(restop::validate(cc::create_access_token{}).error().message() == "member 'name' is required but was not set");
    CHECK(restop::validate(cc::create_access_token{.name = long_name}).error().message() ==
          "member 'name' has length 101 (Unicode scalar values), outside @length 1..100");
}

TEST_CASE("codecatalyst: ListAccessTokens constraints and body") {
    CHECK(restop::validate(cc::list_access_tokens{.max_results = restop::runtime(11)}).error().message() == "member 'maxResults' is 11, outside @range ..10");
    const std::string empty_token;
    CHECK(restop::validate(cc::list_access_tokens{.next_token = empty_token}).error().message() ==
          "member 'nextToken' has length 0 (Unicode scalar values), outside @length 1..10000");
    auto req = restop::encode(cc::list_access_tokens{.max_results = 10, .next_token = "abc"}, restop::bearer_token("t"));
    REQUIRE(req);
    CHECK(to_string(req->method) == "POST");
    CHECK(req->body == R"({"maxResults":10,"nextToken":"abc"})");
}

TEST_CASE("codecatalyst: VerifySession is GET /session without a body") {
    auto req = restop::encode(cc::verify_session{}, restop::bearer_token("t"));
    REQUIRE(req);
    CHECK(to_string(req->method) == "GET");
    CHECK(req->target == "/session");
    CHECK(req->body.empty());
    CHECK(req->headers.size() == 1);
}

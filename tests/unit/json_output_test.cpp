#include <doctest/doctest.h>

#include <restop/restop.hpp>

namespace cc = restop::codecatalyst;

namespace {
template <class Op>
auto decode_body(int status, std::string body) {
    return restop::decode<Op>(restop::response{status, {{"x-amzn-requestid", "rid"}}, std::move(body)});
}

std::string problem(const restop::error_of<cc::list_access_tokens>& error) {
    REQUIRE(error.kind() == restop::error_kind::malformed);
    return error.message();
}
}  // namespace

TEST_CASE("json output: every field of CreateAccessToken decodes with its type") {
    auto created = decode_body<cc::create_access_token>(
        201, R"({"secret":"s-123","name":"ci","expiresTime":"2026-01-31T12:00:00.5+01:00","accessTokenId":"id-1","extra":[1]})");
    REQUIRE(created);
    CHECK(created->status == 201);
    CHECK(created->request_id == "rid");
    CHECK(created->output.secret.reveal() == "s-123");
    CHECK(created->output.name == "ci");
    CHECK(restop::format_rfc3339(created->output.expires_time) == "2026-01-31T11:00:00.5Z");
    CHECK(created->output.access_token_id == "id-1");
}

TEST_CASE("json output: ListAccessTokens items, optional members and the next token") {
    auto page = decode_body<cc::list_access_tokens>(
        200, R"({"items":[{"id":"a","name":"A","expiresTime":"2026-01-01T00:00:00Z"},{"id":"b","name":"B","expiresTime":null}],"nextToken":"n1"})");
    REQUIRE(page);
    REQUIRE(page->output.items.size() == 2);
    CHECK(page->output.items[0].id == "a");
    CHECK(page->output.items[0].expires_time.has_value());
    CHECK_FALSE(page->output.items[1].expires_time.has_value());
    CHECK(page->output.next_token == "n1");
    auto last = decode_body<cc::list_access_tokens>(200, R"({"items":[]})");
    REQUIRE(last);
    CHECK(last->output.items.empty());
    CHECK_FALSE(last->output.next_token);
}

TEST_CASE("json output: a missing or mistyped required member is a clear error, never a default") {
    struct row {
        std::string body;
        std::string message;
    };
    const row rows[] = {
        {R"({})", "output member 'items' is missing"},
        {R"({"items":null})", "output member 'items' is missing"},
        {R"({"items":{}})", "output member 'items' is not a list"},
        {R"({"items":[{"id":"a"}]})", "output member 'items[0].name' is missing"},
        {R"({"items":[{"id":"a","name":"A"},{"id":5,"name":"B"}]})", "output member 'items[1].id' is not a string"},
        {R"({"items":[null]})", "output member 'items[0]' is null"},
        {R"({"items":[{"id":"a","name":"A","expiresTime":"yesterday"}]})",
         "output member 'items[0].expiresTime' is not an RFC 3339 date-time string"},
        {R"({"items":[{"id":"a","name":"A","expiresTime":1700000000}]})",
         "output member 'items[0].expiresTime' is not an RFC 3339 date-time string"},
        {R"({"items":[],"nextToken":7})", "output member 'nextToken' is not a string"},
        {R"([])", "the response body is not a JSON object"},
        {R"({"items":[)", "the response body is not valid JSON"},
        {"<html>ok</html>", "the response body is not valid JSON"},
        {"", "output member 'items' is missing"},
    };
    for (const row& r : rows) {
        CAPTURE(r.body);
        auto decoded = decode_body<cc::list_access_tokens>(200, r.body);
        REQUIRE_FALSE(decoded);
        CHECK(problem(decoded.error()) == r.message);
        CHECK(decoded.error().status() == 200);
        CHECK(decoded.error().request_id() == "rid");
        CHECK(decoded.error().name() == "MalformedResponse");
        CHECK(decoded.error().fault() == restop::fault::server);
        CHECK_FALSE(decoded.error().retryable());
        CHECK(decoded.error().get_if<restop::malformed_response>()->body == r.body);
    }
}

TEST_CASE("json output: the secret never appears in a decode error") {
    auto decoded = decode_body<cc::create_access_token>(201, R"({"secret":"TOP-SECRET-VALUE","name":"ci","accessTokenId":"x"})");
    REQUIRE_FALSE(decoded);
    CHECK(decoded.error().message() == "output member 'expiresTime' is missing");
    CHECK(decoded.error().message().find("TOP-SECRET") == std::string::npos);
}

TEST_CASE("json output: VerifySession's identity is optional, an empty body is accepted") {
    auto with = decode_body<cc::verify_session>(200, R"({"identity":"alice"})");
    REQUIRE(with);
    CHECK(with->output.identity == "alice");
    auto without = decode_body<cc::verify_session>(200, "");
    REQUIRE(without);
    CHECK_FALSE(without->output.identity);
}

namespace {
struct counts {
    std::int32_t small = 0;
    std::uint8_t tiny = 0;
    using fields = restop::fields<restop::json_field<"small", &counts::small>, restop::json_field<"tiny", &counts::tiny>>;
};
}  // namespace

TEST_CASE("json output: integers are range-checked into their C++ type") {
    counts out;
    CHECK_FALSE(restop::read_json_output(R"({"small":-5,"tiny":255})", out));
    CHECK(out.small == -5);
    CHECK(out.tiny == 255);
    CHECK(*restop::read_json_output(R"({"small":2147483648,"tiny":1})", out) == "output member 'small' is out of range");
    CHECK(*restop::read_json_output(R"({"small":1,"tiny":-1})", out) == "output member 'tiny' is out of range");
    CHECK(*restop::read_json_output(R"({"small":1.5,"tiny":1})", out) == "output member 'small' is not an integer");
}

#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include <restop/restop.hpp>

namespace cc = restop::codecatalyst;
using restop::error_kind;

namespace {
auto decode(int status, restop::header_list headers, std::string body) {
    return restop::decode<cc::delete_access_token>(restop::response{status, std::move(headers), std::move(body)});
}
}  // namespace

TEST_CASE("decode: any 2xx is success, whatever the body, with the request id") {
    for (int status : {200, 201, 202, 204, 299}) {
        for (const char* body : {"", "{}", "not json", "[1,2]", "{\"unexpected\":true}"}) {
            CAPTURE(status);
            CAPTURE(body);
            auto r = decode(status, {{"X-Amzn-RequestId", "req-1"}}, body);
            REQUIRE(r);
            CHECK(r->status == status);
            CHECK(r->request_id == "req-1");
        }
    }
    auto no_id = decode(200, {}, "{}");
    REQUIRE(no_id);
    CHECK(no_id->request_id.empty());
}

TEST_CASE("decode: the error name comes from X-Amzn-Errortype, then code, then __type") {
    struct row {
        const char* what;
        restop::header_list headers;
        std::string body;
        std::string_view expected;
    };
    const row rows[] = {
        {"header alone", {{"X-Amzn-Errortype", "ConflictException"}}, "", "ConflictException"},
        {"header in lower case", {{"x-amzn-errortype", "ConflictException"}}, "", "ConflictException"},
        {"header in upper case", {{"X-AMZN-ERRORTYPE", "ConflictException"}}, "", "ConflictException"},
        {"header beats code and __type",
         {{"X-Amzn-Errortype", "ConflictException"}},
         R"({"code":"AccessDeniedException","__type":"ValidationException"})",
         "ConflictException"},
        {"code beats __type", {}, R"({"code":"AccessDeniedException","__type":"ValidationException"})", "AccessDeniedException"},
        {"__type alone", {}, R"({"__type":"ValidationException"})", "ValidationException"},
        {"empty header falls through to the body", {{"X-Amzn-Errortype", ""}}, R"({"code":"ConflictException"})", "ConflictException"},
        {"non-string code falls through to __type", {}, R"({"code":7,"__type":"ConflictException"})", "ConflictException"},
        {"header with a URL suffix", {{"X-Amzn-Errortype", "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.codecatalyst/"}}, "", "ResourceNotFoundException"},
        {"__type with a shape ID", {}, R"({"__type":"com.amazonaws.codecatalyst#ResourceNotFoundException"})", "ResourceNotFoundException"},
        {"shape ID and URL together", {{"X-Amzn-Errortype", "aws.protocoltests#ConflictException:http://x"}}, "", "ConflictException"},
        {"comma-separated header", {{"X-Amzn-Errortype", "ConflictException,AccessDeniedException"}}, "", "ConflictException"},
    };
    for (const row& r : rows) {
        CAPTURE(r.what);
        auto decoded = decode(400, r.headers, r.body);
        REQUIRE_FALSE(decoded);
        CHECK(decoded.error().kind() == error_kind::modeled);
        CHECK(decoded.error().name() == r.expected);
        CHECK(decoded.error().status() == 400);  // the status is kept even when the name disagrees with it
    }
}

TEST_CASE("sanitize_error_name: the AWS rules") {
    CHECK(restop::sanitize_error_name("FooError") == "FooError");
    CHECK(restop::sanitize_error_name("FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/") == "FooError");
    CHECK(restop::sanitize_error_name("aws.protocoltests.restjson#FooError") == "FooError");
    CHECK(restop::sanitize_error_name("aws.protocoltests.restjson#FooError:http://internal.amazon.com/") == "FooError");
    CHECK(restop::sanitize_error_name("FooError,BarError") == "FooError");
    CHECK(restop::sanitize_error_name(" FooError ") == "FooError");
    CHECK(restop::sanitize_error_name("") == "");
    CHECK(restop::sanitize_error_name(":x") == "");
}

TEST_CASE("decode: with no name, every row of the status table") {
    struct row {
        int status;
        std::string_view name;
        bool retryable;
    };
    const row rows[] = {
        {400, "ValidationException", false},  {402, "ServiceQuotaExceededException", false},
        {403, "AccessDeniedException", false}, {404, "ResourceNotFoundException", false},
        {409, "ConflictException", false},     {429, "ThrottlingException", true},
    };
    for (const row& r : rows) {
        CAPTURE(r.status);
        auto decoded = decode(r.status, {}, R"({"message":"m"})");
        REQUIRE_FALSE(decoded);
        CHECK(decoded.error().kind() == error_kind::modeled);
        CHECK(decoded.error().name() == r.name);
        CHECK(decoded.error().fault() == restop::fault::client);
        CHECK(decoded.error().retryable() == r.retryable);
        CHECK(decoded.error().message() == "m");
    }
}

TEST_CASE("decode: modeled errors are their own types carrying the message") {
    auto decoded = decode(404, {{"X-Amzn-Errortype", "ResourceNotFoundException"}, {"x-amzn-requestid", "rid-404"}},
                          R"({"message":"Access token not found"})");
    REQUIRE_FALSE(decoded);
    const auto* not_found = decoded.error().get_if<cc::resource_not_found_exception>();
    REQUIRE(not_found != nullptr);
    CHECK(not_found->message == "Access token not found");
    CHECK(decoded.error().request_id() == "rid-404");
    CHECK_FALSE(decoded.error().holds<cc::access_denied_exception>());
}

TEST_CASE("decode: message comes from message, else Message") {
    auto lower = decode(403, {}, R"({"message":"lower","Message":"upper"})");
    CHECK(lower.error().message() == "lower");
    auto upper = decode(403, {}, R"({"Message":"upper"})");
    CHECK(upper.error().message() == "upper");
    auto neither = decode(403, {}, R"({"msg":"x"})");
    CHECK(neither.error().message().empty());
}

TEST_CASE("decode: unknown names and unmodeled statuses are inspectable unknown errors") {
    auto unknown_name = decode(400, {{"X-Amzn-Errortype", "com.amazon#InternalFailure:http://x"}, {"x-amzn-requestid", "r9"}},
                               R"({"message":"boom"})");
    REQUIRE_FALSE(unknown_name);
    CHECK(unknown_name.error().kind() == error_kind::unknown);
    const auto* unknown = unknown_name.error().get_if<restop::unknown_error>();
    REQUIRE(unknown != nullptr);
    CHECK(unknown->name == "InternalFailure");
    CHECK(unknown->message == "boom");
    CHECK(unknown->body == R"({"message":"boom"})");
    CHECK(unknown_name.error().name() == "InternalFailure");
    CHECK(unknown_name.error().status() == 400);
    CHECK(unknown_name.error().request_id() == "r9");
    CHECK(unknown_name.error().fault() == restop::fault::client);
    CHECK_FALSE(unknown_name.error().retryable());

    struct row {
        int status;
        restop::fault fault;
        bool retryable;
    };
    const row rows[] = {{500, restop::fault::server, true},  {501, restop::fault::server, false},
                        {502, restop::fault::server, true},  {503, restop::fault::server, true},
                        {504, restop::fault::server, true},  {505, restop::fault::server, false},
                        {401, restop::fault::client, false}, {405, restop::fault::client, false},
                        {302, restop::fault::client, false}, {99, restop::fault::client, false}};
    for (const row& r : rows) {
        CAPTURE(r.status);
        auto decoded = decode(r.status, {}, "<html>Bad Gateway</html>");
        REQUIRE_FALSE(decoded);
        CHECK(decoded.error().kind() == error_kind::unknown);
        CHECK(decoded.error().name() == "UnknownError");
        CHECK(decoded.error().status() == r.status);
        CHECK(decoded.error().fault() == r.fault);
        CHECK(decoded.error().retryable() == r.retryable);
        CHECK(decoded.error().get_if<restop::unknown_error>()->body == "<html>Bad Gateway</html>");
    }
}

TEST_CASE("decode: malformed bodies never crash, never throw, and keep the status") {
    std::string deep(100000, '[');
    std::string deep_object = "{\"message\":" + std::string(5000, '[');
    std::string huge = "{\"message\":\"" + std::string(2 * 1024 * 1024, 'x') + "\"}";
    std::string nested_ok = R"({"message":"ok","detail":{"a":[1,2,{"b":null}]}})";
    const std::pair<const char*, std::string> bodies[] = {
        {"empty", ""},
        {"whitespace", "  \r\n\t"},
        {"HTML", "<html><body><h1>502 Bad Gateway</h1></body></html>"},
        {"truncated", R"({"message":"Access tok)"},
        {"array", R"(["message","x"])"},
        {"string", R"("message")"},
        {"number", "404"},
        {"null", "null"},
        {"deeply nested arrays", deep},
        {"deeply nested in an object", deep_object},
        {"over the parse cap", huge},
        {"invalid UTF-8", "{\"message\":\"\xFF\xFE\"}"},
        {"NUL bytes", std::string("{\"message\":\"a\0b\"}", 17)},
        {"trailing garbage", R"({"message":"x"} trailing)"},
        {"duplicate keys", R"({"message":"a","message":"b"})"},
        {"number where a string belongs", R"({"message":42,"code":[]})"},
    };
    for (const auto& row : bodies) {
        CAPTURE(row.first);
        auto decoded = decode(404, {}, row.second);
        REQUIRE_FALSE(decoded);
        CHECK(decoded.error().status() == 404);
        CHECK(decoded.error().holds<cc::resource_not_found_exception>());
    }
    CHECK(decode(404, {}, nested_ok).error().message() == "ok");
    CHECK(decode(404, {}, huge).error().message().empty());  // too big to parse, status still decides
}

TEST_CASE("decode: a repeated request-id header yields its first value") {
    auto r = decode(200, {{"x-amzn-requestid", "first"}, {"X-Amzn-RequestId", "second"}}, "");
    REQUIRE(r);
    CHECK(r->request_id == "first");
}

TEST_CASE("decode: operator<< on an error shows name, status, fault, message and request id") {
    auto decoded = decode(429, {{"x-amzn-requestid", "rid-7"}}, R"({"message":"Rate exceeded"})");
    std::ostringstream out;
    out << decoded.error();
    CHECK(out.str() == "ThrottlingException (HTTP 429, client fault): Rate exceeded [request id rid-7]");
}

#include <doctest/doctest.h>

#include <string>

#include <restop/restop.hpp>

namespace cc = restop::codecatalyst;
using restop::constraint;

namespace {
const restop::bearer_token token("test-token-1");

std::string target_for(const std::string& id) {
    auto req = restop::encode(cc::delete_access_token{.id = id}, token);
    REQUIRE(req);
    return req->target;
}
}  // namespace

TEST_CASE("encode: DeleteAccessToken is exactly DELETE, the target, one Authorization header, no body") {
    auto req = restop::encode(cc::delete_access_token{.id = "a1b2c3d4-5678-90ab-cdef-EXAMPLEbbbbb"}, token);
    REQUIRE(req);
    CHECK(req->method == restop::http_method::delete_);
    CHECK(req->target == "/v1/accessTokens/a1b2c3d4-5678-90ab-cdef-EXAMPLEbbbbb");
    REQUIRE(req->headers.size() == 1);
    CHECK(req->headers[0].name == "Authorization");
    CHECK(req->headers[0].value == "Bearer test-token-1");
    CHECK(req->body.empty());
    CHECK(restop::find_header(req->headers, "content-type") == nullptr);
}

TEST_CASE("encode: label wire vectors") {
    CHECK(target_for(" %:/?#[]@!$&'()*+,;=\xF0\x9F\x98\xB9") ==
          "/v1/accessTokens/%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9");
    CHECK(target_for("a/b") == "/v1/accessTokens/a%2Fb");
    CHECK(target_for("100%") == "/v1/accessTokens/100%25");
    CHECK(target_for("a b") == "/v1/accessTokens/a%20b");
    CHECK(target_for("..") == "/v1/accessTokens/..");
    CHECK(target_for(".") == "/v1/accessTokens/.");
    CHECK(target_for("a\r\nb") == "/v1/accessTokens/a%0D%0Ab");  // CR/LF are encoded, never raw
    std::string e_acute_36;
    for (int i = 0; i < 36; ++i) e_acute_36 += "\xC3\xA9";
    std::string expected = "/v1/accessTokens/";
    for (int i = 0; i < 36; ++i) expected += "%C3%A9";
    CHECK(target_for(e_acute_36) == expected);
}

TEST_CASE("encode: 37 scalar values are refused and nothing is encoded") {
    std::string e_acute_37;
    for (int i = 0; i < 37; ++i) e_acute_37 += "\xC3\xA9";
    restop::request scratch{restop::http_method::get, "/untouched", {{"Keep", "me"}}, "body"};
    auto r = restop::encode_into(scratch, cc::delete_access_token{.id = e_acute_37}, token);
    REQUIRE_FALSE(r);
    CHECK(r.error().violated == constraint::length);
    CHECK(r.error().measure == 37);
    CHECK(scratch.target == "/untouched");
    CHECK(scratch.method == restop::http_method::get);
    REQUIRE(scratch.headers.size() == 1);
    CHECK(scratch.body == "body");
}

TEST_CASE("encode: the token must be present and free of control bytes") {
    struct row {
        std::string token;
        restop::constraint violated;
        std::int64_t measure;
        const char* message;
    };
    const row rows[] = {
        {"", constraint::token_present, 0, "the bearer token is empty"},
        {"abc\r\nX-Injected: 1", constraint::no_control_bytes, 3,
         "the bearer token holds a control byte at offset 3, which must never reach a header"},
        {std::string("ab\0c", 4), constraint::no_control_bytes, 2,
         "the bearer token holds a control byte at offset 2, which must never reach a header"},
        {"tab\there", constraint::no_control_bytes, 3,
         "the bearer token holds a control byte at offset 3, which must never reach a header"},
        {"del\x7F", constraint::no_control_bytes, 3,
         "the bearer token holds a control byte at offset 3, which must never reach a header"},
    };
    for (const row& r : rows) {
        const restop::bearer_token bad(r.token);
        auto encoded = restop::encode(cc::delete_access_token{.id = "abc"}, bad);
        REQUIRE_FALSE(encoded);
        CHECK(encoded.error().violated == r.violated);
        CHECK(encoded.error().measure == r.measure);
        CHECK(encoded.error().message() == r.message);
    }
}

TEST_CASE("encode: a control byte is found at every offset of tokens of every length up to 40") {
    // The scan reads eight bytes at a time and ends on a word that overlaps the one before, so
    // each length and offset takes a different path through it.
    for (std::size_t length = 1; length <= 40; ++length) {
        for (std::size_t at = 0; at < length; ++at) {
            for (const char control : {'\0', '\t', '\n', '\x1F', '\x7F'}) {
                std::string text(length, 'x');
                text[at] = control;
                CAPTURE(length);
                CAPTURE(at);
                auto encoded = restop::encode(cc::delete_access_token{.id = "abc"}, restop::bearer_token(text));
                REQUIRE_FALSE(encoded);
                CHECK(encoded.error().violated == constraint::no_control_bytes);
                CHECK(encoded.error().measure == static_cast<std::int64_t>(at));
            }
            // The bytes beside the control ranges pass, above 0x7F too (the token is opaque).
            for (const char neighbour : {' ', '~', '\x80', '\x9F', '\xA0', '\xFF'}) {
                std::string text(length, 'x');
                text[at] = neighbour;
                CAPTURE(length);
                CAPTURE(at);
                CHECK(restop::encode(cc::delete_access_token{.id = "abc"}, restop::bearer_token(text)));
            }
        }
    }
}

TEST_CASE("encode_into: a reused request keeps its storage and its exact bytes") {
    restop::request scratch;
    const std::string first = "first-id";
    const std::string second = "second-id-which-is-longer";
    REQUIRE(restop::encode_into(scratch, cc::delete_access_token{.id = second}, token));
    const char* target_storage = scratch.target.data();
    const char* header_storage = scratch.headers[0].value.data();
    REQUIRE(restop::encode_into(scratch, cc::delete_access_token{.id = first}, token));
    CHECK(scratch.target == "/v1/accessTokens/first-id");
    CHECK(scratch.target.data() == target_storage);
    CHECK(scratch.headers.size() == 1);
    CHECK(scratch.headers[0].value == "Bearer test-token-1");
    CHECK(scratch.headers[0].value.data() == header_storage);
}

TEST_CASE("encode: without credentials there is no Authorization header") {
    auto req = restop::encode(cc::delete_access_token{.id = "abc"});
    REQUIRE(req);
    CHECK(req->headers.empty());
}

TEST_CASE("encode: per-call checks override the operation's default") {
    const std::string long_id(40, 'x');
    CHECK_FALSE(restop::encode(cc::delete_access_token{.id = long_id}, token));
    auto relaxed = restop::encode(cc::delete_access_token{.id = long_id}, token, {.level = restop::checks::wire_only});
    REQUIRE(relaxed);
    CHECK(relaxed->target == "/v1/accessTokens/" + long_id);
}

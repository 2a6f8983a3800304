// The helpers the bundled transports share: endpoint parsing, pre-send validation, redaction.
// Standard library and restop only; no HTTP stack, no sockets.

#include "restop/transports/detail/common.hpp"

#include <doctest/doctest.h>

namespace {

using restop::transports::detail::parse_endpoint;
using restop::transports::detail::redact;
using restop::transports::detail::validate;

restop::request request_with(restop::header field) {
    restop::request req;
    req.target = "/v1/accessTokens/x";
    req.headers.push_back(std::move(field));
    return req;
}

}  // namespace

TEST_SUITE("transports: common") {
    TEST_CASE("transports: endpoints split into scheme, authority, host, port and prefix") {
        auto plain = parse_endpoint("http://127.0.0.1:8080");
        REQUIRE(plain);
        CHECK_FALSE(plain->tls);
        CHECK(plain->authority == "127.0.0.1:8080");
        CHECK(plain->host == "127.0.0.1");
        CHECK(plain->port == 8080);
        CHECK(plain->path_prefix.empty());

        auto aws = parse_endpoint("https://codecatalyst.global.api.aws");
        REQUIRE(aws);
        CHECK(aws->tls);
        CHECK(aws->port == 443);
        CHECK(aws->authority == "codecatalyst.global.api.aws");

        auto prefixed = parse_endpoint("HTTP://example.com/api/v2//");
        REQUIRE(prefixed);
        CHECK(prefixed->scheme == "http");
        CHECK(prefixed->port == 80);
        CHECK(prefixed->path_prefix == "/api/v2");

        auto v6 = parse_endpoint("http://[::1]:9000/p");
        REQUIRE(v6);
        CHECK(v6->host == "::1");
        CHECK(v6->authority == "[::1]:9000");
        CHECK(v6->port == 9000);
        CHECK(v6->path_prefix == "/p");
    }

    TEST_CASE("transports: malformed endpoints are refused with a reason") {
        for (const char* bad :
             {"", "127.0.0.1:8080", "ftp://h", "http://", "http://:80", "http://h:0", "http://h:65536", "http://h:8x",
              "http://user@h", "http://h/?q", "http://h /x", "http://[::1"}) {
            INFO("endpoint: " << bad);
            auto parsed = parse_endpoint(bad);
            REQUIRE_FALSE(parsed);
            CHECK(parsed.error().kind == restop::transport_error_kind::other);
            CHECK(parsed.error().message.find("invalid endpoint") != std::string::npos);
        }
    }

    TEST_CASE("transports: header injection, framing headers and raw targets are refused") {
        CHECK_FALSE(validate(request_with({"Content-Type", "application/json"})));
        CHECK_FALSE(validate(request_with({"X-Empty", ""})));
        CHECK(validate(request_with({"X", "a\rb"})));
        CHECK(validate(request_with({"X", "a\nb"})));
        CHECK(validate(request_with({"X", std::string("a\0b", 3)})));
        CHECK(validate(request_with({"X Y", "1"})));
        CHECK(validate(request_with({"X:Y", "1"})));
        CHECK(validate(request_with({"", "1"})));
        CHECK(validate(request_with({"Content-Length", "1"})));
        CHECK(validate(request_with({"transfer-encoding", "chunked"})));

        restop::request req;
        for (const char* bad : {"", "v1/x", "/a b", "/a#b", "/caf\xc3\xa9", "/a\tb"}) {
            req.target = bad;
            INFO("target: " << bad);
            CHECK(validate(req));
        }
        req.target = "/v1/./x/../a%2Fb%2E%2E?q=a+b&r=%20";
        CHECK_FALSE(validate(req));

        const auto refused = validate(request_with({"Authorization", "Bearer secret-token\r\n"}));
        REQUIRE(refused);
        CHECK(refused->message.find("secret-token") == std::string::npos);
    }

    TEST_CASE("transports: stack messages lose every copy of the credentials") {
        const restop::request req = request_with({"Authorization", "Bearer s3cr3t-token"});
        CHECK(redact("failed: Bearer s3cr3t-token and s3cr3t-token", req) == "failed: <redacted> and <redacted>");
        CHECK(redact("nothing to hide", req) == "nothing to hide");
    }
}

TEST_CASE("transports: a host prefix is checked, and refused by the transports that keep one host") {
    restop::request req;
    req.target = "/things";
    req.host_prefix = "acct.data.";
    CHECK_FALSE(validate(req));
    restop::transports::transport_options options;
    const auto refused = restop::transports::detail::refuse_host_prefix(req, options, "beast");
    REQUIRE(refused);
    CHECK(refused->message ==
          "beast: the request needs the host prefix \"acct.data.\" before the endpoint's host, which this transport does not "
          "apply; use curl_transport, or set transport_options::inject_host_prefix = false for an endpoint that already "
          "names that host; refused before sending");
    options.inject_host_prefix = false;
    CHECK_FALSE(restop::transports::detail::refuse_host_prefix(req, options, "beast"));
    req.host_prefix = "a b.";
    const auto bad = validate(req);
    REQUIRE(bad);
    CHECK(bad->message == "the request's host prefix holds a byte that cannot appear in a host name; refused before sending");
}

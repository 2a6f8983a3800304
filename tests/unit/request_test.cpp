#include <doctest/doctest.h>

#include <sstream>

#include <restop/restop.hpp>

TEST_CASE("request: operator<< prints method, target and headers with Authorization redacted") {
    restop::request req{restop::http_method::delete_, "/v1/accessTokens/abc",
                        {{"authorization", "Bearer very-secret-token"}, {"X-Trace", "t1"}}, ""};
    std::ostringstream out;
    out << req;
    CHECK(out.str() == "DELETE /v1/accessTokens/abc\nauthorization: <redacted>\nX-Trace: t1");
    CHECK(out.str().find("very-secret-token") == std::string::npos);
}

TEST_CASE("http_method: request-line tokens") {
    CHECK(to_string(restop::http_method::get) == "GET");
    CHECK(to_string(restop::http_method::put) == "PUT");
    CHECK(to_string(restop::http_method::post) == "POST");
    CHECK(to_string(restop::http_method::delete_) == "DELETE");
    CHECK(to_string(restop::http_method::patch) == "PATCH");
    CHECK(to_string(restop::http_method::head) == "HEAD");
}

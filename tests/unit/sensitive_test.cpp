#include <doctest/doctest.h>

#include <sstream>

#include <restop/restop.hpp>

TEST_CASE("sensitive_string: prints as <redacted>, reveals on request, empties when moved from") {
    restop::sensitive_string secret(std::string("pat-SECRET-value"));
    std::ostringstream out;
    out << secret;
    CHECK(out.str() == "<redacted>");
    CHECK(secret.reveal() == "pat-SECRET-value");
    static_assert(!std::is_convertible_v<restop::sensitive_string, std::string_view>);
    static_assert(!std::is_convertible_v<std::string, restop::sensitive_string>);
    restop::sensitive_string moved(std::move(secret));
    CHECK(moved.reveal() == "pat-SECRET-value");
    CHECK(secret.empty());  // NOLINT(bugprone-use-after-move)
}

#include <doctest/doctest.h>

#include <sstream>

#include <restop/restop.hpp>

TEST_CASE("bearer_token: printing never shows the secret") {
    const restop::bearer_token token("tok-3f9a-SECRET");
    std::ostringstream out;
    out << token;
    CHECK(out.str() == "bearer_token(<redacted>)");
    CHECK(token.reveal() == "tok-3f9a-SECRET");
    static_assert(!std::is_convertible_v<restop::bearer_token, std::string_view>);
    static_assert(!std::is_convertible_v<std::string, restop::bearer_token>, "construction is explicit");
}

TEST_CASE("bearer_token: a moved-from token is empty") {
    restop::bearer_token a("secret");
    restop::bearer_token b(std::move(a));
    CHECK(b.reveal() == "secret");
    CHECK(a.empty());  // NOLINT(bugprone-use-after-move): the state after a move is specified
    restop::bearer_token null_pointer(static_cast<const char*>(nullptr));
    CHECK(null_pointer.empty());
}

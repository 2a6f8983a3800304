#include <doctest/doctest.h>

#include <string>

#include <restop/restop.hpp>

TEST_CASE("result: holds a value or an error, never both") {
    restop::result<int, std::string> ok = 42;
    REQUIRE(ok.has_value());
    CHECK(static_cast<bool>(ok));
    CHECK(*ok == 42);
    CHECK(ok.value() == 42);

    restop::result<int, std::string> bad = restop::failure(std::string("no"));
    REQUIRE_FALSE(bad.has_value());
    CHECK(bad.error() == "no");
}

TEST_CASE("result: a value and an error of the same type stay apart") {
    restop::result<std::string, std::string> value = std::string("value");
    restop::result<std::string, std::string> error = restop::failure(std::string("error"));
    CHECK(value.has_value());
    CHECK(*value == "value");
    CHECK_FALSE(error.has_value());
    CHECK(error.error() == "error");
}

TEST_CASE("result<void, E>: success without a value") {
    restop::result<void, int> ok;
    CHECK(ok.has_value());
    restop::result<void, int> bad = restop::failure(7);
    CHECK_FALSE(bad.has_value());
    CHECK(bad.error() == 7);
}

TEST_CASE("result: moves its contents out") {
    restop::result<std::string, int> r = std::string(100, 'x');
    std::string taken = std::move(r).value();
    CHECK(taken.size() == 100);
}

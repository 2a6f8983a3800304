#include <doctest/doctest.h>

#include <restop/restop.hpp>

namespace {
template <restop::fixed_string Text>
struct carries {
    static constexpr std::string_view value = Text.view();
};
}  // namespace

// These pass by compiling.
static_assert(carries<"id">::value == "id");
static_assert(restop::fixed_string("abc").size() == 3);
static_assert(restop::fixed_string("").view().empty());
static_assert(std::string_view(restop::fixed_string("x\0y")).size() == 3, "embedded NUL is kept");

TEST_CASE("fixed_string: a literal becomes a template argument with its exact text") {
    CHECK(carries<"/v1/accessTokens/{id}">::value == "/v1/accessTokens/{id}");
    CHECK(carries<"\xF0\x9F\x98\xB9">::value.size() == 4);
}

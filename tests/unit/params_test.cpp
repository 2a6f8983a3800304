#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <type_traits>

#include <restop/restop.hpp>

using restop::checks;
using restop::constraint;
using id_param = restop::string_param<restop::required, restop::length<1, 36>>;
using optional_name = restop::string_param<restop::length<1, 100>>;
using page_size = restop::integer_param<std::int32_t, restop::at_most<10>>;

// A literal is checked by the compiler: these compile because they satisfy their constraints
// (the compile_fail cases prove the opposite).
constexpr id_param literal_id = "a1b2c3d4-5678-90ab-cdef-EXAMPLEbbbbb";
static_assert(literal_id.has_value() && literal_id.view().size() == 36);
constexpr id_param literal_36_e_acute =
    "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
    "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
    "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9";
static_assert(literal_36_e_acute.view().size() == 72);
static_assert(!id_param{}.has_value());
static_assert(id_param::is_required && !optional_name::is_required);

TEST_CASE("string_param: unset, set, and what find_violation reports") {
    const id_param unset;
    REQUIRE(unset.find_violation(checks::all));
    CHECK(unset.find_violation(checks::all)->violated == constraint::required);
    CHECK(unset.find_violation(checks::wire_only)->violated == constraint::required);

    const optional_name absent;
    CHECK_FALSE(absent.find_violation(checks::all));

    const std::string too_long(37, 'a');
    const id_param runtime = too_long;
    REQUIRE(runtime.find_violation(checks::all));
    CHECK(runtime.find_violation(checks::all)->measure == 37);
    CHECK_FALSE(runtime.find_violation(checks::wire_only));  // length is the service's business then

    const std::string not_utf8 = "ab\xFF";
    const id_param invalid = not_utf8;
    REQUIRE(invalid.find_violation(checks::all));
    CHECK(invalid.find_violation(checks::all)->violated == constraint::utf8);
    CHECK(invalid.find_violation(checks::all)->measure == 2);
}

TEST_CASE("string_param: views the caller's text without copying") {
    const std::string text = "abc";
    const id_param param = text;
    CHECK(param.view().data() == text.data());
    static_assert(!std::is_constructible_v<id_param, std::string&&>, "a temporary string would dangle");
}

TEST_CASE("integer_param: range checked at run time, absent when unset") {
    CHECK_FALSE(page_size{}.find_violation(checks::all));
    // Named, not temporaries inside CHECK: clang 14 crashes generating debug information for two
    // consteval-constructed temporaries in doctest assertions of one test case.
    constexpr page_size ten = 10;
    constexpr page_size seven = 7;
    CHECK_FALSE(ten.find_violation(checks::all));
    REQUIRE(page_size{restop::runtime(11)}.find_violation(checks::all));
    CHECK(page_size{restop::runtime(11)}.find_violation(checks::all)->measure == 11);
    CHECK_FALSE(page_size{restop::runtime(11)}.find_violation(checks::wire_only));
    CHECK(seven.value() == 7);
}

// A constant is checked by the compiler; run-time values come in only through restop::runtime,
// (a narrowing one is a compile error: tests/compile_fail/integer_runtime_narrowing.cpp).
static_assert(std::is_constructible_v<page_size, restop::runtime_integer<std::int32_t>>);
static_assert(std::is_constructible_v<restop::integer_param<std::int64_t>, restop::runtime_integer<std::int32_t>>);
static_assert(page_size{10}.value() == 10 && page_size{10}.has_value());

TEST_CASE("integer_param: a run-time value through restop::runtime") {
    std::int32_t parsed = 12;
    const page_size n = restop::runtime(parsed);
    CHECK(n.has_value());
    CHECK(n.value() == 12);
    REQUIRE(n.find_violation(checks::all));
    CHECK(n.find_violation(checks::all)->measure == 12);
}

#include <doctest/doctest.h>

#include <restop/restop.hpp>

using restop::constraint;

// Constraints are types with compile-time bounds.
static_assert(restop::length<1, 36>::min == 1 && restop::length<1, 36>::max == 36);
static_assert(restop::length<3>::max == restop::unbounded);
static_assert(restop::at_most<10>::max == 10);
static_assert(restop::at_most<10>::min == std::numeric_limits<std::int64_t>::min());
static_assert(!restop::length<1, 36>::check("abc"));
static_assert(restop::length<1, 36>::check("")->measure == 0);

TEST_CASE("length: counts Unicode scalar values and reports the measure and bounds") {
    using id_length = restop::length<1, 36>;
    std::string e_acute_36, e_acute_37;
    for (int i = 0; i < 36; ++i) e_acute_36 += "\xC3\xA9";
    e_acute_37 = e_acute_36 + "\xC3\xA9";
    CHECK_FALSE(id_length::check(e_acute_36));  // 72 bytes, 36 scalar values
    const auto too_long = id_length::check(e_acute_37);
    REQUIRE(too_long);
    CHECK(too_long->violated == constraint::length);
    CHECK(too_long->measure == 37);
    CHECK(too_long->min == 1);
    CHECK(too_long->max == 36);
    const auto empty = id_length::check("");
    REQUIRE(empty);
    CHECK(empty->measure == 0);
}

TEST_CASE("range: inclusive bounds") {
    using page = restop::range<1, 10>;
    CHECK_FALSE(page::check(1));
    CHECK_FALSE(page::check(10));
    REQUIRE(page::check(0));
    CHECK(page::check(0)->measure == 0);
    REQUIRE(page::check(11));
    CHECK(page::check(11)->violated == constraint::range);
    CHECK_FALSE(restop::at_most<10>::check(-1000));
}

TEST_CASE("pattern: matches anywhere unless anchored, and reports its text") {
    using uuid = restop::pattern<"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$">;
    CHECK_FALSE(uuid::check("a1b2c3d4-5678-90ab-cdef-0123456789AB"));
    const auto bad = uuid::check("a1b2c3d4-5678-90ab-cdef-EXAMPLEbbbbb");
    REQUIRE(bad);
    CHECK(bad->violated == constraint::pattern);
    CHECK(bad->pattern == uuid::text);
    CHECK_FALSE(restop::pattern<"b">::check("abc"));
}

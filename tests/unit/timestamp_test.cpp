#include <doctest/doctest.h>

#include <chrono>

#include <restop/restop.hpp>

using namespace std::chrono;

namespace {
restop::timestamp at(int y, unsigned m, unsigned d, int hh, int mm, int ss, long long ns = 0) {
    return sys_days(year(y) / month(m) / day(d)) + hours(hh) + minutes(mm) + seconds(ss) + nanoseconds(ns);
}
}  // namespace

TEST_CASE("timestamp: RFC 3339 parsing with fractions and offsets") {
    CHECK(restop::parse_rfc3339("2026-01-31T12:00:00Z") == at(2026, 1, 31, 12, 0, 0));
    CHECK(restop::parse_rfc3339("2026-01-31t12:00:00z") == at(2026, 1, 31, 12, 0, 0));
    CHECK(restop::parse_rfc3339("2026-01-31T12:00:00.5Z") == at(2026, 1, 31, 12, 0, 0, 500'000'000));
    CHECK(restop::parse_rfc3339("2026-01-31T12:00:00.123456789Z") == at(2026, 1, 31, 12, 0, 0, 123'456'789));
    CHECK(restop::parse_rfc3339("2026-01-31T12:00:00.1234567891Z") == at(2026, 1, 31, 12, 0, 0, 123'456'789));
    CHECK(restop::parse_rfc3339("2026-01-31T12:00:00+02:00") == at(2026, 1, 31, 10, 0, 0));
    CHECK(restop::parse_rfc3339("2026-01-31T23:30:00-01:30") == at(2026, 2, 1, 1, 0, 0));
    CHECK(restop::parse_rfc3339("2024-02-29T00:00:00Z") == at(2024, 2, 29, 0, 0, 0));
}

TEST_CASE("timestamp: malformed date-times are refused") {
    for (const char* bad : {"", "2026-01-31", "2026-01-31T12:00:00", "2026-01-31 12:00:00Z", "2026-13-01T00:00:00Z",
                            "2025-02-29T00:00:00Z", "2026-01-31T24:00:00Z", "2026-01-31T12:60:00Z", "2026-01-31T12:00:60Z",
                            "2026-01-31T12:00:00.Z", "2026-01-31T12:00:00+2:00", "2026-01-31T12:00:00Zjunk",
                            "1700000000", "２０２６-01-31T12:00:00Z"}) {
        CAPTURE(bad);
        CHECK_FALSE(restop::parse_rfc3339(bad));
    }
}

TEST_CASE("timestamp: formatted in UTC, fractional seconds only when not zero") {
    CHECK(restop::format_rfc3339(at(2026, 1, 31, 12, 0, 0)) == "2026-01-31T12:00:00Z");
    CHECK(restop::format_rfc3339(at(2026, 1, 31, 12, 0, 0, 500'000'000)) == "2026-01-31T12:00:00.5Z");
    CHECK(restop::format_rfc3339(at(2026, 1, 31, 12, 0, 0, 1)) == "2026-01-31T12:00:00.000000001Z");
    CHECK(restop::format_rfc3339(at(1970, 1, 1, 0, 0, 0)) == "1970-01-01T00:00:00Z");
    CHECK(restop::format_rfc3339(*restop::parse_rfc3339("2030-06-01T12:30:00+02:00")) == "2030-06-01T10:30:00Z");
}

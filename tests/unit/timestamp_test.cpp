#include <doctest/doctest.h>

#include <chrono>
#include <limits>
#include <string>

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

// restop::timestamp counts nanoseconds in 64 bits. Found by decode_fuzzer: instants past 2262
// passed a years-0001..9999 check and then overflowed that count.
TEST_CASE("timestamp: the span of the nanosecond count, in all three formats") {
    const restop::timestamp earliest = restop::timestamp::min();
    const restop::timestamp latest = restop::timestamp::max();
    CHECK(restop::format_rfc3339(earliest) == "1677-09-21T00:12:43.145224192Z");
    CHECK(restop::format_rfc3339(latest) == "2262-04-11T23:47:16.854775807Z");
    // The first 0.78 ms of the span round up to its first whole millisecond, which is inside it.
    CHECK(restop::format_http_date(earliest) == "Tue, 21 Sep 1677 00:12:43.146 GMT");
    CHECK(restop::format_http_date(latest) == "Fri, 11 Apr 2262 23:47:16.854 GMT");
    CHECK(restop::format_epoch_seconds(earliest) == "-9223372036.854");
    CHECK(restop::format_epoch_seconds(latest) == "9223372036.854");
    // What the writers write at either end, the readers read back.
    for (const restop::timestamp edge : {earliest, latest}) {
        CAPTURE(restop::format_rfc3339(edge));
        CHECK(restop::parse_rfc3339(restop::format_rfc3339(edge)) == edge);
        CHECK(restop::parse_epoch_seconds(restop::format_epoch_seconds(edge)) == floor<milliseconds>(edge) + milliseconds(edge == earliest ? 1 : 0));
        CHECK(restop::parse_http_date(restop::format_http_date(edge)));
    }
    CHECK(restop::parse_epoch_seconds("9223372036") == at(2262, 4, 11, 23, 47, 16));
    CHECK(restop::parse_epoch_seconds("-9223372036.854") == restop::timestamp(milliseconds(-9'223'372'036'854)));
    CHECK_FALSE(restop::parse_epoch_seconds("9223372036.855"));
    CHECK_FALSE(restop::parse_epoch_seconds("-9223372036.855"));
    for (const char* not_a_number : {"nan", "inf", "-infinity", "1e3", "+1", "1.", ".5", "-", "1.2.3", "0x10", " 1"}) {
        CAPTURE(not_a_number);
        CHECK_FALSE(restop::parse_epoch_seconds(not_a_number));
    }
    // A fraction too small for a double is zero, not an error.
    CHECK(restop::parse_epoch_seconds("1." + std::string(400, '0') + "1") == at(1970, 1, 1, 0, 0, 1));

    CHECK(restop::parse_rfc3339("2262-04-11T23:47:16.854775807Z") == latest);
    CHECK(restop::parse_rfc3339("1677-09-21T00:12:43.145224192Z") == earliest);
    CHECK_FALSE(restop::parse_rfc3339("2262-04-11T23:47:16.854775808Z"));
    CHECK_FALSE(restop::parse_rfc3339("2262-04-11T23:47:17Z"));
    CHECK_FALSE(restop::parse_rfc3339("1677-09-21T00:12:43.145224191Z"));
    CHECK_FALSE(restop::parse_rfc3339("1677-09-21T00:12:43Z"));
    CHECK_FALSE(restop::parse_rfc3339("9999-12-31T23:59:59Z"));
    CHECK_FALSE(restop::parse_rfc3339("0001-01-01T00:00:00Z"));
    CHECK(restop::parse_rfc3339("2262-04-12T00:00:00+01:00") == at(2262, 4, 11, 23, 0, 0));  // the offset applies before the check
    CHECK(restop::parse_http_date("Fri, 11 Apr 2262 23:47:16 GMT") == at(2262, 4, 11, 23, 47, 16));
    CHECK_FALSE(restop::parse_http_date("Fri, 11 Apr 2262 23:47:17 GMT"));
    CHECK(restop::parse_epoch_seconds("9223372035.5") == restop::timestamp(milliseconds(9'223'372'035'500)));
    CHECK_FALSE(restop::parse_epoch_seconds("9576540098.5"));
    CHECK_FALSE(restop::parse_epoch_seconds("-9223372037"));
    CHECK_FALSE(restop::from_epoch_seconds(std::numeric_limits<double>::quiet_NaN()));
    CHECK_FALSE(restop::from_epoch_seconds(1e300));
    CHECK(restop::format_rfc3339(at(1969, 12, 31, 23, 59, 59, 500'000'000)) == "1969-12-31T23:59:59.5Z");
    CHECK(restop::format_http_date(at(1969, 12, 31, 23, 59, 59, 500'000'000)) == "Wed, 31 Dec 1969 23:59:59.5 GMT");
}

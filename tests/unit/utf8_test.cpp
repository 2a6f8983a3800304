#include <doctest/doctest.h>

#include <string>

#include <restop/restop.hpp>

using restop::detail::scan_utf8;

TEST_CASE("utf8: counts scalar values, not bytes") {
    CHECK(scan_utf8("").scalars == 0);
    CHECK(scan_utf8("abc").scalars == 3);
    CHECK(scan_utf8("\xC3\xA9").scalars == 1);          // é
    CHECK(scan_utf8("\xE2\x82\xAC").scalars == 1);      // €
    CHECK(scan_utf8("\xF0\x9F\x98\xB9").scalars == 1);  // 😹
    std::string thirty_six_e_acute;
    for (int i = 0; i < 36; ++i) thirty_six_e_acute += "\xC3\xA9";
    CHECK(scan_utf8(thirty_six_e_acute).valid);
    CHECK(scan_utf8(thirty_six_e_acute).scalars == 36);
}

TEST_CASE("utf8: ill-formed sequences are refused at their first byte (RFC 3629 section 4)") {
    struct row {
        const char* what;
        std::string bytes;
        std::size_t offset;
    };
    const row rows[] = {
        {"lone continuation byte", "a\x80", 1},
        {"overlong two-byte NUL", "\xC0\x80", 0},
        {"overlong two-byte '/'", "\xC1\xAF", 0},
        {"overlong three-byte", "\xE0\x80\xAF", 0},
        {"overlong four-byte", "\xF0\x80\x80\xAF", 0},
        {"UTF-16 surrogate D800", "ab\xED\xA0\x80", 2},
        {"UTF-16 surrogate DFFF", "\xED\xBF\xBF", 0},
        {"above U+10FFFF", "\xF4\x90\x80\x80", 0},
        {"F5 lead byte", "\xF5\x80\x80\x80", 0},
        {"FF byte", "\xFF", 0},
        {"truncated two-byte", "x\xC3", 1},
        {"truncated four-byte", "\xF0\x9F\x98", 0},
    };
    for (const row& r : rows) {
        CAPTURE(r.what);
        const auto scan = scan_utf8(r.bytes);
        CHECK_FALSE(scan.valid);
        CHECK(scan.invalid_offset == r.offset);
    }
}

TEST_CASE("utf8: a non-ASCII byte is found at every offset of every length up to 40") {
    // Eight bytes at a time, then the last eight as one overlapping word: each length and
    // offset takes a different path.
    for (std::size_t length = 0; length <= 40; ++length) {
        CAPTURE(length);
        const std::string ascii(length, 'a');
        CHECK(scan_utf8(ascii).valid);
        CHECK(scan_utf8(ascii).scalars == length);
        for (std::size_t at = 0; at < length; ++at) {
            CAPTURE(at);
            std::string lone = ascii;
            lone[at] = '\x80';
            const auto refused = scan_utf8(lone);
            CHECK_FALSE(refused.valid);
            CHECK(refused.invalid_offset == at);
            CHECK(refused.scalars == at);
            if (at + 2 <= length) {
                std::string accented = ascii;
                accented.replace(at, 2, "\xC3\xA9");
                CHECK(scan_utf8(accented).valid);
                CHECK(scan_utf8(accented).scalars == length - 1);
            }
        }
    }
}

static_assert(scan_utf8("\xC3\xA9t\xC3\xA9").scalars == 3, "scanning works in constant evaluation");

#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include <restop/restop.hpp>

#include "catalog_service.hpp"

namespace cc = restop::codecatalyst;
using restop::checks;
using restop::constraint;

namespace {
std::string repeat(std::string_view unit, int times) {
    std::string out;
    for (int i = 0; i < times; ++i) out += unit;
    return out;
}

std::string message_of(const restop::validation_error& error) {
    std::ostringstream out;
    out << error;
    return out.str();
}

catalog::get_item valid_item() {
    catalog::get_item item;
    item.shelf = "fiction";
    item.edition = 3;
    item.path = "a/b";
    return item;
}
}  // namespace

TEST_CASE("validate: run-time ids against @length 1..36, counted in scalar values") {
    const std::string thirty_six = repeat("\xC3\xA9", 36);
    const std::string thirty_seven = repeat("\xC3\xA9", 37);
    const std::string ascii_37(37, 'a');
    const std::string empty;
    const std::string not_utf8 = "abc\xC3(";

    CHECK(restop::validate(cc::delete_access_token{.id = thirty_six}));

    auto too_long = restop::validate(cc::delete_access_token{.id = thirty_seven});
    REQUIRE_FALSE(too_long);
    CHECK(too_long.error().member == "id");
    CHECK(too_long.error().violated == constraint::length);
    CHECK(too_long.error().measure == 37);
    CHECK(message_of(too_long.error()) == "member 'id' has length 37 (Unicode scalar values), outside @length 1..36");

    auto ascii = restop::validate(cc::delete_access_token{.id = ascii_37});
    REQUIRE_FALSE(ascii);
    CHECK(ascii.error().measure == 37);

    auto zero = restop::validate(cc::delete_access_token{.id = empty});
    REQUIRE_FALSE(zero);
    CHECK(message_of(zero.error()) == "member 'id' has length 0 (Unicode scalar values), outside @length 1..36");

    auto invalid = restop::validate(cc::delete_access_token{.id = not_utf8});
    REQUIRE_FALSE(invalid);
    CHECK(invalid.error().violated == constraint::utf8);
    CHECK(message_of(invalid.error()) == "member 'id' is not valid UTF-8 (first invalid byte at offset 3)");
}

TEST_CASE("validate: a required member left unset") {
    auto missing = restop::validate(cc::delete_access_token{});
    REQUIRE_FALSE(missing);
    CHECK(missing.error().violated == constraint::required);
    CHECK(message_of(missing.error()) == "member 'id' is required but was not set");
    CHECK_FALSE(restop::validate(cc::delete_access_token{}, checks::wire_only));
}

TEST_CASE("validate: wire_only skips the model's constraints but keeps what the wire needs") {
    const std::string thirty_seven(37, 'a');
    const std::string not_utf8 = "\xFF";
    const std::string empty;
    CHECK(restop::validate(cc::delete_access_token{.id = thirty_seven}, checks::wire_only));
    CHECK(restop::validate(cc::delete_access_token{.id = not_utf8}, checks::wire_only));
    auto empty_label = restop::validate(cc::delete_access_token{.id = empty}, checks::wire_only);
    REQUIRE_FALSE(empty_label);
    CHECK(empty_label.error().violated == constraint::non_empty_label);
    CHECK(message_of(empty_label.error()) == "member 'id' is an empty URI label");
}

TEST_CASE("validate: an operation's default can be wire_only") {
    const std::string too_short = "ab";
    CHECK(restop::validate(catalog::ping{.note = too_short}));
    CHECK_FALSE(restop::validate(catalog::ping{.note = too_short}, checks::all));
}

TEST_CASE("validate: integer ranges, patterns, list elements and header control bytes") {
    auto item = valid_item();
    REQUIRE(restop::validate(item));

    item.edition = restop::runtime(std::int64_t{0});
    auto range = restop::validate(item);
    REQUIRE_FALSE(range);
    CHECK(message_of(range.error()) == "member 'edition' is 0, outside @range 1..1000000");

    item = valid_item();
    const std::string upper = "Fiction";
    item.shelf = upper;
    auto pattern = restop::validate(item);
    REQUIRE_FALSE(pattern);
    CHECK(message_of(pattern.error()) == "member 'shelf' does not match @pattern ^[a-z0-9-]+$");

    item = valid_item();
    const std::string long_tag = "eleven-char";
    item.tags = {"ok", long_tag};
    auto list = restop::validate(item);
    REQUIRE_FALSE(list);
    CHECK(list.error().member == "tag");
    CHECK(list.error().measure == 11);

    item = valid_item();
    const std::string injected = "etag\r\nX-Evil: 1";
    item.if_match = injected;
    auto header = restop::validate(item, checks::wire_only);
    REQUIRE_FALSE(header);
    CHECK(message_of(header.error()) == "member 'If-Match' holds a control byte at offset 4, which must never reach a header");
}

TEST_CASE("validate: members are checked in declaration order; the first violation is reported") {
    catalog::get_item item;  // shelf, edition and path all unset
    auto first = restop::validate(item);
    REQUIRE_FALSE(first);
    CHECK(first.error().member == "shelf");
    CHECK(first.error().violated == constraint::required);
}

TEST_CASE("validate: the value itself never appears in the message") {
    const std::string secretish = std::string(40, 'S') + "\r\n";
    auto r = restop::validate(cc::delete_access_token{.id = secretish});
    REQUIRE_FALSE(r);
    CHECK(message_of(r.error()).find("SSSS") == std::string::npos);
}

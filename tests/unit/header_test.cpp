#include <doctest/doctest.h>

#include <restop/restop.hpp>

TEST_CASE("find_header: names match in any case, the first occurrence wins") {
    const restop::header_list headers{{"X-Amzn-RequestId", "first"}, {"x-amzn-requestid", "second"}, {"Content-Type", "a"}};
    REQUIRE(restop::find_header(headers, "x-amzn-requestid") != nullptr);
    CHECK(*restop::find_header(headers, "x-amzn-requestid") == "first");
    CHECK(*restop::find_header(headers, "X-AMZN-REQUESTID") == "first");
    CHECK(*restop::find_header(headers, "content-type") == "a");
    CHECK(restop::find_header(headers, "x-amzn-errortype") == nullptr);
    CHECK(restop::find_header({}, "anything") == nullptr);
}

TEST_CASE("iequals: ASCII case folding only") {
    CHECK(restop::iequals("Authorization", "aUTHORIZATION"));
    CHECK_FALSE(restop::iequals("abc", "abd"));
    CHECK_FALSE(restop::iequals("abc", "ab"));
    CHECK_FALSE(restop::iequals("\xC3\xA9", "\xC3\x89"));  // é and É are not folded
}

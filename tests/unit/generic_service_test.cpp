#include <doctest/doctest.h>

#include <string>

#include <restop/restop.hpp>

#include "catalog_service.hpp"

namespace {
catalog::get_item full_item(const std::string& path) {
    catalog::get_item item;
    item.shelf = "sci-fi";
    item.edition = 42;
    item.archived = true;
    item.path = path;
    item.tags = {"new", "a b", "x&y"};
    item.limit = 10;
    item.include_drafts = false;
    item.if_match = "\"etag-1\"";
    item.accept_versions = {1, 2};
    return item;
}
}  // namespace

TEST_CASE("generic service: labels of several types, a greedy label, literal and list queries, headers") {
    const std::string path = "books/2024/a b%.txt";
    auto req = restop::encode(full_item(path));
    REQUIRE(req);
    CHECK(req->method == restop::http_method::get);
    CHECK(req->target ==
          "/shelves/sci-fi/editions/42/true/books/2024/a%20b%25.txt?x-op=GetItem"
          "&tag=new&tag=a%20b&tag=x%26y&limit=10&include%20drafts=false");
    REQUIRE(req->headers.size() == 2);
    CHECK(req->headers[0].name == "If-Match");
    CHECK(req->headers[0].value == "\"etag-1\"");
    CHECK(req->headers[1].name == "X-Accept-Versions");
    CHECK(req->headers[1].value == "1, 2");
    CHECK(req->body.empty());
}

TEST_CASE("generic service: absent optional members are omitted") {
    catalog::get_item item;
    item.shelf = "abc";
    item.edition = 1;
    item.path = "p";
    auto req = restop::encode(item);
    REQUIRE(req);
    CHECK(req->target == "/shelves/abc/editions/1/false/p?x-op=GetItem");
    CHECK(req->headers.empty());
}

namespace {
struct tagged {
    std::vector<restop::string_param<>> tags;
    using description = restop::operation<restop::http_method::get, "/t", 200,
                                          restop::members<restop::http_header<"X-Tags", &tagged::tags>>, restop::errors<>>;
};
}  // namespace

TEST_CASE("generic service: a list header element with a comma is quoted") {
    auto req = restop::encode(tagged{.tags = {"plain", "a,b", "say \"hi\""}});
    REQUIRE(req);
    REQUIRE(req->headers.size() == 1);
    CHECK(req->headers[0].value == "plain, \"a,b\", \"say \\\"hi\\\"\"");
}

TEST_CASE("generic service: its own errors decode by name and by status") {
    restop::response by_name{404, {{"x-amzn-errortype", "NoSuchItem"}}, R"({"message":"gone"})"};
    auto named = restop::decode<catalog::get_item>(by_name);
    REQUIRE_FALSE(named);
    REQUIRE(named.error().get_if<catalog::no_such_item>() != nullptr);
    CHECK(named.error().message() == "gone");

    restop::response by_status{503, {}, ""};
    auto throttled = restop::decode<catalog::get_item>(by_status);
    REQUIRE_FALSE(throttled);
    CHECK(throttled.error().holds<catalog::slow_down>());
    CHECK(throttled.error().fault() == restop::fault::server);
    CHECK(throttled.error().retryable());
}

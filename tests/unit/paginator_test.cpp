// Pagination over an in-memory transport (tests/integration covers real sockets and the emulator).
#include <doctest/doctest.h>

#include <ranges>
#include <string>
#include <vector>

#include <restop/restop.hpp>

namespace cc = restop::codecatalyst;

namespace {
struct paged_transport {
    std::vector<restop::transport_result> pages;
    std::vector<std::string> bodies_sent{};
    restop::transport_result send(const restop::request& req) {
        bodies_sent.push_back(req.body);
        const auto index = bodies_sent.size() - 1;
        return index < pages.size() ? pages[index] : restop::response{500, {}, "no more pages scripted"};
    }
};

restop::transport_result page(std::string body) { return restop::response{200, {}, std::move(body)}; }

const restop::bearer_token token("pager-token");

static_assert(std::ranges::input_range<restop::page_range<cc::list_access_tokens, paged_transport>>);
static_assert(std::ranges::input_range<restop::item_range<cc::list_access_tokens, paged_transport>>);
}  // namespace

TEST_CASE("pages: follow next tokens until a page has none; the token is sent on") {
    paged_transport t{{page(R"({"items":[{"id":"a","name":"A"}],"nextToken":"t1"})"), page(R"({"items":[],"nextToken":"t2"})"),
                       page(R"({"items":[{"id":"b","name":"B"}]})")}};
    int count = 0;
    for (const auto& p : restop::pages(t, cc::list_access_tokens{.max_results = 1}, token)) {
        REQUIRE(p);
        ++count;
    }
    CHECK(count == 3);
    CHECK(t.bodies_sent == std::vector<std::string>{R"({"maxResults":1})", R"({"maxResults":1,"nextToken":"t1"})",
                                                    R"({"maxResults":1,"nextToken":"t2"})"});
}

TEST_CASE("items: every item of every page, skipping empty pages") {
    paged_transport t{{page(R"({"items":[{"id":"a","name":"A"},{"id":"b","name":"B"}],"nextToken":"t1"})"),
                       page(R"({"items":[],"nextToken":"t2"})"), page(R"({"items":[{"id":"c","name":"C"}]})")}};
    std::vector<std::string> ids;
    for (const auto& item : restop::items(t, cc::list_access_tokens{}, token)) {
        REQUIRE(item);
        ids.push_back(item->id);
    }
    CHECK(ids == std::vector<std::string>{"a", "b", "c"});
}

TEST_CASE("items: an error page is yielded as an error, then the range ends") {
    paged_transport t{{page(R"({"items":[{"id":"a","name":"A"}],"nextToken":"t1"})"),
                       restop::response{403, {{"X-Amzn-Errortype", "AccessDeniedException"}}, R"({"message":"no"})"}}};
    std::vector<std::string> seen;
    for (const auto& item : restop::items(t, cc::list_access_tokens{}, token, {.max_attempts = 1}))
        seen.push_back(item ? item->id : "error:" + std::string(item.error().name()));
    CHECK(seen == std::vector<std::string>{"a", "error:AccessDeniedException"});
    CHECK(t.bodies_sent.size() == 2);
}

TEST_CASE("pages: a malformed page and a refused first request are errors too") {
    paged_transport malformed{{page(R"({"nextToken":"t1"})")}};
    std::vector<restop::error_kind> kinds;
    for (const auto& p : restop::pages(malformed, cc::list_access_tokens{}, token)) kinds.push_back(p.error().kind());
    CHECK(kinds == std::vector<restop::error_kind>{restop::error_kind::malformed});

    paged_transport untouched{{page(R"({"items":[]})")}};
    kinds.clear();
    for (const auto& p : restop::pages(untouched, cc::list_access_tokens{.max_results = restop::runtime(11)}, token))
        kinds.push_back(p.error().kind());
    CHECK(kinds == std::vector<restop::error_kind>{restop::error_kind::validation});
    CHECK(untouched.bodies_sent.empty());
}

TEST_CASE("pages: a service that repeats the token it was given does not loop forever") {
    paged_transport t{{page(R"({"items":[],"nextToken":"same"})"), page(R"({"items":[],"nextToken":"same"})"),
                       page(R"({"items":[],"nextToken":"same"})")}};
    int count = 0;
    for (const auto& p : restop::pages(t, cc::list_access_tokens{}, token)) {
        CHECK(p);
        ++count;
    }
    CHECK(count == 2);
}

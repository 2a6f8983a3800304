// restop::async_call, async_call_with_retries and async_pages with an in-memory async transport:
// the four completion tokens, refused input, retries, the deadline and cancellation.
#include <doctest/doctest.h>

#include <chrono>
#include <future>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>

#include <restop/async.hpp>
#include <restop/restop.hpp>

#include "memory_async_transport.hpp"

namespace asio = boost::asio;
namespace cc = restop::codecatalyst;
using std::chrono::milliseconds;
using restop_test::answer;
using restop_test::hang;
using restop_test::memory_async_transport;

namespace {

const restop::bearer_token token("async-test-token");
const cc::delete_access_token op{.id = "tok"};
using delete_result = restop::result_of<cc::delete_access_token>;

// A retry policy whose backoff is too short to matter and that never needs a jitter source.
constexpr restop::retry_options quick{.max_attempts = 3, .base_delay = milliseconds(1), .throttling_base_delay = milliseconds(1)};

std::string printed(const delete_result& outcome) {
    std::ostringstream text;
    text << outcome.error();
    return text.str();
}

const restop::transport_error* transport_failure(const delete_result& outcome) {
    return outcome ? nullptr : outcome.error().get_if<restop::transport_error>();
}

}  // namespace

TEST_CASE("async: the new transport_error kinds have their own text and are never retried") {
    CHECK(restop::to_string(restop::transport_error_kind::cancelled) == "cancelled");
    CHECK(restop::to_string(restop::transport_error_kind::deadline_exceeded) == "deadline_exceeded");
    const restop::transport_error cancelled{restop::transport_error_kind::cancelled, "the call was cancelled"};
    const restop::transport_error late{restop::transport_error_kind::deadline_exceeded, "deadline of 5 ms exceeded"};
    CHECK_FALSE(cancelled.retryable());
    CHECK_FALSE(late.retryable());
    std::ostringstream text;
    text << cancelled << '|' << late;
    CHECK(text.str() == "transport error (cancelled): the call was cancelled|"
                        "transport error (deadline_exceeded): deadline of 5 ms exceeded");
}

TEST_CASE("async: a callback receives the decoded reply; the request went out encoded") {
    asio::io_context io;
    memory_async_transport t(io.get_executor(), {answer(200, "{}", {{"x-amzn-requestid", "req-7"}})});
    std::optional<delete_result> got;
    restop::async_call(t, op, token, [&](delete_result outcome) { got.emplace(std::move(outcome)); });
    CHECK_FALSE(got);  // never inline
    io.run();
    REQUIRE(got);
    REQUIRE(*got);
    CHECK((*got)->status == 200);
    CHECK((*got)->request_id == "req-7");
    REQUIRE(t.sent.size() == 1);
    CHECK(t.sent[0].method == restop::http_method::delete_);
    CHECK(t.sent[0].target == "/v1/accessTokens/tok");
    REQUIRE(t.sent[0].headers.size() == 1);
    CHECK(t.sent[0].headers[0].name == "Authorization");
    CHECK(t.sent[0].headers[0].value == "Bearer async-test-token");
}

TEST_CASE("async: use_future") {
    asio::io_context io;
    memory_async_transport t(io.get_executor(), {answer(404, R"({"message":"no such token"})",
                                                        {{"X-Amzn-Errortype", "ResourceNotFoundException"}})});
    std::future<delete_result> future = restop::async_call(t, op, token, asio::use_future);
    io.run();
    const delete_result outcome = future.get();
    REQUIRE_FALSE(outcome);
    CHECK(outcome.error().holds<cc::resource_not_found_exception>());
    CHECK(outcome.error().message() == "no such token");
}

TEST_CASE("async: use_awaitable, from a C++20 coroutine") {
    asio::io_context io;
    memory_async_transport t(io.get_executor(), {answer(503), answer(200)});
    std::optional<delete_result> got;
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            got.emplace(co_await restop::async_call_with_retries(t, op, token, quick, asio::use_awaitable));
        },
        asio::detached);
    io.run();
    REQUIRE(got);
    CHECK(*got);
    CHECK(t.sent.size() == 2);
}

TEST_CASE("async: deferred encodes at once, sends only when launched") {
    asio::io_context io;
    memory_async_transport t(io.get_executor(), {answer(200)});
    std::optional<delete_result> got;
    auto launch = [&] {
        std::string id = "deferred-id";  // gone before the operation is launched
        return restop::async_call(t, cc::delete_access_token{.id = id}, token, asio::deferred);
    }();
    io.poll();
    CHECK(t.sent.empty());
    std::move(launch)([&](delete_result outcome) { got.emplace(std::move(outcome)); });
    io.restart();
    io.run();
    REQUIRE(got);
    CHECK(*got);
    REQUIRE(t.sent.size() == 1);
    CHECK(t.sent[0].target == "/v1/accessTokens/deferred-id");
}

TEST_CASE("async: refused input completes with the validation error, never inline, and sends nothing") {
    asio::io_context io;
    memory_async_transport t(io.get_executor(), {answer(200)});
    std::optional<delete_result> got;
    const std::string empty;  // a literal "" would be refused at compile time
    restop::async_call(t, cc::delete_access_token{.id = empty}, token, [&](delete_result outcome) { got.emplace(std::move(outcome)); });
    CHECK_FALSE(got);
    io.run();
    REQUIRE(got);
    REQUIRE_FALSE(*got);
    CHECK(got->error().holds<restop::validation_error>());
    CHECK(t.sent.empty());

    const restop::bearer_token empty_token("");
    got.reset();
    restop::async_call_with_retries(t, op, empty_token, quick, [&](delete_result outcome) { got.emplace(std::move(outcome)); });
    io.restart();
    io.run();
    REQUIRE(got);
    REQUIRE_FALSE(*got);
    CHECK(got->error().holds<restop::validation_error>());
    CHECK(t.sent.empty());
}

TEST_CASE("async: retries follow the standard mode, with the delays of the shared schedule") {
    asio::io_context io;
    memory_async_transport t(io.get_executor(), {answer(503), answer(500), answer(429), answer(200)});
    std::optional<delete_result> got;
    restop::async_call_with_retries(t, op, token, {.max_attempts = 3, .base_delay = milliseconds(1)}, {},
                                    [] { return 0.0; }, [&](delete_result outcome) { got.emplace(std::move(outcome)); });
    io.run();
    REQUIRE(got);
    REQUIRE_FALSE(*got);
    CHECK(got->error().status() == 429);  // attempts used up: the last attempt's outcome
    CHECK(t.sent.size() == 3);

    // A 4xx that is not throttling is final at once.
    memory_async_transport final_4xx(io.get_executor(), {answer(400, R"({"message":"bad"})", {{"X-Amzn-Errortype", "ValidationException"}})});
    got.reset();
    restop::async_call_with_retries(final_4xx, op, token, quick, [&](delete_result outcome) { got.emplace(std::move(outcome)); });
    io.restart();
    io.run();
    REQUIRE(got);
    CHECK(got->error().status() == 400);
    CHECK(final_4xx.sent.size() == 1);
}

TEST_CASE("async: a retry whose backoff would end past the deadline is not made") {
    asio::io_context io;
    memory_async_transport t(io.get_executor(), {answer(503), answer(200)});
    std::optional<delete_result> got;
    restop::async_call_with_retries(t, op, token,
                                    {.max_attempts = 3, .base_delay = std::chrono::hours(1), .deadline = milliseconds(50)},
                                    {}, [] { return 0.5; }, [&](delete_result outcome) { got.emplace(std::move(outcome)); });
    io.run();  // returns at once: nobody waits half an hour
    REQUIRE(got);
    const restop::transport_error* error = transport_failure(*got);
    REQUIRE(error);
    CHECK(error->kind == restop::transport_error_kind::deadline_exceeded);
    CHECK(error->message == "deadline of 50 ms exceeded after 1 attempt (the last: HTTP 503)");
    CHECK(printed(*got) == "TransportError: deadline of 50 ms exceeded after 1 attempt (the last: HTTP 503)");
    CHECK(t.sent.size() == 1);
}

TEST_CASE("async: the deadline cuts the attempt in flight, through the transport's cancellation slot") {
    asio::io_context io;
    memory_async_transport t(io.get_executor(), {hang()});
    std::optional<delete_result> got;
    int calls = 0;
    restop::async_call_with_retries(t, op, token, {.max_attempts = 3, .deadline = milliseconds(20)}, [&](delete_result outcome) {
        ++calls;
        got.emplace(std::move(outcome));
    });
    io.run();
    CHECK(calls == 1);
    REQUIRE(got);
    const restop::transport_error* error = transport_failure(*got);
    REQUIRE(error);
    CHECK(error->kind == restop::transport_error_kind::deadline_exceeded);
    CHECK(error->message == "deadline of 20 ms exceeded after 1 attempt");
    CHECK(t.cancelled == 1);
    CHECK(t.in_flight == 0);
}

TEST_CASE("async: a deadline of zero fails before anything is sent") {
    asio::io_context io;
    memory_async_transport t(io.get_executor(), {answer(200)});
    std::optional<delete_result> got;
    restop::async_call_with_retries(t, op, token, {.deadline = milliseconds(0)},
                                    [&](delete_result outcome) { got.emplace(std::move(outcome)); });
    CHECK_FALSE(got);
    io.run();
    REQUIRE(got);
    REQUIRE(transport_failure(*got));
    CHECK(transport_failure(*got)->kind == restop::transport_error_kind::deadline_exceeded);
    CHECK(t.sent.empty());
}

TEST_CASE("async: an answer before the deadline is the answer; the deadline timer is gone with the call") {
    asio::io_context io;
    memory_async_transport t(io.get_executor(), {answer(200)});
    std::optional<delete_result> got;
    restop::async_call_with_retries(t, op, token, {.deadline = std::chrono::hours(1)},
                                    [&](delete_result outcome) { got.emplace(std::move(outcome)); });
    io.run();  // would wait an hour if the deadline timer outlived the call
    REQUIRE(got);
    CHECK(*got);
}

TEST_CASE("async: terminal cancellation of the send completes once with kind cancelled") {
    asio::io_context io;
    memory_async_transport t(io.get_executor(), {hang()});
    asio::cancellation_signal signal;
    std::optional<delete_result> got;
    int calls = 0;
    restop::async_call_with_retries(t, op, token, quick, asio::bind_cancellation_slot(signal.slot(), [&](delete_result outcome) {
                                        ++calls;
                                        got.emplace(std::move(outcome));
                                    }));
    asio::post(io, [&] { signal.emit(asio::cancellation_type::terminal); });
    io.run();
    CHECK(calls == 1);
    REQUIRE(got);
    const restop::transport_error* error = transport_failure(*got);
    REQUIRE(error);
    CHECK(error->kind == restop::transport_error_kind::cancelled);
    CHECK(error->message == "the call was cancelled");
    CHECK(t.sent.size() == 1);  // cancelled, not retried
    CHECK(t.cancelled == 1);
    CHECK(t.in_flight == 0);
}

TEST_CASE("async: cancellation during the backoff; the backoff never blocks the thread") {
    asio::io_context io;
    memory_async_transport slow(io.get_executor(), {answer(503), answer(200)});
    memory_async_transport fast(io.get_executor(), {answer(200)});
    asio::cancellation_signal signal;
    std::vector<std::string> order;
    std::optional<delete_result> got;
    // Half an hour of backoff after the 503 ...
    restop::async_call_with_retries(slow, op, token, {.max_attempts = 3, .base_delay = std::chrono::hours(1)}, {},
                                    [] { return 0.5; }, asio::bind_cancellation_slot(signal.slot(), [&](delete_result outcome) {
                                        order.push_back("slow");
                                        got.emplace(std::move(outcome));
                                    }));
    // ... while another call on the same thread completes, and then cancels the first.
    restop::async_call(fast, op, token, [&](delete_result outcome) {
        order.push_back(outcome ? "fast ok" : "fast failed");
        asio::post(io, [&] { signal.emit(asio::cancellation_type::terminal); });
    });
    io.run();
    CHECK(order == std::vector<std::string>{"fast ok", "slow"});
    REQUIRE(got);
    REQUIRE(transport_failure(*got));
    CHECK(transport_failure(*got)->kind == restop::transport_error_kind::cancelled);
    CHECK(slow.sent.size() == 1);
}

TEST_CASE("async: cancelling a coroutine's call through co_spawn's slot") {
    asio::io_context io;
    memory_async_transport t(io.get_executor(), {hang()});
    asio::cancellation_signal signal;
    std::optional<delete_result> got;
    asio::co_spawn(
        io, [&]() -> asio::awaitable<void> { got.emplace(co_await restop::async_call(t, op, token, asio::use_awaitable)); },
        asio::bind_cancellation_slot(signal.slot(), asio::detached));
    asio::post(io, [&] { signal.emit(asio::cancellation_type::terminal); });
    io.run();
    REQUIRE(got);
    REQUIRE(transport_failure(*got));
    CHECK(transport_failure(*got)->kind == restop::transport_error_kind::cancelled);
    CHECK(t.cancelled == 1);
}

TEST_CASE("async_pages: page by page from a coroutine, the next token sent on, then nullopt") {
    asio::io_context io;
    memory_async_transport t(io.get_executor(), {answer(200, R"({"items":[{"id":"a","name":"A"}],"nextToken":"t1"})"),
                                                 answer(503), answer(200, R"({"items":[{"id":"b","name":"B"}]})")});
    std::vector<std::string> names;
    int pages = 0;
    bool ended = false;
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            auto reader = restop::async_pages(t, cc::list_access_tokens{.max_results = 1}, token, quick);
            while (auto page = co_await reader.async_next(asio::use_awaitable)) {
                REQUIRE(*page);
                ++pages;
                for (const auto& item : (*page)->output.items) names.push_back(item.name);
            }
            ended = reader.done();
        },
        asio::detached);
    io.run();
    CHECK(ended);
    CHECK(pages == 2);
    CHECK(names == std::vector<std::string>{"A", "B"});
    REQUIRE(t.sent.size() == 3);  // the 503 was retried
    CHECK(t.sent[0].body == R"({"maxResults":1})");
    CHECK(t.sent[2].body == R"({"maxResults":1,"nextToken":"t1"})");
}

TEST_CASE("async_pages: an error page is handed out, then the reader is done") {
    asio::io_context io;
    memory_async_transport t(io.get_executor(), {answer(403, R"({"message":"no"})", {{"X-Amzn-Errortype", "AccessDeniedException"}})});
    std::vector<bool> pages;
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            auto reader = restop::async_pages(t, cc::list_access_tokens{}, token, quick);
            while (auto page = co_await reader.async_next(asio::use_awaitable)) pages.push_back(static_cast<bool>(*page));
        },
        asio::detached);
    io.run();
    CHECK(pages == std::vector<bool>{false});
    CHECK(t.sent.size() == 1);
}

namespace {
// A service that takes no credentials, as a protocol test service is called.
struct open_service {
    using auth = restop::anonymous_auth;
};
struct list_things_output {
    std::vector<std::string> things{};
    std::optional<std::string> next_token{};
    using fields = restop::fields<restop::json_field<"things", &list_things_output::things>,
                                  restop::json_field<"nextToken", &list_things_output::next_token>>;
};
struct list_things {
    restop::string_param<restop::length<1, 100>> next_token{};
    using description = restop::operation<restop::http_method::post, "/things", 200,
                                          restop::members<restop::json_field<"nextToken", &list_things::next_token>>,
                                          restop::errors<>, list_things_output>;
    using service = open_service;
    using pagination =
        restop::paginated<&list_things::next_token, &list_things_output::next_token, &list_things_output::things>;
};
}  // namespace

TEST_CASE("async: restop::anonymous for a service without credentials; nothing is added to the request") {
    asio::io_context io;
    memory_async_transport t(io.get_executor(), {answer(200, R"({"things":["a"]})")});
    std::optional<restop::result_of<list_things>> got;
    restop::async_call(t, list_things{}, restop::anonymous, [&](restop::result_of<list_things> outcome) { got.emplace(std::move(outcome)); });
    io.run();
    REQUIRE(got);
    REQUIRE(*got);
    CHECK((*got)->output.things == std::vector<std::string>{"a"});
    REQUIRE(t.sent.size() == 1);
    CHECK(restop::find_header(t.sent[0].headers, "Authorization") == nullptr);
}

TEST_CASE("async: retries and async_pages take restop::anonymous too") {
    asio::io_context io;
    memory_async_transport t(io.get_executor(), {answer(503), answer(200, R"({"things":["a"],"nextToken":"n1"})"),
                                                 answer(200, R"({"things":["b"]})")});
    std::vector<std::string> things;
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            auto reader = restop::async_pages(t, list_things{}, restop::anonymous, quick);
            while (auto page = co_await reader.async_next(asio::use_awaitable)) {
                REQUIRE(*page);
                for (const auto& thing : (*page)->output.things) things.push_back(thing);
            }
        },
        asio::detached);
    io.run();
    CHECK(things == std::vector<std::string>{"a", "b"});
    REQUIRE(t.sent.size() == 3);
    CHECK(t.sent[0].body == "{}");
    CHECK(t.sent[2].body == R"({"nextToken":"n1"})");
    for (const auto& sent : t.sent) CHECK(restop::find_header(sent.headers, "Authorization") == nullptr);
}

// Middleware as transport decorators, sync and async: the observer hook, the logger (never a
// header value or a body), the recorder (Authorization and secrets redacted) and the replayer.
#include <doctest/doctest.h>

#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include <restop/async.hpp>
#include <restop/async_middleware.hpp>
#include <restop/middleware.hpp>
#include <restop/recording.hpp>
#include <restop/restop.hpp>

#include "memory_async_transport.hpp"

namespace asio = boost::asio;
namespace cc = restop::codecatalyst;
using std::chrono::milliseconds;

namespace {
struct scripted_transport {
    std::vector<restop::transport_result> answers;
    std::size_t next = 0;
    restop::transport_result send(const restop::request&) { return answers[std::min(next++, answers.size() - 1)]; }
};

restop::transport_result status(int code, std::string body = "{}", restop::header_list headers = {}) {
    return restop::response{code, std::move(headers), std::move(body)};
}

const restop::bearer_token token("middleware-secret-token");
const cc::delete_access_token op{.id = "tok"};
constexpr restop::retry_options quick{.max_attempts = 3, .base_delay = milliseconds(0), .throttling_base_delay = milliseconds(0)};

// The log line without its latency, which varies.
std::string without_latency(std::string line) {
    const auto in = line.find(" in ");
    const auto ms = line.find(" ms", in);
    if (in != std::string::npos && ms != std::string::npos) line.replace(in, ms + 3 - in, " in <t>");
    return line;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(without_latency(line));
    return out;
}
}  // namespace

static_assert(restop::transport<restop::observing_transport<scripted_transport, restop::log_sink>>);
static_assert(restop::transport<restop::recording_transport<scripted_transport>>);
static_assert(restop::transport<restop::replaying_transport>);

TEST_CASE("logging_transport: method, target, status, request id and attempt; no header value, no body") {
    std::ostringstream log;
    auto logged = restop::logging_transport(
        scripted_transport{{status(503), status(404, R"({"message":"gone"})", {{"x-amzn-requestid", "req-2"}})}}, log);
    auto outcome = restop::call_with_retries(logged, op, token, quick);
    REQUIRE_FALSE(outcome);
    CHECK(lines_of(log.str()) == std::vector<std::string>{"restop: DELETE /v1/accessTokens/tok -> 503 in <t>, attempt 1",
                                                          "restop: DELETE /v1/accessTokens/tok -> 404 in <t>, request id req-2, attempt 2"});
    CHECK(log.str().find("middleware-secret-token") == std::string::npos);
    CHECK(log.str().find("gone") == std::string::npos);

    // A new call starts again at attempt 1.
    log.str("");
    (void)restop::call(logged, op, token);
    CHECK(lines_of(log.str()) ==
          std::vector<std::string>{"restop: DELETE /v1/accessTokens/tok -> 404 in <t>, request id req-2, attempt 1"});
}

TEST_CASE("exchange_record: prints a failure's kind; the latency in milliseconds with three decimals") {
    restop::exchange_record record;
    record.method = restop::http_method::post;
    record.target = "/v1/accessTokens";
    record.failure = restop::transport_error_kind::timed_out;
    record.latency = std::chrono::microseconds(12034);
    std::ostringstream text;
    text << record;
    CHECK(text.str() == "POST /v1/accessTokens -> timed_out in 12.034 ms, attempt 1");
}

TEST_CASE("observing_transport: the observer sees every attempt and the outcome passes through") {
    std::vector<int> statuses;
    std::vector<int> attempts;
    restop::observing_transport observed(scripted_transport{{status(500), status(200)}}, [&](const restop::exchange_record& r) {
        statuses.push_back(r.status);
        attempts.push_back(r.attempt);
    });
    CHECK(restop::call_with_retries(observed, op, token, quick));
    CHECK(statuses == std::vector<int>{500, 200});
    CHECK(attempts == std::vector<int>{1, 2});
}

TEST_CASE("observing_async_transport and the async logger") {
    asio::io_context io;
    std::ostringstream log;
    auto logged = restop::logging_async_transport(
        restop_test::memory_async_transport(io.get_executor(), {restop_test::answer(429), restop_test::answer(200, "{}", {{"x-amzn-requestid", "r9"}})}),
        log);
    static_assert(restop::async_transport<decltype(logged)>);
    std::optional<bool> ok;
    restop::async_call_with_retries(logged, op, token, quick, [&](restop::result_of<cc::delete_access_token> r) { ok = static_cast<bool>(r); });
    io.run();
    REQUIRE(ok);
    CHECK(*ok);
    CHECK(lines_of(log.str()) == std::vector<std::string>{"restop: DELETE /v1/accessTokens/tok -> 429 in <t>, attempt 1",
                                                          "restop: DELETE /v1/accessTokens/tok -> 200 in <t>, request id r9, attempt 2"});
    CHECK(log.str().find("middleware-secret-token") == std::string::npos);
}

TEST_CASE("recording_transport: one JSON line per exchange, Authorization and secrets redacted; replaying gives them back") {
    std::ostringstream file;
    restop::recording_transport recorder(
        scripted_transport{{status(201, R"({"secret":"new-pat-secret","name":"ci","accessTokenId":"id1","expiresTime":"2030-01-01T00:00:00Z"})",
                                  {{"x-amzn-requestid", "rq-1"}}),
                           restop::transport_result(restop::failure(restop::transport_error{restop::transport_error_kind::timed_out, "slow"}))}},
        file);
    auto created = restop::call(recorder, cc::create_access_token{.name = "ci"}, token);
    REQUIRE(created);
    CHECK(created->output.secret.reveal() == "new-pat-secret");  // the caller still gets it
    (void)restop::call(recorder, op, token);

    const std::string text = file.str();
    CHECK(text.find("middleware-secret-token") == std::string::npos);
    CHECK(text.find("new-pat-secret") == std::string::npos);
    const std::vector<std::string> lines = lines_of(text);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] ==
          R"({"request":{"method":"PUT","target":"/v1/accessTokens","headers":[["Authorization","<redacted>"],["Content-Type","application/json"]],"body":"{\"name\":\"ci\"}"},)"
          R"("response":{"status":201,"headers":[["x-amzn-requestid","rq-1"]],"body":"{\"secret\":\"<redacted>\",\"name\":\"ci\",\"accessTokenId\":\"id1\",\"expiresTime\":\"2030-01-01T00:00:00Z\"}"}})");
    CHECK(lines[1] ==
          R"({"request":{"method":"DELETE","target":"/v1/accessTokens/tok","headers":[["Authorization","<redacted>"]],"body":""},"error":{"kind":"timed_out","message":"slow"}})");

    std::istringstream in(text);
    restop::replaying_transport replay(in);
    CHECK(replay.remaining() == 2);
    auto again = restop::call(replay, cc::create_access_token{.name = "ci"}, token);
    REQUIRE(again);
    CHECK(again->status == 201);
    CHECK(again->request_id == "rq-1");
    CHECK(again->output.secret.reveal() == "<redacted>");
    auto timed_out = restop::call(replay, op, token);
    REQUIRE_FALSE(timed_out);
    REQUIRE(timed_out.error().get_if<restop::transport_error>());
    CHECK(timed_out.error().get_if<restop::transport_error>()->kind == restop::transport_error_kind::timed_out);
    auto past_end = restop::call(replay, op, token);
    REQUIRE_FALSE(past_end);
    CHECK(past_end.error().get_if<restop::transport_error>()->message ==
          "replay: no recorded exchange is left for DELETE /v1/accessTokens/tok");
}

TEST_CASE("replaying_transport: a send that differs from the recording fails and says what was expected") {
    std::istringstream in(R"({"request":{"method":"DELETE","target":"/v1/accessTokens/a"},"response":{"status":200,"body":"{}"}})"
                          "\n");
    restop::replaying_transport replay(in);
    auto outcome = restop::call(replay, cc::delete_access_token{.id = "b"}, token);
    REQUIRE_FALSE(outcome);
    CHECK(outcome.error().get_if<restop::transport_error>()->message ==
          "replay: exchange 1 expected DELETE /v1/accessTokens/a, got DELETE /v1/accessTokens/b");
}

TEST_CASE("recording_async_transport and replaying_async_transport") {
    asio::io_context io;
    std::ostringstream file;
    auto recorder = restop::recording_async_transport(
        restop_test::memory_async_transport(io.get_executor(), {restop_test::answer(404, R"({"message":"no"})", {{"X-Amzn-Errortype", "ResourceNotFoundException"}})}),
        file);
    restop::async_call(recorder, op, token, [](restop::result_of<cc::delete_access_token>) {});
    io.run();
    CHECK(file.str().find("middleware-secret-token") == std::string::npos);

    std::istringstream in(file.str());
    restop::replaying_async_transport replay(io.get_executor(), in);
    std::optional<restop::result_of<cc::delete_access_token>> got;
    restop::async_call(replay, op, token, [&](restop::result_of<cc::delete_access_token> r) { got.emplace(std::move(r)); });
    CHECK_FALSE(got);
    io.restart();
    io.run();
    REQUIRE(got);
    REQUIRE_FALSE(*got);
    CHECK(got->error().holds<cc::resource_not_found_exception>());
    CHECK(replay.remaining() == 0);
}

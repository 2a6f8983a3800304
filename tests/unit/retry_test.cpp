// The standard retry mode with an in-memory transport, an injected sleep and fixed jitter.
#include <doctest/doctest.h>

#include <chrono>
#include <vector>

#include <restop/restop.hpp>

namespace cc = restop::codecatalyst;
using std::chrono::milliseconds;

namespace {
// Answers from a script, one entry per attempt; the last entry repeats.
struct scripted_transport {
    std::vector<restop::transport_result> answers;
    int attempts = 0;
    restop::transport_result send(const restop::request&) {
        const auto index = static_cast<std::size_t>(attempts++);
        return answers[std::min(index, answers.size() - 1)];
    }
};

struct recorded_sleep {
    std::vector<milliseconds>* delays;
    void operator()(milliseconds d) const { delays->push_back(d); }
};

restop::transport_result status(int code, restop::header_list headers = {}) {
    return restop::response{code, std::move(headers), ""};
}
restop::transport_result refused() {
    return restop::failure(restop::transport_error{restop::transport_error_kind::connection_failed, "refused"});
}

const restop::bearer_token token("retry-test-token");
const cc::delete_access_token op{.id = "tok"};

struct run_result {
    bool ok;
    int attempts;
    int last_status;
    std::vector<milliseconds> delays;
};

run_result run(std::vector<restop::transport_result> answers, restop::retry_options options = {}, double jitter = 0.5) {
    scripted_transport t{std::move(answers)};
    std::vector<milliseconds> delays;
    auto outcome = restop::call_with_retries(t, op, token, options, {}, recorded_sleep{&delays}, [jitter] { return jitter; });
    return {static_cast<bool>(outcome), t.attempts, outcome ? outcome->status : outcome.error().status(), delays};
}
}  // namespace

TEST_CASE("retry: transient statuses are retried with exponential backoff, then succeed") {
    for (int transient : {500, 502, 503, 504}) {
        CAPTURE(transient);
        auto r = run({status(transient), status(transient), status(200)});
        CHECK(r.ok);
        CHECK(r.attempts == 3);
        CHECK(r.delays == std::vector<milliseconds>{milliseconds(50), milliseconds(100)});  // 0.5 x 2^i x 100 ms
    }
}

TEST_CASE("retry: throttling uses the 500 ms base") {
    auto by_status = run({status(429), status(429), status(200)});
    CHECK(by_status.ok);
    CHECK(by_status.delays == std::vector<milliseconds>{milliseconds(250), milliseconds(500)});
    auto by_name = run({status(400, {{"X-Amzn-Errortype", "ThrottlingException"}}), status(200)});
    CHECK(by_name.ok);
    CHECK(by_name.delays == std::vector<milliseconds>{milliseconds(250)});
}

TEST_CASE("retry: connection failures are retried; three attempts in all by default") {
    auto r = run({refused()});
    CHECK_FALSE(r.ok);
    CHECK(r.attempts == 3);
    CHECK(r.last_status == 0);
    CHECK(r.delays.size() == 2);
}

TEST_CASE("retry: other 4xx, 501 and refused input are not retried") {
    for (int final_status : {400, 402, 403, 404, 409, 501}) {
        CAPTURE(final_status);
        auto r = run({status(final_status)});
        CHECK_FALSE(r.ok);
        CHECK(r.attempts == 1);
        CHECK(r.delays.empty());
    }
    scripted_transport t{{status(200)}};
    std::vector<milliseconds> delays;
    const std::string too_long(37, 'x');
    auto refused_input = restop::call_with_retries(t, cc::delete_access_token{.id = too_long}, token, {}, {},
                                                   recorded_sleep{&delays}, [] { return 0.5; });
    CHECK_FALSE(refused_input);
    CHECK(t.attempts == 0);
}

TEST_CASE("retry: max_attempts 1 turns retries off; more attempts are honoured") {
    CHECK(run({status(503)}, {.max_attempts = 1}).attempts == 1);
    CHECK(run({status(503)}, {.max_attempts = 5}).attempts == 5);
}

TEST_CASE("retry: delays are capped at max_delay") {
    CHECK(restop::retry_delay({}, 10, true, 0.999) == milliseconds(20000));
    CHECK(restop::retry_delay({}, 0, false, 0.0) == milliseconds(0));
    CHECK(restop::retry_delay({}, 2, false, 1.0) == milliseconds(400));
}

// The per-call deadline of the sync call_with_retries: it bounds the whole call, and the
// decision code is the retry_schedule the async calls share.
#include <doctest/doctest.h>

#include <chrono>
#include <sstream>
#include <thread>
#include <vector>

#include <restop/restop.hpp>

namespace cc = restop::codecatalyst;
using std::chrono::milliseconds;

namespace {
struct scripted_transport {
    std::vector<restop::transport_result> answers;
    milliseconds takes{0};  // each send blocks this long (to let a deadline pass during an attempt)
    int attempts = 0;
    restop::transport_result send(const restop::request&) {
        if (takes.count() > 0) std::this_thread::sleep_for(takes);
        const auto index = static_cast<std::size_t>(attempts++);
        return answers[std::min(index, answers.size() - 1)];
    }
};

restop::transport_result status(int code) { return restop::response{code, {}, ""}; }

const restop::bearer_token token("deadline-test-token");
const cc::delete_access_token op{.id = "tok"};

struct recorded_sleep {
    std::vector<milliseconds>* delays;
    void operator()(milliseconds d) const { delays->push_back(d); }
};
}  // namespace

TEST_CASE("sync deadline: a retry whose backoff would end past the deadline fails at once, without sleeping") {
    scripted_transport t{{status(503), status(200)}};
    std::vector<milliseconds> delays;
    auto outcome = restop::call_with_retries(t, op, token, {.base_delay = milliseconds(400), .deadline = milliseconds(100)},
                                             {}, recorded_sleep{&delays}, [] { return 0.5; });
    REQUIRE_FALSE(outcome);
    const auto* error = outcome.error().get_if<restop::transport_error>();
    REQUIRE(error);
    CHECK(error->kind == restop::transport_error_kind::deadline_exceeded);
    CHECK(error->message == "deadline of 100 ms exceeded after 1 attempt (the last: HTTP 503)");
    CHECK_FALSE(outcome.error().retryable());
    CHECK(t.attempts == 1);
    CHECK(delays.empty());
}

TEST_CASE("sync deadline: retries within the deadline are made as without one") {
    scripted_transport t{{status(503), status(502), status(200)}};
    std::vector<milliseconds> delays;
    auto outcome = restop::call_with_retries(t, op, token, {.base_delay = milliseconds(10), .deadline = std::chrono::hours(1)},
                                             {}, recorded_sleep{&delays}, [] { return 0.5; });
    CHECK(outcome);
    CHECK(t.attempts == 3);
    CHECK(delays == std::vector<milliseconds>{milliseconds(5), milliseconds(10)});
}

TEST_CASE("sync deadline: it passed during a failed attempt: no further attempt") {
    scripted_transport t{{status(500)}, milliseconds(30)};
    std::vector<milliseconds> delays;
    auto outcome = restop::call_with_retries(t, op, token, {.max_attempts = 5, .base_delay = milliseconds(0), .deadline = milliseconds(10)},
                                             {}, recorded_sleep{&delays}, [] { return 0.0; });
    REQUIRE_FALSE(outcome);
    const auto* error = outcome.error().get_if<restop::transport_error>();
    REQUIRE(error);
    CHECK(error->kind == restop::transport_error_kind::deadline_exceeded);
    CHECK(error->message == "deadline of 10 ms exceeded after 1 attempt (the last: HTTP 500)");
    CHECK(t.attempts == 1);
}

TEST_CASE("sync deadline: a success or a final error after the deadline is still that outcome") {
    scripted_transport ok{{status(200)}, milliseconds(20)};
    CHECK(restop::call_with_retries(ok, op, token, {.deadline = milliseconds(5)}, {}, recorded_sleep{nullptr}, [] { return 0.0; }));
    scripted_transport denied{{status(403)}, milliseconds(20)};
    auto outcome = restop::call_with_retries(denied, op, token, {.deadline = milliseconds(5)}, {}, recorded_sleep{nullptr},
                                             [] { return 0.0; });
    REQUIRE_FALSE(outcome);
    CHECK(outcome.error().status() == 403);
}

TEST_CASE("sync deadline: zero fails before sending; none (and milliseconds::max()) never fails") {
    scripted_transport t{{status(200)}};
    auto outcome = restop::call_with_retries(t, op, token, {.deadline = milliseconds(0)});
    REQUIRE_FALSE(outcome);
    CHECK(outcome.error().get_if<restop::transport_error>()->message == "deadline of 0 ms exceeded after 0 attempts");
    CHECK(t.attempts == 0);
    CHECK(restop::call_with_retries(t, op, token, {.deadline = milliseconds::max()}));
    CHECK(restop::call_with_retries(t, op, token, {}));
    CHECK(t.attempts == 2);
}

TEST_CASE("retry_schedule: the shared decisions") {
    const auto start = restop::retry_schedule::clock::now();
    restop::retry_schedule schedule({.max_attempts = 2, .base_delay = milliseconds(100), .deadline = milliseconds(1000)}, start);
    REQUIRE(schedule.deadline());
    CHECK(*schedule.deadline() == start + milliseconds(1000));
    CHECK_FALSE(schedule.expired(start));
    CHECK(schedule.expired(start + milliseconds(1000)));
    using outcome_type = restop::result_of<cc::delete_access_token>;
    const outcome_type unavailable = restop::decode<cc::delete_access_token>(restop::response{503, {}, ""});
    auto first = schedule.after_attempt(unavailable, 0.5, start);
    CHECK(first.verdict == restop::retry_verdict::retry);
    CHECK(first.delay == milliseconds(50));
    CHECK(schedule.after_attempt(unavailable, 0.5, start).verdict == restop::retry_verdict::finish);  // attempts used up
    CHECK(schedule.attempts() == 2);

    restop::retry_schedule late({.base_delay = milliseconds(100), .deadline = milliseconds(1000)}, start);
    CHECK(late.after_attempt(unavailable, 0.5, start + milliseconds(960)).verdict == restop::retry_verdict::deadline_passed);
    restop::retry_schedule in_time({.base_delay = milliseconds(100), .deadline = milliseconds(1000)}, start);
    CHECK(in_time.after_attempt(unavailable, 0.5, start + milliseconds(940)).verdict == restop::retry_verdict::retry);
}

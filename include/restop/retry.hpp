#pragma once
// restop::call_with_retries: the AWS "standard" retry mode around call(). Sleeping and
// randomness are injected, so tests run instantly and deterministically and an event loop can
// substitute its own timer.

#include <algorithm>
#include <array>
#include <chrono>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <thread>

#include "restop/call.hpp"

namespace restop {

/// AWS standard retry mode: `max_attempts` in all (1 turns retries off); before retry i
/// (i = 0 for the first retry) wait random(0,1) x 2^i x base, at most `max_delay`, where base is
/// `throttling_base_delay` after a throttling error and `base_delay` otherwise.
///
/// `deadline` bounds the whole call, every attempt and every backoff included, from the moment
/// the call starts: a retry whose backoff would end past it is not made, and the call fails with
/// a transport_error of kind `deadline_exceeded` instead. An async call also cuts the attempt in
/// flight (through the transport's cancellation slot); a sync call cannot interrupt a blocking
/// `send`, so there the transport's own timeout bounds the attempt in flight.
///
///     restop::call_with_retries(t, op, token, {.max_attempts = 5, .deadline = std::chrono::seconds(2)});
struct retry_options {
    int max_attempts = 3;
    std::chrono::milliseconds base_delay{100};
    std::chrono::milliseconds throttling_base_delay{500};
    std::chrono::milliseconds max_delay{20000};
    std::optional<std::chrono::milliseconds> deadline{};  ///< none: only max_attempts bounds the call
};

/// Blocks the calling thread: the default way to wait between attempts.
struct thread_sleep {
    void operator()(std::chrono::milliseconds delay) const { std::this_thread::sleep_for(delay); }
};

/// A uniform number in [0, 1) from a per-thread generator seeded by the system.
struct jitter_source {
    double operator()() const {
        thread_local std::mt19937_64 generator{std::random_device{}()};
        return std::uniform_real_distribution<double>(0.0, 1.0)(generator);
    }
};

namespace detail {
// The error codes AWS SDKs treat as throttling, besides HTTP 429.
inline constexpr std::array<std::string_view, 14> throttling_error_names{
    "Throttling",         "ThrottlingException",   "ThrottledException",
    "RequestThrottledException", "TooManyRequestsException", "ProvisionedThroughputExceededException",
    "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
    "LimitExceededException", "RequestThrottled",     "SlowDown",
    "PriorRequestNotComplete", "EC2ThrottledException"};
}  // namespace detail

/// True for a throttling error: HTTP 429 or one of the names AWS SDKs treat as throttling.
template <class... Shapes>
bool is_throttling(const operation_error<Shapes...>& error) noexcept {
    if (error.status() == 429) return true;
    if (error.kind() != error_kind::modeled && error.kind() != error_kind::unknown) return false;
    return std::find(detail::throttling_error_names.begin(), detail::throttling_error_names.end(), error.name()) !=
           detail::throttling_error_names.end();
}

/// The delay before retry number `retry_index` (0 for the first retry), given a jitter in [0, 1).
inline std::chrono::milliseconds retry_delay(const retry_options& options, int retry_index, bool throttled, double jitter) {
    const auto base = throttled ? options.throttling_base_delay : options.base_delay;
    // 2^i overflows nothing: it is capped long before i reaches the width of a double's exponent.
    const double scaled = jitter * static_cast<double>(base.count()) * static_cast<double>(1ull << std::min(retry_index, 30));
    // Compare before converting back: a cap near the top of the rep (milliseconds::max() as
    // "no cap") rounds up to 2^63 as a double, which no 64-bit integer can hold.
    if (!(scaled < static_cast<double>(options.max_delay.count()))) return options.max_delay;
    return std::chrono::milliseconds(static_cast<std::chrono::milliseconds::rep>(std::max(scaled, 0.0)));
}

/// What the standard retry mode does after an attempt.
enum class retry_verdict {
    finish,           ///< hand back this attempt's outcome (a success, a final error, attempts used up)
    retry,            ///< wait `retry_decision::delay`, then make the next attempt
    deadline_passed,  ///< fail with `deadline_exceeded`: the deadline passed, or the backoff would end past it
};

/// What retry_schedule::after_attempt decided, and how long to wait first when it is `retry`.
struct retry_decision {
    retry_verdict verdict = retry_verdict::finish;
    std::chrono::milliseconds delay{0};
};

/// The standard retry mode's bookkeeping for one call: attempts made and the deadline. The sync
/// `call_with_retries` and the async `async_call_with_retries` (restop/async.hpp) both decide
/// through it, so the two cannot drift apart.
///
///     restop::retry_schedule schedule(options, std::chrono::steady_clock::now());
///     for (;;) {
///         auto outcome = restop::call(t, op, token);
///         auto next = schedule.after_attempt(outcome, jitter(), std::chrono::steady_clock::now());
///         if (next.verdict != restop::retry_verdict::retry) ...;  // finish or deadline_passed
///         sleep(next.delay);
///     }
class retry_schedule {
public:
    using clock = std::chrono::steady_clock;

    retry_schedule(const retry_options& options, clock::time_point start) : options_(options) {
        // A deadline too far off to add to `start` (milliseconds::max() as "none") is no deadline.
        if (options.deadline &&
            *options.deadline < std::chrono::duration_cast<std::chrono::milliseconds>(clock::time_point::max() - start))
            deadline_ = start + *options.deadline;
    }

    /// The absolute deadline, if the options set one.
    std::optional<clock::time_point> deadline() const noexcept { return deadline_; }

    /// Whether the deadline has passed at `now` (never, without a deadline). A deadline of zero
    /// has passed before the first attempt: the call fails without sending anything.
    bool expired(clock::time_point now) const noexcept { return deadline_ && now >= *deadline_; }

    /// Attempts decided on so far.
    int attempts() const noexcept { return attempts_; }

    /// Decides after an attempt ended with `outcome` at `now`; `jitter` is in [0, 1).
    template <class Outcome>
    retry_decision after_attempt(const Outcome& outcome, double jitter, clock::time_point now) {
        ++attempts_;
        if (outcome || !outcome.error().retryable()) return {};
        if (attempts_ >= std::max(options_.max_attempts, 1)) return {};
        const auto delay = retry_delay(options_, attempts_ - 1, is_throttling(outcome.error()), jitter);
        // In milliseconds on both sides: a delay near milliseconds::max() would overflow nanoseconds.
        if (deadline_ && delay >= std::chrono::duration_cast<std::chrono::milliseconds>(*deadline_ - now)) {
            last_status_ = outcome.error().status();
            return {retry_verdict::deadline_passed, delay};
        }
        return {retry_verdict::retry, delay};
    }

    /// Counts an attempt that the deadline cut short (an async call cancels the attempt in flight).
    void count_cut_attempt() noexcept { ++attempts_; }

    /// The error a call fails with when its deadline passes; it says how long the deadline was and
    /// how many attempts were made, nothing from the request.
    transport_error deadline_error() const {
        std::string message = "deadline of " + std::to_string(options_.deadline ? options_.deadline->count() : 0) +
                              " ms exceeded after " + std::to_string(attempts_) +
                              (attempts_ == 1 ? " attempt" : " attempts");
        if (last_status_ != 0) message += " (the last: HTTP " + std::to_string(last_status_) + ")";
        return transport_error{transport_error_kind::deadline_exceeded, std::move(message)};
    }

private:
    retry_options options_;
    std::optional<clock::time_point> deadline_;
    int attempts_ = 0;
    int last_status_ = 0;
};

/// call() with the standard retry mode: retries throttling, 500/502/503/504 and transport
/// failures where no response arrived; never input refused before sending or other 4xx/501.
/// Returns the last attempt's outcome, or a `deadline_exceeded` transport error when
/// `retry.deadline` ran out first (see retry_options).
///
///     auto outcome = restop::call_with_retries(curl, cc::delete_access_token{.id = id}, token, {.max_attempts = 5});
template <class Op, transport Transport, call_identity Identity, class Sleep = thread_sleep, class Jitter = jitter_source>
result_of<Op> call_with_retries(Transport& t, const Op& op, const Identity& token, const retry_options& retry = {},
                                const call_options& options = {}, Sleep&& sleep = {}, Jitter&& jitter = {}) {
    request scratch;
    retry_schedule schedule(retry, retry_schedule::clock::now());
    for (;;) {
        if (schedule.expired(retry_schedule::clock::now())) return failure(error_of<Op>(schedule.deadline_error()));
        result_of<Op> outcome = call(t, op, token, scratch, options);
        const retry_decision next = schedule.after_attempt(outcome, jitter(), retry_schedule::clock::now());
        if (next.verdict == retry_verdict::finish) return outcome;
        if (next.verdict == retry_verdict::deadline_passed) return failure(error_of<Op>(schedule.deadline_error()));
        sleep(next.delay);
    }
}

/// Anything but a transport and a bearer token: refused with restop's sentence (see call()).
template <class T, class Op, class Identity, class... Rest>
    requires(!detail::call_arguments<T, Identity>)
void call_with_retries(T&&, const Op&, Identity&&, Rest&&...) {
    static_assert(detail::require_call_arguments<T, Op, Identity>());
}

}  // namespace restop

#pragma once
// restop::call_with_retries: the AWS "standard" retry mode around call(). Sleeping and
// randomness are injected, so tests run instantly and deterministically and an event loop can
// substitute its own timer.

#include <algorithm>
#include <array>
#include <chrono>
#include <random>
#include <string_view>
#include <thread>

#include "restop/call.hpp"

namespace restop {

/// AWS standard retry mode: `max_attempts` in all (1 turns retries off); before retry i
/// (i = 0 for the first retry) wait random(0,1) x 2^i x base, at most `max_delay`, where base is
/// `throttling_base_delay` after a throttling error and `base_delay` otherwise.
struct retry_options {
    int max_attempts = 3;
    std::chrono::milliseconds base_delay{100};
    std::chrono::milliseconds throttling_base_delay{500};
    std::chrono::milliseconds max_delay{20000};
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

/// call() with the standard retry mode: retries throttling, 500/502/503/504 and transport
/// failures where no response arrived; never input refused before sending or other 4xx/501.
/// Returns the last attempt's outcome.
///
///     auto outcome = restop::call_with_retries(curl, cc::delete_access_token{.id = id}, token, {.max_attempts = 5});
template <class Op, transport Transport, class Sleep = thread_sleep, class Jitter = jitter_source>
result_of<Op> call_with_retries(Transport& t, const Op& op, const bearer_token& token, const retry_options& retry = {},
                                const call_options& options = {}, Sleep&& sleep = {}, Jitter&& jitter = {}) {
    request scratch;
    const int attempts = std::max(retry.max_attempts, 1);
    for (int attempt = 1;; ++attempt) {
        result_of<Op> outcome = call(t, op, token, scratch, options);
        if (outcome || attempt >= attempts || !outcome.error().retryable()) return outcome;
        sleep(retry_delay(retry, attempt - 1, is_throttling(outcome.error()), jitter()));
    }
}

/// Anything but a transport and a bearer token: refused with restop's sentence (see call()).
template <class T, class Op, class Identity, class... Rest>
    requires(!detail::call_arguments<T, Identity>)
void call_with_retries(T&&, const Op&, Identity&&, Rest&&...) {
    static_assert(detail::require_call_arguments<T, Op, Identity>());
}

}  // namespace restop

#pragma once
// Middleware as transport decorators: a transport that wraps a transport is restop's extension
// point. This header holds the sync ones (an observer hook for metrics and a logger built on
// it); restop/async_middleware.hpp holds their async twins, restop/recording.hpp the
// recording and replaying transports. Only the standard library.

#include <chrono>
#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "restop/header.hpp"
#include "restop/http_method.hpp"
#include "restop/request.hpp"
#include "restop/response.hpp"
#include "restop/transport.hpp"

namespace restop {

/// What an observer learns about one send: never a header value or a body, so that neither the
/// bearer token nor a @sensitive body member can reach a log or a metric. (restop puts no
/// @sensitive member in a target.)
struct exchange_record {
    http_method method = http_method::get;
    std::string_view target;                     ///< as sent, valid during the observer call
    int status = 0;                              ///< 0 when no response arrived
    std::optional<transport_error_kind> failure;  ///< why no response arrived
    std::chrono::microseconds latency{0};        ///< from the send to its outcome
    std::string_view request_id;                 ///< `x-amzn-requestid`, or empty
    int attempt = 1;                             ///< 1, then 2, 3 ... while restop retries this request
};

/// One log line: `DELETE /v1/accessTokens/a1 -> 404 in 1.234 ms, request id 5e0c..., attempt 1`
/// (or `-> timed_out` when no response arrived).
inline std::ostream& operator<<(std::ostream& out, const exchange_record& record) {
    out << to_string(record.method) << ' ' << record.target << " -> ";
    if (record.failure)
        out << to_string(*record.failure);
    else
        out << record.status;
    const auto micros = record.latency.count();
    out << " in " << micros / 1000 << '.' << static_cast<char>('0' + (micros / 100) % 10)
        << static_cast<char>('0' + (micros / 10) % 10) << static_cast<char>('0' + micros % 10) << " ms";
    if (!record.request_id.empty()) out << ", request id " << record.request_id;
    return out << ", attempt " << record.attempt;
}

namespace detail {

// Counts attempts per request object: restop sends the same request object again on each retry
// of a call (the sync scratch request, the async call's own), and a new one for a new call.
// An entry ends with a final outcome; a bound keeps abandoned entries from piling up.
class attempt_counter {
public:
    int start(const request& req) {
        if (attempts_.size() > 4096) attempts_.clear();
        return ++attempts_[&req];
    }
    void finish(const request& req, const transport_result& outcome) {
        const bool may_be_retried = outcome ? (outcome->status == 429 || outcome->status >= 500) : outcome.error().retryable();
        if (!may_be_retried) attempts_.erase(&req);
    }

private:
    std::unordered_map<const request*, int> attempts_;
};

inline exchange_record make_record(const request& req, const transport_result& outcome,
                                   std::chrono::steady_clock::duration elapsed, int attempt) {
    exchange_record record;
    record.method = req.method;
    record.target = req.target;
    record.attempt = attempt;
    record.latency = std::chrono::duration_cast<std::chrono::microseconds>(elapsed);
    if (outcome) {
        record.status = outcome->status;
        if (const std::string* id = find_header(outcome->headers, "x-amzn-requestid")) record.request_id = *id;
    } else {
        record.failure = outcome.error().kind;
    }
    return record;
}

}  // namespace detail

/// A transport that calls `observer(const exchange_record&)` after every send of `inner`, for
/// metrics, traces or logs; the outcome passes through untouched.
///
///     auto counted = restop::observing_transport(curl, [&](const restop::exchange_record& r) {
///         latency_histogram.record(r.latency);
///         if (r.status >= 500) ++server_errors;
///     });
///     restop::call_with_retries(counted, op, token);
template <transport Inner, class Observer>
class observing_transport {
public:
    observing_transport(Inner inner, Observer observer) : inner_(std::move(inner)), observer_(std::move(observer)) {}

    transport_result send(const request& req) {
        const int attempt = attempts_.start(req);
        const auto started = std::chrono::steady_clock::now();
        transport_result outcome = inner_.send(req);
        attempts_.finish(req, outcome);
        observer_(detail::make_record(req, outcome, std::chrono::steady_clock::now() - started, attempt));
        return outcome;
    }

    Inner& inner() noexcept { return inner_; }
    Observer& observer() noexcept { return observer_; }

private:
    Inner inner_;
    Observer observer_;
    detail::attempt_counter attempts_;
};

/// Writes one exchange_record line per send to a stream (method, target, status, latency,
/// request id, attempt; never a header value or a body).
struct log_sink {
    std::ostream* out;
    void operator()(const exchange_record& record) const { *out << "restop: " << record << '\n'; }
};

/// The logger: an observing_transport that writes to `out`.
///
///     restop::transports::curl_transport curl(options);
///     auto logged = restop::logging_transport(restop::transport_ref{&curl}, std::clog);
///     restop::call(logged, op, token);  // restop: DELETE /v1/accessTokens/a1 -> 200 in 3.1 ms, ...
template <transport Inner>
observing_transport<Inner, log_sink> logging_transport(Inner inner, std::ostream& out) {
    return observing_transport<Inner, log_sink>(std::move(inner), log_sink{&out});
}

/// A reference to a transport, itself a transport: decorate one without moving it in.
template <transport Inner>
struct transport_ref {
    Inner* inner;
    transport_result send(const request& req) { return inner->send(req); }
};

}  // namespace restop

#pragma once
// The transport concept: the only place restop meets I/O, and it is the caller's.

#include <concepts>
#include <ostream>
#include <string>
#include <type_traits>

#include "restop/fault.hpp"
#include "restop/request.hpp"
#include "restop/response.hpp"
#include "restop/result.hpp"

namespace restop {

/// Why a transport could not produce a response.
enum class transport_error_kind {
    connection_failed,   ///< DNS, connect, TLS handshake: nothing reached the service
    timed_out,           ///< a connect or total timeout expired
    connection_closed,   ///< the peer closed or reset the connection before a full response
    response_too_large,  ///< the body exceeded the transport's configured cap
    protocol_error,      ///< the bytes received were not a valid HTTP response
    other,
    cancelled,           ///< the caller cancelled the call (an Asio cancellation slot); never retried
    deadline_exceeded,   ///< the call's own deadline, across all its attempts, expired; never retried
};

/// The kind's name as written in logs: "connection_failed", "timed_out", ….
constexpr std::string_view to_string(transport_error_kind kind) noexcept {
    switch (kind) {
        case transport_error_kind::connection_failed: return "connection_failed";
        case transport_error_kind::timed_out: return "timed_out";
        case transport_error_kind::connection_closed: return "connection_closed";
        case transport_error_kind::response_too_large: return "response_too_large";
        case transport_error_kind::protocol_error: return "protocol_error";
        case transport_error_kind::other: return "other";
        case transport_error_kind::cancelled: return "cancelled";
        case transport_error_kind::deadline_exceeded: return "deadline_exceeded";
    }
    return "other";
}

/// A failure reported by a transport instead of a response. Transports return it; they never throw.
struct transport_error {
    transport_error_kind kind = transport_error_kind::other;
    std::string message;  ///< the HTTP stack's own words; must never contain the bearer token

    /// Transient failures the AWS standard retry mode retries (connection failures, timeouts,
    /// dropped connections); a cap or a malformed response will fail the same way again.
    constexpr bool retryable() const noexcept {
        return kind == transport_error_kind::connection_failed || kind == transport_error_kind::timed_out ||
               kind == transport_error_kind::connection_closed;
    }
    static constexpr restop::fault fault() noexcept { return restop::fault::network; }
};

/// `transport error (timed_out): <the HTTP stack's message>`.
inline std::ostream& operator<<(std::ostream& out, const transport_error& error) {
    return out << "transport error (" << to_string(error.kind) << "): " << error.message;
}

/// What a transport's `send` returns: a response (any status), or why none arrived.
using transport_result = result<response, transport_error>;

/// Anything that can send a request and hand back a response or a transport_error.
///
///     struct my_transport {
///         restop::transport_result send(const restop::request& req);
///     };
///     static_assert(restop::transport<my_transport>);
///
/// The request's target is origin-form and already encoded; the transport joins it to its
/// endpoint and adds Host and Content-Length.
template <class T>
concept transport = requires(T& t, const request& req) {
    { t.send(req) } -> std::convertible_to<transport_result>;
};

namespace detail {
template <class T>
concept has_send = requires(T& t, const request& req) { t.send(req); };

// The transport requirement with restop's sentences, for call(), call_with_retries(), pages() and
// items(): a function that takes something else names the culprit in the notes ("T = int")
// instead of listing every overload it did not match.
template <class T>
consteval bool require_transport() {
    if constexpr (std::is_const_v<T> && transport<std::remove_const_t<T>>)
        static_assert(!std::is_const_v<T>, "restop: the transport is const, but sending may change it (a connection pool, a "
                                           "timer): pass it as a non-const lvalue");
    else if constexpr (!has_send<T>)
        static_assert(has_send<T>, "restop: this type is not a transport: it needs a member `restop::transport_result "
                                   "send(const restop::request&)` (see restop/transport.hpp)");
    else
        static_assert(transport<T>, "restop: this type's send(const restop::request&) does not return a "
                                    "restop::transport_result, so it is not a transport");
    return true;
}
}  // namespace detail

}  // namespace restop

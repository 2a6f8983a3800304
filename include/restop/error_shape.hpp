#pragma once
// Modeled errors (Smithy structures with the @error trait) as types: wire name, HTTP status,
// fault and retryability are compile-time facts; the message arrives with the response.

#include <string>
#include <string_view>

#include "restop/fault.hpp"
#include "restop/fixed_string.hpp"

namespace restop {

/// Smithy @retryable, spelled out at the use site.
enum class retryable { no, yes };

/// A modeled error: derive a named type from it.
///
///     struct throttling_exception
///         : restop::error_shape<"ThrottlingException", 429, restop::fault::client, restop::retryable::yes> {};
///
/// Every AWS error shape carries `message`; shapes with further members arrive with body decoding.
template <fixed_string WireName, int HttpStatus, restop::fault Fault, restop::retryable Retry = restop::retryable::no>
struct error_shape {
    static_assert(HttpStatus >= 400 && HttpStatus <= 599, "restop::error_shape: an error's HTTP status must be 4xx or 5xx");
    static_assert(Fault != restop::fault::network, "restop::error_shape: a modeled error is a client or a server fault");
    static_assert(!WireName.view().empty(), "restop::error_shape: an error shape needs its name, as the service sends it");

    static constexpr auto wire_text = WireName;  // kept as a fixed_string for diagnostics
    static constexpr std::string_view wire_name = wire_text.view();
    static constexpr int http_status = HttpStatus;
    static constexpr restop::fault fault_kind = Fault;
    static constexpr bool is_retryable = Retry == restop::retryable::yes;

    std::string message;
};

/// The error shapes an operation (or a whole service) can return.
template <class... Shapes>
struct errors {};

namespace detail {
template <class... Lists>
struct errors_join_impl;
template <class... A>
struct errors_join_impl<errors<A...>> {
    using type = errors<A...>;
};
template <class... A, class... B, class... Rest>
struct errors_join_impl<errors<A...>, errors<B...>, Rest...> {
    using type = typename errors_join_impl<errors<A..., B...>, Rest...>::type;
};
}  // namespace detail

/// One list from several: a service's errors, then an operation's own.
///
///     using get_thing_errors = restop::errors_join<service::errors, restop::errors<thing_missing>>;
template <class... Lists>
using errors_join = typename detail::errors_join_impl<Lists...>::type;

}  // namespace restop

#pragma once
// Auth schemes as part of a service's description (Smithy's @auth and the scheme traits): which
// identity a call takes. httpBearerAuth takes a restop::bearer_token; a service whose schemes
// restop's core does not sign (aws.auth#sigv4: see <restop/auth/sigv4.hpp>) or that declares
// none is called with the explicit restop::anonymous identity. Only the standard library.

#include <string_view>
#include <type_traits>

#include "restop/fixed_string.hpp"

namespace restop {

/// smithy.api#httpBearerAuth: `Authorization: Bearer <token>`.
struct http_bearer_auth {};
/// smithy.api#optionalAuth / no scheme: nothing is added to the request.
struct anonymous_auth {};
/// aws.auth#sigv4 with its signing name; the signature is added by a signing transport.
template <fixed_string SigningName>
struct sigv4_auth {
    static constexpr std::string_view signing_name = SigningName.view();
};

/// The identity of a call that carries no credentials: `restop::call(t, op, restop::anonymous)`.
struct anonymous_identity {
    explicit constexpr anonymous_identity() = default;
};
/// The one anonymous identity, passed where a call takes credentials.
inline constexpr anonymous_identity anonymous{};

class bearer_token;

namespace detail {
// An identity that an opt-in header adds and that signs the request in a transport around the
// call instead of in the encoder (restop/auth/sigv4.hpp: restop::sigv4_identity). That header
// also brings the call() and call_with_retries() overloads that take it.
template <class T>
inline constexpr bool is_signing_identity = false;
}  // namespace detail

/// What call(), call_with_retries(), pages() and items() take as the caller's identity: a
/// restop::bearer_token, restop::anonymous, or with <restop/auth/sigv4.hpp> a
/// restop::sigv4_identity.
template <class T>
concept call_identity =
    std::is_same_v<T, bearer_token> || std::is_same_v<T, anonymous_identity> || detail::is_signing_identity<T>;

namespace detail {
template <class T>
inline constexpr bool is_sigv4_auth = false;
template <fixed_string N>
inline constexpr bool is_sigv4_auth<sigv4_auth<N>> = true;

// The service a description names (`using service = ...` in the operation), else one that takes
// a bearer token: every operation described before services had auth schemes took one.
struct bearer_service {
    using auth = http_bearer_auth;
};
template <class Op>
struct service_for {
    using type = bearer_service;
};
template <class Op>
    requires requires { typename Op::service::auth; }
struct service_for<Op> {
    using type = typename Op::service;
};
}  // namespace detail

/// The service of `Op`: `Op::service` when it declares one with an `auth` scheme.
template <class Op>
using service_of = typename detail::service_for<Op>::type;

/// True when `Op`'s service takes a bearer token.
template <class Op>
inline constexpr bool takes_bearer_token = std::is_same_v<typename service_of<Op>::auth, http_bearer_auth>;

/// True when `Op` may be called with restop::anonymous: its service has no scheme, or only one
/// that restop's core does not add itself (SigV4 is added by a signing transport).
template <class Op>
inline constexpr bool takes_anonymous_identity =
    std::is_same_v<typename service_of<Op>::auth, anonymous_auth> || detail::is_sigv4_auth<typename service_of<Op>::auth>;

}  // namespace restop

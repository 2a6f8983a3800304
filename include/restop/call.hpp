#pragma once
// restop::call: validate, encode, send through the caller's transport, decode. Every outcome,
// including refused input and a failed transport, comes back as a value.

#include <optional>
#include <string_view>
#include <type_traits>

#include "restop/bearer_token.hpp"
#include "restop/decode.hpp"
#include "restop/encode.hpp"
#include "restop/reply.hpp"
#include "restop/transport.hpp"

namespace restop {

/// Options of one call: today only the level of input checks (see restop::checks).
struct call_options {
    std::optional<checks> level;  ///< overrides the operation's default_checks for this call
};

namespace detail {
// The rest of a call once the request is encoded (or refused): send, then decode. Like
// decode_reply, shared by the operations that share an output type and an error list; call()
// reaches it through send_encoded<Op>.
template <class Output, class ErrorList, class Transport>
result<reply<Output>, typename error_for<ErrorList>::type> send_and_decode(Transport& t, result<void, validation_error> encoded,
                                                                           const request& scratch) {
    using error_type = typename error_for<ErrorList>::type;
    if (!encoded) return failure(error_type(std::move(encoded.error())));
    transport_result sent = t.send(scratch);
    if (!sent) return failure(error_type(std::move(sent.error())));
    return decode_reply<Output, ErrorList>(*sent);
}
template <class Op, class Transport>
result_of<Op> send_encoded(Transport& t, result<void, validation_error> encoded, const request& scratch) {
    return send_and_decode<typename description_t<Op>::output, typename description_t<Op>::error_list>(t, std::move(encoded), scratch);
}

// The credentials given as bare text (or a number): the mistake the refusing overloads name.
// Any class type is left to the overloads that take identities, here and in the headers that
// add one (restop/auth/sigv4.hpp), so this never stands in their way.
template <class T>
concept is_raw_secret = std::is_convertible_v<T, std::string_view> || !std::is_class_v<std::remove_cvref_t<T>>;
template <class T>
concept is_transport_lvalue = std::is_lvalue_reference_v<T> && transport<std::remove_reference_t<T>>;

// What the refusing overloads below check, in the order a reader would: the transport (`T` as
// forwarded), then the credentials, then (for pages and items) the operation.
template <class T, class Identity>
concept call_arguments = is_transport_lvalue<T> && !is_raw_secret<Identity>;

template <class T, class Op, class Identity, bool Paginated = true>
consteval bool require_call_arguments() {
    if constexpr (std::is_pointer_v<std::remove_cvref_t<T>>)
        static_assert(!std::is_pointer_v<std::remove_cvref_t<T>>, "restop: this is a pointer; pass the transport itself (`*t`)");
    else if constexpr (!std::is_lvalue_reference_v<T>)
        static_assert(std::is_lvalue_reference_v<T>, "restop: the transport is a temporary; keep it in a variable (it holds "
                                                     "connections for the calls that follow) and pass that");
    else if constexpr (!transport<std::remove_reference_t<T>>)
        require_transport<std::remove_reference_t<T>>();
    else if constexpr (is_raw_secret<Identity>)
        static_assert(!is_raw_secret<Identity>, "restop: a call's credentials must be a restop::bearer_token (which keeps the "
                                                "secret out of logs) or restop::anonymous, not text");
    else
        static_assert(Paginated, "restop: restop::pages and restop::items need a paginated operation: this one declares no "
                                 "`using pagination = restop::paginated<...>`");
    return true;
}
}  // namespace detail

/// Sends `op` through `t` with a request the caller keeps between calls (no allocation for the
/// request once it has grown to size).
///
///     restop::request scratch;
///     for (auto& id : ids) restop::call(curl, delete_access_token{.id = id}, token, scratch);
template <class Op, transport Transport>
result_of<Op> call(Transport& t, const Op& op, const bearer_token& token, request& scratch, const call_options& options = {}) {
    return detail::send_encoded<Op>(t, encode_into(scratch, op, token, encode_options{options.level}), scratch);
}

/// The same for a call without credentials (restop::anonymous), for a service that takes none.
template <class Op, transport Transport>
result_of<Op> call(Transport& t, const Op& op, anonymous_identity identity, request& scratch, const call_options& options = {}) {
    return detail::send_encoded<Op>(t, encode_into(scratch, op, identity, encode_options{options.level}), scratch);
}

/// Validates, encodes, sends and decodes one operation of a service that takes no credentials.
template <class Op, transport Transport>
result_of<Op> call(Transport& t, const Op& op, anonymous_identity identity, const call_options& options = {}) {
    request scratch;
    return call(t, op, identity, scratch, options);
}

/// Validates, encodes, sends and decodes one operation.
///
///     my_transport t{"https://codecatalyst.global.api.aws"};
///     auto outcome = restop::call(t, delete_access_token{.id = "a1b2c3d4-5678-90ab-cdef-EXAMPLEbbbbb"}, token);
///     if (!outcome) std::cerr << outcome.error() << '\n';
template <class Op, transport Transport>
result_of<Op> call(Transport& t, const Op& op, const bearer_token& token, const call_options& options = {}) {
    request scratch;
    return call(t, op, token, scratch, options);
}

/// Any other arguments: refused with restop's sentence naming what is wrong (not a transport, a
/// const or temporary transport, credentials that are not restop::bearer_token or restop::anonymous)
/// instead of a list of the overloads above.
template <class T, class Op, class Identity, class... Rest>
    requires(!detail::call_arguments<T, Identity>)
void call(T&&, const Op&, Identity&&, Rest&&...) {
    static_assert(detail::require_call_arguments<T, Op, Identity>());
}

}  // namespace restop

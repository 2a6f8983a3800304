#pragma once
// restop::call: validate, encode, send through the caller's transport, decode. Every outcome,
// including refused input and a failed transport, comes back as a value.

#include <optional>

#include "restop/bearer_token.hpp"
#include "restop/decode.hpp"
#include "restop/encode.hpp"
#include "restop/reply.hpp"
#include "restop/transport.hpp"

namespace restop {

struct call_options {
    std::optional<checks> level;  ///< overrides the operation's default_checks for this call
};

namespace detail {
// The rest of a call once the request is encoded (or refused): send, then decode.
template <class Op, class Transport>
result_of<Op> send_encoded(Transport& t, result<void, validation_error> encoded, const request& scratch) {
    if (!encoded) return failure(error_of<Op>(std::move(encoded.error())));
    transport_result sent = t.send(scratch);
    if (!sent) return failure(error_of<Op>(std::move(sent.error())));
    return decode<Op>(*sent);
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

}  // namespace restop

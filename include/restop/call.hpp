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

/// Sends `op` through `t` with a request the caller keeps between calls (no allocation for the
/// request once it has grown to size).
///
///     restop::request scratch;
///     for (auto& id : ids) restop::call(curl, delete_access_token{.id = id}, token, scratch);
template <class Op, transport Transport>
result_of<Op> call(Transport& t, const Op& op, const bearer_token& token, request& scratch, const call_options& options = {}) {
    if (auto encoded = encode_into(scratch, op, token, encode_options{options.level}); !encoded)
        return failure(error_of<Op>(std::move(encoded.error())));
    transport_result sent = t.send(static_cast<const request&>(scratch));
    if (!sent) return failure(error_of<Op>(std::move(sent.error())));
    return decode<Op>(*sent);
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

#pragma once
// restop::reply and restop::result_of: what a successful call gives back, and the result type
// of encode-send-decode for an operation.

#include "restop/operation.hpp"
#include "restop/operation_error.hpp"
#include "restop/request_id.hpp"
#include "restop/result.hpp"

namespace restop {

/// A successful response: the decoded output plus what the response said about itself.
template <class Output>
struct reply {
    Output output{};
    int status = 0;          ///< any 2xx; not necessarily the modeled success status
    request_id_text request_id;  ///< `x-amzn-requestid`, or empty; held without allocating
};

/// The error type of an operation: operation_error over its description's error shapes.
template <class Op>
using error_of = typename detail::error_for<typename description_t<Op>::error_list>::type;

/// The result of decode() and call() for an operation.
template <class Op>
using result_of = result<reply<typename description_t<Op>::output>, error_of<Op>>;

}  // namespace restop

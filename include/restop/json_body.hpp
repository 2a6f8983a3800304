#pragma once
// restJson1 request bodies with Boost.JSON: the body members of an operation as one JSON object
// (absent members omitted; an operation with body members always sends an object), or a
// structure, union or document payload. Each value is written by its restop::value_traits.

#include <string>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "restop/document.hpp"
#include "restop/encode.hpp"
#include "restop/members.hpp"
#include "restop/operation.hpp"
#include "restop/structure.hpp"
#include "restop/value_traits.hpp"

namespace restop {

/// How restop's encoder writes the JSON body of `Op`. encode.hpp only declares it, so that an
/// operation without body members encodes with the standard library alone; including this
/// header (restop.hpp does) completes it, and encoding an operation with body members without
/// it is a compile error that names this header.
template <class Op>
struct json_body_writer {
    /// The body members of `op` as one JSON object, absent members omitted; an
    /// `@idempotencyToken` member that the caller left empty is written as `idempotency_token`.
    static void write(std::string& body, const Op& op, std::string_view idempotency_token) {
        boost::json::object object;
        detail::write_body_fields(object, op, typename description_t<Op>::member_list{}, idempotency_token);
        body = boost::json::serialize(object);
    }

    /// A structure, union or document payload (`@httpPayload`) as the whole body.
    template <class Value>
    static void write_value(std::string& body, const Value& value) {
        boost::json::value json;
        value_traits<Value>::write_json(json, value, wire_context{location::payload, timestamp_format::epoch_seconds});
        body = boost::json::serialize(json);
    }
};

}  // namespace restop

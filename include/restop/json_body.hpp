#pragma once
// restJson1 request bodies with Boost.JSON: the body members of an operation as one JSON object
// (absent members omitted; an operation with body members always sends an object), or a
// structure, union or document payload. Each value is written by its restop::value_traits.

#include <cstddef>
#include <string>
#include <string_view>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serializer.hpp>
#include <boost/json/value.hpp>

#include "restop/document.hpp"
#include "restop/encode.hpp"
#include "restop/members.hpp"
#include "restop/operation.hpp"
#include "restop/structure.hpp"
#include "restop/value_traits.hpp"

namespace restop {

namespace detail {
// The bytes of `json` into `body`, reusing its storage: a request encoded again and again grows
// its body once. (boost::json::serialize returns a new string every time.)
template <class Json>
void serialize_into(std::string& body, const Json& json) {
    boost::json::serializer writer;
    writer.reset(&json);
    body.clear();
    while (!writer.done()) {
        char chunk[512];
        body.append(writer.read(chunk));
    }
}

// The DOM a body is written into lives on the stack: a request body of a few members (a token's
// name, a project) fits this buffer and allocates nothing; a larger one spills to the heap.
inline constexpr std::size_t body_dom_buffer_size = 2048;
}  // namespace detail

/// How restop's encoder writes the JSON body of `Op`. encode.hpp only declares it, so that an
/// operation without body members encodes with the standard library alone; including this
/// header (restop.hpp does) completes it, and encoding an operation with body members without
/// it is a compile error that names this header.
template <class Op>
struct json_body_writer {
    /// The body members of `op` as one JSON object, absent members omitted; an
    /// `@idempotencyToken` member that the caller left empty is written as `idempotency_token`.
    static void write(std::string& body, const Op& op, std::string_view idempotency_token) {
        unsigned char buffer[detail::body_dom_buffer_size];
        boost::json::monotonic_resource memory(buffer, sizeof buffer);
        boost::json::object object(&memory);
        detail::write_body_fields(object, op, typename description_t<Op>::member_list{}, idempotency_token);
        detail::serialize_into(body, object);
    }

    /// A structure, union or document payload (`@httpPayload`) as the whole body.
    template <class Value>
    static void write_value(std::string& body, const Value& value) {
        unsigned char buffer[detail::body_dom_buffer_size];
        boost::json::monotonic_resource memory(buffer, sizeof buffer);
        boost::json::value json(&memory);
        value_traits<Value>::write_json(json, value, wire_context{location::payload, timestamp_format::epoch_seconds});
        detail::serialize_into(body, json);
    }
};

}  // namespace restop

#pragma once
// Smithy documents: untyped JSON, held as a Boost.JSON value and written and read as it is.

#include <boost/json/parse.hpp>  // for the callers who build a document as the example below does
#include <boost/json/value.hpp>

#include "restop/value_traits.hpp"

namespace restop {

/// smithy.api#Document: any JSON value.
///
///     op.config = boost::json::parse(R"({"retries": 3})");
using document = boost::json::value;

template <>
struct value_traits<document> : scalar_value_traits<document> {
    static constexpr value_kind kind = value_kind::document;
    static void write_json(boost::json::value& json, const document& value, const wire_context&) { json = value; }
    static detail::read_outcome read_json(const boost::json::value& json, document& out, const wire_context&) {
        out = json;
        return std::nullopt;
    }
};

}  // namespace restop

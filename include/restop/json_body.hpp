#pragma once
// restJson1 request bodies: the body members of an operation as one JSON object, written with
// Boost.JSON. Absent members are omitted; an operation with body members always sends an object.

#include <optional>
#include <string>
#include <type_traits>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "restop/encode.hpp"
#include "restop/members.hpp"
#include "restop/operation.hpp"
#include "restop/params.hpp"
#include "restop/timestamp.hpp"

namespace restop {

namespace detail {

template <class Value>
bool json_present(const Value& value) noexcept {
    if constexpr (is_string_param<Value> || is_integer_param<Value> || is_optional<Value>)
        return value.has_value();
    else if constexpr (is_vector<Value>)
        return !value.empty();
    else
        return true;  // bool, timestamp, nested structures
}

template <class Object, template <class...> class List, class... Fields>
void write_json_fields(boost::json::object& out, const Object& object, List<Fields...>);

template <class Value>
boost::json::value to_json(const Value& value) {
    if constexpr (is_string_param<Value>) {
        return boost::json::string(value.view());
    } else if constexpr (is_integer_param<Value>) {
        return static_cast<std::int64_t>(value.value());
    } else if constexpr (std::is_same_v<Value, bool>) {
        return value;
    } else if constexpr (std::is_same_v<Value, timestamp>) {
        return boost::json::string(format_rfc3339(value));  // restJson1 default: date-time strings
    } else if constexpr (is_optional<Value>) {
        return to_json(*value);
    } else if constexpr (is_vector<Value>) {
        boost::json::array array;
        array.reserve(value.size());
        for (const auto& element : value) array.push_back(to_json(element));
        return array;
    } else {
        static_assert(has_fields<Value>,
                      "restop: a JSON body member must be a string_param, an integer_param, bool, restop::timestamp, a "
                      "struct with `fields`, or a std::optional or std::vector of those");
        boost::json::object nested;
        write_json_fields(nested, value, typename Value::fields{});
        return nested;
    }
}

template <class Object, template <class...> class List, class... Fields>
void write_json_fields(boost::json::object& out, const Object& object, List<Fields...>) {
    ([&] {
        if constexpr (Fields::where == location::body) {
            const auto& value = object.*Fields::pointer;
            if (json_present(value)) out[Fields::wire_name] = to_json(value);
        }
    }(), ...);
}

}  // namespace detail

template <class Op>
struct json_body_writer {
    static void write(std::string& body, const Op& op) {
        boost::json::object object;
        detail::write_json_fields(object, op, typename description_t<Op>::member_list{});
        body = boost::json::serialize(object);
    }
};

}  // namespace restop

#pragma once
// restJson1 response bodies: an operation's JSON output read into its output struct with
// Boost.JSON, each member checked for presence and type. Unknown members are ignored.

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "restop/members.hpp"
#include "restop/sensitive.hpp"
#include "restop/timestamp.hpp"

namespace restop {

namespace detail {

// The reader's error: `path` is the member's JSON path ("items[2].name"); never a value.
struct json_read_error {
    std::string path;
    std::string_view problem;  // static text: "is missing", "is not a string", ...
};

template <class T>
std::optional<json_read_error> read_json_value(const boost::json::value& json, T& out);

template <class Object, class... Fields>
std::optional<json_read_error> read_json_fields(const boost::json::object& json, Object& object, fields<Fields...>) {
    std::optional<json_read_error> error;
    ([&] {
        if (error) return;
        auto& target = object.*Fields::pointer;
        using member_type = std::remove_cvref_t<decltype(target)>;
        const boost::json::value* found = json.if_contains(Fields::wire_name);
        // restJson1 treats null like absence.
        if (!found || found->is_null()) {
            if constexpr (!is_optional<member_type>) error = json_read_error{std::string(Fields::wire_name), "is missing"};
            return;
        }
        if ((error = read_json_value(*found, target))) {
            const std::string child = std::move(error->path);  // "" for this member, "[2]..." or "name..." below it
            error->path.assign(Fields::wire_name);
            if (!child.empty() && child.front() != '[') error->path += '.';
            error->path += child;
        }
    }(), ...);
    return error;
}

template <class T>
std::optional<json_read_error> read_json_value(const boost::json::value& json, T& out) {
    if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, sensitive_string>) {
        const boost::json::string* text = json.if_string();
        if (!text) return json_read_error{{}, "is not a string"};
        out = T(std::string(text->data(), text->size()));
    } else if constexpr (std::is_same_v<T, bool>) {
        if (!json.is_bool()) return json_read_error{{}, "is not a boolean"};
        out = json.get_bool();
    } else if constexpr (std::is_integral_v<T>) {
        if (json.is_int64()) {
            const std::int64_t v = json.get_int64();
            if (v < static_cast<std::int64_t>(std::numeric_limits<T>::min()) ||
                (v > 0 && static_cast<std::uint64_t>(v) > static_cast<std::uint64_t>(std::numeric_limits<T>::max())))
                return json_read_error{{}, "is out of range"};
            out = static_cast<T>(v);
        } else if (json.is_uint64()) {
            if (json.get_uint64() > static_cast<std::uint64_t>(std::numeric_limits<T>::max()))
                return json_read_error{{}, "is out of range"};
            out = static_cast<T>(json.get_uint64());
        } else {
            return json_read_error{{}, "is not an integer"};
        }
    } else if constexpr (std::is_floating_point_v<T>) {
        if (!json.is_number()) return json_read_error{{}, "is not a number"};
        out = static_cast<T>(json.to_number<double>());
    } else if constexpr (std::is_same_v<T, timestamp>) {
        const boost::json::string* text = json.if_string();
        if (!text) return json_read_error{{}, "is not an RFC 3339 date-time string"};
        const auto parsed = parse_rfc3339(std::string_view(text->data(), text->size()));
        if (!parsed) return json_read_error{{}, "is not an RFC 3339 date-time string"};
        out = *parsed;
    } else if constexpr (is_optional<T>) {
        typename T::value_type value{};
        if (auto error = read_json_value(json, value)) return error;
        out = std::move(value);
    } else if constexpr (is_vector<T>) {
        const boost::json::array* array = json.if_array();
        if (!array) return json_read_error{{}, "is not a list"};
        out.clear();
        out.reserve(array->size());
        for (std::size_t i = 0; i < array->size(); ++i) {
            if ((*array)[i].is_null()) return json_read_error{"[" + std::to_string(i) + "]", "is null"};
            typename T::value_type element{};
            if (auto error = read_json_value((*array)[i], element)) {
                const std::string child = std::move(error->path);
                error->path = "[" + std::to_string(i) + "]";
                if (!child.empty() && child.front() != '[') error->path += '.';
                error->path += child;
                return error;
            }
            out.push_back(std::move(element));
        }
    } else {
        static_assert(has_fields<T>,
                      "restop: an output member must be std::string, restop::sensitive_string, an integer, bool, double, "
                      "restop::timestamp, a struct with `fields`, or a std::optional or std::vector of those");
        const boost::json::object* object = json.if_object();
        if (!object) return json_read_error{{}, "is not an object"};
        return read_json_fields(*object, out, typename T::fields{});
    }
    return std::nullopt;
}

}  // namespace detail

template <class Output>
std::optional<std::string> read_json_output(std::string_view body, Output& output) {
    // An output with only optional members may come back as an empty body.
    if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) body = "{}";
    boost::system::error_code ec;
    const boost::json::value document = boost::json::parse(body, ec);
    if (ec) return std::string("the response body is not valid JSON");
    const boost::json::object* object = document.if_object();
    if (!object) return std::string("the response body is not a JSON object");
    if (auto error = detail::read_json_fields(*object, output, typename Output::fields{}))
        return "output member '" + error->path + "' " + std::string(error->problem);
    return std::nullopt;
}

}  // namespace restop

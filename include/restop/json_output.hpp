#pragma once
// restJson1 responses read into an output (or error) structure: members bound to headers,
// prefix headers, the status code, the payload, and the JSON body, each read by its
// restop::value_traits and checked for presence and type. Unknown body members are ignored.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include <boost/json/value.hpp>

#include "restop/detail/json_memory.hpp"
#include "restop/document.hpp"
#include "restop/header.hpp"
#include "restop/members.hpp"
#include "restop/response.hpp"
#include "restop/structure.hpp"
#include "restop/value_traits.hpp"

namespace restop {

namespace detail {

// Splits a list header at its commas (RFC 9110 section 5.6.1), unquoting quoted strings. An
// http-date holds a comma of its own ("Mon, 16 Dec 2019 ..."), so for http-date timestamps
// every second comma separates.
inline std::optional<std::vector<std::string>> split_header_list(std::string_view text, bool http_dates) {
    std::vector<std::string> items;
    std::size_t i = 0;
    auto skip_spaces = [&] {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    };
    while (true) {
        skip_spaces();
        std::string item;
        if (i < text.size() && text[i] == '"') {
            ++i;
            bool closed = false;
            while (i < text.size()) {
                const char c = text[i++];
                if (c == '\\' && i < text.size()) {
                    item += text[i++];
                } else if (c == '"') {
                    closed = true;
                    break;
                } else {
                    item += c;
                }
            }
            if (!closed) return std::nullopt;
            skip_spaces();
            if (i < text.size() && text[i] != ',') return std::nullopt;
        } else {
            std::size_t end = text.find(',', i);
            if (http_dates && end != std::string_view::npos) end = text.find(',', end + 1);
            if (end == std::string_view::npos) end = text.size();
            std::string_view raw = text.substr(i, end - i);
            while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t')) raw.remove_suffix(1);
            item.assign(raw);
            i = end;
        }
        items.push_back(std::move(item));
        if (i >= text.size()) break;
        ++i;  // the comma
    }
    return items;
}

template <class Binding, class Value>
read_outcome read_header_value(std::string_view text, Value& out) {
    using traits = value_traits<Value>;
    if constexpr (is_vector<unwrapped_t<Value>>) {
        using list_type = unwrapped_t<Value>;
        using element = typename list_type::value_type;
        const bool dates = value_traits<unwrapped_t<element>>::kind == value_kind::timestamp_ &&
                           Binding::context.timestamps == timestamp_format::http_date;
        auto items = split_header_list(text, dates);
        if (!items) return problem("is not a valid list header");
        list_type list;
        for (std::size_t i = 0; i < items->size(); ++i) {
            element item{};
            if (auto error = value_traits<element>::read_text((*items)[i], item, Binding::context)) {
                prefix_path(*error, std::to_string(i), true);
                return error;
            }
            list.push_back(std::move(item));
        }
        out = std::move(list);
        return std::nullopt;
    } else if constexpr (has_text_view<unwrapped_t<Value>>) {
        if (Binding::context.base64_text) {
            auto bytes = decode_base64(text);
            if (!bytes) return problem("is not valid base64");
            return traits::read_text(*bytes, out, Binding::context);
        }
        return traits::read_text(text, out, Binding::context);
    } else {
        return traits::read_text(text, out, Binding::context);
    }
}

// Header-bound members, the status, prefix headers; then the payload or the JSON body.
template <class Object, class... Fields>
read_outcome read_http_fields(const response& received, Object& object, fields<Fields...>) {
    read_outcome error;
    ([&] {
        if (error) return;
        auto& target = object.*Fields::pointer;
        using value_type = std::remove_cvref_t<decltype(target)>;
        if constexpr (Fields::where == location::header) {
            const std::string* found = find_header(received.headers, Fields::wire_name);
            if (!found) {
                if constexpr (Fields::must_be_read) error = json_read_error{std::string(Fields::wire_name), "is missing"};
                return;
            }
            if ((error = read_header_value<Fields>(*found, target))) prefix_path(*error, Fields::wire_name, false);
        } else if constexpr (Fields::where == location::response_code) {
            target = received.status;
        } else if constexpr (Fields::where == location::prefix_headers) {
            unwrapped_t<value_type> map;
            for (const header& field : received.headers) {
                if (field.name.size() < Fields::wire_name.size() ||
                    !iequals(std::string_view(field.name).substr(0, Fields::wire_name.size()), Fields::wire_name))
                    continue;
                map[field.name.substr(Fields::wire_name.size())] = field.value;
            }
            target = std::move(map);
        }
    }(), ...);
    return error;
}

template <class Object, class... Fields>
read_outcome read_payload_field(const response& received, Object& object, fields<Fields...>) {
    read_outcome error;
    ([&] {
        if constexpr (Fields::where == location::payload) {
            auto& target = object.*Fields::pointer;
            using value_type = std::remove_cvref_t<decltype(target)>;
            using held_type = unwrapped_t<value_type>;
            constexpr value_kind kind = value_traits<held_type>::kind;
            if constexpr (kind == value_kind::blob) {
                if (!received.body.empty() || !Fields::traits::can_be_absent) target = blob(received.body);
            } else if constexpr (kind == value_kind::string) {
                if (!received.body.empty() || !Fields::traits::can_be_absent)
                    error = Fields::traits::read_text(received.body, target, Fields::context);
            } else {
                if (received.body.find_first_not_of(" \t\r\n") == std::string::npos) return;  // no payload
                json_memory memory;
                boost::system::error_code ec;
                const boost::json::value document = memory.parse(received.body, ec);
                error = ec ? problem("is not valid JSON") : Fields::traits::read_json(document, target, Fields::context);
            }
            if (error) prefix_path(*error, "payload", false);
        }
    }(), ...);
    return error;
}

template <class... Fields>
inline constexpr bool has_payload_field = ((Fields::where == location::payload) || ...);
template <class... Fields>
inline constexpr bool has_body_field = ((Fields::where == location::body) || ...);

template <class Object, class... Fields>
std::optional<std::string> read_response_fields(const response& received, Object& object, fields<Fields...> list) {
    if (auto error = read_http_fields(received, object, list)) return "output member '" + error->path + "' " + std::string(error->problem);
    if constexpr (has_payload_field<Fields...>) {
        if (auto error = read_payload_field(received, object, list))
            return "output member '" + error->path + "' " + std::string(error->problem);
    } else if constexpr (has_body_field<Fields...>) {
        std::string_view body = received.body;
        // An output with only optional members may come back as an empty body.
        if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) body = "{}";
        json_memory memory;
        boost::system::error_code ec;
        const boost::json::value document = memory.parse(body, ec);
        if (ec) return std::string("the response body is not valid JSON");
        const boost::json::object* json_object = document.if_object();
        if (!json_object) return std::string("the response body is not a JSON object");
        if (auto error = read_body_fields(*json_object, object, list))
            return "output member '" + error->path + "' " + std::string(error->problem);
    }
    return std::nullopt;
}

}  // namespace detail

/// Reads a response into `output` (a struct with `fields`); the problem, naming the member, when
/// the response does not hold what the model promises.
template <class Output>
std::optional<std::string> read_output(const response& received, Output& output) {
    return detail::read_response_fields(received, output, typename Output::fields{});
}

/// The JSON body alone, for callers that have only the body.
template <class Output>
std::optional<std::string> read_json_output(std::string_view body, Output& output) {
    response received;
    received.status = 200;
    received.body.assign(body);
    return read_output(received, output);
}

}  // namespace restop

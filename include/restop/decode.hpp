#pragma once
// restop::decode: response -> result, as the official AWS SDKs read restJson1 responses. Any
// response decodes: a malformed body costs the message, never the status, and nothing throws
// out of decode() but std::bad_alloc. Boost.JSON reads the body.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parser.hpp>
#include <boost/json/value.hpp>

#include "restop/header.hpp"
#include "restop/json_output.hpp"
#include "restop/operation.hpp"
#include "restop/operation_error.hpp"
#include "restop/reply.hpp"
#include "restop/response.hpp"

namespace restop {

/// The error name as AWS SDKs normalise it: cut at the first ':' or ',' (a header may append a
/// URL or a second value), then keep what follows the last '#' (a body may give the shape ID).
///
///     sanitize_error_name("com.amazonaws.codecatalyst#ResourceNotFoundException") == "ResourceNotFoundException"
///     sanitize_error_name("ResourceNotFoundException:http://internal.amazon.com/") == "ResourceNotFoundException"
constexpr std::string_view sanitize_error_name(std::string_view raw) noexcept {
    raw = raw.substr(0, raw.find_first_of(":,"));
    if (const std::size_t hash = raw.rfind('#'); hash != std::string_view::npos) raw.remove_prefix(hash + 1);
    while (!raw.empty() && (raw.front() == ' ' || raw.front() == '\t')) raw.remove_prefix(1);
    while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t')) raw.remove_suffix(1);
    return raw;
}

namespace detail {

// Error bodies worth reading are small; past this the body is kept raw but not parsed, so a
// hostile 64 MiB body costs one scan, not a DOM.
inline constexpr std::size_t max_parsed_error_body = 1024 * 1024;

struct error_body_fields {
    std::string name;     // from `code`, else `__type`, unsanitized
    std::string message;  // from `message`, else `Message`
};

inline bool looks_like_json_object(std::string_view body) noexcept {
    const std::size_t first = body.find_first_not_of(" \t\r\n");
    return first != std::string_view::npos && body[first] == '{';
}

inline std::string_view string_member(const boost::json::object& object, std::string_view key) noexcept {
    if (const boost::json::value* v = object.if_contains(key))
        if (const boost::json::string* s = v->if_string()) return std::string_view(s->data(), s->size());
    return {};
}

// Reads `code`/`__type` and `message`/`Message` from a JSON object body; anything else (HTML,
// truncation, arrays, invalid UTF-8, nesting past Boost.JSON's depth limit) yields nothing.
inline error_body_fields read_error_body(std::string_view body) {
    error_body_fields fields;
    if (body.size() > max_parsed_error_body || !looks_like_json_object(body)) return fields;

    // A stack buffer serves the parser's work space and the DOM of a typical error body, so
    // the common case allocates only the message it returns.
    unsigned char dom_buffer[2048];
    unsigned char parse_stack[1024];
    boost::json::monotonic_resource dom_memory(dom_buffer, sizeof dom_buffer);
    boost::json::parser parser(boost::json::storage_ptr(), boost::json::parse_options(), parse_stack, sizeof parse_stack);
    parser.reset(&dom_memory);
    boost::system::error_code ec;
    parser.write(body.data(), body.size(), ec);
    if (ec) return fields;  // write() takes complete text: truncation is an error too
    const boost::json::value document = parser.release();
    const boost::json::object* object = document.if_object();
    if (!object) return fields;

    std::string_view name = string_member(*object, "code");
    if (name.empty()) name = string_member(*object, "__type");
    std::string_view message = string_member(*object, "message");
    if (message.empty()) message = string_member(*object, "Message");
    fields.name.assign(name);
    fields.message.assign(message);
    return fields;
}

template <class Error, class... Shapes>
Error make_service_error(std::string_view name, int status, std::string message, std::string_view body,
                         std::string request_id, errors<Shapes...>) {
    using variant_type = typename Error::variant_type;
    std::optional<variant_type> found;
    // A named error is matched by name only; the status table speaks only when no name was given.
    auto try_shape = [&]<class Shape>() {
        if (found) return;
        if (name.empty() ? Shape::http_status == status : Shape::wire_name == name) {
            Shape shape{};
            shape.message = std::move(message);
            found.emplace(std::in_place_type<Shape>, std::move(shape));
        }
    };
    (try_shape.template operator()<Shapes>(), ...);
    if (!found) found.emplace(std::in_place_type<unknown_error>, unknown_error{std::string(name), std::move(message), std::string(body)});
    return Error(std::move(*found), status, std::move(request_id));
}

}  // namespace detail

/// Decodes a response for operation `Op`:
/// - status 100..299 is success (as in the official SDKs, any 2xx, not only the modeled one);
/// - otherwise the error name comes from the `X-Amzn-Errortype` header (any case), then the
///   body's `code`, then `__type`, sanitized; a name the model knows gives that shape;
/// - with no name, the status picks the shape with that HTTP status;
/// - anything else is an unknown_error holding name, message and raw body.
/// The `x-amzn-requestid` header is kept on success and on error.
///
///     auto outcome = restop::decode<delete_access_token>(response);
///     if (!outcome) std::cerr << outcome.error() << '\n';
template <class Op>
result_of<Op> decode(const response& received) {
    using description = description_t<Op>;
    static_assert(description::is_valid);
    const std::string* request_id_header = find_header(received.headers, "x-amzn-requestid");
    std::string request_id = request_id_header ? *request_id_header : std::string();

    if (received.status >= 100 && received.status < 300) {
        using output_type = typename description::output;
        if constexpr (std::is_same_v<output_type, empty_output>) {
            // Operations without output members ignore the body, whether empty, `{}` or anything else.
            return reply<output_type>{{}, received.status, std::move(request_id)};
        } else {
            reply<output_type> success{{}, received.status, std::move(request_id)};
            if (std::optional<std::string> problem = read_json_output(received.body, success.output))
                return failure(error_of<Op>(malformed_response{std::move(*problem), received.body}, received.status,
                                            std::move(success.request_id)));
            return success;
        }
    }

    detail::error_body_fields fields = detail::read_error_body(received.body);
    std::string_view name;
    if (const std::string* header_name = find_header(received.headers, "x-amzn-errortype"))
        name = sanitize_error_name(*header_name);
    if (name.empty()) name = sanitize_error_name(fields.name);

    return failure(detail::make_service_error<error_of<Op>>(name, received.status, std::move(fields.message),
                                                            received.body, std::move(request_id),
                                                            typename description::error_list{}));
}

}  // namespace restop

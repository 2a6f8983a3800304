#pragma once
// restop::decode: response -> result, as the official AWS SDKs read restJson1 responses. Any
// response decodes: a malformed body costs the message, never the status, and nothing throws
// out of decode() but std::bad_alloc. Boost.JSON reads the body.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <boost/json/value.hpp>

#include "restop/detail/json_memory.hpp"
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

inline bool looks_like_json_object(std::string_view body) noexcept {
    const std::size_t first = body.find_first_not_of(" \t\r\n");
    return first != std::string_view::npos && body[first] == '{';
}

inline std::string_view string_member(const boost::json::object& object, std::string_view key) noexcept {
    if (const boost::json::value* v = object.if_contains(key))
        if (const boost::json::string* s = v->if_string()) return std::string_view(s->data(), s->size());
    return {};
}

// The two fields decode() reads, found in one pass (the first of each, in any case).
struct aws_headers {
    const std::string* request_id = nullptr;  // x-amzn-requestid
    const std::string* error_type = nullptr;  // X-Amzn-Errortype
};

inline aws_headers find_aws_headers(const header_list& headers) noexcept {
    aws_headers found;
    for (const header& field : headers) {
        if (!found.request_id && iequals(field.name, "x-amzn-requestid"))
            found.request_id = &field.value;
        else if (!found.error_type && iequals(field.name, "x-amzn-errortype"))
            found.error_type = &field.value;
    }
    return found;
}

// The index of the first of `Shapes` matching the error: by name when the response named one,
// else by status; sizeof...(Shapes) when none does. The folds compile to a short chain of
// compares against constants. This and the builders below are always inlined: clang 14 left
// them out of line, which cost a decode of a 5xx a quarter of its time.
template <class... Shapes>
[[gnu::always_inline]] inline std::size_t match_shape([[maybe_unused]] std::string_view name, [[maybe_unused]] int status) noexcept {
    std::size_t i = 0;
    if (name.empty())
        (void)((Shapes::http_status != status && ++i) && ...);
    else
        (void)((Shapes::wire_name != name && ++i) && ...);
    return i;
}
using shape_matcher = std::size_t (*)(std::string_view name, int status) noexcept;

// What an error response says, in the form the error is built from: which shape, the message
// (its one allocation), and, for an unknown error only, the name.
struct error_facts {
    std::size_t shape = 0;  // index into the operation's error shapes; == their count when unknown
    std::string message;    // from `message`, else `Message`
    std::string name;       // sanitized; kept only for an unknown error
};

// Everything about an error response that does not depend on the operation; never inlined, so
// that it is compiled once per translation unit rather than once per operation. The name comes
// from X-Amzn-Errortype, then the body's `code`, then `__type`; anything but a JSON object body
// (HTML, truncation, arrays, invalid UTF-8, nesting past Boost.JSON's depth limit) names nothing
// and says nothing.
[[gnu::noinline]] inline error_facts read_error_facts(const response& received, const std::string* error_type,
                                                      shape_matcher match, std::size_t count) {
    error_facts facts;
    std::string_view name = error_type ? sanitize_error_name(*error_type) : std::string_view();
    // Settles the facts while `body_name` and `message` (views into the parsed body) are alive.
    auto settle = [&](std::string_view body_name, std::string_view message) {
        if (name.empty() && !body_name.empty()) name = sanitize_error_name(body_name);
        facts.shape = match(name, received.status);
        if (!message.empty()) facts.message.assign(message);
        if (facts.shape == count && !name.empty()) facts.name.assign(name);
    };

    const std::string_view body = received.body;
    if (body.size() <= max_parsed_error_body && looks_like_json_object(body)) {
        // An AWS error body (a few string members, a message of up to about 4 KiB) fits the
        // json_memory's stack buffer, so reading one allocates nothing; a larger DOM (a long list,
        // hundreds of members) spills to the heap.
        json_memory memory;
        boost::system::error_code ec;
        const boost::json::value document = memory.parse(body, ec);
        if (!ec) {
            if (const boost::json::object* object = document.if_object()) {
                std::string_view body_name;
                if (name.empty()) {  // the header, when it names the error, wins: skip the lookups
                    body_name = string_member(*object, "code");
                    if (body_name.empty()) body_name = string_member(*object, "__type");
                }
                std::string_view message = string_member(*object, "message");
                if (message.empty()) message = string_member(*object, "Message");
                settle(body_name, message);
                return facts;
            }
        }
    }
    settle({}, {});
    return facts;
}

// Builds the chosen alternative inside the result that decode() returns (operation_error's
// recipe constructor), moving the message in: the error is never moved or copied whole.
// `facts` is null when the response says nothing beyond its status.
template <class Alternative>
struct error_in_place {
    using alternative = Alternative;
    int status;
    std::string_view request_id;
    error_facts* facts;
    const response* received;

    [[gnu::always_inline]] void fill(Alternative& error) const {
        if (facts && !facts->message.empty()) error.message = std::move(facts->message);
        if constexpr (has_fields<Alternative>) {
            // The shape's own members, best effort: the error is known by now, and a member that
            // cannot be read stays empty rather than hiding the error behind a malformed one.
            (void)read_response_fields(*received, error, typename Alternative::fields{});
        }
        if constexpr (std::is_same_v<Alternative, unknown_error>) {
            if (facts && !facts->name.empty()) error.name = std::move(facts->name);
            if (const std::string_view body = received->body; !body.empty()) {
                // reserve() then append(): of the ways to fill the empty string, the one both
                // g++ 12 and clang 14 compile to the shortest path (one allocation, one copy).
                error.body.reserve(body.size());
                error.body.append(body.data(), body.size());
            }
        }
    }
};

template <class Result, class Alternative>
[[gnu::always_inline]] inline Result build_failure(error_facts* facts, const response& received, std::string_view request_id) {
    return failure(error_in_place<Alternative>{received.status, request_id, facts, &received});
}

// Builds alternative number `index` of <Alternative, Rest...>. Direct calls in a chain rather
// than a table of function pointers, so the compiler can inline the builder it takes; the whole
// chain always inlined, because where the inliner cut it moved with unrelated changes (a level
// left out of line cost a 402's decode 16 instructions with g++ and about 30 with clang).
template <class Result, class Alternative, class... Rest>
[[gnu::always_inline]] inline Result build_failure_at(std::size_t index, error_facts* facts, const response& received, std::string_view request_id) {
    if constexpr (sizeof...(Rest) == 0) {
        return build_failure<Result, Alternative>(facts, received, request_id);
    } else {
        if (index == 0) return build_failure<Result, Alternative>(facts, received, request_id);
        return build_failure_at<Result, Rest...>(index - 1, facts, received, request_id);
    }
}

// The error side of decode(): instantiated once per result type and error list (operations of
// one service share it). Left to the inliner: a translation unit with one operation inlines it
// (the builders then cost a few nanoseconds less), one with many keeps a single copy.
template <class Result, class... Shapes>
Result decode_failure(const response& received, const std::string* error_type, std::string_view request_id,
                      errors<Shapes...>) {
    if (!error_type && !looks_like_json_object(received.body)) {
        // Nothing names the error and there is no body to read (a proxy's HTML 5xx, say): the
        // status alone decides, and an unknown error is built first, without walking the chain.
        const std::size_t shape = match_shape<Shapes...>({}, received.status);
        if (shape == sizeof...(Shapes)) return build_failure<Result, unknown_error>(nullptr, received, request_id);
        return build_failure_at<Result, Shapes..., unknown_error>(shape, nullptr, received, request_id);
    }
    error_facts facts = read_error_facts(received, error_type, &match_shape<Shapes...>, sizeof...(Shapes));
    return build_failure_at<Result, Shapes..., unknown_error>(facts.shape, &facts, received, request_id);
}

}  // namespace detail

namespace detail {
// decode() for one output type and error list: what it does depends on nothing else of the
// operation, so operations that share both (those of a service without output members) share
// one copy of it, compiled once.
template <class Output, class ErrorList>
result<reply<Output>, typename error_for<ErrorList>::type> decode_reply(const response& received) {
    using error_type = typename error_for<ErrorList>::type;
    const aws_headers found = find_aws_headers(received.headers);
    // A view: the reply or the error copies it straight into its own request_id_text.
    std::string_view request_id = found.request_id ? std::string_view(*found.request_id) : std::string_view();

    if (received.status >= 100 && received.status < 300) {
        if constexpr (std::is_same_v<Output, empty_output>) {
            // Operations without output members ignore the body, whether empty, `{}` or anything else.
            return reply<Output>{{}, received.status, std::move(request_id)};
        } else {
            reply<Output> success{{}, received.status, std::move(request_id)};
            if (std::optional<std::string> problem = read_output(received, success.output))
                return failure(error_type(malformed_response{std::move(*problem), received.body}, received.status,
                                          std::move(success.request_id)));
            return success;
        }
    }

    return decode_failure<result<reply<Output>, error_type>>(received, found.error_type, request_id, ErrorList{});
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
    return detail::decode_reply<typename description::output, typename description::error_list>(received);
}

}  // namespace restop

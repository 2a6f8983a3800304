#pragma once
// restop::encode: operation -> request, as AWS restJson1 puts it on the wire. Validates first;
// on any violation nothing is written. Only the standard library.

#include <charconv>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "restop/bearer_token.hpp"
#include "restop/operation.hpp"
#include "restop/percent_encoding.hpp"
#include "restop/request.hpp"
#include "restop/result.hpp"
#include "restop/validate.hpp"

namespace restop {

/// Writes an operation's JSON body; defined in <restop/json_body.hpp>, which brings Boost.JSON.
/// An operation with body members needs that header (or <restop/restop.hpp>) where it is encoded.
template <class Op>
struct json_body_writer;

/// Per-call settings for encode(); `level` defaults to the operation's default_checks.
struct encode_options {
    std::optional<checks> level;
};

namespace detail {

// Fills `out` while reusing the capacity of whatever strings it already holds, so a request
// encoded into again and again stops allocating once it has seen its largest shape.
class request_writer {
public:
    explicit request_writer(request& out) noexcept : out_(out) {}

    std::string& add_header(std::string_view name) {
        if (used_ == out_.headers.size()) out_.headers.emplace_back();
        header& field = out_.headers[used_++];
        field.name.assign(name);
        field.value.clear();
        return field.value;
    }
    void finish() { out_.headers.resize(used_); }

private:
    request& out_;
    std::size_t used_ = 0;
};

template <class Int>
void append_integer(std::string& out, Int value) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    out.append(digits, end);
}

// A scalar as text (labels, query values, header values): strings verbatim or encoded,
// integers in decimal, booleans as Smithy writes them.
template <class Value>
void append_scalar(std::string& out, const Value& value, std::optional<encoding_set> set) {
    if constexpr (is_string_param<Value>) {
        if (set)
            append_percent_encoded(out, value.view(), *set);
        else
            out.append(value.view());
    } else if constexpr (is_integer_param<Value>) {
        append_integer(out, value.value());
    } else if constexpr (std::is_same_v<Value, bool>) {
        out.append(value ? "true" : "false");
    } else {
        out.append(*value ? "true" : "false");
    }
}

template <class Value>
constexpr bool is_present(const Value& value) noexcept {
    if constexpr (is_string_param<Value> || is_integer_param<Value>)
        return value.has_value();
    else if constexpr (std::is_same_v<Value, bool>)
        return true;
    else
        return value.has_value();
}

template <class Binding, class Op>
void append_label(std::string& target, const Op& op, bool greedy) {
    append_scalar(target, op.*Binding::pointer, greedy ? encoding_set::unreserved_slash : encoding_set::unreserved);
}

template <class Op, class... Bindings>
void append_path(std::string& target, const Op& op, members<Bindings...>) {
    using uri = typename description_t<Op>::uri;
    [&]<std::size_t... P>(std::index_sequence<P...>) {
        ([&] {
            constexpr auto part = uri::parsed.parts[P];
            constexpr std::string_view text = uri::part_text(P);
            if constexpr (!part.is_label) {
                target.append(text);
            } else {
                // Exactly one binding matches: the description's checks guarantee it.
                ([&] {
                    if constexpr (is_at<Bindings, location::label> && Bindings::wire_name == text)
                        append_label<Bindings>(target, op, part.greedy);
                }(), ...);
            }
        }(), ...);
    }(std::make_index_sequence<uri::parsed.part_count>{});
}

template <class Binding, class Value>
void append_query_pair(std::string& target, char& separator, const Value& value) {
    if (!is_present(value)) return;
    target.push_back(separator);
    separator = '&';
    append_percent_encoded(target, Binding::wire_name, encoding_set::unreserved);
    target.push_back('=');
    append_scalar(target, value, encoding_set::unreserved);
}

template <class Binding, class Op>
void append_query(std::string& target, char& separator, const Op& op) {
    const auto& value = op.*Binding::pointer;
    if constexpr (is_vector<std::remove_cvref_t<decltype(value)>>) {
        for (const auto& element : value) append_query_pair<Binding>(target, separator, element);  // the key repeats
    } else {
        append_query_pair<Binding>(target, separator, value);
    }
}

// Smithy's list header serialisation: comma-separated, quoting an element that holds a comma
// or a double quote.
template <class Value>
void append_header_element(std::string& out, const Value& value) {
    if constexpr (is_string_param<Value>) {
        const std::string_view text = value.view();
        if (text.find_first_of(",\"") == std::string_view::npos) {
            out.append(text);
            return;
        }
        out.push_back('"');
        for (char c : text) {
            if (c == '"' || c == '\\') out.push_back('\\');
            out.push_back(c);
        }
        out.push_back('"');
    } else {
        append_scalar(out, value, std::nullopt);
    }
}

template <class Binding, class Op>
void append_header(request_writer& writer, const Op& op) {
    const auto& value = op.*Binding::pointer;
    if constexpr (is_vector<std::remove_cvref_t<decltype(value)>>) {
        if (value.empty()) return;
        std::string& out = writer.add_header(Binding::wire_name);
        bool first = true;
        for (const auto& element : value) {
            if (!is_present(element)) continue;
            if (!first) out.append(", ");
            first = false;
            append_header_element(out, element);
        }
    } else {
        if (is_present(value)) append_scalar(writer.add_header(Binding::wire_name), value, std::nullopt);
    }
}

inline std::optional<validation_error> check_token(const bearer_token& token) noexcept {
    if (token.empty()) return make_error("bearer token", constraint::token_present);
    const std::int64_t at = first_control_byte(token.reveal());
    if (at >= 0) return make_error("bearer token", constraint::no_control_bytes, at);
    return std::nullopt;
}

template <class Op, class... Bindings>
void write_request(request& out, const Op& op, const bearer_token* token, members<Bindings...> list) {
    using description = description_t<Op>;
    out.method = description::method;
    out.target.clear();
    append_path(out.target, op, list);
    [[maybe_unused]] char separator = description::uri::parsed.has_query ? '&' : '?';
    ([&] {
        if constexpr (is_at<Bindings, location::query>) append_query<Bindings>(out.target, separator, op);
    }(), ...);

    request_writer writer(out);
    if (token) {
        std::string& value = writer.add_header("Authorization");
        value.append("Bearer ");
        value.append(token->reveal());
    }
    ([&] {
        if constexpr (is_at<Bindings, location::header>) append_header<Bindings>(writer, op);
    }(), ...);
    if constexpr (description::has_body) {
        writer.add_header("Content-Type").assign("application/json");
        json_body_writer<Op>::write(out.body, op);
    } else {
        out.body.clear();  // restJson1: a body-less operation sends no body and no Content-Type
    }
    writer.finish();
}

template <class Op>
result<void, validation_error> encode_checked(request& out, const Op& op, const bearer_token* token,
                                              const encode_options& options) {
    using description = description_t<Op>;
    static_assert(description::is_valid);
    if (token)
        if (auto error = check_token(*token)) return failure(*error);
    if (auto checked = validate(op, options.level.value_or(default_checks<Op>)); !checked) return failure(checked.error());
    write_request(out, op, token, typename description::member_list{});
    return {};
}

}  // namespace detail

/// Validates `op` and, if it passes, encodes it into `out`, reusing `out`'s storage: the
/// allocation-free path for a request encoded again and again. On failure `out` is untouched.
///
///     restop::request scratch;
///     if (auto ok = restop::encode_into(scratch, op, token); !ok) report(ok.error());
template <class Op>
result<void, validation_error> encode_into(request& out, const Op& op, const bearer_token& token,
                                           const encode_options& options = {}) {
    return detail::encode_checked(out, op, &token, options);
}

/// The same for an operation that takes no credentials.
template <class Op>
result<void, validation_error> encode_into(request& out, const Op& op, const encode_options& options = {}) {
    return detail::encode_checked(out, op, nullptr, options);
}

/// Validates and encodes `op` into a new request.
///
///     auto req = restop::encode(delete_access_token{.id = "a1b2c3d4-5678-90ab-cdef-EXAMPLEbbbbb"}, token);
///     // req->method == DELETE, req->target == "/v1/accessTokens/a1b2c3d4-5678-90ab-cdef-EXAMPLEbbbbb"
template <class Op>
result<request, validation_error> encode(const Op& op, const bearer_token& token, const encode_options& options = {}) {
    request out;
    if (auto ok = detail::encode_checked(out, op, &token, options); !ok) return failure(ok.error());
    return out;
}

template <class Op>
result<request, validation_error> encode(const Op& op, const encode_options& options = {}) {
    request out;
    if (auto ok = detail::encode_checked(out, op, nullptr, options); !ok) return failure(ok.error());
    return out;
}

}  // namespace restop

#pragma once
// restop::encode: operation -> request, as AWS restJson1 puts it on the wire. Validates first;
// on any violation nothing is written. Only the standard library.

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
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
#include "restop/uri_template.hpp"
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

    // Out of line, as are finish() and check_token(): every operation calls them, and one
    // shared copy keeps each operation's own code small.
    [[gnu::noinline]] std::string& add_header(std::string_view name) {
        if (used_ == out_.headers.size()) out_.headers.emplace_back();
        header& field = out_.headers[used_++];
        field.name.assign(name);
        field.value.clear();
        return field.value;
    }
    [[gnu::noinline]] void finish() { out_.headers.resize(used_); }

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

// One URI label's value as text, ready to be written: a string's own bytes (percent-encoded on
// the way), or an integer or boolean spelled here (never in need of encoding).
struct label_text {
    std::string_view text;
    bool encode = false;
    std::size_t encoded_size = 0;  // filled by expand_uri
    char digits[24];
};

template <class Value>
void set_label_text(label_text& out, const Value& value) noexcept {
    if constexpr (is_string_param<Value>) {
        out.text = value.view();
        out.encode = true;
    } else if constexpr (is_integer_param<Value>) {
        const char* end = std::to_chars(out.digits, out.digits + sizeof out.digits, value.value()).ptr;
        out.text = std::string_view(out.digits, static_cast<std::size_t>(end - out.digits));
    } else {
        out.text = value ? "true" : "false";
    }
}

// The position, among the template's labels, of the label `name`.
template <class Uri>
constexpr std::size_t label_slot(std::string_view name) noexcept {
    std::size_t slot = 0;
    for (std::size_t i = 0; i < Uri::parsed.part_count; ++i) {
        if (!Uri::parsed.parts[i].is_label) continue;
        if (Uri::part_text(i) == name) return slot;
        ++slot;
    }
    return slot;
}

template <class Uri, class Binding, class Op>
void collect_label(label_text* labels, const Op& op) noexcept {
    if constexpr (is_at<Binding, location::label>) {
        constexpr std::size_t slot = label_slot<Uri>(Binding::wire_name);
        set_label_text(labels[slot], op.*Binding::pointer);
    }
}

// Writes a URI template with its labels filled in (`labels` in template order), sizing the
// target first so that it grows at most once. Not a template and never inlined: every
// operation shares this one copy, which keeps the per-operation code (and compile time) small.
[[gnu::noinline]] inline void expand_uri(std::string& target, std::string_view uri, const uri_part* parts,
                                         std::size_t part_count, label_text* labels) {
    std::size_t size = target.size();
    for (std::size_t i = 0, label = 0; i < part_count; ++i) {
        if (!parts[i].is_label) {
            size += parts[i].size;
            continue;
        }
        label_text& value = labels[label++];
        const encoding_set set = parts[i].greedy ? encoding_set::unreserved_slash : encoding_set::unreserved;
        value.encoded_size = value.encode ? percent_encoded_size(value.text, set) : value.text.size();
        size += value.encoded_size;
    }
    std::size_t at = target.size();
    target.resize(size);
    char* const out = target.data();
    for (std::size_t i = 0, label = 0; i < part_count; ++i) {
        if (!parts[i].is_label) {
            std::memcpy(out + at, uri.data() + parts[i].begin, parts[i].size);
            at += parts[i].size;
            continue;
        }
        const label_text& value = labels[label++];
        const encoding_set set = parts[i].greedy ? encoding_set::unreserved_slash : encoding_set::unreserved;
        if (value.encoded_size != value.text.size())
            percent_encode_to(value.text, set, out + at);
        else if (!value.text.empty())  // nothing to escape: one copy
            std::memcpy(out + at, value.text.data(), value.text.size());
        at += value.encoded_size;
    }
}

// The path (and the template's literal query): the operation only gathers its label values;
// expand_uri does the writing.
template <class Op, class... Bindings>
void append_path(std::string& target, const Op& op, members<Bindings...>) {
    using uri = typename description_t<Op>::uri;
    if constexpr (uri::label_count == 0) {
        target.append(uri::text);
    } else {
        label_text labels[uri::label_count];
        (collect_label<uri, Bindings>(labels, op), ...);
        expand_uri(target, uri::text, uri::parsed.parts.data(), uri::parsed.part_count, labels);
    }
}

// A query member, scalar or list (the key repeats for each element). Templated on the value
// type only, not on the member, and never inlined, so that operations share one copy per type.
template <class Value>
[[gnu::noinline]] void append_query_member(std::string& target, char& separator, std::string_view key, const Value& value) {
    if constexpr (is_vector<Value>) {
        for (const auto& element : value) append_query_member(target, separator, key, element);
    } else {
        if (!is_present(value)) return;
        target.push_back(separator);
        separator = '&';
        append_percent_encoded(target, key, encoding_set::unreserved);
        target.push_back('=');
        append_scalar(target, value, encoding_set::unreserved);
    }
}

template <class Binding, class Op>
void append_query(std::string& target, char& separator, const Op& op) {
    append_query_member(target, separator, Binding::wire_name, op.*Binding::pointer);
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

// A header member, scalar or list; shared per value type like append_query_member.
template <class Value>
[[gnu::noinline]] void append_header_member(request_writer& writer, std::string_view name, const Value& value) {
    if constexpr (is_vector<Value>) {
        if (value.empty()) return;
        std::string& out = writer.add_header(name);
        bool first = true;
        for (const auto& element : value) {
            if (!is_present(element)) continue;
            if (!first) out.append(", ");
            first = false;
            append_header_element(out, element);
        }
    } else {
        if (is_present(value)) append_scalar(writer.add_header(name), value, std::nullopt);
    }
}

template <class Binding, class Op>
void append_header(request_writer& writer, const Op& op) {
    append_header_member(writer, Binding::wire_name, op.*Binding::pointer);
}

// True when `text` holds a control byte (below 0x20, or 0x7F), tested eight bytes at a time:
// the bearer token is scanned on every request, and a byte loop over it cost as much as the
// rest of the encoding. A byte below 0x20 borrows into its own clear high bit when 0x20 is
// subtracted; 0x7F becomes zero when XORed with 0x7F, and zero borrows the same way.
inline bool has_control_byte(std::string_view text) noexcept {
    constexpr std::uint64_t ones = 0x0101010101010101u;
    constexpr std::uint64_t high_bits = 0x8080808080808080u;
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        std::uint64_t word;
        std::memcpy(&word, text.data() + i, sizeof word);
        const std::uint64_t del = word ^ (0x7F * ones);
        if ((((word - 0x20 * ones) & ~word) | ((del - ones) & ~del)) & high_bits) return true;
    }
    for (; i < text.size(); ++i)
        if (is_control_byte(text[i])) return true;
    return false;
}

[[gnu::noinline]] inline std::optional<validation_error> check_token(const bearer_token& token) noexcept {
    if (token.empty()) return make_error("bearer token", constraint::token_present);
    if (has_control_byte(token.reveal()))
        return make_error("bearer token", constraint::no_control_bytes, first_control_byte(token.reveal()));
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

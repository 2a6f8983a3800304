#pragma once
// restop::encode: operation -> request, as AWS restJson1 puts it on the wire. Validates first;
// on any violation nothing is written. Only the standard library.

#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "restop/auth.hpp"
#include "restop/bearer_token.hpp"
#include "restop/blob.hpp"
#include "restop/detail/control_bytes.hpp"
#include "restop/detail/uuid.hpp"
#include "restop/operation.hpp"
#include "restop/percent_encoding.hpp"
#include "restop/request.hpp"
#include "restop/result.hpp"
#include "restop/uri_template.hpp"
#include "restop/validate.hpp"
#include "restop/value_traits.hpp"

namespace restop {

/// Writes an operation's JSON body; defined in <restop/json_body.hpp>, which brings Boost.JSON.
/// An operation with body members needs that header (or <restop/restop.hpp>) where it is encoded.
template <class Op>
struct json_body_writer;

/// What an operation option does to the encoded request, defined beside the option's opt-in
/// header: restop::checksum_required in <restop/checksum.hpp> (OpenSSL), request_compression in
/// <restop/compression.hpp> (zlib), so that operations without them need neither library.
template <class Option>
struct request_option;

/// Per-call settings for encode(); `level` defaults to the operation's default_checks.
struct encode_options {
    std::optional<checks> level;
    /// Makes the value of an @idempotencyToken member the caller left unset; a random UUID v4
    /// when null. Tests set it to get the same bytes every time.
    std::string (*make_idempotency_token)() = nullptr;
};

namespace detail {

template <class T>
concept is_complete = requires { sizeof(T); };

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
    bool has_header(std::string_view name) const noexcept {
        for (std::size_t i = 0; i < used_; ++i)
            if (iequals(out_.headers[i].name, name)) return true;
        return false;
    }

private:
    request& out_;
    std::size_t used_ = 0;
};

// Unwraps std::optional (and anything else present() guards) to the value it holds.
template <class Value>
constexpr const auto& held(const Value& value) noexcept {
    if constexpr (is_optional<Value>)
        return *value;
    else
        return value;
}

// One URI label's value as text, ready to be written: a string's own bytes (percent-encoded on
// the way), or a number, boolean or timestamp spelled into `storage` by its value_traits.
struct label_text {
    std::string_view text;
    std::size_t encoded_size = 0;  // filled by expand_uri
    std::string storage;
};

template <class Binding, class Value>
void set_label_text(label_text& out, const Value& value) {
    if constexpr (has_text_view<Value>) {
        out.text = value_traits<Value>::text_view(value);
    } else {
        value_traits<Value>::append_text(out.storage, value, Binding::context);
        out.text = out.storage;
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
void collect_label(label_text* labels, const Op& op) {
    if constexpr (is_at<Binding, location::label>) {
        constexpr std::size_t slot = label_slot<Uri>(Binding::wire_name);
        set_label_text<Binding>(labels[slot], held(op.*Binding::pointer));
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
        value.encoded_size = percent_encoded_size(value.text, set);
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
        expand_uri(target, uri::text, uri::parts.data(), uri::parts.size(), labels);
    }
}

// A scalar as text, with its value_traits: a string's own bytes, anything else spelled into
// `scratch`. A string header with @mediaType travels base64-encoded.
template <class Value>
std::string_view scalar_text(const Value& value, const wire_context& context, std::string& scratch) {
    scratch.clear();
    if constexpr (has_text_view<Value>) {
        if (!context.base64_text) return value_traits<Value>::text_view(value);
        append_base64(scratch, value_traits<Value>::text_view(value));
    } else {
        value_traits<Value>::append_text(scratch, value, context);
    }
    return scratch;
}

inline void append_query_pair(std::string& target, char& separator, std::string_view key, std::string_view value) {
    target.push_back(separator);
    separator = '&';
    append_percent_encoded(target, key, encoding_set::unreserved);
    target.push_back('=');
    append_percent_encoded(target, value, encoding_set::unreserved);
}

// A query member, scalar or list (the key repeats for each element). Templated on the value
// type only, not on the member, and never inlined, so that operations share one copy per type.
template <class Value>
[[gnu::noinline]] void append_query_member(std::string& target, char& separator, std::string_view key, const Value& value,
                                           const wire_context& context) {
    if (!value_traits<Value>::present(value)) return;
    if constexpr (is_vector<unwrapped_t<Value>>) {
        for (const auto& element : held(value)) append_query_member(target, separator, key, element, context);
    } else {
        std::string scratch;
        append_query_pair(target, separator, key, scalar_text(held(value), context, scratch));
    }
}

// @httpQueryParams: every key of the map that no http_query member of the operation sets.
template <class Map>
[[gnu::noinline]] void append_query_map(std::string& target, char& separator, const Map& map,
                                        const std::string_view* taken, std::size_t taken_count) {
    if (!value_traits<Map>::present(map)) return;
    for (const auto& [key, value] : held(map)) {
        bool is_taken = false;
        for (std::size_t i = 0; i < taken_count; ++i) is_taken = is_taken || taken[i] == key;
        if (is_taken) continue;
        if constexpr (is_vector<std::remove_cvref_t<decltype(value)>>) {
            for (const auto& element : value) append_query_pair(target, separator, key, value_traits<std::remove_cvref_t<decltype(element)>>::text_view(element));
        } else {
            append_query_pair(target, separator, key, value_traits<std::remove_cvref_t<decltype(value)>>::text_view(value));
        }
    }
}

// The wire names of the members at `Where`: the query keys an http_query_params map leaves to
// their http_query members, the headers http_prefix_headers leaves to their http_header members.
template <location Where, class... Bindings>
constexpr auto names_at() noexcept {
    std::array<std::string_view, (std::size_t{0} + ... + (is_at<Bindings, Where> ? 1u : 0u)) + 1> names{};
    std::size_t at = 0;
    ((is_at<Bindings, Where> ? void(names[at++] = Bindings::wire_name) : void()), ...);
    return names;
}

// Smithy's list header serialisation: comma-separated, quoting a string that holds a comma or
// a double quote (RFC 9110 section 5.6.4 quoted-string). Other kinds (an http-date holds a
// comma of its own) are written as they are.
template <class Value>
void append_header_element(std::string& out, const Value& value, const wire_context& context) {
    std::string scratch;
    const std::string_view text = scalar_text(value, context, scratch);
    if (!has_text_view<Value> || text.find_first_of(",\"") == std::string_view::npos) {
        out.append(text);
        return;
    }
    out.push_back('"');
    for (char c : text) {
        if (c == '"' || c == '\\') out.push_back('\\');
        out.push_back(c);
    }
    out.push_back('"');
}

// A header member, scalar or list; shared per value type like append_query_member.
template <class Value>
[[gnu::noinline]] void append_header_member(request_writer& writer, std::string_view name, const Value& value,
                                            const wire_context& context) {
    if (!value_traits<Value>::present(value)) return;
    if constexpr (is_vector<unwrapped_t<Value>>) {
        const auto& list = held(value);
        // An optional list that is set but empty is an empty header (restJson1); a plain one
        // cannot say "set", so empty means absent.
        if constexpr (!is_optional<Value>)
            if (list.empty()) return;
        std::string& out = writer.add_header(name);
        bool first = true;
        for (const auto& element : list) {
            if (!value_traits<std::remove_cvref_t<decltype(element)>>::present(element)) continue;
            if (!first) out.append(", ");
            first = false;
            append_header_element(out, held(element), context);
        }
    } else {
        std::string scratch;
        const std::string_view text = scalar_text(held(value), context, scratch);
        writer.add_header(name).assign(text.data(), text.size());
    }
}

// @httpPrefixHeaders: one header per map entry, named prefix + key.
// A header that an http_header member of the operation names is left to that member.
template <class Map>
[[gnu::noinline]] void append_prefix_headers(request_writer& writer, std::string_view prefix, const Map& map,
                                             const std::string_view* taken, std::size_t taken_count) {
    if (!value_traits<Map>::present(map)) return;
    std::string name;
    for (const auto& [key, value] : held(map)) {
        name.assign(prefix);
        name.append(key);
        bool is_taken = false;
        for (std::size_t i = 0; i < taken_count; ++i) is_taken = is_taken || iequals(taken[i], name);
        if (is_taken) continue;
        const std::string_view text = value_traits<std::remove_cvref_t<decltype(value)>>::text_view(value);
        writer.add_header(name).assign(text.data(), text.size());
    }
}

// The host prefix of @endpoint with its {labels} filled from host_label members.
template <class Op, class... Bindings>
void write_host_prefix(std::string& out, const Op& op, members<Bindings...>) {
    using host = typename description_t<Op>::host;
    out.clear();
    std::string_view text = host::text;
    while (!text.empty()) {
        const std::size_t open = text.find('{');
        out.append(text.substr(0, open));
        if (open == std::string_view::npos) break;
        const std::size_t close = text.find('}', open);
        [[maybe_unused]] const std::string_view name = text.substr(open + 1, close - open - 1);
        ([&] {
            if constexpr (is_at<Bindings, location::host_label>) {
                if (Bindings::wire_name == name) {
                    const auto& value = held(op.*Bindings::pointer);
                    out.append(value_traits<std::remove_cvref_t<decltype(value)>>::text_view(value));
                }
            }
        }(), ...);
        text.remove_prefix(close + 1);
    }
}

// The payload member's bytes and media type. Structures, unions and documents are JSON, written
// by json_body_writer (json_body.hpp, which brings Boost.JSON).
template <class Op, class Binding>
void write_payload(request_writer& writer, std::string& body, const Op& op) {
    using value_type = typename Binding::value_type;
    const value_type& value = op.*Binding::pointer;
    using held_type = unwrapped_t<value_type>;
    constexpr value_kind kind = value_traits<held_type>::kind;
    body.clear();
    // A Content-Type member of the operation's own says what the payload is.
    const bool typed_by_member = writer.has_header("Content-Type");
    if (!value_traits<value_type>::present(value)) {
        // restJson1: an unset structure payload is still an empty JSON object; any other unset
        // payload (blob, string, union, document) sends no body and no Content-Type.
        if constexpr (kind == value_kind::structure) {
            body.assign("{}");
            if (!typed_by_member) writer.add_header("Content-Type").assign("application/json");
        }
        return;
    }
    std::string_view media = Binding::media_type;
    if constexpr (kind == value_kind::blob) {
        body.assign(held(value).bytes());
        if (media.empty()) media = "application/octet-stream";
    } else if constexpr (kind == value_kind::string) {
        body.assign(value_traits<held_type>::text_view(held(value)));
        if (media.empty()) media = "text/plain";
    } else {
        static_assert(is_complete<json_body_writer<Op>>,
                      "restop: this operation has a JSON payload, and its writer is in <restop/json_body.hpp> (it brings "
                      "Boost.JSON): include it, or <restop/restop.hpp>, where the operation is encoded");
        json_body_writer<Op>::write_value(body, held(value));
        if (media.empty()) media = "application/json";
    }
    if (!typed_by_member) writer.add_header("Content-Type").assign(media.data(), media.size());
}

[[gnu::noinline]] inline std::optional<validation_error> check_token(const bearer_token& token) noexcept {
    if (token.empty()) return make_validation_error("bearer token", violation_of(constraint::token_present));
    if (has_control_byte(token.reveal()))
        return make_validation_error("bearer token", violation_of(constraint::no_control_bytes, first_control_byte(token.reveal())));
    return std::nullopt;
}

template <class Option>
concept has_request_option = requires(request& out) { request_option<Option>::apply(out); };

template <class Option>
void apply_option(request& out) {
    static_assert(has_request_option<Option>,
                  "restop: this operation has @requestCompression or @httpChecksumRequired: include <restop/compression.hpp> "
                  "(zlib) or <restop/checksum.hpp> (OpenSSL) where it is encoded");
    if constexpr (has_request_option<Option>) request_option<Option>::apply(out);
}

// The idempotency token of this request: the caller's, else a fresh one when the operation has
// an @idempotencyToken member left unset.
template <class Op, class... Bindings>
std::string idempotency_token_for(const Op& op, const encode_options& options, members<Bindings...>) {
    bool needed = false;
    ([&] {
        if constexpr (Bindings::is_idempotency_token)
            needed = needed || !Bindings::traits::present(op.*Bindings::pointer);
    }(), ...);
    if (!needed) return {};
    return options.make_idempotency_token ? options.make_idempotency_token() : make_uuid_v4();
}

template <class Op, class... Bindings>
void write_request(request& out, const Op& op, const bearer_token* token, const encode_options& options,
                   members<Bindings...> list) {
    using description = description_t<Op>;
    out.method = description::method;
    out.target.clear();
    append_path(out.target, op, list);
    [[maybe_unused]] const std::string idempotency = idempotency_token_for(op, options, list);
    [[maybe_unused]] char separator = description::uri::parsed.has_query ? '&' : '?';
    ([&] {
        if constexpr (is_at<Bindings, location::query>) {
            if (Bindings::is_idempotency_token && !Bindings::traits::present(op.*Bindings::pointer))
                append_query_pair(out.target, separator, Bindings::wire_name, idempotency);
            else
                append_query_member(out.target, separator, Bindings::wire_name, op.*Bindings::pointer, Bindings::context);
        }
    }(), ...);
    constexpr std::size_t query_count = (std::size_t{0} + ... + (is_at<Bindings, location::query> ? 1u : 0u));
    [[maybe_unused]] constexpr std::array<std::string_view, query_count + 1> query_keys = names_at<location::query, Bindings...>();
    ([&] {
        if constexpr (is_at<Bindings, location::query_params>)
            append_query_map(out.target, separator, op.*Bindings::pointer, query_keys.data(), query_count);
    }(), ...);
    if constexpr (description::host::label_count > 0 || !description::host::text.empty())
        write_host_prefix(out.host_prefix, op, list);
    else
        out.host_prefix.clear();

    constexpr std::size_t header_count = (std::size_t{0} + ... + (is_at<Bindings, location::header> ? 1u : 0u));
    [[maybe_unused]] constexpr std::array<std::string_view, header_count + 1> header_names =
        names_at<location::header, Bindings...>();
    request_writer writer(out);
    if (token) {
        std::string& value = writer.add_header("Authorization");
        value.append("Bearer ");
        value.append(token->reveal());
    }
    ([&] {
        if constexpr (is_at<Bindings, location::header>) {
            if (Bindings::is_idempotency_token && !Bindings::traits::present(op.*Bindings::pointer))
                writer.add_header(Bindings::wire_name).assign(idempotency);
            else
                append_header_member(writer, Bindings::wire_name, op.*Bindings::pointer, Bindings::context);
        } else if constexpr (is_at<Bindings, location::prefix_headers>) {
            append_prefix_headers(writer, Bindings::wire_name, op.*Bindings::pointer, header_names.data(), header_count);
        }
    }(), ...);
    if constexpr (description::has_body) {
        static_assert(is_complete<json_body_writer<Op>>,
                      "restop: this operation has JSON body members, and their writer is in <restop/json_body.hpp> (it "
                      "brings Boost.JSON): include it, or <restop/restop.hpp>, where the operation is encoded");
        writer.add_header("Content-Type").assign("application/json");
        json_body_writer<Op>::write(out.body, op, idempotency);
    } else if constexpr (description::has_payload) {
        ([&] {
            if constexpr (is_at<Bindings, location::payload>) write_payload<Op, Bindings>(writer, out.body, op);
        }(), ...);
    } else {
        out.body.clear();  // restJson1: a body-less operation sends no body and no Content-Type
    }
    writer.finish();
    if constexpr (description::compresses_requests) apply_option<typename description::compression>(out);
    if constexpr (description::needs_checksum) apply_option<checksum_required>(out);  // of the body as sent
}

template <class Op>
result<void, validation_error> encode_checked(request& out, const Op& op, const bearer_token* token,
                                              const encode_options& options) {
    using description = description_t<Op>;
    static_assert(description::is_valid);
    if (token)
        if (auto error = check_token(*token)) return failure(*error);
    if (auto checked = validate(op, options.level.value_or(default_checks<Op>)); !checked) return failure(checked.error());
    write_request(out, op, token, options, typename description::member_list{});
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
    static_assert(takes_bearer_token<Op>,
                  "restop: this operation's service does not take a bearer token (see its `service::auth`); call it with "
                  "restop::anonymous, or through a signing transport");
    return detail::encode_checked(out, op, &token, options);
}

/// The same for a call that carries no credentials, for a service that takes none (or that a
/// signing transport signs).
template <class Op>
result<void, validation_error> encode_into(request& out, const Op& op, anonymous_identity,
                                           const encode_options& options = {}) {
    static_assert(takes_anonymous_identity<Op>,
                  "restop: this operation's service takes a bearer token (see its `service::auth`), not restop::anonymous");
    return detail::encode_checked(out, op, nullptr, options);
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
    if (auto ok = encode_into(out, op, token, options); !ok) return failure(ok.error());
    return out;
}

/// The same for an operation of a service that takes no credentials: nothing is added.
template <class Op>
result<request, validation_error> encode(const Op& op, anonymous_identity identity, const encode_options& options = {}) {
    request out;
    if (auto ok = encode_into(out, op, identity, options); !ok) return failure(ok.error());
    return out;
}

/// The same without an identity argument, for an operation whose service takes none.
template <class Op>
result<request, validation_error> encode(const Op& op, const encode_options& options = {}) {
    request out;
    if (auto ok = detail::encode_checked(out, op, nullptr, options); !ok) return failure(ok.error());
    return out;
}

}  // namespace restop

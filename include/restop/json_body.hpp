#pragma once
// restJson1 request bodies with Boost.JSON: the body members of an operation as one JSON object
// (absent members omitted; an operation with body members always sends an object), or a
// structure, union or document payload. Each value is written by its restop::value_traits.

#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serializer.hpp>
#include <boost/json/value.hpp>

#include "restop/detail/word_scan.hpp"
#include "restop/document.hpp"
#include "restop/encode.hpp"
#include "restop/fixed_string.hpp"
#include "restop/members.hpp"
#include "restop/operation.hpp"
#include "restop/params.hpp"
#include "restop/structure.hpp"
#include "restop/timestamp.hpp"
#include "restop/value_traits.hpp"

namespace restop {

namespace detail {
// Appends what a reset serializer writes.
inline void drain_into(std::string& out, boost::json::serializer& writer) {
    while (!writer.done()) {
        char chunk[256];
        out.append(writer.read(chunk));
    }
}

// Appends what Boost.JSON writes for a string (with its quotes) or a scalar value.
inline void append_serialized(std::string& out, boost::json::string_view text) {
    boost::json::serializer writer;
    writer.reset(text);
    drain_into(out, writer);
}
inline void append_serialized(std::string& out, const boost::json::value& value) {
    boost::json::serializer writer;
    writer.reset(&value);
    drain_into(out, writer);
}

// The bytes of `json` into `body`, reusing its storage: a request encoded again and again grows
// its body once. (boost::json::serialize returns a new string every time.)
template <class Json>
void serialize_into(std::string& body, const Json& json) {
    boost::json::serializer writer;
    writer.reset(&json);
    body.clear();
    drain_into(body, writer);
}

// ---- bodies of scalars, written as text ------------------------------------------------------
// Most request bodies are a handful of strings, numbers and timestamps (a token's name and
// expiry, a project's display name). For those, building a DOM and serializing it cost three
// times what the bytes do, so such a body is written straight as text: each member's own
// write_json is handed a json_text_value, which stands in for the boost::json::value it would
// fill and appends the JSON text as the value is set. Boost.JSON still does the escaping and
// the numbers, so the bytes are those the DOM path writes. Bodies with anything else (lists,
// structures, documents, blobs, user types) take the DOM path.

// restop's own scalar types, whose write_json only ever calls what json_text_value offers.
template <class T>
inline constexpr bool writes_json_text = false;
template <>
inline constexpr bool writes_json_text<std::string> = true;
template <>
inline constexpr bool writes_json_text<bool> = true;
template <>
inline constexpr bool writes_json_text<timestamp> = true;
template <class Int>
    requires(std::is_integral_v<Int> && !std::is_same_v<Int, bool> && !std::is_same_v<Int, char>)
inline constexpr bool writes_json_text<Int> = true;
template <class... Constraints>
inline constexpr bool writes_json_text<string_param<Constraints...>> = true;
template <class Int, class... Constraints>
inline constexpr bool writes_json_text<integer_param<Int, Constraints...>> = true;
template <class T>
inline constexpr bool writes_json_text<std::optional<T>> = writes_json_text<T>;

template <class Object, template <class...> class List, class... Fields>
constexpr bool body_writes_json_text(List<Fields...>) noexcept {
    return ((Fields::where != location::body || writes_json_text<typename Fields::value_type>) && ...);
}

// True when Boost.JSON would write `text` inside a JSON string unchanged: it escapes only bytes
// below 0x20, '"' and '\\' (bytes above 0x7F and DEL pass as they are).
inline bool json_string_needs_escape(std::string_view text) noexcept {
    return any_byte(
        text, [](std::uint64_t word) { return (bytes_below(word, 0x20) | bytes_equal(word, '"') | bytes_equal(word, '\\')) != 0; },
        [](unsigned char byte) { return byte < 0x20 || byte == '"' || byte == '\\'; });
}

// The bytes of `text` inside a JSON string, without the quotes, as Boost.JSON writes them: copied
// when nothing needs escaping (ids, names, descriptions nearly always), else escaped by Boost.JSON.
inline void append_json_escaped(std::string& out, std::string_view text) {
    if (!json_string_needs_escape(text)) {
        out.append(text);
        return;
    }
    const std::size_t start = out.size();
    append_serialized(out, boost::json::string_view(text.data(), text.size()));
    out.pop_back();           // the closing quote
    out.erase(start, 1);      // the opening one
}

// A member name needs no escaping when it is printable ASCII without '"' or '\' (all of
// Smithy's names are): then it is copied as it is.
constexpr bool is_plain_json_name(std::string_view name) noexcept {
    for (char c : name)
        if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') return false;
    return true;
}

// `,"name":` for a member whose name needs no escaping, made by the compiler, so that a member's
// key is one append (from the second character for the first member) rather than four.
template <fixed_string Name>
consteval std::array<char, Name.size() + 4> make_json_key() noexcept {
    std::array<char, Name.size() + 4> key{};
    key[0] = ',';
    key[1] = '"';
    for (std::size_t i = 0; i < Name.size(); ++i) key[i + 2] = Name.chars[i];
    key[Name.size() + 2] = '"';
    key[Name.size() + 3] = ':';
    return key;
}
template <fixed_string Name>
inline constexpr std::array<char, Name.size() + 4> json_key = make_json_key<Name>();

class json_text_value {
public:
    explicit json_text_value(std::string& out) noexcept : out_(out), text_{out} {}

    // A string: emplace_string() opens it, and finish() closes it after write_json returns.
    struct string_text {
        std::string& out;
        void assign(const char* data, std::size_t size) { append_json_escaped(out, std::string_view(data, size)); }
        // What the timestamp writers append (digits, letters, "-:., "), which needs no escaping.
        void append(std::size_t count, char c) { out.append(count, c); }
        template <class Iterator>
        void append(Iterator first, Iterator last) {
            out.append(first, last);
        }
    };
    string_text& emplace_string() {
        out_ += '"';
        string_open_ = true;
        return text_;
    }

    template <class Number>
    struct number_text {
        std::string& out;
        void operator=(Number value) const {
            if constexpr (std::is_integral_v<Number>) {
                // An integer is its decimal digits, as Boost.JSON writes it; no serializer needed.
                char digits[24];
                const std::to_chars_result written = std::to_chars(digits, digits + sizeof digits, value);
                out.append(digits, written.ptr);
            } else {
                append_serialized(out, boost::json::value(value));
            }
        }
    };
    number_text<std::int64_t> emplace_int64() noexcept { return {out_}; }
    number_text<std::uint64_t> emplace_uint64() noexcept { return {out_}; }
    number_text<double> emplace_double() noexcept { return {out_}; }

    struct bool_text {
        std::string& out;
        void operator=(bool value) const { out.append(value ? "true" : "false"); }
    };
    bool_text emplace_bool() noexcept { return {out_}; }
    void emplace_null() { out_.append("null"); }

    void finish() {
        if (string_open_) out_ += '"';
        string_open_ = false;
    }

private:
    std::string& out_;
    string_text text_;
    bool string_open_ = false;
};

// The body members of `object` as one JSON object, in member order, absent members left out;
// an unset idempotency token is written as `idempotency_token` when one was made.
template <class Object, template <class...> class List, class... Fields>
void write_body_text(std::string& body, [[maybe_unused]] const Object& object, List<Fields...>,
                     [[maybe_unused]] std::string_view idempotency_token) {
    body.clear();
    body += '{';
    [[maybe_unused]] bool first = true;
    ([&] {
        if constexpr (Fields::where == location::body) {
            const auto& value = object.*Fields::pointer;
            const bool present = Fields::traits::present(value);
            if (!present && !(Fields::is_idempotency_token && !idempotency_token.empty())) return;
            if constexpr (is_plain_json_name(Fields::wire_name)) {
                constexpr const auto& key = json_key<Fields::wire_text>;
                body.append(key.data() + (first ? 1 : 0), key.size() - (first ? 1 : 0));
            } else {
                if (!first) body += ',';
                append_serialized(body, boost::json::string_view(Fields::wire_name.data(), Fields::wire_name.size()));
                body += ':';
            }
            first = false;
            json_text_value json(body);
            if (present)
                Fields::traits::write_json(json, value, Fields::context);
            else
                json.emplace_string().assign(idempotency_token.data(), idempotency_token.size());
            json.finish();
        }
    }(), ...);
    body += '}';
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
        using member_list = typename description_t<Op>::member_list;
        if constexpr (detail::body_writes_json_text<Op>(member_list{})) {
            detail::write_body_text(body, op, member_list{}, idempotency_token);
        } else {
            unsigned char buffer[detail::body_dom_buffer_size];
            boost::json::monotonic_resource memory(buffer, sizeof buffer);
            boost::json::object object(&memory);
            detail::write_body_fields(object, op, member_list{}, idempotency_token);
            detail::serialize_into(body, object);
        }
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

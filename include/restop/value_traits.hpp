#pragma once
// restop::value_traits<T>: everything restop knows about one kind of member value, in one place.
// Validation, encoding, decoding and the description's compile-time checks consult it and
// nothing else, the way nlohmann/json consults adl_serializer<T> and fmt consults formatter<T>:
// supporting a new type is one specialisation, not an edit in every function that handles values.
//
// This header holds the interface and the traits of the standard types (bool, the integers,
// float and double, std::string, std::optional, std::vector, std::map) and of restop's own
// scalars (string_param, integer_param, sensitive_string, timestamp, blob). Other kinds live
// beside their type: enums.hpp, big_number.hpp, boxed.hpp, document.hpp, structure.hpp.
//
// Its JSON functions are templates over the JSON value type (Boost.JSON's boost::json::value in
// restop), so that this header, validation and URI expansion need only the standard library.

#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>
#include <vector>

#include "restop/blob.hpp"
#include "restop/constraints.hpp"
#include "restop/params.hpp"
#include "restop/sensitive.hpp"
#include "restop/timestamp.hpp"
#include "restop/validation_error.hpp"

namespace restop {

/// Where a member travels (Smithy's HTTP binding traits; `body` is a member without one).
enum class location {
    label,           ///< smithy.api#httpLabel: a URI path segment
    query,           ///< smithy.api#httpQuery: one query key
    query_params,    ///< smithy.api#httpQueryParams: a map of query keys
    header,          ///< smithy.api#httpHeader
    prefix_headers,  ///< smithy.api#httpPrefixHeaders: a map of headers sharing a prefix
    payload,         ///< smithy.api#httpPayload: the whole body
    response_code,   ///< smithy.api#httpResponseCode: the status of the response (outputs)
    host_label,      ///< smithy.api#hostLabel: part of the host prefix of @endpoint
    body,            ///< a member of the JSON body
};

/// restJson1's timestamp format where the member does not say (aws.protocols#restJson1,
/// "timestampFormat"): http-date in headers, date-time in labels and query strings, epoch-seconds
/// in bodies and payloads.
constexpr timestamp_format default_timestamp_format(location where) noexcept {
    switch (where) {
        case location::header:
        case location::prefix_headers: return timestamp_format::http_date;
        case location::label:
        case location::query:
        case location::query_params:
        case location::host_label: return timestamp_format::date_time;
        default: return timestamp_format::epoch_seconds;
    }
}

/// What a member's binding tells the traits about how its value is spelled there.
struct wire_context {
    location where = location::body;
    timestamp_format timestamps = timestamp_format::epoch_seconds;
    bool base64_text = false;  ///< a string header with @mediaType travels base64-encoded (Smithy httpHeader)
};

/// The Smithy type a C++ member type stands for.
enum class value_kind { boolean, integer, floating, big_number, string, blob, timestamp_, document, list, map, structure, union_ };

namespace detail {
// A reader's complaint: `path` locates the value below the member ("[2].name", "" for the member
// itself); `problem` is static text ("is not a string"). Never the value: it may be a secret.
struct json_read_error {
    std::string path;
    std::string_view problem;
};
using read_outcome = std::optional<json_read_error>;
inline read_outcome problem(std::string_view text) { return json_read_error{{}, text}; }

// Prefixes a child's path with `[index]` or `key` the way JSON paths read: "items[2].name".
inline void prefix_path(json_read_error& error, std::string_view step, bool is_index) {
    std::string path;
    if (is_index) {
        path += '[';
        path += step;
        path += ']';
    } else {
        path += step;
    }
    if (!error.path.empty() && error.path.front() != '[') path += '.';
    path += error.path;
    error.path = std::move(path);
}
}  // namespace detail

/// The customisation point. A specialisation for `T` provides:
///
///     static constexpr value_kind kind;
///     static constexpr bool can_be_absent;            // has an "unset" state (std::optional, string_param)
///     static constexpr bool required_by_type;         // the type itself demands a value (string_param<required>)
///     static constexpr bool present(const T&);        // false for an unset value
///     // Constraints the type carries (and those of the values inside a container or structure):
///     static std::optional<validation_error> check(const T&, checks, std::string_view member);
///     // Scalars only: the value as text in a label, query, header or host label, unencoded.
///     static void append_text(std::string& out, const T&, const wire_context&);
///     static detail::read_outcome read_text(std::string_view text, T&, const wire_context&);
///     // JSON (`Json` is boost::json::value):
///     static void write_json(Json& out, const T&, const wire_context&);
///     static detail::read_outcome read_json(const Json& in, T&, const wire_context&);
///
/// and, where they mean something, `text_view(const T&)` (strings and enums: the bytes as they
/// are, checked for control bytes and patterns), `length_of(const T&)` (for @length) and
/// `number_of(const T&)` (for @range). A user type becomes a member type with one specialisation:
///
///     template <> struct restop::value_traits<my_uuid> : restop::text_value_traits<my_uuid> {
///         static std::string_view text_view(const my_uuid& id) { return id.text(); }
///         static detail::read_outcome from_text(std::string_view text, my_uuid& out) { ... }
///     };
template <class T>
struct value_traits;

/// True when restop knows how to carry `T`.
template <class T>
concept has_value_traits = requires { value_traits<T>::kind; };

namespace detail {
template <class T>
concept has_text_view = requires(const T& v) {
    { value_traits<T>::text_view(v) } -> std::convertible_to<std::string_view>;
};
template <class T>
concept has_length_of = requires(const T& v) {
    { value_traits<T>::length_of(v) } -> std::convertible_to<std::size_t>;
};
template <class T>
concept has_number_of = requires(const T& v) {
    { value_traits<T>::number_of(v) } -> std::convertible_to<std::int64_t>;
};

// Strips std::optional (and restop::boxed, which specialises this) to the value it holds.
template <class T>
struct unwrapped {
    using type = T;
};
template <class T>
struct unwrapped<std::optional<T>> {
    using type = typename unwrapped<T>::type;
};
template <class T>
using unwrapped_t = typename unwrapped<T>::type;

template <class T>
inline constexpr bool is_optional = false;
template <class T>
inline constexpr bool is_optional<std::optional<T>> = true;

template <class T>
inline constexpr bool is_vector = false;
template <class T, class A>
inline constexpr bool is_vector<std::vector<T, A>> = true;

// A std::map keyed by std::string, known by what it offers rather than by name, so that this
// header need not include <map>: parsing it is about 50 ms of every translation unit that
// includes restop (clang 14 -ftime-trace), and most never hold a map. Ordered (key_compare) and
// with operator[], so std::map and maps like it are in and std::multimap and std::unordered_map
// (whose JSON would come out in no fixed order) are not.
template <class T>
concept string_map = requires(T& map, const std::string& key) {
    typename T::mapped_type;
    typename T::key_compare;
    map[key];
} && std::is_same_v<typename T::key_type, std::string> &&
                     std::is_same_v<typename T::value_type, std::pair<const std::string, typename T::mapped_type>>;
template <class T>
inline constexpr bool is_string_map = string_map<T>;
}  // namespace detail

/// The parts every scalar shares: always present, nothing to check, nothing inside.
template <class T>
struct scalar_value_traits {
    static constexpr bool can_be_absent = false;
    static constexpr bool required_by_type = false;
    static constexpr bool present(const T&) noexcept { return true; }
    static constexpr std::optional<validation_error> check(const T&, checks, std::string_view) noexcept { return std::nullopt; }
};

/// A base for types that travel as a JSON string and as the same text everywhere else: provide
/// `text_view(const T&)` and `from_text(std::string_view, T&)`.
template <class T>
struct text_value_traits : scalar_value_traits<T> {
    static constexpr value_kind kind = value_kind::string;
    static void append_text(std::string& out, const T& value, const wire_context&) { out.append(value_traits<T>::text_view(value)); }
    static detail::read_outcome read_text(std::string_view text, T& out, const wire_context&) {
        return value_traits<T>::from_text(text, out);
    }
    static void write_json(auto& json, const T& value, const wire_context&) {
        const std::string_view text = value_traits<T>::text_view(value);
        json.emplace_string().assign(text.data(), text.size());
    }
    static detail::read_outcome read_json(const auto& json, T& out, const wire_context&) {
        const auto* text = json.if_string();
        if (!text) return detail::problem("is not a string");
        return value_traits<T>::from_text(std::string_view(text->data(), text->size()), out);
    }
    static std::size_t length_of(const T& value) noexcept { return detail::scan_utf8(value_traits<T>::text_view(value)).scalars; }
};

// ---- booleans --------------------------------------------------------------------------------

template <>
struct value_traits<bool> : scalar_value_traits<bool> {
    static constexpr value_kind kind = value_kind::boolean;
    static void append_text(std::string& out, bool value, const wire_context&) { out.append(value ? "true" : "false"); }
    static detail::read_outcome read_text(std::string_view text, bool& out, const wire_context&) {
        if (text == "true") return out = true, std::nullopt;
        if (text == "false") return out = false, std::nullopt;
        return detail::problem("is not a boolean");
    }
    static void write_json(auto& json, bool value, const wire_context&) { json.emplace_bool() = value; }
    static detail::read_outcome read_json(const auto& json, bool& out, const wire_context&) {
        if (!json.is_bool()) return detail::problem("is not a boolean");
        out = json.get_bool();
        return std::nullopt;
    }
};

// ---- byte, short, integer, long ----------------------------------------------------------------

// Smithy's integers are signed; unsigned types are accepted too, for hand-written outputs.
template <class Int>
    requires(std::is_integral_v<Int> && !std::is_same_v<Int, bool> && !std::is_same_v<Int, char>)
struct value_traits<Int> : scalar_value_traits<Int> {
    static constexpr value_kind kind = value_kind::integer;
    static constexpr std::int64_t number_of(Int value) noexcept { return static_cast<std::int64_t>(value); }
    static void append_text(std::string& out, Int value, const wire_context&) {
        char digits[24];
        out.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
    }
    static detail::read_outcome read_text(std::string_view text, Int& out, const wire_context&) {
        Int value{};
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec == std::errc::result_out_of_range) return detail::problem("is out of range");
        if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return detail::problem("is not an integer");
        out = value;
        return std::nullopt;
    }
    static void write_json(auto& json, Int value, const wire_context&) {
        if constexpr (std::is_unsigned_v<Int>)
            json.emplace_uint64() = value;
        else
            json.emplace_int64() = value;
    }
    static detail::read_outcome read_json(const auto& json, Int& out, const wire_context&) {
        if (json.is_int64()) {
            const std::int64_t v = json.get_int64();
            if (!std::in_range<Int>(v)) return detail::problem("is out of range");
            out = static_cast<Int>(v);
            return std::nullopt;
        }
        if (json.is_uint64()) {  // above INT64_MAX
            if (!std::in_range<Int>(json.get_uint64())) return detail::problem("is out of range");
            out = static_cast<Int>(json.get_uint64());
            return std::nullopt;
        }
        return detail::problem("is not an integer");
    }
};

// ---- float, double: NaN and the infinities are spelled "NaN", "Infinity", "-Infinity" ----------

namespace detail {
template <class Float>
std::optional<Float> special_float(std::string_view text) noexcept {
    if (text == "NaN") return std::numeric_limits<Float>::quiet_NaN();
    if (text == "Infinity") return std::numeric_limits<Float>::infinity();
    if (text == "-Infinity") return -std::numeric_limits<Float>::infinity();
    return std::nullopt;
}
inline const char* special_float_text(double value) noexcept {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
    return nullptr;
}
}  // namespace detail

template <class Float>
    requires std::is_floating_point_v<Float>
struct value_traits<Float> : scalar_value_traits<Float> {
    static constexpr value_kind kind = value_kind::floating;
    static void append_text(std::string& out, Float value, const wire_context&) {
        if (const char* special = detail::special_float_text(static_cast<double>(value))) {
            out.append(special);
            return;
        }
        char digits[64];
        out.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);  // shortest round trip
    }
    static detail::read_outcome read_text(std::string_view text, Float& out, const wire_context&) {
        if (auto special = detail::special_float<Float>(text)) return out = *special, std::nullopt;
        Float value{};
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return detail::problem("is not a number");
        out = value;
        return std::nullopt;
    }
    static void write_json(auto& json, Float value, const wire_context&) {
        if (const char* special = detail::special_float_text(static_cast<double>(value)))
            json.emplace_string() = special;
        else
            json.emplace_double() = static_cast<double>(value);
    }
    static detail::read_outcome read_json(const auto& json, Float& out, const wire_context&) {
        if (const auto* text = json.if_string()) {
            if (auto special = detail::special_float<Float>(std::string_view(text->data(), text->size())))
                return out = *special, std::nullopt;
            return detail::problem("is not a number");
        }
        if (!json.is_number()) return detail::problem("is not a number");
        out = static_cast<Float>(json.template to_number<double>());
        return std::nullopt;
    }
};

// ---- strings --------------------------------------------------------------------------------

template <>
struct value_traits<std::string> : text_value_traits<std::string> {
    static std::string_view text_view(const std::string& value) noexcept { return value; }
    static detail::read_outcome from_text(std::string_view text, std::string& out) {
        out.assign(text);
        return std::nullopt;
    }
};

/// @sensitive strings: the same wire form; only the reading and writing differ from std::string.
template <>
struct value_traits<sensitive_string> : text_value_traits<sensitive_string> {
    static std::string_view text_view(const sensitive_string& value) noexcept { return value.reveal(); }
    static detail::read_outcome from_text(std::string_view text, sensitive_string& out) {
        out = sensitive_string(std::string(text));
        return std::nullopt;
    }
};

/// A top-level string input: a view that carries its constraints (checked by the type).
template <class... Constraints>
struct value_traits<string_param<Constraints...>> : text_value_traits<string_param<Constraints...>> {
    using param = string_param<Constraints...>;
    static constexpr bool can_be_absent = true;
    static constexpr bool required_by_type = param::is_required;
    static constexpr bool present(const param& value) noexcept { return value.has_value(); }
    static constexpr std::string_view text_view(const param& value) noexcept { return value.view(); }
    static std::optional<validation_error> check(const param& value, checks level, std::string_view member) noexcept {
        if (auto v = value.find_violation(level)) return detail::make_validation_error(member, *v);
        return std::nullopt;
    }
    static detail::read_outcome from_text(std::string_view, param&) { return detail::problem("is an input-only view"); }
};

/// A top-level integer input that carries its @range.
template <class Int, class... Constraints>
struct value_traits<integer_param<Int, Constraints...>> {
    using param = integer_param<Int, Constraints...>;
    using inner = value_traits<Int>;
    static constexpr value_kind kind = value_kind::integer;
    static constexpr bool can_be_absent = true;
    static constexpr bool required_by_type = param::is_required;
    static constexpr bool present(const param& value) noexcept { return value.has_value(); }
    static constexpr std::int64_t number_of(const param& value) noexcept { return value.value(); }
    static std::optional<validation_error> check(const param& value, checks level, std::string_view member) noexcept {
        if (auto v = value.find_violation(level)) return detail::make_validation_error(member, *v);
        return std::nullopt;
    }
    static void append_text(std::string& out, const param& value, const wire_context& context) {
        inner::append_text(out, value.value(), context);
    }
    static detail::read_outcome read_text(std::string_view text, param& out, const wire_context& context) {
        Int value{};
        if (auto error = inner::read_text(text, value, context)) return error;
        out = runtime(value);
        return std::nullopt;
    }
    static void write_json(auto& json, const param& value, const wire_context& context) {
        inner::write_json(json, value.value(), context);
    }
    static detail::read_outcome read_json(const auto& json, param& out, const wire_context& context) {
        Int value{};
        if (auto error = inner::read_json(json, value, context)) return error;
        out = runtime(value);
        return std::nullopt;
    }
};

// ---- timestamps: the format comes from the binding (wire_context) -----------------------------

template <>
struct value_traits<timestamp> : scalar_value_traits<timestamp> {
    static constexpr value_kind kind = value_kind::timestamp_;
    static void append_text(std::string& out, timestamp value, const wire_context& context) {
        detail::append_timestamp(out, value, context.timestamps);
    }
    static detail::read_outcome read_text(std::string_view text, timestamp& out, const wire_context& context) {
        return outcome_of(detail::read_timestamp(text, context.timestamps, out), context.timestamps);
    }
    static void write_json(auto& json, timestamp value, const wire_context& context) {
        if (context.timestamps != timestamp_format::epoch_seconds) {
            detail::append_timestamp(json.emplace_string(), value, context.timestamps);  // into the DOM's own memory
            return;
        }
        const auto millis = detail::epoch_millis(value);
        if (millis % 1000 == 0)
            json.emplace_int64() = millis / 1000;
        else
            json.emplace_double() = static_cast<double>(millis) / 1000.0;
    }
    static detail::read_outcome read_json(const auto& json, timestamp& out, const wire_context& context) {
        if (context.timestamps == timestamp_format::epoch_seconds) {
            if (!json.is_number()) return detail::problem(problem_for(context.timestamps));
            return outcome_of(detail::read_epoch_seconds(json.template to_number<double>(), out), context.timestamps);
        }
        const auto* text = json.if_string();
        if (!text) return detail::problem(problem_for(context.timestamps));
        return read_text(std::string_view(text->data(), text->size()), out, context);
    }

private:
    static detail::read_outcome outcome_of(detail::timestamp_reading reading, timestamp_format format) {
        switch (reading) {
            case detail::timestamp_reading::read: return std::nullopt;
            case detail::timestamp_reading::out_of_range:
                return detail::problem("is a timestamp outside 1677-09-21..2262-04-11, the span of restop::timestamp");
            case detail::timestamp_reading::malformed: break;
        }
        return detail::problem(problem_for(format));
    }
    static constexpr std::string_view problem_for(timestamp_format format) noexcept {
        switch (format) {
            case timestamp_format::epoch_seconds: return "is not an epoch-seconds timestamp";
            case timestamp_format::http_date: return "is not an http-date timestamp";
            case timestamp_format::date_time: break;
        }
        return "is not an RFC 3339 date-time string";
    }
};

// ---- blobs: base64 everywhere but a payload (which the encoder writes raw) ---------------------

template <>
struct value_traits<blob> : scalar_value_traits<blob> {
    static constexpr value_kind kind = value_kind::blob;
    static std::size_t length_of(const blob& value) noexcept { return value.size(); }
    static void append_text(std::string& out, const blob& value, const wire_context&) { append_base64(out, value.bytes()); }
    static detail::read_outcome read_text(std::string_view text, blob& out, const wire_context&) {
        auto bytes = decode_base64(text);
        if (!bytes) return detail::problem("is not valid base64");
        out = blob(std::move(*bytes));
        return std::nullopt;
    }
    static void write_json(auto& json, const blob& value, const wire_context&) {
        std::string text;
        append_base64(text, value.bytes());
        json.emplace_string() = text;
    }
    static detail::read_outcome read_json(const auto& json, blob& out, const wire_context& context) {
        const auto* text = json.if_string();
        if (!text) return detail::problem("is not a base64 string");
        return read_text(std::string_view(text->data(), text->size()), out, context);
    }
};

// ---- std::optional<T>: absent when empty; otherwise T's traits ---------------------------------

template <class T>
struct value_traits<std::optional<T>> {
    using inner = value_traits<T>;
    static constexpr value_kind kind = inner::kind;
    static constexpr bool can_be_absent = true;
    static constexpr bool required_by_type = false;
    static constexpr bool present(const std::optional<T>& value) noexcept { return value.has_value(); }
    static std::optional<validation_error> check(const std::optional<T>& value, checks level, std::string_view member) {
        return value ? inner::check(*value, level, member) : std::nullopt;
    }
    static std::string_view text_view(const std::optional<T>& value) noexcept
        requires detail::has_text_view<T>
    {
        return value ? std::string_view(inner::text_view(*value)) : std::string_view();
    }
    static std::size_t length_of(const std::optional<T>& value) noexcept
        requires detail::has_length_of<T>
    {
        return value ? inner::length_of(*value) : 0;
    }
    static std::int64_t number_of(const std::optional<T>& value) noexcept
        requires detail::has_number_of<T>
    {
        return value ? inner::number_of(*value) : 0;
    }
    static void append_text(std::string& out, const std::optional<T>& value, const wire_context& context) {
        if (value) inner::append_text(out, *value, context);
    }
    static detail::read_outcome read_text(std::string_view text, std::optional<T>& out, const wire_context& context) {
        T value{};
        if (auto error = inner::read_text(text, value, context)) return error;
        out = std::move(value);
        return std::nullopt;
    }
    // An empty optional inside a sparse list or map is written as null.
    static void write_json(auto& json, const std::optional<T>& value, const wire_context& context) {
        if (value)
            inner::write_json(json, *value, context);
        else
            json.emplace_null();
    }
    static detail::read_outcome read_json(const auto& json, std::optional<T>& out, const wire_context& context) {
        if (json.is_null()) {
            out.reset();
            return std::nullopt;
        }
        T value{};
        if (auto error = inner::read_json(json, value, context)) return error;
        out = std::move(value);
        return std::nullopt;
    }
};

// ---- lists: a JSON array; a repeated query key; a comma-separated header -----------------------

template <class T, class A>
struct value_traits<std::vector<T, A>> {
    using element = value_traits<T>;
    using element_type = T;
    static constexpr value_kind kind = value_kind::list;
    static constexpr bool can_be_absent = false;
    static constexpr bool required_by_type = false;
    static constexpr bool present(const std::vector<T, A>&) noexcept { return true; }
    static std::size_t length_of(const std::vector<T, A>& value) noexcept { return value.size(); }
    static std::optional<validation_error> check(const std::vector<T, A>& value, checks level, std::string_view member) {
        for (const T& item : value)
            if (auto error = element::check(item, level, member)) return error;
        return std::nullopt;
    }
    static void write_json(auto& json, const std::vector<T, A>& value, const wire_context& context) {
        auto& array = json.emplace_array();
        array.reserve(value.size());
        for (const T& item : value) {
            array.emplace_back(nullptr);
            element::write_json(array.back(), item, context);
        }
    }
    static detail::read_outcome read_json(const auto& json, std::vector<T, A>& out, const wire_context& context) {
        const auto* array = json.if_array();
        if (!array) return detail::problem("is not a list");
        out.clear();
        out.reserve(array->size());
        for (std::size_t i = 0; i < array->size(); ++i) {
            const auto& item = (*array)[i];
            detail::read_outcome error;
            T value{};  // read into a local: std::vector<bool> has no element to read into
            if (item.is_null() && !detail::is_optional<T>)
                error = detail::problem("is null");  // a dense list holds no nulls
            else if (!(error = element::read_json(item, value, context)))
                out.push_back(std::move(value));
            if (error) {
                detail::prefix_path(*error, std::to_string(i), true);
                return error;
            }
        }
        return std::nullopt;
    }
};

// ---- maps of string to any member type: a JSON object -----------------------------------------

template <detail::string_map Map>
struct value_traits<Map> {
    using map_type = Map;
    using T = typename Map::mapped_type;
    using element = value_traits<T>;
    using element_type = T;
    static constexpr value_kind kind = value_kind::map;
    static constexpr bool can_be_absent = false;
    static constexpr bool required_by_type = false;
    static constexpr bool present(const map_type&) noexcept { return true; }
    static std::size_t length_of(const map_type& value) noexcept { return value.size(); }
    static std::optional<validation_error> check(const map_type& value, checks level, std::string_view member) {
        for (const auto& [key, item] : value)
            if (auto error = element::check(item, level, member)) return error;
        return std::nullopt;
    }
    static void write_json(auto& json, const map_type& value, const wire_context& context) {
        auto& object = json.emplace_object();
        object.reserve(value.size());
        for (const auto& [key, item] : value) element::write_json(object[key], item, context);
    }
    static detail::read_outcome read_json(const auto& json, map_type& out, const wire_context& context) {
        const auto* object = json.if_object();
        if (!object) return detail::problem("is not a map");
        out.clear();
        for (const auto& entry : *object) {
            const std::string key(entry.key().data(), entry.key().size());
            detail::read_outcome error;
            if (entry.value().is_null() && !detail::is_optional<T>)
                continue;  // a dense map drops null values, as the AWS SDKs do
            error = element::read_json(entry.value(), out[key], context);
            if (error) {
                detail::prefix_path(*error, key, false);
                return error;
            }
        }
        return std::nullopt;
    }
};

}  // namespace restop

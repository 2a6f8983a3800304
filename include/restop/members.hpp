#pragma once
// Where each member goes on the wire, after Smithy's HTTP binding traits: restop::http_label,
// http_query, http_query_params, http_header, http_prefix_headers, http_payload,
// http_response_code, host_label and json_field, each with the member traits that change how
// its value is spelled (restop::format, default_value, idempotency_token, sensitive, media_type)
// and the constraints its type does not carry. Only the standard library.

#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>
#include <type_traits>
#include <vector>

#include "restop/constraints.hpp"
#include "restop/detail/http_grammar.hpp"
#include "restop/detail/spelled.hpp"
#include "restop/detail/utf8.hpp"
#include "restop/fixed_string.hpp"
#include "restop/header.hpp"
#include "restop/params.hpp"
#include "restop/value_traits.hpp"

namespace restop {

// ---- member traits, given after the member pointer -------------------------------------------

/// smithy.api#timestampFormat: `restop::format<restop::timestamp_format::http_date>`.
template <timestamp_format Format>
struct format {
    static constexpr timestamp_format value = Format;
};

/// smithy.api#default: the member has a default value (its C++ initializer), so a reader fills
/// it in when the member is missing and a writer always sends it. The value, as the model
/// spells it, is for the reader of the description: `restop::default_value<"0">`,
/// `restop::default_value<"hi">`, `restop::default_value<>`.
template <fixed_string Value = "">
struct default_value {
    static constexpr std::string_view text = Value.view();
};

/// smithy.api#idempotencyToken: when the caller leaves the member unset, encode() sends a
/// fresh UUID v4, as the official SDKs do.
struct idempotency_token {};

/// smithy.api#sensitive: the value never appears in a log line restop writes.
struct sensitive {};

/// smithy.api#mediaType on a string payload or header (`restop::media_type<"application/json">`):
/// the payload's Content-Type; a header with a media type travels base64-encoded.
template <fixed_string Type>
struct media_type {
    static_assert(Type.view().empty() || detail::is_media_type(Type.view()),
                  "restop::media_type: a media type is type/subtype with optional parameters (RFC 9110 §8.3.1), such as "
                  "\"application/json\" or \"text/plain; charset=utf-8\"");
    static constexpr std::string_view value = Type.view();
};

/// An @range bound left open: `restop::range<restop::unbounded_min, 10>`.
inline constexpr std::int64_t unbounded_min = std::numeric_limits<std::int64_t>::min();
/// The other open @range bound: `restop::range<1, restop::unbounded_max>`.
inline constexpr std::int64_t unbounded_max = std::numeric_limits<std::int64_t>::max();

namespace detail {
template <class T>
struct member_pointer;
template <class Class, class Type>
struct member_pointer<Type Class::*> {
    using owner = Class;
    using type = Type;
};

template <class T>
inline constexpr bool is_format_option = false;
template <timestamp_format F>
inline constexpr bool is_format_option<format<F>> = true;
template <class T>
inline constexpr bool is_default_option = false;
template <fixed_string V>
inline constexpr bool is_default_option<default_value<V>> = true;
template <class T>
inline constexpr bool is_media_type_option = false;
template <fixed_string T>
inline constexpr bool is_media_type_option<media_type<T>> = true;

template <class T>
inline constexpr bool is_member_option =
    is_format_option<T> || is_default_option<T> || is_media_type_option<T> || std::is_same_v<T, idempotency_token> ||
    std::is_same_v<T, sensitive> || is_required<T> || is_length<T> || is_range<T> || is_pattern<T>;

template <bool Ok, class MemberName>
struct unknown_member_option {
    static_assert(Ok, "restop: a member binding option must be restop::format, default_value, idempotency_token, sensitive, "
                      "media_type, required, length, range or pattern");
    static constexpr bool value = true;
};
template <bool Ok, class MemberName>
struct member_type_without_traits {
    static_assert(Ok, "restop: this member's type has no restop::value_traits specialisation, so restop cannot carry it; "
                      "use a Smithy type (see value_traits.hpp) or specialise restop::value_traits for it");
    static constexpr bool value = true;
};

// Whether a wire name can stand where `Where` puts it in an HTTP/1.1 request.
template <location Where>
consteval bool wire_name_fits(std::string_view name) {
    if (!scan_utf8(name).valid) return false;
    if (Where == location::header)
        return is_token(name) && !iequals(name, "Host") && !iequals(name, "Content-Length") &&
               !iequals(name, "Transfer-Encoding") && !iequals(name, "Connection");
    if (Where == location::prefix_headers) return name.empty() || is_token(name);
    if (Where == location::query) return !name.empty();
    return true;
}

// Says what is wrong with a wire name that does not fit. `Name` spells the wire name out, so
// that the notes of both compilers show it ("Name = spelled<'X', ' ', ...>"); only a name that
// fails is spelled (see diagnose<>).
template <location Where, fixed_string WireName, class Name>
consteval bool report_wire_name() {
    constexpr std::string_view name = WireName.view();
    static_assert(scan_utf8(name).valid, "restop: a member's wire name must be valid UTF-8");
    if constexpr (Where == location::header) {
        static_assert(is_token(name), "restop: an http_header name must be an RFC 9110 token (letters, digits and "
                                      "!#$%&'*+-.^_`|~; no space, ':' or non-ASCII), or no HTTP request could carry it");
        static_assert(!iequals(name, "Host") && !iequals(name, "Content-Length") && !iequals(name, "Transfer-Encoding") &&
                          !iequals(name, "Connection"),
                      "restop: an http_header member cannot be Host, Content-Length, Transfer-Encoding or Connection: "
                      "they frame the request, and the transport writes them");
    } else if constexpr (Where == location::prefix_headers) {
        static_assert(name.empty() || is_token(name), "restop: an http_prefix_headers prefix begins header names, so it may "
                                                      "hold only RFC 9110 token characters (letters, digits and "
                                                      "!#$%&'*+-.^_`|~)");
    } else if constexpr (Where == location::query) {
        static_assert(!name.empty(), "restop: an http_query member needs a non-empty name");
    }
    return true;
}

template <location Where, fixed_string WireName>
consteval bool check_wire_name() {
    if constexpr (!wire_name_fits<Where>(WireName.view()))
        return report_wire_name<Where, WireName, spell<WireName>>();
    else
        return true;
}

// The first of `Options` that `Is` accepts, else `Fallback`: how a binding or an operation
// finds the one option of a kind among the others.
template <template <class> class Is, class Fallback, class... Options>
struct first_option {
    using type = Fallback;
};
template <template <class> class Is, class Fallback, class First, class... Rest>
struct first_option<Is, Fallback, First, Rest...> {
    using type = std::conditional_t<Is<First>::value, First, typename first_option<Is, Fallback, Rest...>::type>;
};
template <template <class> class Is, class Fallback, class... Options>
using first_option_t = typename first_option<Is, Fallback, Options...>::type;

template <class T>
struct is_format_trait : std::bool_constant<is_format_option<T>> {};
template <class T>
struct is_media_type_trait : std::bool_constant<is_media_type_option<T>> {};

template <class... Options>
constexpr timestamp_format format_of(location where) noexcept {
    using chosen = first_option_t<is_format_trait, void, Options...>;
    if constexpr (std::is_void_v<chosen>)
        return default_timestamp_format(where);
    else
        return chosen::value;
}
}  // namespace detail

/// The common shape of every binding: which member, under which wire name, where, spelled how.
template <location Where, fixed_string WireName, auto Member, class... Options>
struct member_binding {
    static_assert(std::is_member_object_pointer_v<decltype(Member)>,
                  "restop: a member binding takes a pointer to a data member, such as &my_operation::id");
    using owner = typename detail::member_pointer<decltype(Member)>::owner;
    using value_type = typename detail::member_pointer<decltype(Member)>::type;
    using traits = value_traits<value_type>;
    static constexpr location where = Where;
    static constexpr auto wire_text = WireName;  // kept as a fixed_string for diagnostics
    static constexpr std::string_view wire_name = wire_text.view();
    static constexpr auto pointer = Member;

    static_assert((detail::diagnose<detail::is_member_option<Options>, detail::unknown_member_option, WireName>::value && ...));
    static_assert(detail::diagnose<has_value_traits<value_type>, detail::member_type_without_traits, WireName>::value);
    static_assert(detail::check_wire_name<Where, WireName>());

    static constexpr std::string_view media_type = detail::first_option_t<detail::is_media_type_trait, restop::media_type<"">, Options...>::value;
    static constexpr bool has_default = (detail::is_default_option<Options> || ...);
    static constexpr bool is_idempotency_token = (std::is_same_v<Options, idempotency_token> || ...);
    static constexpr bool is_sensitive = (std::is_same_v<Options, sensitive> || ...);
    /// An input member that must be set before anything is sent.
    static constexpr bool must_be_set = traits::required_by_type || (detail::is_required<Options> || ...);
    /// An output member that a response must carry: a plain (not optional) type without a default.
    static constexpr bool must_be_read = !traits::can_be_absent && !has_default;
    static constexpr wire_context context{
        Where, detail::format_of<Options...>(Where),
        Where == location::header && !media_type.empty() && traits::kind == value_kind::string};

    /// The constraints given on the binding (those on a member whose type does not carry them).
    static constexpr bool has_constraints = ((detail::is_length<Options> || detail::is_range<Options> || detail::is_pattern<Options>) || ...);
    template <class Visitor>
    static constexpr void for_each_constraint(Visitor&& visit) {
        ([&] {
            if constexpr (detail::is_length<Options> || detail::is_range<Options> || detail::is_pattern<Options>) visit(Options{});
        }(), ...);
    }
};

namespace detail {
template <class T>
constexpr bool is_text_kind() {
    return value_traits<T>::kind == value_kind::string;
}
template <class T>
constexpr bool is_scalar_kind() {
    constexpr value_kind k = value_traits<T>::kind;
    return k == value_kind::boolean || k == value_kind::integer || k == value_kind::floating || k == value_kind::big_number ||
           k == value_kind::string || k == value_kind::timestamp_ || k == value_kind::blob;
}
template <class T>
constexpr bool is_scalar_or_list_of_scalars() {
    if constexpr (is_vector<unwrapped_t<T>>)
        return is_scalar_kind<unwrapped_t<typename unwrapped_t<T>::value_type>>();
    else
        return is_scalar_kind<unwrapped_t<T>>();
}
template <class T>
constexpr bool is_map_of_text(bool allow_lists) {
    if constexpr (is_string_map<unwrapped_t<T>>) {
        using element = typename unwrapped_t<T>::mapped_type;
        if constexpr (is_vector<element>)
            return allow_lists && is_text_kind<typename element::value_type>();
        else
            return is_text_kind<element>();
    } else {
        return false;
    }
}
}  // namespace detail

/// smithy.api#httpLabel: the member fills the URI template's `{WireName}` or `{WireName+}`.
///
///     restop::http_label<"id", &delete_access_token::id>
template <fixed_string WireName, auto Member, class... Options>
struct http_label : member_binding<location::label, WireName, Member, Options...> {
    static_assert(detail::is_scalar_kind<detail::unwrapped_t<typename http_label::value_type>>() &&
                      value_traits<detail::unwrapped_t<typename http_label::value_type>>::kind != value_kind::blob,
                  "restop: an http_label member must be a string, a number, a boolean, a timestamp or an enum");
};

/// smithy.api#httpQuery: `?WireName=value`; a list repeats the key; absent is omitted.
template <fixed_string WireName, auto Member, class... Options>
struct http_query : member_binding<location::query, WireName, Member, Options...> {
    static_assert(detail::is_scalar_or_list_of_scalars<typename http_query::value_type>(),
                  "restop: an http_query member must be a scalar (string, number, boolean, timestamp, blob, enum) or a list of scalars");
};

/// smithy.api#httpQueryParams: every entry of a map of string (or of list of string) becomes a
/// query parameter; a key that an http_query member also sets is left to that member.
template <auto Member, class... Options>
struct http_query_params : member_binding<location::query_params, "", Member, Options...> {
    static_assert(detail::is_map_of_text<typename http_query_params::value_type>(true),
                  "restop: an http_query_params member must be a map of string to string or to a list of strings");
};

/// smithy.api#httpHeader: `WireName: value`; a list is sent comma-separated; absent is omitted.
template <fixed_string WireName, auto Member, class... Options>
struct http_header : member_binding<location::header, WireName, Member, Options...> {
    static_assert(detail::is_scalar_or_list_of_scalars<typename http_header::value_type>(),
                  "restop: an http_header member must be a scalar (string, number, boolean, timestamp, blob, enum) or a list of scalars");
};

/// smithy.api#httpPrefixHeaders: each entry of a map of string to string is a header named
/// Prefix + key. Reading gives every header that starts with the prefix (any case).
template <fixed_string Prefix, auto Member, class... Options>
struct http_prefix_headers : member_binding<location::prefix_headers, Prefix, Member, Options...> {
    static_assert(detail::is_map_of_text<typename http_prefix_headers::value_type>(false),
                  "restop: an http_prefix_headers member must be a map of string to string");
};

/// smithy.api#httpPayload: the member is the whole body: a blob or string as its bytes, a
/// structure, union or document as JSON.
template <auto Member, class... Options>
struct http_payload : member_binding<location::payload, "", Member, Options...> {
    static_assert([] {
        constexpr value_kind k = value_traits<detail::unwrapped_t<typename http_payload::value_type>>::kind;
        return k == value_kind::blob || k == value_kind::string || k == value_kind::structure || k == value_kind::union_ ||
               k == value_kind::document;
    }(), "restop: an http_payload member must be a blob, a string, an enum, a structure, a union or a document");
};

/// smithy.api#httpResponseCode: an output member that receives the response's status.
template <auto Member, class... Options>
struct http_response_code : member_binding<location::response_code, "", Member, Options...> {
    static_assert(std::is_same_v<detail::unwrapped_t<typename http_response_code::value_type>, std::int32_t>,
                  "restop: an http_response_code member must be a std::int32_t (or std::optional<std::int32_t>)");
};

/// smithy.api#hostLabel: fills `{WireName}` in the operation's restop::host_prefix.
template <fixed_string WireName, auto Member, class... Options>
struct host_label : member_binding<location::host_label, WireName, Member, Options...> {
    static_assert(detail::is_text_kind<detail::unwrapped_t<typename host_label::value_type>>() && host_label::must_be_set,
                  "restop: a host_label member must be a required string");
};

/// A member of a JSON body (restJson1: a member without an HTTP binding), under its JSON name.
/// Used for an operation's body members, for the fields of nested structures and for outputs.
///
///     restop::json_field<"expiresTime", &create_access_token::expires_time>
template <fixed_string WireName, auto Member, class... Options>
struct json_field : member_binding<location::body, WireName, Member, Options...> {};

/// The input members of an operation, in the order they are encoded.
template <class... Bindings>
struct members {};

/// The members of a structure (an output, an error, or a structure nested in a body):
///
///     struct access_token_summary {
///         std::string id;
///         std::optional<restop::timestamp> expires_time;  // optional: may be absent
///         using fields = restop::fields<restop::json_field<"id", &access_token_summary::id>,
///                                       restop::json_field<"expiresTime", &access_token_summary::expires_time>>;
///     };
template <class... Fields>
struct fields {};

namespace detail {
template <class T>
concept has_fields = requires { typename T::fields; };
template <class T>
concept has_alternatives = requires { typename T::alternatives; };
}  // namespace detail

}  // namespace restop

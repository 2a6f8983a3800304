#pragma once
// Where each input member goes on the wire: restop::http_label, restop::http_query,
// restop::http_header, after Smithy's httpLabel, httpQuery and httpHeader traits.

#include <optional>
#include <string_view>
#include <type_traits>
#include <vector>

#include "restop/fixed_string.hpp"
#include "restop/params.hpp"

namespace restop {

enum class location { label, query, header, body };

namespace detail {
template <class T>
struct member_pointer;
template <class Class, class Type>
struct member_pointer<Type Class::*> {
    using owner = Class;
    using type = Type;
};

template <class T>
inline constexpr bool is_vector = false;
template <class T, class A>
inline constexpr bool is_vector<std::vector<T, A>> = true;

// A scalar on the wire: a param type, bool or std::optional<bool>.
template <class T>
inline constexpr bool is_scalar_member =
    is_string_param<T> || is_integer_param<T> || std::is_same_v<T, bool> || std::is_same_v<T, std::optional<bool>>;

template <class T>
inline constexpr bool is_list_member = false;
template <class T, class A>
inline constexpr bool is_list_member<std::vector<T, A>> = is_scalar_member<T>;
}  // namespace detail

/// The common shape of the three location descriptors.
template <location Where, fixed_string WireName, auto Member>
struct member_binding {
    static_assert(std::is_member_object_pointer_v<decltype(Member)>,
                  "restop: a member binding takes a pointer to a data member, such as &my_operation::id");
    using owner = typename detail::member_pointer<decltype(Member)>::owner;
    using value_type = typename detail::member_pointer<decltype(Member)>::type;
    static constexpr location where = Where;
    static constexpr auto wire_text = WireName;  // kept as a fixed_string for diagnostics
    static constexpr std::string_view wire_name = wire_text.view();
    static constexpr auto pointer = Member;
};

/// smithy.api#httpLabel: the member fills the URI template's `{WireName}` or `{WireName+}`.
///
///     restop::http_label<"id", &delete_access_token::id>
template <fixed_string WireName, auto Member>
struct http_label : member_binding<location::label, WireName, Member> {
    static_assert(detail::is_scalar_member<typename http_label::value_type> &&
                      !std::is_same_v<typename http_label::value_type, std::optional<bool>>,
                  "restop: an http_label member must be a string_param, an integer_param or bool");
};

/// smithy.api#httpQuery: `?WireName=value`; a std::vector repeats the key; absent is omitted.
template <fixed_string WireName, auto Member>
struct http_query : member_binding<location::query, WireName, Member> {
    static_assert(detail::is_scalar_member<typename http_query::value_type> ||
                      detail::is_list_member<typename http_query::value_type>,
                  "restop: an http_query member must be a string_param, an integer_param, bool, std::optional<bool> or a std::vector of those");
};

/// smithy.api#httpHeader: `WireName: value`; a std::vector is sent comma-separated; absent is omitted.
template <fixed_string WireName, auto Member>
struct http_header : member_binding<location::header, WireName, Member> {
    static_assert(detail::is_scalar_member<typename http_header::value_type> ||
                      detail::is_list_member<typename http_header::value_type>,
                  "restop: an http_header member must be a string_param, an integer_param, bool, std::optional<bool> or a std::vector of those");
};

/// A member of a JSON body (restJson1: a member without an HTTP binding), under its JSON name.
/// Used for an operation's body members, for the fields of nested structures and for outputs.
///
///     restop::json_field<"expiresTime", &create_access_token::expires_time>
template <fixed_string WireName, auto Member>
struct json_field : member_binding<location::body, WireName, Member> {};

/// The input members of an operation, in the order they are encoded.
template <class... Bindings>
struct members {};

/// The JSON fields of a structure (an output, or a structure nested in a body):
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
inline constexpr bool is_optional = false;
template <class T>
inline constexpr bool is_optional<std::optional<T>> = true;
}  // namespace detail

}  // namespace restop

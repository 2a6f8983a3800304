#pragma once
// restop::operation: the type-level description of one REST operation, and the compile-time
// checks that refuse a description that cannot be right. Only the standard library.
//
//     struct delete_access_token {
//         restop::string_param<restop::required, restop::length<1, 36>> id;
//         using description = restop::operation<restop::http_method::delete_, "/v1/accessTokens/{id}", 200,
//                                               restop::members<restop::http_label<"id", &delete_access_token::id>>,
//                                               service_errors>;
//     };

#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

#include "restop/constraints.hpp"
#include "restop/detail/http_grammar.hpp"
#include "restop/detail/spelled.hpp"
#include "restop/error_shape.hpp"
#include "restop/fixed_string.hpp"
#include "restop/header.hpp"
#include "restop/http_method.hpp"
#include "restop/members.hpp"
#include "restop/uri_template.hpp"

namespace restop {

/// The output of an operation without output members (the body is ignored, empty or `{}`).
struct empty_output {};

/// smithy.api#endpoint's hostPrefix: text put before the endpoint's host, with `{label}`s filled
/// from host_label members. `restop::host_prefix<"{foo}.data.">`.
template <fixed_string Prefix>
struct host_prefix {
    static constexpr std::string_view text = Prefix.view();
    static constexpr std::size_t label_count = [] {
        std::size_t count = 0;
        for (char c : Prefix.view()) count += c == '{' ? 1u : 0u;
        return count;
    }();
    /// The name of label number `index`.
    static constexpr std::string_view label(std::size_t index) noexcept {
        std::size_t seen = 0;
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] != '{') continue;
            const std::size_t close = text.find('}', i);
            if (seen++ == index) return text.substr(i + 1, close - i - 1);
        }
        return {};
    }
    static constexpr bool has_label(std::string_view name) noexcept {
        for (std::size_t i = 0; i < label_count; ++i)
            if (label(i) == name) return true;
        return false;
    }
    static_assert([] {
        int depth = 0;
        for (char c : Prefix.view()) {
            if (c == '{') ++depth;
            else if (c == '}') --depth;
            if (depth < 0 || depth > 1) return false;
        }
        return depth == 0;
    }(), "restop::host_prefix: the prefix has an unbalanced '{' or '}'");
    static_assert([] {
        int depth = 0;
        for (char c : Prefix.view()) {
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            if (c != '{' && c != '}' && !(depth == 0 ? detail::is_host_char(c) : detail::is_identifier_char(c))) return false;
        }
        return true;
    }(), "restop::host_prefix: a host prefix may hold only letters, digits, '-', '.' (RFC 1123 host names) and {labels} "
         "named by identifiers");
};

/// The compression algorithms of smithy.api#requestCompression.
enum class compression { gzip };
/// smithy.api#requestCompression: the request body may be sent compressed (restop/compression.hpp).
template <compression... Algorithms>
struct request_compression {};
/// smithy.api#httpChecksumRequired: the request carries a Content-MD5 of its body.
struct checksum_required {};

namespace detail {
using no_host_prefix = host_prefix<"">;

template <class T>
inline constexpr bool is_host_prefix = false;
template <fixed_string P>
inline constexpr bool is_host_prefix<host_prefix<P>> = true;
template <class T>
inline constexpr bool is_request_compression = false;
template <compression... A>
inline constexpr bool is_request_compression<request_compression<A...>> = true;

template <class T>
struct is_host_prefix_trait : std::bool_constant<is_host_prefix<T>> {};
template <class T>
struct is_request_compression_trait : std::bool_constant<is_request_compression<T>> {};
}  // namespace detail

namespace detail {

// Each diagnostic is a template so that its notes name the culprit ("spelled<'i', 'd'>"); it is
// instantiated, and the name spelled, only when its check fails (diagnose<>).
template <bool Ok, class LabelName>
struct uri_label_without_member {
    static_assert(Ok, "restop: the URI template has a label that no http_label member binds");
    static constexpr bool value = true;
};
template <bool Ok, class MemberName>
struct label_member_not_in_uri {
    static_assert(Ok, "restop: an http_label member names a label that the URI template does not contain");
    static constexpr bool value = true;
};
template <bool Ok, class MemberName>
struct label_bound_twice {
    static_assert(Ok, "restop: two http_label members bind the same URI label");
    static constexpr bool value = true;
};
template <bool Ok, class MemberName>
struct label_member_not_required {
    static_assert(Ok, "restop: an http_label member must be restop::required, because a URI label cannot be absent");
    static constexpr bool value = true;
};
template <bool Ok, class MemberName>
struct greedy_label_not_string {
    static_assert(Ok, "restop: a greedy label {name+} must be bound to a string member");
    static constexpr bool value = true;
};
template <bool Ok, class MemberName>
struct wire_name_used_twice {
    static_assert(Ok, "restop: two members share one wire name in the same location");
    static constexpr bool value = true;
};
template <bool Ok, class MemberName>
struct host_label_not_in_prefix {
    static_assert(Ok, "restop: a host_label member names a label that the operation's restop::host_prefix does not contain");
    static constexpr bool value = true;
};
template <bool Ok, class MemberName>
struct host_prefix_label_without_member {
    static_assert(Ok, "restop: the restop::host_prefix has a label that no host_label member binds");
    static constexpr bool value = true;
};
template <bool Ok, class MemberName>
struct response_code_on_input {
    static_assert(Ok, "restop: http_response_code belongs to an output's fields, not to an operation's members");
    static constexpr bool value = true;
};
template <bool Ok, class ShapeName>
struct error_status_taken {
    static_assert(Ok, "restop: two error shapes share one HTTP status, so a response that names no error could not be decoded");
    static constexpr bool value = true;
};
template <bool Ok, class ShapeName>
struct error_name_taken {
    static_assert(Ok, "restop: two error shapes share one wire name");
    static constexpr bool value = true;
};

template <class Text, std::size_t Begin, class Indices>
struct spell_part_impl;
template <class Uri, std::size_t Begin, std::size_t... I>
struct spell_part_impl<Uri, Begin, std::index_sequence<I...>> {
    using type = spelled<Uri::text[Begin + I]...>;
};
// The name of part P of a URI template, spelled out for a diagnostic.
template <class Uri, std::size_t P>
using spell_uri_part =
    typename spell_part_impl<Uri, Uri::parsed.parts[P].begin, std::make_index_sequence<Uri::parsed.parts[P].size>>::type;

template <class Binding, location Where>
inline constexpr bool is_at = Binding::where == Where;

// What the description checks need of each binding, gathered into one array that they loop over
// at compile time. Folding over the bindings once for each binding instead (n² fold terms, each
// an overload resolution) was most of a description's compile time.
struct binding_key {
    location where;
    std::string_view name;
    bool is_text;
};
// Whether a binding's value is a string; false for a type without value_traits, which
// member_binding has refused with its own sentence already, so that nothing adds a second error.
template <class Binding>
constexpr bool binds_text() noexcept {
    using value = unwrapped_t<typename Binding::value_type>;
    if constexpr (has_value_traits<value>)
        return is_text_kind<value>();
    else
        return false;
}
template <class... Bindings>
inline constexpr binding_key binding_keys[sizeof...(Bindings) + 1] = {
    binding_key{Bindings::where, Bindings::wire_name, binds_text<Bindings>()}..., binding_key{location::body, {}, false}};

constexpr bool same_wire_name(const binding_key& a, const binding_key& b) noexcept {
    // Header names compare case-insensitively on the wire, so "X-Id" and "x-id" collide.
    return a.where == b.where && (a.where == location::header ? iequals(a.name, b.name) : a.name == b.name);
}

// The first binding that a later one repeats (same location and wire name), or `count`. The
// nameless bindings (payload, query map, response code) are counted by check_whole_body.
constexpr std::size_t first_repeated_wire_name(const binding_key* keys, std::size_t count) noexcept {
    for (std::size_t i = 0; i < count; ++i)
        for (std::size_t j = i + 1; j < count; ++j)
            if (!keys[i].name.empty() && same_wire_name(keys[i], keys[j])) return i;
    return count;
}

template <std::size_t I, class First, class... Rest>
struct binding_at_impl {
    using type = typename binding_at_impl<I - 1, Rest...>::type;
};
template <class First, class... Rest>
struct binding_at_impl<0, First, Rest...> {
    using type = First;
};
template <std::size_t I, class... Bindings>
using binding_at = typename binding_at_impl<I, Bindings...>::type;

enum class label_problem { none, without_member, bound_twice, greedy_not_string };
struct label_check {
    label_problem problem = label_problem::none;
    std::size_t part = 0;
};

// The first label of the template that is not bound exactly once, or whose greedy value is not
// a string.
template <class Uri>
constexpr label_check check_template_labels(const binding_key* keys, std::size_t count) noexcept {
    for (std::size_t part = 0; part < Uri::parsed.part_count; ++part) {
        if (!Uri::parsed.parts[part].is_label) continue;
        std::size_t bound = 0;
        bool is_text = true;
        for (std::size_t i = 0; i < count; ++i) {
            if (keys[i].where != location::label || keys[i].name != Uri::part_text(part)) continue;
            ++bound;
            is_text = is_text && keys[i].is_text;
        }
        if (bound == 0) return {label_problem::without_member, part};
        if (bound > 1) return {label_problem::bound_twice, part};
        if (Uri::parsed.parts[part].greedy && !is_text) return {label_problem::greedy_not_string, part};
    }
    return {};
}

template <class Uri, class... Bindings>
consteval bool check_labels() {
    // Every label of the template is bound exactly once; its name is spelled out only for a
    // diagnostic (as with diagnose<>).
    constexpr label_check found = check_template_labels<Uri>(binding_keys<Bindings...>, sizeof...(Bindings));
    if constexpr (found.problem == label_problem::without_member)
        static_assert(uri_label_without_member<false, spell_uri_part<Uri, found.part>>::value);
    else if constexpr (found.problem == label_problem::bound_twice)
        static_assert(label_bound_twice<false, spell_uri_part<Uri, found.part>>::value);
    else if constexpr (found.problem == label_problem::greedy_not_string)
        static_assert(greedy_label_not_string<false, spell_uri_part<Uri, found.part>>::value);
    return true;
}

// Every binding's wire name is its own in its location.
template <class... Bindings>
consteval bool check_wire_names() {
    constexpr std::size_t repeated = first_repeated_wire_name(binding_keys<Bindings...>, sizeof...(Bindings));
    if constexpr (repeated < sizeof...(Bindings)) {
        static_assert(diagnose<false, wire_name_used_twice, binding_at<repeated, Bindings...>::wire_text>::value);
    }
    return true;
}

template <class Uri, class HostPrefix, class Binding>
consteval bool check_binding() {
    constexpr auto name = Binding::wire_text;
    if constexpr (Binding::where == location::label) {
        static_assert(diagnose<Uri::has_label(Binding::wire_name), label_member_not_in_uri, name>::value);
        static_assert(diagnose<Binding::must_be_set || !Binding::traits::can_be_absent, label_member_not_required, name>::value);
    }
    if constexpr (Binding::where == location::host_label)
        static_assert(diagnose<HostPrefix::has_label(Binding::wire_name), host_label_not_in_prefix, name>::value);
    if constexpr (Binding::where == location::response_code)
        static_assert(diagnose<false, response_code_on_input, name>::value);
    return true;
}

// The bindings that take the whole body or a whole map have no wire name of their own: one of
// each at most, and a payload leaves no room for body members.
template <class... Bindings>
consteval bool check_whole_body() {
    constexpr std::size_t payloads = (std::size_t{0} + ... + (is_at<Bindings, location::payload> ? 1u : 0u));
    constexpr std::size_t body_members = (std::size_t{0} + ... + (is_at<Bindings, location::body> ? 1u : 0u));
    constexpr std::size_t query_maps = (std::size_t{0} + ... + (is_at<Bindings, location::query_params> ? 1u : 0u));
    static_assert(payloads <= 1, "restop: at most one member can be the http_payload");
    static_assert(payloads == 0 || body_members == 0,
                  "restop: an operation with an http_payload member cannot also have json_field body members");
    static_assert(query_maps <= 1, "restop: at most one member can be http_query_params");
    return true;
}

// Every `{label}` of the host prefix has a host_label member.
template <class HostPrefix, class... Bindings>
consteval bool check_host_prefix() {
    if constexpr (HostPrefix::label_count > 0) {
        [&]<std::size_t... P>(std::index_sequence<P...>) {
            ([&] {
                constexpr std::string_view name = HostPrefix::label(P);
                constexpr bool bound = ((is_at<Bindings, location::host_label> && Bindings::wire_name == name) || ...);
                static_assert(host_prefix_label_without_member<bound, spelled<>>::value);
            }(), ...);
        }(std::make_index_sequence<HostPrefix::label_count>{});
    }
    return true;
}

template <class Shape, class... Shapes>
consteval bool check_error_shape() {
    constexpr auto name = Shape::wire_text;
    constexpr std::size_t same_status = (std::size_t{0} + ... + (Shapes::http_status == Shape::http_status ? 1u : 0u));
    constexpr std::size_t same_name = (std::size_t{0} + ... + (Shapes::wire_name == Shape::wire_name ? 1u : 0u));
    static_assert(diagnose<same_status == 1, error_status_taken, name>::value);
    static_assert(diagnose<same_name == 1, error_name_taken, name>::value);
    return true;
}

template <class T>
inline constexpr bool is_error_shape = requires {
    T::wire_name;
    T::http_status;
    T::fault_kind;
    T::is_retryable;
};

template <class Members, class Errors>
inline constexpr bool is_members_and_errors = false;
template <class... B, class... E>
inline constexpr bool is_members_and_errors<members<B...>, errors<E...>> = true;
}  // namespace detail

/// Any other arguments: refused with restop's sentence (the specialization below is the description).
template <http_method Method, fixed_string Uri, int SuccessStatus, class Members, class Errors, class Output = empty_output,
          class... Options>
struct operation {
    static_assert(detail::is_members_and_errors<Members, Errors>,
                  "restop::operation: the fourth argument must be restop::members<...> and the fifth restop::errors<...>");
};

/// The description of an operation: method, URI template, success status, where each member
/// goes, which errors may come back, and the output type. Its checks run when it is first used
/// (encode, decode, call, or `static_assert(restop::is_valid_description<Op>)`).
template <http_method Method, fixed_string Uri, int SuccessStatus, class... Bindings, class... Shapes, class Output,
          class... Options>
struct operation<Method, Uri, SuccessStatus, members<Bindings...>, errors<Shapes...>, Output, Options...> {
    static_assert(((detail::is_host_prefix<Options> || detail::is_request_compression<Options> ||
                    std::is_same_v<Options, checksum_required>) && ...),
                  "restop::operation: the options after the output must be restop::host_prefix, request_compression or "
                  "checksum_required");
    using uri = uri_template<Uri>;

    static_assert(uri::error != uri_template_error::not_absolute, "restop: the URI template must start with '/'");
    static_assert(uri::error != uri_template_error::unbalanced_brace, "restop: the URI template has an unbalanced '{' or '}'");
    static_assert(uri::error != uri_template_error::empty_label, "restop: the URI template has an empty label '{}'");
    static_assert(uri::error != uri_template_error::invalid_label_name,
                  "restop: a URI label name must be an identifier: a letter or '_', then letters, digits or '_'");
    static_assert(uri::error != uri_template_error::label_not_whole_segment,
                  "restop: a URI label must fill a whole path segment, as in \"/items/{id}\"");
    static_assert(uri::error != uri_template_error::more_than_one_greedy, "restop: the URI template has more than one greedy label {name+}");
    static_assert(uri::error != uri_template_error::duplicate_label, "restop: the URI template names the same label twice");
    static_assert(uri::error != uri_template_error::label_in_query, "restop: labels belong in the path; the query part of a URI template is literal");
    static_assert(uri::error != uri_template_error::invalid_character,
                  "restop: the URI template holds a character RFC 3986 does not allow in a path or query (a space, a quote, "
                  "'#', '%' without two hex digits, a non-ASCII byte, ...): percent-encode it");
    static_assert(SuccessStatus >= 200 && SuccessStatus <= 299, "restop::operation: the success status must be 2xx");
    static_assert((detail::is_error_shape<Shapes> && ...), "restop::operation: every entry of restop::errors<...> must derive from restop::error_shape");
    static_assert(std::is_same_v<Output, empty_output> || detail::has_fields<Output>,
                  "restop::operation: the output must be restop::empty_output or a struct with a nested `fields` description");

    static constexpr http_method method = Method;
    static constexpr int success_status = SuccessStatus;
    using output = Output;
    using member_list = members<Bindings...>;
    using error_list = errors<Shapes...>;
    static constexpr bool has_body = ((Bindings::where == location::body) || ...);
    static constexpr bool has_payload = ((Bindings::where == location::payload) || ...);
    using host = detail::first_option_t<detail::is_host_prefix_trait, detail::no_host_prefix, Options...>;
    static constexpr bool compresses_requests = (detail::is_request_compression<Options> || ...);
    using compression = detail::first_option_t<detail::is_request_compression_trait, void, Options...>;
    static constexpr bool needs_checksum = (std::is_same_v<Options, checksum_required> || ...);

    /// True once every check has passed; naming it runs them.
    static constexpr bool is_valid = [] {
        if constexpr (uri::error != uri_template_error::none)
            return false;
        else
            return detail::check_labels<uri, Bindings...>() && (detail::check_binding<uri, host, Bindings>() && ...) &&
                   detail::check_wire_names<Bindings...>() && detail::check_whole_body<Bindings...>() && detail::check_host_prefix<host, Bindings...>() &&
                   (detail::check_error_shape<Shapes, Shapes...>() && ...);
    }();
};

/// Where restop finds an operation's description: `Op::description` by default. Specialise it
/// to describe a struct you cannot edit.
template <class Op>
struct description_of {};
template <class Op>
    requires requires { typename Op::description; }
struct description_of<Op> {
    using type = typename Op::description;
};

namespace detail {
template <class T>
inline constexpr bool is_operation = false;
template <http_method M, fixed_string U, int S, class B, class E, class O, class... Options>
inline constexpr bool is_operation<operation<M, U, S, B, E, O, Options...>> = true;

// Stands in for a missing description once its sentence is out, so that nothing else fails.
using no_description = operation<http_method::get, "/", 200, members<>, errors<>>;

template <class Op, class Members>
inline constexpr bool binds_members_of = true;
template <class Op, class... Bindings>
inline constexpr bool binds_members_of<Op, members<Bindings...>> = (std::is_base_of_v<typename Bindings::owner, Op> && ...);

// Every use of a description goes through here: a type without one, or with something else in
// its place, stops at restop's sentence (the notes name the type: "Op = my_struct").
template <class Op>
struct checked_description {
    static constexpr bool has_one = requires { typename description_of<Op>::type; };
    static_assert(has_one, "restop: this type has no description: declare `using description = restop::operation<...>;` "
                           "in it, or specialise restop::description_of for it");
    using declared = typename std::conditional_t<has_one, description_of<Op>, std::type_identity<no_description>>::type;
    static_assert(!has_one || is_operation<declared>, "restop: this type's `description` is not a restop::operation<...>");
    using type = std::conditional_t<is_operation<declared>, declared, no_description>;
    static_assert(binds_members_of<Op, typename type::member_list>,
                  "restop: a binding of this type's description points at a member of another struct: every binding in "
                  "`members<...>` must name a member of the type it describes (or of its base)");
};
}  // namespace detail

/// The checked description of `Op` (`Op::description`, or `description_of<Op>::type`): a type
/// without one is a compile error that says so.
template <class Op>
using description_t = typename detail::checked_description<Op>::type;

/// True when `Op` has a description that passes every check. Naming it in a static_assert runs
/// the checks at the point of declaration instead of the first call.
template <class Op>
inline constexpr bool is_valid_description = description_t<Op>::is_valid;

/// How much validation an operation gets when the caller does not say; specialise to change
/// an operation's default (per call, encode_options and call_options override it).
template <class Op>
inline constexpr checks default_checks = checks::all;

}  // namespace restop

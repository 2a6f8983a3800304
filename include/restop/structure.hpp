#pragma once
// Structures and unions as member values: the walks over a `fields` (or `alternatives`) list
// that validation and the JSON writer and reader share, and the value_traits of any struct
// that declares one. Only the standard library (the JSON functions are templates).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "restop/detail/control_bytes.hpp"
#include "restop/members.hpp"
#include "restop/validation_error.hpp"
#include "restop/value_traits.hpp"

namespace restop {

/// The name of a union alternative that the model does not know, as read from the wire; a
/// union that holds one has no known alternative set.
struct unknown_alternative {
    std::string name;
    bool has_value() const noexcept { return !name.empty(); }
    friend bool operator==(const unknown_alternative&, const unknown_alternative&) = default;
};

/// smithy.api#Unit as a union alternative: an alternative that carries no value (`{}` in JSON).
struct unit {
    friend bool operator==(const unit&, const unit&) = default;
};

template <>
struct value_traits<unit> : scalar_value_traits<unit> {
    static constexpr value_kind kind = value_kind::structure;
    static void write_json(auto& json, const unit&, const wire_context&) { json.emplace_object(); }
    static detail::read_outcome read_json(const auto& json, unit&, const wire_context&) {
        if (!json.is_object()) return detail::problem("is not an object");
        return std::nullopt;
    }
};

namespace detail {

// The constraints a binding states for a member whose type does not carry them.
template <class Binding, class Value>
std::optional<validation_error> check_binding_constraints(const Value& value) {
    std::optional<validation_error> found;
    Binding::for_each_constraint([&](auto constraint_tag) {
        using C = decltype(constraint_tag);
        // Spelled through C, so that clang looks the traits up only for the constraint at hand.
        using traits = value_traits<std::conditional_t<sizeof(C) != 0, Value, void>>;
        if (found) return;
        if constexpr (is_length<C>) {
            static_assert(has_length_of<Value> && is_length<C>, "restop: restop::length applies to strings, blobs, lists and maps");
            if constexpr (has_text_view<Value>) {
                const auto scan = scan_utf8(traits::text_view(value));
                if (!scan.valid) {
                    found = make_validation_error(Binding::wire_name, violation_of(constraint::utf8, static_cast<std::int64_t>(scan.invalid_offset)));
                    return;
                }
            }
            const std::size_t size = traits::length_of(value);
            if (size < C::min || size > C::max)
                found = make_validation_error(
                    Binding::wire_name,
                    violation_of(constraint::length, static_cast<std::int64_t>(size), static_cast<std::int64_t>(C::min),
                                 C::max == unbounded ? validation_error::unbounded_max : static_cast<std::int64_t>(C::max)));
        } else if constexpr (is_range<C>) {
            static_assert(has_number_of<Value> && is_range<C>, "restop: restop::range applies to integers");
            if (auto v = C::check(traits::number_of(value))) found = make_validation_error(Binding::wire_name, *v);
        } else if constexpr (is_pattern<C>) {
            static_assert(has_text_view<Value> && is_pattern<C>, "restop: restop::pattern applies to strings");
            if (auto v = C::check(traits::text_view(value))) found = make_validation_error(Binding::wire_name, *v);
        }
    });
    return found;
}

inline std::optional<validation_error> no_control_bytes(std::string_view member, std::string_view text) noexcept {
    if (const std::int64_t at = first_control_byte(text); at >= 0)
        return make_validation_error(member, violation_of(constraint::no_control_bytes, at));
    return std::nullopt;
}

// What the wire itself demands of a value in its location, checked even with checks::wire_only:
// a label is never empty, a host label is a host name's letters, nothing bound for a header
// holds a control byte.
template <location Where, class Value>
std::optional<validation_error> check_wire_rules(const Value& value, std::string_view member) {
    if constexpr (Where == location::label || Where == location::host_label) {
        if constexpr (has_text_view<Value>) {
            const std::string_view text = value_traits<Value>::text_view(value);
            if (text.empty()) return make_validation_error(member, violation_of(constraint::non_empty_label));
            if constexpr (Where == location::host_label) {
                for (std::size_t i = 0; i < text.size(); ++i) {
                    const char c = text[i];
                    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
                        return make_validation_error(member, violation_of(constraint::host_label, static_cast<std::int64_t>(i)));
                }
            }
        }
    } else if constexpr (Where == location::header) {
        if constexpr (has_text_view<Value>) {
            return no_control_bytes(member, value_traits<Value>::text_view(value));
        } else if constexpr (is_vector<unwrapped_t<Value>>) {
            using element = typename unwrapped_t<Value>::value_type;
            if constexpr (has_text_view<element>) {
                const auto& list = [&]() -> const unwrapped_t<Value>& {
                    if constexpr (is_optional<Value>) return *value; else return value;
                }();
                for (const element& item : list)
                    if (auto error = no_control_bytes(member, value_traits<element>::text_view(item))) return error;
            }
        }
    } else if constexpr (Where == location::prefix_headers) {
        const auto& map = [&]() -> const unwrapped_t<Value>& {
            if constexpr (is_optional<Value>) return *value; else return value;
        }();
        for (const auto& [key, item] : map) {
            if (auto error = no_control_bytes(member, key)) return error;
            if (auto error = no_control_bytes(member, value_traits<std::remove_cvref_t<decltype(item)>>::text_view(item))) return error;
        }
    }
    return std::nullopt;
}

// A member's value: set when it must be, its type's constraints, its location's. Templated on
// what these checks depend on, not on the member, so that the members of every operation that
// share a type, a location and whether they must be set share one copy of it.
template <class Value, location Where, bool MustBeSet>
std::optional<validation_error> check_value(const Value& value, checks level, std::string_view member) {
    using traits = value_traits<Value>;
    if (!traits::present(value)) {
        if constexpr (MustBeSet) return make_validation_error(member, violation_of(constraint::required));
        return std::nullopt;
    }
    if (auto error = traits::check(value, level, member)) return error;
    return check_wire_rules<Where>(value, member);
}

// One member. The constraints a binding states itself (on a member whose type does not carry
// them) come after its type's and before its location's.
template <class Binding, class Object>
std::optional<validation_error> check_member(const Object& object, checks level) {
    using value_type = typename Binding::value_type;
    constexpr bool must_be_set = Binding::must_be_set && !Binding::is_idempotency_token;
    const value_type& value = object.*Binding::pointer;
    if constexpr (!Binding::has_constraints) {
        return check_value<value_type, Binding::where, must_be_set>(value, level, Binding::wire_name);
    } else {
        if (!value_traits<value_type>::present(value)) return check_value<value_type, Binding::where, must_be_set>(value, level, Binding::wire_name);
        if (auto error = value_traits<value_type>::check(value, level, Binding::wire_name)) return error;
        if (level == checks::all)
            if (auto error = check_binding_constraints<Binding>(value)) return error;
        return check_wire_rules<Binding::where>(value, Binding::wire_name);
    }
}

// The first violation among `Bindings`, in declaration order.
template <class Object, template <class...> class List, class... Bindings>
std::optional<validation_error> first_violation([[maybe_unused]] const Object& object, [[maybe_unused]] checks level,
                                                List<Bindings...>) {
    std::optional<validation_error> found;
    ((found = found ? found : check_member<Bindings>(object, level)), ...);
    return found;
}

// Writes the body members of `object` into a JSON object; absent members are left out. An
// unset idempotency token is written as `token` when one was made for this request.
template <class Json, class Object, template <class...> class List, class... Fields>
void write_body_fields(Json& json_object, [[maybe_unused]] const Object& object, List<Fields...>,
                       [[maybe_unused]] std::string_view idempotency_token = {}) {
    ([&] {
        if constexpr (Fields::where == location::body) {
            const auto& value = object.*Fields::pointer;
            if (Fields::traits::present(value))
                Fields::traits::write_json(json_object[Fields::wire_name], value, Fields::context);
            else if (Fields::is_idempotency_token && !idempotency_token.empty())
                json_object[Fields::wire_name].emplace_string().assign(idempotency_token.data(), idempotency_token.size());
        }
    }(), ...);
}

// Reads the body members of `object` from a JSON object. restJson1 treats null like absence;
// a missing member that must be read is an error naming it; unknown members are ignored.
template <class Json, class Object, template <class...> class List, class... Fields>
read_outcome read_body_fields([[maybe_unused]] const Json& json_object, [[maybe_unused]] Object& object, List<Fields...>) {
    read_outcome error;
    ([&] {
        if constexpr (Fields::where == location::body) {
            if (error) return;
            auto& target = object.*Fields::pointer;
            const auto* found = json_object.if_contains(Fields::wire_name);
            if (!found || found->is_null()) {
                if constexpr (Fields::must_be_read) error = json_read_error{std::string(Fields::wire_name), "is missing"};
                return;
            }
            if ((error = Fields::traits::read_json(*found, target, Fields::context))) prefix_path(*error, Fields::wire_name, false);
        }
    }(), ...);
    return error;
}

template <class Object, class... Fields>
std::size_t count_set_alternatives(const Object& object, fields<Fields...>) noexcept {
    return (std::size_t{0} + ... + (Fields::traits::present(object.*Fields::pointer) ? 1u : 0u));
}

template <class... Fields>
bool is_alternative_name(std::string_view name, fields<Fields...>) noexcept {
    return ((Fields::wire_name == name) || ...);
}
}  // namespace detail

/// A structure: any struct with a nested `fields` list. A JSON object.
template <class T>
    requires detail::has_fields<T>
struct value_traits<T> {
    static constexpr value_kind kind = value_kind::structure;
    static constexpr bool can_be_absent = false;
    static constexpr bool required_by_type = false;
    static constexpr bool present(const T&) noexcept { return true; }
    static std::optional<validation_error> check(const T& value, checks level, std::string_view) {
        return detail::first_violation(value, level, typename T::fields{});
    }
    static void write_json(auto& json, const T& value, const wire_context&) {
        detail::write_body_fields(json.emplace_object(), value, typename T::fields{});
    }
    static detail::read_outcome read_json(const auto& json, T& out, const wire_context&) {
        const auto* object = json.if_object();
        if (!object) return detail::problem("is not an object");
        return detail::read_body_fields(*object, out, typename T::fields{});
    }
};

/// A union: a struct with a nested `alternatives` list of optional members and an
/// `unknown_alternative unknown`. Exactly one alternative is set; a JSON object with one key.
template <class T>
    requires detail::has_alternatives<T>
struct value_traits<T> {
    static constexpr value_kind kind = value_kind::union_;
    static constexpr bool can_be_absent = false;
    static constexpr bool required_by_type = false;
    static constexpr bool present(const T&) noexcept { return true; }
    static std::optional<validation_error> check(const T& value, checks level, std::string_view member) {
        if (const std::size_t set = detail::count_set_alternatives(value, typename T::alternatives{}); set != 1)
            return detail::make_validation_error(member, detail::violation_of(constraint::union_members, static_cast<std::int64_t>(set)));
        return detail::first_violation(value, level, typename T::alternatives{});
    }
    static void write_json(auto& json, const T& value, const wire_context&) {
        detail::write_body_fields(json.emplace_object(), value, typename T::alternatives{});
    }
    static detail::read_outcome read_json(const auto& json, T& out, const wire_context&) {
        const auto* object = json.if_object();
        if (!object) return detail::problem("is not an object");
        std::size_t known = 0;
        std::string_view unknown;
        for (const auto& entry : *object) {
            const std::string_view key(entry.key().data(), entry.key().size());
            if (entry.value().is_null() || key == "__type") continue;  // restJson1: __type is not a member
            if (detail::is_alternative_name(key, typename T::alternatives{}))
                ++known;
            else if (unknown.empty())
                unknown = key;
        }
        if (known > 1) return detail::problem("is a union with more than one member set");
        if (known == 0) {
            if (unknown.empty()) return detail::problem("is a union with no member set");
            out.unknown.name.assign(unknown);
            return std::nullopt;
        }
        return detail::read_body_fields(*object, out, typename T::alternatives{});
    }
};

}  // namespace restop

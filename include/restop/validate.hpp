#pragma once
// restop::validate: checks an operation's run-time values against its description before anything
// is encoded, and says which member broke which constraint. Only the standard library.

#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>
#include <vector>

#include "restop/constraints.hpp"
#include "restop/operation.hpp"
#include "restop/result.hpp"
#include "restop/validation_error.hpp"

namespace restop {

namespace detail {

constexpr bool is_control_byte(char c) noexcept {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7F;
}

// Offset of the first control byte, or -1. Header values may not carry any (no CR/LF injection,
// no NUL truncation); HTAB is legal in HTTP but has no business in these values either.
constexpr std::int64_t first_control_byte(std::string_view text) noexcept {
    for (std::size_t i = 0; i < text.size(); ++i)
        if (is_control_byte(text[i])) return static_cast<std::int64_t>(i);
    return -1;
}

constexpr validation_error make_error(std::string_view member, const violation& v) noexcept {
    return validation_error{member, v.violated, v.measure, v.min, v.max, v.pattern};
}
constexpr validation_error make_error(std::string_view member, restop::constraint violated, std::int64_t measure = 0) noexcept {
    return make_error(member, violation_of(violated, measure));
}

template <class Binding, class Value>
constexpr std::optional<validation_error> check_scalar(const Value& value, checks level) noexcept {
    if constexpr (is_string_param<Value> || is_integer_param<Value>) {
        if (auto v = value.find_violation(level)) return make_error(Binding::wire_name, *v);
        if constexpr (is_string_param<Value>) {
            if (!value.has_value()) return std::nullopt;
            if (Binding::where == location::label && value.view().empty())
                return make_error(Binding::wire_name, constraint::non_empty_label);
            if (Binding::where == location::header) {
                const std::int64_t at = first_control_byte(value.view());
                if (at >= 0) return make_error(Binding::wire_name, constraint::no_control_bytes, at);
            }
        }
    }
    return std::nullopt;  // bool, timestamps and their optionals cannot be wrong
}

template <class Object, template <class...> class List, class... Bindings>
constexpr std::optional<validation_error> first_violation(const Object& object, checks level, List<Bindings...>) noexcept;

// A scalar, or a structure nested in a JSON body, whose own fields are checked in turn.
template <class Binding, class Value>
constexpr std::optional<validation_error> check_value(const Value& value, checks level) noexcept {
    if constexpr (has_fields<Value>) {
        return first_violation(value, level, typename Value::fields{});
    } else if constexpr (is_optional<Value>) {
        if constexpr (has_fields<typename Value::value_type>)
            return value ? first_violation(*value, level, typename Value::value_type::fields{}) : std::nullopt;
        else
            return std::nullopt;  // optional bool or timestamp: nothing to check
    } else {
        return check_scalar<Binding>(value, level);
    }
}

template <class Binding, class Object>
constexpr std::optional<validation_error> check_member(const Object& object, checks level) noexcept {
    const auto& value = object.*Binding::pointer;
    using value_type = std::remove_cvref_t<decltype(value)>;
    if constexpr (is_vector<value_type>) {
        for (const auto& element : value)
            if (auto error = check_value<Binding>(element, level)) return error;
        return std::nullopt;
    } else {
        return check_value<Binding>(value, level);
    }
}

template <class Object, template <class...> class List, class... Bindings>
constexpr std::optional<validation_error> first_violation([[maybe_unused]] const Object& object,
                                                          [[maybe_unused]] checks level, List<Bindings...>) noexcept {
    std::optional<validation_error> found;
    ((found = found ? found : check_member<Bindings>(object, level)), ...);
    return found;
}

}  // namespace detail

/// Checks every member of `op` against its description, in declaration order, and returns the
/// first violation. With checks::wire_only it keeps only what the wire needs.
///
///     auto checked = restop::validate(delete_access_token{.id = std::string_view(id)});
///     if (!checked) std::cerr << checked.error() << '\n';
template <class Op>
constexpr result<void, validation_error> validate(const Op& op, checks level = default_checks<Op>) noexcept {
    using description = description_t<Op>;
    static_assert(description::is_valid);
    if (auto error = detail::first_violation(op, level, typename description::member_list{})) return failure(*error);
    return {};
}

}  // namespace restop

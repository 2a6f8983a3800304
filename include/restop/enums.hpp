#pragma once
// Smithy enum and intEnum shapes as open types: the modelled values are named constants, and a
// value the model does not know (a service newer than the model) is kept and written back
// unchanged rather than refused. Only the standard library.

#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "restop/value_traits.hpp"

namespace restop {

/// The base of a generated string enum; `Derived` lists the modelled values as constants:
///
///     struct widget_state : restop::string_enum<widget_state> {
///         using string_enum<widget_state>::string_enum;
///         static constexpr std::string_view active = "ACTIVE";
///         static constexpr std::array<std::string_view, 1> known_values = {active};
///     };
///     widget_state s = widget_state::active;
///     if (s == widget_state::active) ...
template <class Derived>
class string_enum {
public:
    string_enum() = default;
    string_enum(std::string_view value) : value_(value) {}
    string_enum(const char* value) : value_(value) {}
    string_enum(std::string value) noexcept : value_(std::move(value)) {}

    std::string_view value() const noexcept { return value_; }
    /// True when the value is one the model names (Derived::known_values).
    bool is_known() const noexcept {
        for (std::string_view known : Derived::known_values)
            if (known == value_) return true;
        return false;
    }

    friend bool operator==(const string_enum& a, const string_enum& b) noexcept { return a.value_ == b.value_; }
    friend bool operator==(const string_enum& a, std::string_view b) noexcept { return a.value_ == b; }

private:
    std::string value_;
};

/// The base of a generated intEnum; constants are `static constexpr std::int32_t`.
template <class Derived>
class int_enum {
public:
    constexpr int_enum() = default;
    constexpr int_enum(std::int32_t value) noexcept : value_(value) {}

    constexpr std::int32_t value() const noexcept { return value_; }
    constexpr bool is_known() const noexcept {
        for (std::int32_t known : Derived::known_values)
            if (known == value_) return true;
        return false;
    }
    friend constexpr bool operator==(const int_enum& a, const int_enum& b) noexcept { return a.value_ == b.value_; }
    friend constexpr bool operator==(const int_enum& a, std::int32_t b) noexcept { return a.value_ == b; }

private:
    std::int32_t value_ = 0;
};

namespace detail {
template <class T>
concept is_string_enum = std::derived_from<T, string_enum<T>>;
template <class T>
concept is_int_enum = std::derived_from<T, int_enum<T>>;
}  // namespace detail

/// A string enum travels as its text, wherever it goes.
template <detail::is_string_enum E>
struct value_traits<E> : text_value_traits<E> {
    static std::string_view text_view(const E& value) noexcept { return value.value(); }
    static detail::read_outcome from_text(std::string_view text, E& out) {
        out = E(std::string(text));
        return std::nullopt;
    }
};

/// An intEnum travels as its integer.
template <detail::is_int_enum E>
struct value_traits<E> : scalar_value_traits<E> {
    using integer = value_traits<std::int32_t>;
    static constexpr value_kind kind = value_kind::integer;
    static constexpr std::int64_t number_of(const E& value) noexcept { return value.value(); }
    static void append_text(std::string& out, const E& value, const wire_context& context) {
        integer::append_text(out, value.value(), context);
    }
    static detail::read_outcome read_text(std::string_view text, E& out, const wire_context& context) {
        std::int32_t value = 0;
        if (auto error = integer::read_text(text, value, context)) return error;
        out = E(value);
        return std::nullopt;
    }
    static void write_json(auto& json, const E& value, const wire_context& context) { integer::write_json(json, value.value(), context); }
    static detail::read_outcome read_json(const auto& json, E& out, const wire_context& context) {
        std::int32_t value = 0;
        if (auto error = integer::read_json(json, value, context)) return error;
        out = E(value);
        return std::nullopt;
    }
};

}  // namespace restop

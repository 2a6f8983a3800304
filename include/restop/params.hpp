#pragma once
// Input member types that carry their constraints: restop::string_param and restop::integer_param.
// Carrying the constraints in the type is what lets a string literal be checked at compile time
// (`.id = "..."`) while run-time values are checked by validate() before encoding.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "restop/constraints.hpp"
#include "restop/detail/compile_time_error.hpp"

namespace restop {

namespace detail {
template <class... Constraints>
inline constexpr std::size_t count_length = (std::size_t{0} + ... + (is_length<Constraints> ? 1u : 0u));
}  // namespace detail

/// A string input member: a view of the caller's text plus its constraints.
///
/// A string literal is checked at compile time; any other text is checked by validate() (and so
/// by encode() and call()) before anything is sent. Unset (default-constructed) means absent:
/// a `restop::required` member left unset is refused.
///
///     using access_token_id = restop::string_param<restop::required, restop::length<1, 36>>;
///     access_token_id a = "a1b2c3d4-5678-90ab-cdef-EXAMPLEbbbbb";  // checked by the compiler
///     access_token_id b = std::string_view(runtime_text);          // checked by validate()
///
/// Like std::string_view it does not own the text: the text must outlive the operation. A
/// temporary std::string is refused at compile time for that reason.
template <class... Constraints>
class string_param {
    // sizeof completes each constraint, so that its own checks (min <= max, a valid pattern) run.
    static_assert(((sizeof(Constraints) > 0) && ...));
    static_assert(((detail::is_required<Constraints> || detail::is_length<Constraints> || detail::is_pattern<Constraints>) && ...),
                  "restop::string_param accepts only restop::required, restop::length and restop::pattern constraints");
    static_assert(detail::count_length<Constraints...> <= 1, "restop::string_param takes at most one restop::length constraint");

public:
    static constexpr bool is_required = (detail::is_required<Constraints> || ...);

    constexpr string_param() noexcept = default;

    /// A literal: checked now, by the compiler. Each failure stops at a sentence of ours.
    template <std::size_t N>
    consteval string_param(const char (&literal)[N]) noexcept : text_(literal, N - 1), set_(true) {
        const auto scan = detail::scan_utf8(text_);
        if (!scan.valid) detail::compile_time_error("restop: this string literal is not valid UTF-8");
        (check_literal<Constraints>(), ...);
    }

    /// Run-time text: checked by validate() before encoding.
    constexpr string_param(std::string_view text) noexcept : text_(text), set_(true) {}
    string_param(const std::string& text) noexcept : text_(text), set_(true) {}
    // A template, so that partial ordering prefers the array overload for literals and this
    // one only takes real pointers (a non-template would win over the consteval check).
    template <class Pointer>
        requires std::is_same_v<Pointer, const char*> || std::is_same_v<Pointer, char*>
    constexpr string_param(Pointer text) noexcept : text_(text), set_(true) {}
    // Deleted, and the compilers print this line with the error:
    string_param(std::string&&) = delete;  // restop: a string_param views its text, and this temporary std::string would dangle: keep it in a variable

    constexpr bool has_value() const noexcept { return set_; }
    constexpr std::string_view view() const noexcept { return text_; }

    /// The first constraint the value breaks. With checks::wire_only only `required` is
    /// checked: Smithy leaves the rest to the service.
    constexpr std::optional<detail::violation> find_violation(checks level) const noexcept {
        if (!set_) return is_required ? std::optional(detail::violation_of(constraint::required)) : std::nullopt;
        if (level == checks::wire_only) return std::nullopt;
        // One scan both validates the UTF-8 and counts the scalar values that @length measures.
        const auto scan = detail::scan_utf8(text_);
        if (!scan.valid) return detail::violation_of(constraint::utf8, static_cast<std::int64_t>(scan.invalid_offset));
        std::optional<detail::violation> found;
        ((found = found ? found : check_one<Constraints>(scan.scalars)), ...);
        return found;
    }

private:
    template <class C>
    consteval void check_literal() const noexcept {
        if constexpr (detail::is_length<C>) {
            const std::size_t scalars = detail::scan_utf8(text_).scalars;
            if (scalars < C::min) detail::compile_time_error("restop: this string literal is shorter than its restop::length minimum");
            if (scalars > C::max) detail::compile_time_error("restop: this string literal is longer than its restop::length maximum");
        } else if constexpr (detail::is_pattern<C>) {
            if (C::check(text_)) detail::compile_time_error("restop: this string literal does not match its restop::pattern");
        }
    }

    template <class C>
    constexpr std::optional<detail::violation> check_one(std::size_t scalars) const noexcept {
        if constexpr (detail::is_length<C>)
            return C::check_count(scalars);
        else if constexpr (detail::is_pattern<C>)
            return C::check(text_);
        else
            return std::nullopt;
    }

    std::string_view text_;
    bool set_ = false;
};

/// An integer known only at run time, on its way into a restop::integer_param: the named way
/// past the compile-time check that every other integer gets (as fmt::runtime is for format
/// strings). validate() checks it before anything is sent.
///
///     op.max_results = restop::runtime(parsed_page_size);
template <class Int>
struct runtime_integer {
    Int value;
};

/// Marks `value` as known only at run time; see restop::runtime_integer.
template <class Int>
    requires std::is_integral_v<Int> && (!std::is_same_v<Int, bool>)
constexpr runtime_integer<Int> runtime(Int value) noexcept {
    return {value};
}

/// An integer input member with its @range. Unset (default-constructed) means absent.
///
/// An integer given directly is a constant, checked by the compiler against the range and the
/// integer type (`.max_results = 11` does not compile under `at_most<10>`); a value known only
/// at run time goes through restop::runtime and is checked by validate().
///
///     using page_size = restop::integer_param<std::int32_t, restop::at_most<10>>;
///     page_size n = 5;                        // checked by the compiler
///     page_size m = restop::runtime(parsed);  // checked by validate()
template <class Int, class... Constraints>
class integer_param {
    static_assert(((sizeof(Constraints) > 0) && ...));  // completes each constraint: see string_param
    static_assert(std::is_integral_v<Int> && !std::is_same_v<Int, bool>, "restop::integer_param needs an integer type");
    static_assert(((detail::is_required<Constraints> || detail::is_range<Constraints>) && ...),
                  "restop::integer_param accepts only restop::required and restop::range constraints");

    template <class T>
    static constexpr bool is_integer = std::is_integral_v<std::remove_cvref_t<T>> && !std::is_same_v<std::remove_cvref_t<T>, bool>;

public:
    using value_type = Int;
    static constexpr bool is_required = (detail::is_required<Constraints> || ...);

    constexpr integer_param() noexcept = default;

    /// A constant: checked now, by the compiler.
    template <class Literal>
        requires is_integer<Literal> && (!std::is_lvalue_reference_v<Literal>)
    consteval integer_param(Literal&& literal) noexcept : value_(static_cast<Int>(literal)), set_(true) {
        if (!std::in_range<Int>(literal))
            detail::compile_time_error("restop: this integer literal does not fit the integer_param's integer type");
        (check_literal<Constraints>(literal), ...);
    }

    /// A named integer variable: its value is known only at run time (the compiler evaluates no
    /// variables), so it must say so. A call's result that is not a constant fails the same way,
    /// in the compiler's words ("call to non-constexpr function", "is not a constant expression").
    template <class Variable>
        requires is_integer<Variable> && std::is_lvalue_reference_v<Variable>
    constexpr integer_param(Variable&&) noexcept {
        static_assert(!is_integer<Variable>, "restop: this integer is known only at run time, so the compiler cannot check "
                                             "it: pass it as restop::runtime(value), which validate() checks before sending");
    }

    /// A run-time value: checked by validate() before encoding.
    template <class From>
    constexpr integer_param(runtime_integer<From> value) noexcept : value_(static_cast<Int>(value.value)), set_(true) {
        static_assert(requires(From from) { Int{from}; },
                      "restop: restop::runtime(value) of a wider integer than the integer_param's own would lose values: "
                      "convert it yourself, after checking that it fits");
    }

    constexpr bool has_value() const noexcept { return set_; }
    constexpr Int value() const noexcept { return value_; }

    constexpr std::optional<detail::violation> find_violation(checks level) const noexcept {
        if (!set_) return is_required ? std::optional(detail::violation_of(constraint::required)) : std::nullopt;
        if (level == checks::wire_only) return std::nullopt;
        std::optional<detail::violation> found;
        ((found = found ? found : check_one<Constraints>()), ...);
        return found;
    }

private:
    template <class C, class Literal>
    static consteval void check_literal(Literal literal) noexcept {
        if constexpr (detail::is_range<C>) {
            if (std::cmp_less(literal, C::min)) detail::compile_time_error("restop: this integer literal is below its restop::range minimum");
            if (std::cmp_greater(literal, C::max)) detail::compile_time_error("restop: this integer literal is above its restop::range maximum");
        }
    }

    template <class C>
    constexpr std::optional<detail::violation> check_one() const noexcept {
        if constexpr (detail::is_range<C>)
            return C::check(static_cast<std::int64_t>(value_));
        else
            return std::nullopt;
    }

    Int value_{};
    bool set_ = false;
};

namespace detail {
template <class T>
inline constexpr bool is_string_param = false;
template <class... C>
inline constexpr bool is_string_param<string_param<C...>> = true;
template <class T>
inline constexpr bool is_integer_param = false;
template <class Int, class... C>
inline constexpr bool is_integer_param<integer_param<Int, C...>> = true;
}  // namespace detail

}  // namespace restop

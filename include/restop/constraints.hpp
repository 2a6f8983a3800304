#pragma once
// Smithy's constraint traits as types: restop::required, restop::length, restop::range,
// restop::pattern. Each knows how to check a value at run time and how to refuse a literal at
// compile time; an impossible constraint (min > max, a malformed pattern) does not compile.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>
#include <type_traits>

#include "restop/detail/pattern.hpp"
#include "restop/detail/utf8.hpp"
#include "restop/fixed_string.hpp"
#include "restop/validation_error.hpp"

namespace restop {

namespace detail {
// What a constraint reports; validate() adds the member's name.
struct violation {
    restop::constraint violated;
    std::int64_t measure = 0;
    std::int64_t min = validation_error::unbounded_min;
    std::int64_t max = validation_error::unbounded_max;
    std::string_view pattern;
};

constexpr violation violation_of(restop::constraint violated, std::int64_t measure = 0,
                                 std::int64_t min = validation_error::unbounded_min,
                                 std::int64_t max = validation_error::unbounded_max, std::string_view pattern = {}) noexcept {
    return violation{violated, measure, min, max, pattern};
}

// The violation with the member's name: the error validate() reports.
constexpr validation_error make_validation_error(std::string_view member, const violation& v) noexcept {
    return validation_error{member, v.violated, v.measure, v.min, v.max, v.pattern};
}
}  // namespace detail

/// How much validate() checks before encoding. Smithy advises clients to leave constraint
/// checks to the service; `wire_only` does that, keeping what the wire itself needs (required
/// members, non-empty labels, no control bytes in headers, a usable token).
enum class checks { all, wire_only };

/// Smithy @required: the member must be set. For a URI label it also cannot be empty.
struct required {};

/// A @length bound left open: `restop::length<1, restop::unbounded>`.
inline constexpr std::size_t unbounded = std::numeric_limits<std::size_t>::max();

/// Smithy @length on a string: Min..Max Unicode scalar values (smithy.api#length).
///
///     using access_token_id = restop::string_param<restop::required, restop::length<1, 36>>;
template <std::size_t Min, std::size_t Max = unbounded>
struct length {
    static_assert(Min <= Max, "restop::length: the minimum is greater than the maximum, so no value can satisfy it");
    static constexpr std::size_t min = Min;
    static constexpr std::size_t max = Max;

    // Counts scalar values; the caller has already established that `value` is UTF-8.
    static constexpr std::optional<detail::violation> check(std::string_view value) noexcept {
        return check_count(detail::scan_utf8(value).scalars);
    }

    // The same for a count already taken.
    static constexpr std::optional<detail::violation> check_count(std::size_t scalars) noexcept {
        if (scalars >= Min && scalars <= Max) return std::nullopt;
        return detail::violation_of(constraint::length, static_cast<std::int64_t>(scalars), static_cast<std::int64_t>(Min),
                                    Max == unbounded ? validation_error::unbounded_max : static_cast<std::int64_t>(Max));
    }
};

/// Smithy @range on an integer: Min..Max inclusive (smithy.api#range).
template <std::int64_t Min, std::int64_t Max = std::numeric_limits<std::int64_t>::max()>
struct range {
    static_assert(Min <= Max, "restop::range: the minimum is greater than the maximum, so no value can satisfy it");
    static constexpr std::int64_t min = Min;
    static constexpr std::int64_t max = Max;

    static constexpr std::optional<detail::violation> check(std::int64_t value) noexcept {
        if (value >= Min && value <= Max) return std::nullopt;
        return detail::violation_of(constraint::range, value, Min, Max);
    }
};

/// @range with only a maximum, as in `maxResults` (max 10).
template <std::int64_t Max>
using at_most = range<std::numeric_limits<std::int64_t>::min(), Max>;

/// Smithy @pattern: an ECMA-262 regular expression the string must match somewhere (it is
/// not implicitly anchored; the model's patterns carry their own ^ and $).
///
/// The pattern is compiled once, by the compiler; a malformed one stops there with the parser's
/// own sentence ("the pattern has an unbalanced parenthesis"), and a check only runs the matcher.
/// ASCII values are decided by an automaton built from the program on first use, so they are
/// never too costly to decide. A literal checked by the compiler goes through the backtracker
/// with a budget of 10 000 steps (what constant evaluation allows), so a literal that would need
/// more is refused at compile time even where the same value passes at run time.
template <fixed_string Regex>
struct pattern {
    static constexpr std::string_view text = Regex.view();
    static constexpr const auto& program = detail::pattern_program<Regex>;
    // Naming the program compiles it when the constraint is completed, as string_param does.
    static_assert(program.code.size() > 0);

    static constexpr std::optional<detail::violation> check(std::string_view value) noexcept {
        // A pattern too costly to decide is reported as a mismatch: the input is refused rather
        // than sent unchecked, and the service would have to do the same work.
        if (detail::search_pattern<Regex>(value) == detail::pattern_match::matched) return std::nullopt;
        return detail::violation_of(constraint::pattern, 0, validation_error::unbounded_min, validation_error::unbounded_max,
                                    text);
    }
};

namespace detail {
template <class C>
inline constexpr bool is_required = std::is_same_v<C, required>;
template <class C>
inline constexpr bool is_length = false;
template <std::size_t Min, std::size_t Max>
inline constexpr bool is_length<length<Min, Max>> = true;
template <class C>
inline constexpr bool is_range = false;
template <std::int64_t Min, std::int64_t Max>
inline constexpr bool is_range<range<Min, Max>> = true;
template <class C>
inline constexpr bool is_pattern = false;
template <fixed_string R>
inline constexpr bool is_pattern<pattern<R>> = true;
}  // namespace detail

}  // namespace restop

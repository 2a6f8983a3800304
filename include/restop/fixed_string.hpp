#pragma once
// restop::fixed_string: the one door through which a literal (a URI template, a member's wire
// name, an error shape's name) enters the type system as a non-type template parameter.

#include <cstddef>
#include <string_view>

namespace restop {

/// A string literal usable as a template argument.
///
///     template <restop::fixed_string Name> struct tag {};
///     tag<"id"> t;   // Name.view() == "id"
template <std::size_t N>
struct fixed_string {
    // Public so the type is structural (a C++20 requirement for class-type template arguments).
    char chars[N]{};

    consteval fixed_string(const char (&literal)[N]) noexcept {
        for (std::size_t i = 0; i < N; ++i) chars[i] = literal[i];
    }

    static constexpr std::size_t size() noexcept { return N - 1; }
    constexpr std::string_view view() const noexcept { return {chars, N - 1}; }
    constexpr operator std::string_view() const noexcept { return view(); }
};

}  // namespace restop

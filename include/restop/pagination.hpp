#pragma once
// Smithy's @paginated trait as a type: which input member carries the page token, which output
// member returns the next one, and which output member holds the items. Only the standard library.

#include "restop/members.hpp"

namespace restop {

/// Declared inside a paginated operation:
///
///     using pagination = restop::paginated<&list_things::next_token, &list_things_output::next_token,
///                                          &list_things_output::items>;
///
/// The input token must be a string_param; the output token a std::optional<std::string>; the
/// items a std::vector. restop::pages and restop::items (paginator.hpp) walk the pages.
template <auto InputToken, auto OutputToken, auto Items>
struct paginated {
    static constexpr auto input_token = InputToken;
    static constexpr auto output_token = OutputToken;
    static constexpr auto items = Items;
    using item_type = typename detail::member_pointer<decltype(Items)>::type::value_type;
};

namespace detail {
template <class Op>
concept is_paginated = requires { typename Op::pagination; };
}  // namespace detail

}  // namespace restop

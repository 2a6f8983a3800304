#pragma once
// Smithy's @paginated trait as a type: which input member carries the page token, which output
// member returns the next one, and which output member holds the items. Only the standard library.

#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "restop/members.hpp"

namespace restop {

/// Declared inside a paginated operation:
///
///     using pagination = restop::paginated<&list_things::next_token, &list_things_output::next_token,
///                                          &list_things_output::items>;
///
/// The input token must be a string_param; the output token a std::optional<std::string>; the
/// items a std::vector (or a std::optional of one). A fourth argument names the page-size member. restop::pages and restop::items (paginator.hpp) walk the pages.
template <auto InputToken, auto OutputToken, auto Items, auto PageSize = nullptr>
struct paginated {
    static constexpr auto input_token = InputToken;
    static constexpr auto output_token = OutputToken;
    static constexpr auto items = Items;
    /// The input member that asks for a page size (smithy.api#paginated's pageSize), or nullptr.
    static constexpr auto page_size = PageSize;
    using output_type = typename detail::member_pointer<decltype(Items)>::owner;
    using item_list = detail::unwrapped_t<typename detail::member_pointer<decltype(Items)>::type>;
    static_assert(detail::is_vector<item_list>,
                  "restop::paginated: the items (third argument) must be a std::vector member of the output, or a "
                  "std::optional of one");
    using item_type = typename std::conditional_t<detail::is_vector<item_list>, item_list, std::vector<int>>::value_type;

    static_assert(detail::is_string_param<typename detail::member_pointer<decltype(InputToken)>::type>,
                  "restop::paginated: the input token (first argument) must be a restop::string_param member of the operation");
    static_assert(std::is_same_v<typename detail::member_pointer<decltype(OutputToken)>::type, std::optional<std::string>>,
                  "restop::paginated: the output token (second argument) must be a std::optional<std::string> member of the "
                  "output, absent on the last page");
    static_assert(std::is_same_v<typename detail::member_pointer<decltype(OutputToken)>::owner, output_type>,
                  "restop::paginated: the output token and the items must be members of the same output struct");

    /// The items of a page; none when the page left its (optional) list out.
    static const item_list& items_of(const output_type& page) noexcept {
        const auto& list = page.*Items;
        if constexpr (detail::is_optional<std::remove_cvref_t<decltype(list)>>) {
            static const item_list none{};
            return list ? *list : none;
        } else {
            return list;
        }
    }
};

namespace detail {
template <class Op>
concept is_paginated = requires { typename Op::pagination; };
}  // namespace detail

}  // namespace restop

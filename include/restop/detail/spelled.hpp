#pragma once
// Turns a fixed_string into a pack of characters so that a name reads in both g++'s and clang's
// template notes ("spelled<'i', 'd'>"); clang prints class-type template arguments as byte lists.

#include <cstddef>
#include <utility>

#include "restop/fixed_string.hpp"

namespace restop::detail {

template <char... Chars>
struct spelled {};

template <fixed_string Text, std::size_t... I>
spelled<Text.chars[I]...> spell_impl(std::index_sequence<I...>);

template <fixed_string Text>
using spell = decltype(spell_impl<Text>(std::make_index_sequence<Text.size()>{}));

// Diagnostic<Ok, spell<Name>>, a check whose notes name the culprit, spelled only when the check
// fails: a description's checks run for every member of every operation a program uses, and
// spelling each name out is most of their compile time.
template <bool Ok, template <bool, class> class Diagnostic, fixed_string Name>
struct diagnose {
    static constexpr bool value = true;
};
template <template <bool, class> class Diagnostic, fixed_string Name>
struct diagnose<false, Diagnostic, Name> : Diagnostic<false, spell<Name>> {};

}  // namespace restop::detail

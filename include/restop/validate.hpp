#pragma once
// restop::validate: checks an operation's run-time values against its description before anything
// is encoded, and says which member broke which constraint. Only the standard library.

#include "restop/constraints.hpp"
#include "restop/operation.hpp"
#include "restop/result.hpp"
#include "restop/structure.hpp"
#include "restop/validation_error.hpp"

namespace restop {

/// Checks every member of `op` against its description, in declaration order, and returns the
/// first violation. With checks::wire_only it keeps only what the wire needs. Each value is
/// checked by its type's restop::value_traits, then by its binding's constraints.
///
///     auto checked = restop::validate(delete_access_token{.id = std::string_view(id)});
///     if (!checked) std::cerr << checked.error() << '\n';
template <class Op>
result<void, validation_error> validate(const Op& op, checks level = default_checks<Op>) {
    using description = description_t<Op>;
    static_assert(description::is_valid);
    if (auto error = detail::first_violation(op, level, typename description::member_list{})) return failure(*error);
    return {};
}

}  // namespace restop

#pragma once
// A small regular-expression engine for Smithy @pattern, in three layers as ctre has them: the
// parser (pattern_parser.hpp) turns a pattern into a program (pattern_program.hpp) that the
// matcher (pattern_matcher.hpp) runs; beside them, an automaton built from the program
// (pattern_dfa.hpp) decides ASCII input without backtracking. A restop::pattern<"..."> compiles
// its pattern once, at compile time, into a `static constexpr` program, and its automaton once,
// on first use; checking a value only runs one of them. Only the standard library.

#include <cstddef>
#include <string_view>
#include <type_traits>

#include "restop/detail/pattern_dfa.hpp"
#include "restop/detail/pattern_matcher.hpp"
#include "restop/detail/pattern_parser.hpp"
#include "restop/detail/pattern_program.hpp"
#include "restop/fixed_string.hpp"

namespace restop::detail {

namespace pattern_impl {
// The parse with diagnostics on (a syntax error is a compile error at the place it is found), cut
// to size. A local of a consteval function, so the parser's full-capacity buffer is never emitted.
template <fixed_string Regex>
consteval auto build_program() noexcept {
    constexpr compiled_pattern full = compile(Regex.view(), true);
    return sized_program<full.size, full.range_count>(full);
}
}  // namespace pattern_impl

/// The program of `Regex`, compiled once by the compiler and cut to its size.
///
///     constexpr auto& uuid = restop::detail::pattern_program<"^[0-9a-f-]{36}$">;
///     restop::detail::run_pattern(uuid.view(), text)  // only the matcher runs
template <fixed_string Regex>
inline constexpr auto pattern_program = pattern_impl::build_program<Regex>();

namespace pattern_impl {
// Not constexpr, on purpose: a static initialized by a constant expression is constant-initialized,
// and the compiler would then run the subset construction itself (clang 14 does, and emits the
// tables as data). Through this function the static is built by the program, once.
inline automaton build_automaton(const instruction* code, std::size_t size) noexcept {
    return automaton(dfa_builder(code, size));
}
}  // namespace pattern_impl

/// The automaton of `Regex` over ASCII input (pattern_dfa.hpp), built the first time it is
/// asked for; `usable` is false for a pattern it cannot take. Built at run time, once, rather
/// than by the compiler: subset construction in constant evaluation cost 0.1 to 1.2 s of compile
/// time per pattern (clang 14), and run time a few microseconds.
template <fixed_string Regex>
const pattern_impl::automaton& pattern_automaton() noexcept {
    static const pattern_impl::automaton built =
        pattern_impl::build_automaton(pattern_program<Regex>.code.data(), pattern_program<Regex>.code.size());
    return built;
}

/// Searches UTF-8 `input` with a compiled program (ECMA-262 semantics; anchored only by the
/// pattern's own ^ and $). Returns too_complex rather than hang when backtracking exceeds a step
/// budget or the stack.
constexpr pattern_match run_pattern(pattern_impl::program_view program, std::string_view input) noexcept {
    // Compilers cap constant evaluation (gcc: 262144 iterations of one loop, clang: about a
    // million evaluation steps), so a compile-time check gets a budget that fits under both.
    // (Not a const variable: its initializer would count as constant-evaluated even at run time.)
    return pattern_impl::backtracker{program, input}.search(std::is_constant_evaluated() ? 10'000 : 1'000'000);
}

/// Searches `input` with `Regex`: by its automaton when it has one and the input is ASCII, else
/// (and in constant evaluation) by the backtracker. What restop::pattern checks with.
template <fixed_string Regex>
constexpr pattern_match search_pattern(std::string_view input) noexcept {
    if (!std::is_constant_evaluated()) {
        const pattern_impl::automaton& automaton = pattern_automaton<Regex>();
        const pattern_impl::dfa_verdict verdict =
            automaton.usable ? automaton.search(input) : pattern_impl::dfa_verdict::not_ascii;
        if (verdict != pattern_impl::dfa_verdict::not_ascii)
            return verdict == pattern_impl::dfa_verdict::matched ? pattern_match::matched : pattern_match::not_matched;
    }
    return run_pattern(pattern_program<Regex>.view(), input);
}

/// nullptr when `pattern` is a well-formed expression restop supports, else one sentence naming
/// the problem, e.g. "the pattern has an unbalanced parenthesis".
constexpr const char* pattern_syntax_error(std::string_view pattern) noexcept {
    return pattern_impl::compile(pattern).error;
}

/// Compiles `pattern` and searches `input` with it: for a pattern known only at run time (a
/// restop::pattern never comes here). A pattern with a syntax error never matches.
constexpr pattern_match match_pattern(std::string_view pattern, std::string_view input) noexcept {
    const pattern_impl::compiled_pattern program = pattern_impl::compile(pattern);
    if (program.error != nullptr) return pattern_match::not_matched;
    return run_pattern(program.view(), input);
}

}  // namespace restop::detail

#pragma once
// The fmt technique for compile-time diagnostics: a consteval check that fails calls this
// deliberately non-constexpr function, so the compiler stops at a line that holds our sentence.

namespace restop::detail {

// Never defined as constexpr, on purpose: reaching it during constant evaluation is the error.
// At run time it is never reached, because only consteval code calls it.
inline void compile_time_error(const char* /*sentence*/) noexcept {}

}  // namespace restop::detail

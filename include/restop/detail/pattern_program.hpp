#pragma once
// Smithy @pattern, layer 2 of 3: the program a pattern compiles into (instructions and the
// character ranges of its classes), as the parser (pattern_parser.hpp) writes it and the matcher
// (pattern_matcher.hpp) runs it. Fixed capacities keep everything allocation-free and usable in
// constant evaluation. Only the standard library.

#include <array>
#include <cstddef>
#include <cstdint>

namespace restop::detail::pattern_impl {

// Fixed capacities keep everything allocation-free; Smithy patterns are short, so running out
// means a pathological pattern (reported as a syntax error) or input (reported as too_complex).
inline constexpr std::size_t max_instructions = 256;
inline constexpr std::size_t max_ranges = 256;
inline constexpr std::size_t max_loop_registers = 16;
inline constexpr std::size_t max_group_depth = 32;
inline constexpr std::size_t max_frames = 1024;
inline constexpr std::uint32_t max_repeat_count = 10'000;
inline constexpr std::uint32_t unbounded = 0xFFFF'FFFF;
inline constexpr std::size_t no_frame = static_cast<std::size_t>(-1);

struct code_range {
    std::uint32_t first = 0;
    std::uint32_t last = 0;
};

inline constexpr std::array digit_ranges{code_range{'0', '9'}};
inline constexpr std::array word_ranges{code_range{'0', '9'}, code_range{'A', 'Z'}, code_range{'_', '_'},
                                        code_range{'a', 'z'}};
// ECMA-262's \s is WhiteSpace plus LineTerminator, not just ASCII blanks.
inline constexpr std::array space_ranges{code_range{0x09, 0x0D},     code_range{0x20, 0x20},
                                         code_range{0xA0, 0xA0},     code_range{0x1680, 0x1680},
                                         code_range{0x2000, 0x200A}, code_range{0x2028, 0x2029},
                                         code_range{0x202F, 0x202F}, code_range{0x205F, 0x205F},
                                         code_range{0x3000, 0x3000}, code_range{0xFEFF, 0xFEFF}};

struct builtin_class {
    const code_range* ranges = nullptr;
    std::size_t count = 0;  // 0: not a class escape (gcc 12 cannot test `ranges` in constexpr)
    bool negated = false;
};

constexpr builtin_class find_builtin_class(char letter) noexcept {
    switch (letter) {
    case 'd': case 'D': return {digit_ranges.data(), digit_ranges.size(), letter == 'D'};
    case 'w': case 'W': return {word_ranges.data(), word_ranges.size(), letter == 'W'};
    case 's': case 'S': return {space_ranges.data(), space_ranges.size(), letter == 'S'};
    default: return {};
    }
}

enum class opcode : std::uint8_t {
    literal,        // a: code point
    any,            // `.`: one code point other than a line terminator
    set,            // ranges [a, a + b), inverted when negated
    run,            // a..b greedy repetitions of the one-code-point instruction that follows
    split,          // go to a; on failure, b
    jump,           // go to a
    mark,           // register a := position (a loop iteration that could match empty begins)
    progress,       // fail when register a == position: ECMA-262 rejects empty loop iterations
    line_start,
    line_end,
    word_boundary,  // \b, or \B when negated
    lookahead,      // body follows; a: the instruction after its lookahead_end
    lookahead_end,
    match,
};

struct instruction {
    opcode op = opcode::match;
    bool negated = false;
    std::uint32_t a = 0;
    std::uint32_t b = 0;
    bool possessive = false;  // run: giving characters back could never lead to a match
    // literal, any, set: which ASCII characters it accepts, bit c % 64 of one of two words, so the
    // matcher tests an ASCII byte (nearly every byte of an id or a name) with one shift. Bytes
    // 0x80..0xFF are accepted by neither: they begin or continue a multi-byte sequence, which the
    // matcher decodes and tests against the ranges. Two words rather than an array: constant
    // evaluation copies an array element by element, in every instruction of every pattern.
    std::uint64_t ascii_low = 0;   // bytes 0x00..0x3F
    std::uint64_t ascii_high = 0;  // bytes 0x40..0x7F

    constexpr bool accepts_ascii(unsigned char byte) const noexcept {
        return byte < 0x80 && (((byte < 0x40 ? ascii_low : ascii_high) >> (byte & 63)) & 1);
    }
};

constexpr bool consumes_one(opcode op) noexcept {
    return op == opcode::literal || op == opcode::any || op == opcode::set;
}

// Only these operands are instruction indexes, which code motion must keep pointing right.
template <class F>
constexpr void for_each_target(instruction& in, F&& f) noexcept {
    if (in.op == opcode::split || in.op == opcode::jump || in.op == opcode::lookahead) f(in.a);
    if (in.op == opcode::split) f(in.b);
}

// What the matcher reads: the instructions, the class ranges they point into, and how many loop
// registers they use.
struct program_view {
    const instruction* code = nullptr;
    const code_range* ranges = nullptr;
    std::size_t register_count = 0;
};

// The parser's output at full capacity, with the first syntax error (nullptr when none).
struct compiled_pattern {
    std::array<instruction, max_instructions> code{};
    std::array<code_range, max_ranges> ranges{};
    std::size_t size = 0;
    std::size_t range_count = 0;
    std::size_t register_count = 0;
    const char* error = nullptr;

    constexpr program_view view() const noexcept { return {code.data(), ranges.data(), register_count}; }
};

// A compiled pattern cut to its size: what a restop::pattern keeps as a `static constexpr`
// (a few hundred bytes rather than the parser's six kilobytes).
template <std::size_t Size, std::size_t RangeCount>
struct sized_program {
    std::array<instruction, Size> code{};
    std::array<code_range, RangeCount == 0 ? 1 : RangeCount> ranges{};
    std::size_t register_count = 0;

    constexpr explicit sized_program(const compiled_pattern& full) noexcept : register_count(full.register_count) {
        for (std::size_t i = 0; i < Size; ++i) code[i] = full.code[i];
        for (std::size_t i = 0; i < RangeCount; ++i) ranges[i] = full.ranges[i];
    }
    constexpr program_view view() const noexcept { return {code.data(), ranges.data(), register_count}; }
};

}  // namespace restop::detail::pattern_impl

#pragma once
// Smithy @pattern, layer 3 of 3: the matcher. A backtracking VM over a compiled program
// (pattern_program.hpp) with an explicit stack, so it needs no heap, works in constant
// evaluation, and its recursion depth depends only on group nesting in the pattern, never on the
// input's length. Only the standard library.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "restop/detail/pattern_program.hpp"
#include "restop/detail/utf8.hpp"

namespace restop::detail {

enum class pattern_match { matched, not_matched, too_complex };

namespace pattern_impl {

struct backtracker {
    enum class kind : std::uint8_t { alternative, restore, run, lookahead, negative_lookahead };
    // alternative: resume at pc/pos. restore: register pc := aux. run: give back one character
    // of a run ending at pos, no shorter than aux. lookahead: body started at pos, continue at
    // pc, aux is the enclosing lookahead's frame.
    // No default member initializers, and the stack below is left uninitialized: zeroing its
    // 24 KiB on every check cost ten times what matching a 36-character id does. A frame is only
    // read after push() wrote it.
    struct frame {
        kind k;
        std::uint32_t pc;
        std::size_t pos;
        std::size_t aux;
    };

    program_view program;
    std::string_view input;
    std::array<frame, max_frames> stack;
    std::array<std::size_t, max_loop_registers> registers{};
    std::size_t top = 0;
    std::size_t lookahead_frame = no_frame;
    std::size_t steps = 0;
    bool overflowed = false;
    std::uint32_t pc = 0;
    std::size_t pos = 0;

    // A constructor rather than aggregate initialization, which would value-initialize the stack.
    constexpr backtracker(program_view compiled, std::string_view text) noexcept : program(compiled), input(text) {}

    constexpr void push(kind k, std::uint32_t resume, std::size_t at, std::size_t aux) noexcept {
        if (top == stack.size()) {
            overflowed = true;
            return;
        }
        stack[top++] = {k, resume, at, aux};
    }

    // Charges a step per range too, so the budget bounds the real work (and stays under the
    // compilers' constant-evaluation limits) however long the classes are.
    constexpr bool accepts(const instruction& in, std::uint32_t c) noexcept {
        ++steps;
        if (c < 0x80) return in.accepts_ascii(static_cast<unsigned char>(c));
        if (in.op == opcode::literal) return c == in.a;
        if (in.op == opcode::any) return c != '\n' && c != '\r' && c != 0x2028 && c != 0x2029;
        steps += in.b;
        bool inside = false;
        for (std::size_t i = in.a; i < std::size_t{in.a} + in.b && !inside; ++i)
            inside = program.ranges[i].first <= c && c <= program.ranges[i].last;
        return inside != in.negated;
    }

    constexpr bool is_word_at(std::size_t at) const noexcept {
        if (at >= input.size()) return false;
        const char c = input[at];
        return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    // Pops frames until one offers another way forward; false when none is left.
    constexpr bool backtrack() noexcept {
        while (top > 0) {
            frame& f = stack[--top];
            switch (f.k) {
            case kind::alternative:
                pc = f.pc;
                pos = f.pos;
                return true;
            case kind::restore:
                registers[f.pc] = f.aux;
                break;
            case kind::run: {
                // Step back over one UTF-8 sequence (at most four bytes, never below the minimum).
                std::size_t back = f.pos - 1;
                while (back > f.aux && f.pos - back < 4 && (static_cast<unsigned char>(input[back]) & 0xC0) == 0x80) --back;
                pc = f.pc;
                pos = back;
                if (back > f.aux) {
                    f.pos = back;
                    ++top;
                }
                return true;
            }
            case kind::lookahead:
            case kind::negative_lookahead:
                // The body failed: fatal for (?=...), success for (?!...).
                lookahead_frame = f.aux;
                if (f.k == kind::negative_lookahead) {
                    pc = f.pc;
                    pos = f.pos;
                    return true;
                }
                break;
            }
        }
        return false;
    }

    constexpr pattern_match attempt(std::size_t start, std::size_t budget) noexcept {
        top = 0;
        lookahead_frame = no_frame;
        pc = 0;
        pos = start;
        for (;;) {
            if (++steps > budget) return pattern_match::too_complex;
            const instruction& in = program.code[pc];
            bool ok = true;
            switch (in.op) {
            case opcode::literal:
            case opcode::any:
            case opcode::set: {
                if (pos == input.size()) {
                    ok = false;
                    break;
                }
                const decoded_code_point d = decode_utf8(input, pos);
                ok = accepts(in, d.code_point);
                pos += d.length;
                ++pc;
                break;
            }
            case opcode::run: {
                const instruction& one = program.code[pc + 1];
                // ASCII bytes first, one bit test each and one character per byte; the loop
                // by code point takes over at the first other byte.
                const std::size_t ascii_limit = pos + std::min<std::size_t>(in.b, input.size() - pos);
                std::size_t end = pos;
                while (end < ascii_limit && one.accepts_ascii(static_cast<unsigned char>(input[end]))) ++end;
                std::size_t count = end - pos;
                steps += count;
                std::size_t min_end = count >= in.a ? pos + in.a : pos;
                while (count < in.b && end < input.size()) {
                    const decoded_code_point d = decode_utf8(input, end);
                    if (!accepts(one, d.code_point)) break;
                    end += d.length;
                    if (++count == in.a) min_end = end;
                }
                ok = count >= in.a;
                if (ok && end > min_end && !in.possessive) push(kind::run, pc + 2, end, min_end);
                pos = end;
                pc += 2;
                break;
            }
            case opcode::split:
                push(kind::alternative, in.b, pos, 0);
                pc = in.a;
                break;
            case opcode::jump:
                pc = in.a;
                break;
            case opcode::mark:
                push(kind::restore, in.a, 0, registers[in.a]);
                registers[in.a] = pos;
                ++pc;
                break;
            case opcode::progress:
                ok = registers[in.a] != pos;
                ++pc;
                break;
            case opcode::line_start:
                ok = pos == 0;
                ++pc;
                break;
            case opcode::line_end:
                ok = pos == input.size();
                ++pc;
                break;
            case opcode::word_boundary:
                ok = ((pos > 0 && is_word_at(pos - 1)) != is_word_at(pos)) != in.negated;
                ++pc;
                break;
            case opcode::lookahead:
                push(in.negated ? kind::negative_lookahead : kind::lookahead, in.a, pos, lookahead_frame);
                lookahead_frame = top - 1;
                ++pc;
                break;
            case opcode::lookahead_end: {
                // Lookaheads are atomic: once the body matches, its alternatives are discarded.
                const frame f = stack[lookahead_frame];
                top = lookahead_frame;
                lookahead_frame = f.aux;
                pos = f.pos;
                pc = f.pc;
                ok = f.k == kind::lookahead;
                break;
            }
            case opcode::match:
                return pattern_match::matched;
            }
            if (overflowed) return pattern_match::too_complex;
            if (!ok && !backtrack()) return pattern_match::not_matched;
        }
    }

    constexpr pattern_match search(std::size_t budget) noexcept {
        // Smithy patterns are not implicitly anchored: try each code point boundary in turn.
        const bool anchored = program.code[0].op == opcode::line_start;
        for (std::size_t start = 0;; start += decode_utf8(input, start).length) {
            const pattern_match result = attempt(start, budget);
            if (result != pattern_match::not_matched) return result;
            if (anchored || start == input.size()) return pattern_match::not_matched;
        }
    }
};


}  // namespace pattern_impl
}  // namespace restop::detail

#pragma once
// Smithy @pattern, layer 1 of 3: the parser. ECMA-262 syntax (the subset service models use) by
// recursive descent, straight into the instructions of pattern_program.hpp, then one pass that
// makes runs possessive where giving characters back cannot help. Each syntax error has its own
// sentence, written where the parser finds it. Only the standard library.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "restop/detail/compile_time_error.hpp"
#include "restop/detail/pattern_program.hpp"
#include "restop/detail/utf8.hpp"

namespace restop::detail::pattern_impl {

// Recursive descent straight to instructions; quantifiers rewrite the code of the atom just
// emitted (insert a prefix, or copy it for counted repetition), relocating jump targets.
struct compiler {
    struct atom_info {
        bool nullable = true;     // can match the empty string (needs the empty-iteration check)
        bool repeatable = false;  // a quantifier may follow
    };
    struct class_atom {
        std::uint32_t code_point = 0;
        bool is_set = false;  // \d and friends, already appended to the ranges
    };

    std::string_view src;
    bool diagnose = false;  // a syntax error stops constant evaluation with its sentence
    compiled_pattern out{};
    std::size_t at = 0;
    std::size_t depth = 0;

    // Every syntax error comes through here, with its sentence written at the place that finds
    // it. When a restop::pattern is compiled, `diagnose` makes this call the non-constexpr
    // compile_time_error, so the compiler stops here and prints the sentence in its notes (the
    // fmt technique); pattern_syntax_error() leaves it off and returns the sentence instead.
    constexpr bool fail(const char* sentence) noexcept {
        if (diagnose) compile_time_error(sentence);
        if (out.error == nullptr) out.error = sentence;
        return false;
    }
    constexpr bool peek(char c) const noexcept { return at < src.size() && src[at] == c; }
    constexpr bool accept(char c) noexcept {
        if (!peek(c)) return false;
        ++at;
        return true;
    }
    constexpr std::uint32_t here() const noexcept { return static_cast<std::uint32_t>(out.size); }

    constexpr bool emit(instruction in) noexcept {
        if (out.size == max_instructions) return fail("the pattern is too large to compile");
        out.code[out.size++] = in;
        return true;
    }

    constexpr bool insert(std::size_t where, std::size_t count) noexcept {
        if (out.size + count > max_instructions) return fail("the pattern is too large to compile");
        for (std::size_t i = out.size; i-- > where;) out.code[i + count] = out.code[i];
        out.size += count;
        for (std::size_t i = 0; i < out.size; ++i) {
            if (i >= where && i < where + count) continue;
            // From earlier code, a jump to `where` meant "whatever follows", now the inserted
            // instructions; from the moved code it meant the moved code itself.
            const std::size_t threshold = i < where ? where + 1 : where;
            for_each_target(out.code[i], [&](std::uint32_t& target) {
                if (target >= threshold) target += static_cast<std::uint32_t>(count);
            });
        }
        return true;
    }

    constexpr bool copy(std::size_t from, std::size_t length) noexcept {
        if (out.size + length > max_instructions) return fail("the pattern is too large to compile");
        const auto delta = static_cast<std::uint32_t>(out.size - from);
        for (std::size_t i = 0; i < length; ++i) {
            instruction in = out.code[from + i];
            for_each_target(in, [&](std::uint32_t& target) {
                if (target >= from && target <= from + length) target += delta;
            });
            out.code[out.size++] = in;
        }
        return true;
    }

    // Nothing outside [from, from + length) jumps into it, so only later targets move.
    constexpr void erase(std::size_t from, std::size_t length) noexcept {
        for (std::size_t i = from; i + length < out.size; ++i) out.code[i] = out.code[i + length];
        out.size -= length;
        for (std::size_t i = 0; i < out.size; ++i) {
            for_each_target(out.code[i], [&](std::uint32_t& target) {
                if (target >= from + length) target -= static_cast<std::uint32_t>(length);
            });
        }
    }

    constexpr bool add_range(std::uint32_t first, std::uint32_t last) noexcept {
        if (out.range_count == max_ranges) return fail("the pattern is too large to compile");
        out.ranges[out.range_count++] = {first, last};
        return true;
    }

    constexpr bool add_builtin(builtin_class builtin, bool complement) noexcept {
        if (!complement) {
            for (std::size_t i = 0; i < builtin.count; ++i) add_range(builtin.ranges[i].first, builtin.ranges[i].last);
            return out.error == nullptr;
        }
        std::uint32_t next = 0;  // the tables are sorted and disjoint
        for (std::size_t i = 0; i < builtin.count; ++i) {
            if (builtin.ranges[i].first > next) add_range(next, builtin.ranges[i].first - 1);
            next = builtin.ranges[i].last + 1;
        }
        add_range(next, 0x10FFFF);
        return out.error == nullptr;
    }

    constexpr std::uint32_t next_code_point() noexcept {
        const decoded_code_point d = decode_utf8(src, at);
        at += d.length;
        if (!d.valid) fail("the pattern is not valid UTF-8");
        return d.code_point;
    }

    constexpr std::uint32_t hex_digits(std::size_t count) noexcept {
        std::uint32_t value = 0;
        for (std::size_t i = 0; i < count; ++i, ++at) {
            const char c = at < src.size() ? src[at] : '\0';
            const int digit = c >= '0' && c <= '9' ? c - '0'
                              : c >= 'a' && c <= 'f' ? c - 'a' + 10
                              : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                     : -1;
            if (digit < 0) return fail("the pattern has a malformed hexadecimal escape"), 0;
            value = value * 16 + static_cast<std::uint32_t>(digit);
        }
        return value;
    }

    // The escapes that stand for one character, inside or outside a class; `at` is past the '\'.
    constexpr std::uint32_t escaped_code_point() noexcept {
        const char c = src[at++];
        switch (c) {
        case 'n': return '\n';
        case 't': return '\t';
        case 'r': return '\r';
        case 'f': return '\f';
        case 'v': return '\v';
        case 'x': return hex_digits(2);
        case 'u': return hex_digits(4);
        case '0':
            if (at < src.size() && src[at] >= '0' && src[at] <= '9') break;  // legacy octal
            return 0;
        default:
            // ECMA-262 lets any syntax character (and, outside Unicode mode, most others) be
            // escaped to stand for itself; restricting that to ASCII punctuation keeps typos loud.
            if (static_cast<unsigned char>(c) > 0x20 && static_cast<unsigned char>(c) < 0x7F &&
                !(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z'))
                return static_cast<std::uint32_t>(c);
        }
        return fail("the pattern uses an unknown escape sequence"), 0;
    }

    constexpr atom_info escape() noexcept {
        if (at == src.size()) return fail("the pattern ends with a lone backslash"), atom_info{};
        const char c = src[at];
        if (c == 'b' || c == 'B') {
            ++at;
            emit({opcode::word_boundary, c == 'B'});
            return {true, false};
        }
        if (const builtin_class builtin = find_builtin_class(c); builtin.count != 0) {
            ++at;
            const auto first = static_cast<std::uint32_t>(out.range_count);
            add_builtin(builtin, false);
            emit({opcode::set, builtin.negated, first, static_cast<std::uint32_t>(out.range_count - first)});
            return {false, true};
        }
        if (c >= '1' && c <= '9')
            return fail("the pattern uses a construct restop does not support: backreference"), atom_info{};
        if (c == 'k')
            return fail("the pattern uses a construct restop does not support: named backreference"), atom_info{};
        if (c == 'p' || c == 'P')
            return fail("the pattern uses a construct restop does not support: Unicode property escape"), atom_info{};
        const std::uint32_t code_point = escaped_code_point();
        emit({opcode::literal, false, code_point});
        return {false, true};
    }

    constexpr class_atom class_member() noexcept {
        if (!accept('\\')) return {next_code_point()};
        if (at == src.size()) return fail("the pattern ends with a lone backslash"), class_atom{};
        if (const builtin_class builtin = find_builtin_class(src[at]); builtin.count != 0) {
            ++at;
            add_builtin(builtin, builtin.negated);
            return {0, true};
        }
        if (accept('b')) return {'\b'};  // inside a class, \b is backspace
        return {escaped_code_point()};
    }

    constexpr atom_info char_class() noexcept {
        const bool negated = accept('^');
        const auto first = static_cast<std::uint32_t>(out.range_count);
        while (!accept(']')) {
            if (at == src.size()) return fail("the pattern has an unterminated character class"), atom_info{};
            const class_atom low = class_member();
            if (out.error != nullptr) return {};
            if (low.is_set) continue;
            std::uint32_t high = low.code_point;
            // A '-' right before ']' (or after a range) is an ordinary character.
            if (at + 1 < src.size() && src[at] == '-' && src[at + 1] != ']') {
                ++at;
                const class_atom upper = class_member();
                if (out.error != nullptr) return {};
                if (upper.is_set) return fail("the pattern has a character class range with a class escape as an end"), atom_info{};
                if (upper.code_point < low.code_point)
                    return fail("the pattern has a character class range out of order"), atom_info{};
                high = upper.code_point;
            }
            add_range(low.code_point, high);
        }
        emit({opcode::set, negated, first, static_cast<std::uint32_t>(out.range_count - first)});
        return {false, true};
    }

    constexpr atom_info group() noexcept {
        if (depth == max_group_depth) return fail("the pattern nests groups too deeply"), atom_info{};
        bool look = false;
        bool negated = false;
        if (accept('?')) {
            if (accept(':')) {
            } else if (accept('=')) {
                look = true;
            } else if (accept('!')) {
                look = negated = true;
            } else if (accept('<')) {
                if (peek('=') || peek('!'))
                    return fail("the pattern uses a construct restop does not support: lookbehind"), atom_info{};
                return fail("the pattern uses a construct restop does not support: named group"), atom_info{};
            } else {
                return fail("the pattern uses a construct restop does not support: group modifier"), atom_info{};
            }
        }
        const std::size_t start = out.size;
        if (look) emit({opcode::lookahead, negated});
        ++depth;
        const bool nullable = alternation();
        --depth;
        if (!accept(')')) return fail("the pattern has an unbalanced parenthesis"), atom_info{};
        if (!look) return {nullable, true};
        emit({opcode::lookahead_end});
        if (out.error == nullptr) out.code[start].a = here();
        return {true, false};  // quantified lookaheads are legal only as a web-compat quirk
    }

    constexpr atom_info atom() noexcept {
        switch (src[at++]) {
        case '^': emit({opcode::line_start}); return {true, false};
        case '$': emit({opcode::line_end}); return {true, false};
        case '.': emit({opcode::any}); return {false, true};
        case '[': return char_class();
        case '(': return group();
        case '\\': return escape();
        case '*': case '+': case '?': case '{': return fail("the pattern has a quantifier with nothing to repeat"), atom_info{};
        default: {
            --at;
            const std::uint32_t code_point = next_code_point();
            emit({opcode::literal, false, code_point});
            return {false, true};
        }
        }
    }

    constexpr std::uint32_t number() noexcept {
        if (at == src.size() || src[at] < '0' || src[at] > '9') return unbounded;
        std::uint32_t value = 0;
        for (; at < src.size() && src[at] >= '0' && src[at] <= '9'; ++at) {
            value = value * 10 + static_cast<std::uint32_t>(src[at] - '0');
            if (value > max_repeat_count) return fail("the pattern has a repetition count that is too large"), 0;
        }
        return value;
    }

    // {n}, {n,} or {n,m}; `at` is past the '{'.
    constexpr bool braces(std::uint32_t& min, std::uint32_t& max) noexcept {
        min = number();
        max = min;
        if (accept(',')) max = number();  // an absent maximum reads as unbounded
        if (out.error != nullptr) return false;
        if (min == unbounded || !accept('}')) return fail("the pattern has a malformed {n,m} quantifier");
        if (min > max) return fail("the pattern has a {n,m} quantifier whose minimum exceeds its maximum");
        return true;
    }

    // The atom's code is [start, out.size); returns whether the quantified atom is nullable.
    constexpr bool quantifier(std::size_t start, atom_info atom_) noexcept {
        std::uint32_t min = 0;
        std::uint32_t max = unbounded;
        if (accept('+')) {
            min = 1;
        } else if (accept('?')) {
            max = 1;
        } else if (accept('{')) {
            if (!braces(min, max)) return false;
        } else if (!accept('*')) {
            return atom_.nullable;
        }
        const bool greedy = !accept('?');
        if (!atom_.repeatable) return fail("the pattern has a quantifier with nothing to repeat");
        const std::size_t length = out.size - start;

        // A single-character loop backtracks one character at a time from one stack frame,
        // which keeps e.g. [a-z]* on a long input from needing a frame per character.
        if (length == 1 && greedy && consumes_one(out.code[start].op)) {
            if (insert(start, 1)) out.code[start] = {opcode::run, false, min, max};
            return min == 0;
        }

        // General case: keep the atom's code as a template, lay out the repetitions after it
        // by copying, then drop the template.
        const bool check_progress = max == unbounded && atom_.nullable;
        std::uint32_t reg = 0;
        if (check_progress) {
            if (out.register_count == max_loop_registers) return fail("the pattern is too large to compile");
            reg = static_cast<std::uint32_t>(out.register_count++);
        }
        for (std::uint32_t i = 0; i < min && out.error == nullptr; ++i) copy(start, length);
        const auto open_iteration = [&](std::uint32_t exit) {  // split into one more iteration or `exit`
            const std::uint32_t body = here() + 1;
            return emit(greedy ? instruction{opcode::split, false, body, exit} : instruction{opcode::split, false, exit, body});
        };
        const std::uint32_t first_split = here();
        if (max == unbounded) {
            open_iteration(0);
            if (check_progress) emit({opcode::mark, false, reg});
            copy(start, length);
            if (check_progress) emit({opcode::progress, false, reg});
            emit({opcode::jump, false, first_split});
            if (out.error != nullptr) return false;
            (greedy ? out.code[first_split].b : out.code[first_split].a) = here();
        } else {
            for (std::uint32_t i = min; i < max && out.error == nullptr; ++i) {
                open_iteration(0);
                copy(start, length);
            }
            if (out.error != nullptr) return false;
            // Every optional iteration is the same size, so the splits sit at fixed strides.
            for (std::size_t i = first_split; i < out.size; i += length + 1)
                (greedy ? out.code[i].b : out.code[i].a) = here();
        }
        erase(start, length);
        return min == 0 || atom_.nullable;
    }

    constexpr bool sequence() noexcept {
        bool nullable = true;
        while (out.error == nullptr && at < src.size() && src[at] != '|' && src[at] != ')') {
            const std::size_t start = out.size;
            const atom_info parsed = atom();
            if (out.error != nullptr) break;
            nullable = quantifier(start, parsed) && nullable;
        }
        return nullable;
    }

    // a|b|c becomes: split(a, next) a jump(end) split(b, next) b jump(end) c.
    constexpr bool alternation() noexcept {
        std::size_t alternative = out.size;
        std::size_t last_jump = no_frame;
        bool nullable = sequence();
        while (out.error == nullptr && accept('|')) {
            if (!insert(alternative, 1)) return false;
            out.code[alternative] = {opcode::split, false, static_cast<std::uint32_t>(alternative + 1), here() + 1};
            // The end is unknown until the last alternative, so pending jumps chain through their
            // targets (the first points at itself) and are patched below.
            emit({opcode::jump, false, last_jump == no_frame ? here() : static_cast<std::uint32_t>(last_jump)});
            last_jump = out.size - 1;
            alternative = out.size;
            nullable = sequence() || nullable;
        }
        if (out.error != nullptr) return false;
        for (std::size_t j = last_jump; j != no_frame;) {
            const std::size_t previous = out.code[j].a;
            out.code[j].a = here();
            j = previous == j ? no_frame : previous;
        }
        return nullable;
    }
};

// Whether `in` accepts every code point in [first, last]; false when unsure.
constexpr bool accepts_all(const compiled_pattern& p, const instruction& in, std::uint32_t first,
                           std::uint32_t last) noexcept {
    const auto overlaps = [&](std::uint32_t lo, std::uint32_t hi) { return lo <= last && first <= hi; };
    if (in.op == opcode::literal) return first == in.a && last == in.a;
    if (in.op == opcode::any) return !overlaps('\n', '\n') && !overlaps('\r', '\r') && !overlaps(0x2028, 0x2029);
    if (in.op != opcode::set) return false;
    const std::size_t end = std::size_t{in.a} + in.b;
    if (in.negated) {
        for (std::size_t i = in.a; i < end; ++i)
            if (overlaps(p.ranges[i].first, p.ranges[i].last)) return false;
        return true;
    }
    // Class ranges are unsorted and may overlap, so extend the covered prefix until stuck.
    for (std::uint32_t next = first;;) {
        bool extended = false;
        for (std::size_t i = in.a; i < end; ++i) {
            if (p.ranges[i].first > next || next > p.ranges[i].last) continue;
            if (p.ranges[i].last >= last) return true;
            next = p.ranges[i].last + 1;
            extended = true;
        }
        if (!extended) return false;
    }
}

// Whether every code point `inner` accepts, `outer` accepts too; false when unsure.
constexpr bool covers(const compiled_pattern& p, const instruction& outer, const instruction& inner) noexcept {
    if (inner.op == opcode::literal) return accepts_all(p, outer, inner.a, inner.a);
    if (inner.op != opcode::set || inner.negated) return inner.op == opcode::any && outer.op == opcode::any;
    for (std::size_t i = inner.a; i < std::size_t{inner.a} + inner.b; ++i)
        if (!accepts_all(p, outer, p.ranges[i].first, p.ranges[i].last)) return false;
    return true;
}

// The bits of the characters first..last that fall in the word of characters base..base+63.
// A whole range at once: this runs in constant evaluation for every pattern of a model, where a
// loop per character (or a lambda per range) cost a tenth of the pattern's compile time.
constexpr std::uint64_t ascii_bits(std::uint32_t first, std::uint32_t last, std::uint32_t base) noexcept {
    const std::uint32_t lo = first > base ? first : base;
    const std::uint32_t hi = last < base + 63 ? last : base + 63;
    if (lo > hi) return 0;
    const std::uint64_t run = hi - lo == 63 ? ~std::uint64_t{0} : (std::uint64_t{1} << (hi - lo + 1)) - 1;
    return run << (lo - base);
}

// Fills `in`'s two words with the ASCII characters a literal, `.` or class accepts.
constexpr void mark_ascii(const compiled_pattern& p, instruction& in) noexcept {
    std::uint64_t low = 0, high = 0;
    if (in.op == opcode::literal) {
        low = ascii_bits(in.a, in.a, 0);
        high = ascii_bits(in.a, in.a, 64);
    } else if (in.op == opcode::any) {
        low = ~(std::uint64_t{1} << '\n' | std::uint64_t{1} << '\r');
        high = ~std::uint64_t{0};
    } else if (in.op == opcode::set) {
        for (std::size_t i = in.a; i < std::size_t{in.a} + in.b; ++i) {
            low |= ascii_bits(p.ranges[i].first, p.ranges[i].last, 0);
            high |= ascii_bits(p.ranges[i].first, p.ranges[i].last, 64);
        }
        if (in.negated) {
            low = ~low;
            high = ~high;
        }
    } else {
        return;
    }
    in.ascii_low = low;
    in.ascii_high = high;
}

/// Compiles `pattern` into a program, or stops at its first syntax error (the program's `error`).
/// With `diagnose`, a syntax error in constant evaluation is a compile error with its sentence.
constexpr compiled_pattern compile(std::string_view pattern, bool diagnose = false) noexcept {
    compiler c{pattern, diagnose};
    c.alternation();
    if (c.at < pattern.size()) c.fail("the pattern has an unbalanced parenthesis");  // only a stray ')' ends the top level early
    c.emit({opcode::match});
    if (c.out.error != nullptr) return c.out;
    // Auto-possessification (as in PCRE): a run gives nothing back when followed by $ or the end,
    // or by an unbounded, possessive run that accepts all it does and would just take back what
    // it gave. This keeps e.g. ^[a-z]+[-a-z]*$ linear on a long mismatch instead of quadratic.
    // Walking backwards settles each run's successor first.
    for (std::size_t i = c.out.size; i-- > 0;) {
        instruction& in = c.out.code[i];
        if (in.op != opcode::run) continue;
        const instruction& next = c.out.code[i + 2];
        in.possessive = next.op == opcode::line_end || next.op == opcode::match ||
                        (next.op == opcode::run && next.possessive && next.a == 0 && next.b == unbounded &&
                         covers(c.out, c.out.code[i + 3], c.out.code[i + 1]));
    }
    for (std::size_t i = 0; i < c.out.size; ++i) mark_ascii(c.out, c.out.code[i]);
    return c.out;
}

}  // namespace restop::detail::pattern_impl

#pragma once
// Smithy @pattern, the fast path: a deterministic automaton over ASCII, built from a pattern's
// program (pattern_program.hpp) by subset construction. Nearly every value a
// service model constrains with a pattern (ids, names, regions) is ASCII, and the automaton
// decides one of those with two table lookups per byte, however the pattern would backtrack.
// What it cannot take goes to the backtracker (pattern_matcher.hpp): programs with lookaround or
// \b, counts that would unroll into too many states, and input with a byte above 0x7F. On
// everything else the two agree (tests/unit/pattern_test.cpp compares them). Only the standard
// library.

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "restop/detail/pattern_program.hpp"

namespace restop::detail::pattern_impl {

// Bounds that keep the tables small (a few kilobytes per pattern); a pattern beyond them keeps
// the backtracker alone.
inline constexpr std::size_t max_nfa_nodes = 256;
inline constexpr std::size_t max_dfa_states = 96;
inline constexpr std::size_t max_byte_classes = 31;  // and one more column for bytes above 0x7F
inline constexpr std::size_t ascii_size = 128;
// The state no match can leave: one past the built states, where the automaton keeps it.
inline constexpr std::uint8_t dead_state = max_dfa_states;
inline constexpr std::size_t no_node = static_cast<std::size_t>(-1);

enum class dfa_verdict { matched, not_matched, not_ascii };

// A set of nodes (or of instructions: both are below 256).
struct node_set {
    std::array<std::uint64_t, max_nfa_nodes / 64> words{};

    constexpr bool insert(std::size_t i) noexcept {
        const std::uint64_t bit = std::uint64_t{1} << (i % 64);
        if (words[i / 64] & bit) return false;
        words[i / 64] |= bit;
        return true;
    }
    // Removes and returns the smallest element, or no_node when the set is empty.
    constexpr std::size_t take_first() noexcept {
        for (std::size_t w = 0; w < words.size(); ++w)
            if (words[w] != 0) {
                const auto bit = static_cast<std::size_t>(std::countr_zero(words[w]));
                words[w] &= words[w] - 1;
                return w * 64 + bit;
            }
        return no_node;
    }
    template <class F>
    constexpr void for_each(F&& f) const noexcept {
        for (std::size_t w = 0; w < words.size(); ++w)
            for (std::uint64_t rest = words[w]; rest != 0; rest &= rest - 1) f(w * 64 + static_cast<std::size_t>(std::countr_zero(rest)));
    }
    constexpr bool operator==(const node_set&) const noexcept = default;
};

// The program as a nondeterministic automaton whose whole state is one node: each run unrolled
// into one node per repetition (subset construction has no counters), the empty-iteration
// checks dropped (refusing an empty iteration never changes which strings match).
struct nfa {
    enum class kind : std::uint8_t { consume, fork, go, at_start, at_end, accept };
    struct node {
        kind k = kind::accept;
        std::uint32_t next = 0;
        std::uint32_t alt = 0;          // fork: the second way
        std::uint32_t instruction = 0;  // consume: the literal, `.` or class it tests
    };
    std::array<node, max_nfa_nodes> nodes{};
    std::size_t size = 0;
    bool usable = true;
};

constexpr nfa unroll(const instruction* code, std::size_t size) noexcept {
    nfa out;
    // First where each instruction's nodes begin, so that jumps can be pointed at them.
    std::array<std::uint32_t, max_instructions + 1> entry{};
    std::uint64_t count = 0;
    for (std::size_t i = 0; i < size; ++i) {
        entry[i] = static_cast<std::uint32_t>(count);
        const instruction& in = code[i];
        if (in.op == opcode::lookahead || in.op == opcode::lookahead_end || in.op == opcode::word_boundary) {
            out.usable = false;
            return out;
        }
        if (in.op == opcode::run) {
            const std::uint64_t optional = in.b == unbounded ? 1 : std::uint64_t{in.b} - in.a;
            count += in.a + 2 * optional;
            entry[++i] = static_cast<std::uint32_t>(count);  // the run's operand has no nodes of its own
        } else {
            ++count;
        }
        if (count > max_nfa_nodes) {
            out.usable = false;
            return out;
        }
    }
    entry[size] = static_cast<std::uint32_t>(count);
    out.size = count;
    using kind = nfa::kind;
    for (std::size_t i = 0; i < size; ++i) {
        const instruction& in = code[i];
        nfa::node& n = out.nodes[entry[i]];
        const std::uint32_t after = entry[i + 1];
        switch (in.op) {
        case opcode::literal:
        case opcode::any:
        case opcode::set: n = {kind::consume, after, 0, static_cast<std::uint32_t>(i)}; break;
        case opcode::split: n = {kind::fork, entry[in.a], entry[in.b], 0}; break;
        case opcode::jump: n = {kind::go, entry[in.a], 0, 0}; break;
        case opcode::mark:
        case opcode::progress: n = {kind::go, after, 0, 0}; break;
        case opcode::line_start: n = {kind::at_start, after, 0, 0}; break;
        case opcode::line_end: n = {kind::at_end, after, 0, 0}; break;
        case opcode::match: n = {kind::accept, 0, 0, 0}; break;
        case opcode::run: {
            // a required repetitions in a row, then either a loop or (b - a) optional ones.
            const auto operand = static_cast<std::uint32_t>(i + 1);
            const std::uint32_t exit = entry[i + 2];
            std::uint32_t at = entry[i];
            for (std::uint32_t k = 0; k < in.a; ++k, ++at) out.nodes[at] = {kind::consume, at + 1, 0, operand};
            if (in.b == unbounded) {
                out.nodes[at] = {kind::fork, at + 1, exit, 0};
                out.nodes[at + 1] = {kind::consume, at, 0, operand};
            } else {
                for (; at < exit; at += 2) {
                    out.nodes[at] = {kind::fork, at + 1, exit, 0};
                    out.nodes[at + 1] = {kind::consume, at + 2, 0, operand};
                }
            }
            ++i;
            break;
        }
        default: break;  // refused above
        }
    }
    return out;
}

// The subset construction at full capacity: states are the sets of consuming nodes the
// automaton can be at, with whether a match is complete now or would be at the end of input.
struct dfa_builder {
    struct state {
        node_set consumers;
        bool accepts_now = false;
        bool accepts_at_end = false;
    };

    const instruction* code = nullptr;
    std::size_t size = 0;
    nfa graph;
    std::array<std::uint8_t, ascii_size> byte_class{};
    std::array<char, max_byte_classes> class_sample{};  // one byte of each class
    std::size_t class_count = 0;
    std::array<state, max_dfa_states> states{};
    std::size_t state_count = 0;
    std::array<std::uint8_t, max_dfa_states * max_byte_classes> next{};
    bool usable = true;  // false once a bound above is hit

    // Builds in place: constant evaluation copies an object element by element, and this one is
    // the largest thing a pattern's compilation makes.
    constexpr dfa_builder(const instruction* program, std::size_t program_size) noexcept
        : code(program), size(program_size), graph(unroll(program, program_size)), usable(graph.usable) {
        if (usable) build();
    }

    // Bytes every instruction treats alike share a class, so the table has a column per class
    // (a uuid pattern has three: hex digits, '-', the rest) rather than per byte.
    constexpr void find_classes() noexcept {
        std::array<node_set, ascii_size> signature{};
        for (std::size_t b = 0; b < ascii_size; ++b) {
            for (std::size_t i = 0; i < size; ++i)
                if (consumes_one(code[i].op) && code[i].accepts_ascii(static_cast<unsigned char>(b))) signature[b].insert(i);
            std::size_t c = 0;
            while (c < class_count && !(signature[static_cast<unsigned char>(class_sample[c])] == signature[b])) ++c;
            if (c == class_count) {
                if (class_count == max_byte_classes) {
                    usable = false;
                    return;
                }
                class_sample[class_count++] = static_cast<char>(b);
            }
            byte_class[b] = static_cast<std::uint8_t>(c);
        }
    }

    // Follows the non-consuming nodes from `seeds`. With `at_end` the end-of-input assertion
    // holds, and only whether a match is reached matters.
    constexpr state close(const node_set& seeds, bool at_start) const noexcept {
        state out;
        for (const bool at_end : {false, true}) {
            // The work list is a set too: constant evaluation makes every element of a local
            // array however few are used, and this runs for every state and byte class.
            node_set seen = seeds;
            node_set pending = seeds;
            for (std::size_t id; (id = pending.take_first()) != no_node;) {
                const nfa::node& node = graph.nodes[id];
                const auto follow = [&](std::uint32_t n) {
                    if (seen.insert(n)) pending.insert(n);
                };
                switch (node.k) {
                case nfa::kind::consume:
                    if (!at_end) out.consumers.insert(id);
                    break;
                case nfa::kind::fork: follow(node.next); follow(node.alt); break;
                case nfa::kind::go: follow(node.next); break;
                case nfa::kind::at_start: if (at_start) follow(node.next); break;
                case nfa::kind::at_end: if (at_end) follow(node.next); break;
                case nfa::kind::accept: (at_end ? out.accepts_at_end : out.accepts_now) = true; break;
                }
            }
        }
        return out;
    }

    constexpr std::uint8_t find_or_add(const state& s) noexcept {
        if (s.consumers == node_set{} && !s.accepts_now && !s.accepts_at_end) return dead_state;
        for (std::size_t i = 0; i < state_count; ++i)
            if (states[i].consumers == s.consumers && states[i].accepts_now == s.accepts_now &&
                states[i].accepts_at_end == s.accepts_at_end)
                return static_cast<std::uint8_t>(i);
        if (state_count == max_dfa_states) {
            usable = false;
            return dead_state;
        }
        states[state_count] = s;
        return static_cast<std::uint8_t>(state_count++);
    }

    constexpr void build() noexcept {
        find_classes();
        if (!usable) return;
        // Smithy patterns are not implicitly anchored: a match may begin at any byte, so the
        // entry is a seed after every step too (where ^ no longer holds).
        node_set entry;
        entry.insert(0);
        const state first = close(entry, true);
        if (find_or_add(first) == dead_state) states[state_count++] = first;  // state 0 is always the start
        for (std::size_t s = 0; s < state_count && usable; ++s)
            for (std::size_t c = 0; c < class_count && usable; ++c) {
                node_set seeds = entry;
                const auto sample = static_cast<unsigned char>(class_sample[c]);
                states[s].consumers.for_each([&](std::size_t n) {
                    const nfa::node& node = graph.nodes[n];
                    if (code[node.instruction].accepts_ascii(sample)) seeds.insert(node.next);
                });
                next[s * max_byte_classes + c] = find_or_add(close(seeds, false));
            }
    }
};

// What a check runs: a byte's class and the table of next states. Three absorbing states follow
// the builder's (no match possible, a byte above 0x7F seen, a match complete), so a search is two
// lookups per byte with no test, and the state it ends in says what happened. The table holds
// each next state as the offset of its row, not its number: each byte's lookup waits for the one
// before, and that chain is then a load and an add, without the multiplication between them.
struct automaton {
    static constexpr std::size_t dead = dead_state;
    static constexpr std::size_t saw_non_ascii = max_dfa_states + 1;
    static constexpr std::size_t matched = max_dfa_states + 2;
    static constexpr std::size_t rows = max_dfa_states + 3;
    static constexpr std::size_t columns = max_byte_classes + 1;
    static constexpr std::size_t non_ascii_column = max_byte_classes;
    static_assert(rows * columns <= 65536 && columns <= 256, "row offsets are stored in two bytes, byte classes in one");

    bool usable = false;
    std::array<std::uint8_t, 256> byte_class{};
    std::array<std::uint16_t, rows * columns> next{};  // the row offset (state * columns) of the next state
    std::array<bool, rows> accepts_at_end{};

    constexpr explicit automaton(const dfa_builder& built) noexcept : usable(built.usable) {
        for (std::size_t b = 0; b < byte_class.size(); ++b)
            byte_class[b] = b < ascii_size ? built.byte_class[b] : static_cast<std::uint8_t>(non_ascii_column);
        for (std::size_t row = 0; row < rows; ++row) {
            const bool built_state = row < built.state_count;
            for (std::size_t column = 0; column < columns; ++column) {
                std::size_t to = dead;
                if (row >= max_dfa_states) {
                    to = row;
                } else if (built_state && built.states[row].accepts_now) {
                    to = matched;  // whatever follows, a match was found
                } else if (built_state && column == non_ascii_column) {
                    to = saw_non_ascii;
                } else if (built_state && column < built.class_count) {
                    to = built.next[row * max_byte_classes + column];
                }
                next[row * columns + column] = static_cast<std::uint16_t>(to * columns);
            }
            accepts_at_end[row] = row == matched || (built_state && (built.states[row].accepts_now || built.states[row].accepts_at_end));
        }
    }

    constexpr dfa_verdict search(std::string_view input) const noexcept {
        std::size_t row = 0;
        for (const char ch : input) row = next[row + byte_class[static_cast<unsigned char>(ch)]];
        const std::size_t state = row / columns;
        if (state == saw_non_ascii) return dfa_verdict::not_ascii;
        return accepts_at_end[state] ? dfa_verdict::matched : dfa_verdict::not_matched;
    }
};

}  // namespace restop::detail::pattern_impl

#include <doctest/doctest.h>

#include <cctype>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <restop/restop.hpp>

namespace {

using restop::detail::match_pattern;
using restop::detail::pattern_match;
using restop::detail::pattern_syntax_error;

bool matches(std::string_view pattern, std::string_view input) {
    return match_pattern(pattern, input) == pattern_match::matched;
}

std::string error_of(std::string_view pattern) {
    const char* sentence = pattern_syntax_error(pattern);
    return sentence == nullptr ? std::string("(none)") : std::string(sentence);
}

constexpr std::string_view free_text = R"(^[a-zA-Z0-9]+(?:[-_a-zA-Z0-9.,;:/\+=?&$% \n\t\r])*$)";
constexpr std::string_view region =
    R"(^(us(?:-gov)?|af|ap|ca|cn|eu|sa)-(central|(?:north|south)?(?:east|west)?)-(\d+)$)";
constexpr std::string_view spaced_name = R"(^[a-zA-Z0-9]+(?:[-_\. ][a-zA-Z0-9]+)*$)";
constexpr std::string_view repository = R"(^(?!.*[.]git$)[\w\-.]*$)";
constexpr std::string_view name = R"(^[a-zA-Z0-9]+(?:[-_\.][a-zA-Z0-9]+)*$)";
constexpr std::string_view optional_name = R"(^$|^[a-zA-Z0-9]+(?:[-_\.][a-zA-Z0-9]+)*$)";
constexpr std::string_view uuid =
    R"(^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$)";
constexpr std::string_view short_name = R"(^[a-zA-Z0-9_.-]{3,100}$)";

// Constant evaluation works, since restop::pattern checks literals at compile time.
static_assert(match_pattern("^[a-z]+$", "abc") == pattern_match::matched);
static_assert(match_pattern("^[a-z]+$", "abC") == pattern_match::not_matched);
static_assert(match_pattern(region, "us-gov-west-1") == pattern_match::matched);
static_assert(match_pattern(repository, "repo.git") == pattern_match::not_matched);
static_assert(match_pattern(uuid, "123e4567-e89b-12d3-a456-426614174000") == pattern_match::matched);
static_assert(pattern_syntax_error(free_text) == nullptr);
static_assert(pattern_syntax_error("(a") != nullptr);
// The compile-time budget gives up inside the compilers' own constant-evaluation limits.
static_assert(match_pattern("^(a+)+$", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaab") == pattern_match::too_complex);

}  // namespace

TEST_CASE("every CodeCatalyst pattern is supported") {
    for (const std::string_view p : {free_text, region, spaced_name, repository, name, optional_name, uuid, short_name})
        CHECK(pattern_syntax_error(p) == nullptr);
}

TEST_CASE("free-text pattern") {
    CHECK(matches(free_text, "a"));
    CHECK(matches(free_text, "Build 42: deploy/prod?x=1&y=2 $5 100%"));
    CHECK(matches(free_text, "line\nnext\ttab\rret"));
    CHECK(matches(free_text, "a+b=c;d,e.f_g-h"));
    CHECK_FALSE(matches(free_text, ""));
    CHECK_FALSE(matches(free_text, "-leading"));
    CHECK_FALSE(matches(free_text, "bad*char"));
    CHECK_FALSE(matches(free_text, "caf\xC3\xA9"));
}

TEST_CASE("region pattern") {
    CHECK(matches(region, "us-gov-west-1"));
    CHECK(matches(region, "us-west-2"));
    CHECK(matches(region, "eu-central-1"));
    CHECK(matches(region, "ap-southeast-12"));
    CHECK(matches(region, "ca-north-1"));
    CHECK(matches(region, "sa-east-1"));
    CHECK(matches(region, "us--1"));  // the direction group may match empty
    CHECK_FALSE(matches(region, "us-west"));
    CHECK_FALSE(matches(region, "us-gov-west-"));
    CHECK_FALSE(matches(region, "xx-west-1"));
    CHECK_FALSE(matches(region, "us-westeast-1"));
    CHECK_FALSE(matches(region, "us-west-1a"));
    CHECK_FALSE(matches(region, " us-west-1"));
}

TEST_CASE("spaced name pattern") {
    CHECK(matches(spaced_name, "My Project"));
    CHECK(matches(spaced_name, "a.b-c_d e"));
    CHECK(matches(spaced_name, "x"));
    CHECK_FALSE(matches(spaced_name, "My  Project"));
    CHECK_FALSE(matches(spaced_name, "trailing "));
    CHECK_FALSE(matches(spaced_name, " leading"));
    CHECK_FALSE(matches(spaced_name, ""));
}

TEST_CASE("repository pattern with a negative lookahead") {
    CHECK(matches(repository, "repo"));
    CHECK(matches(repository, "repo.gitx"));
    CHECK(matches(repository, "my-repo.git.backup"));
    CHECK(matches(repository, "repo_git"));
    CHECK(matches(repository, ""));
    CHECK_FALSE(matches(repository, "repo.git"));
    CHECK_FALSE(matches(repository, ".git"));
    CHECK_FALSE(matches(repository, "repo name"));
    CHECK_FALSE(matches(repository, "repo/x"));
}

TEST_CASE("name patterns") {
    CHECK(matches(name, "my-app_2.0"));
    CHECK(matches(name, "a"));
    CHECK_FALSE(matches(name, "a--b"));
    CHECK_FALSE(matches(name, "a."));
    CHECK_FALSE(matches(name, "my app"));
    CHECK_FALSE(matches(name, ""));

    CHECK(matches(optional_name, ""));
    CHECK(matches(optional_name, "my-app"));
    CHECK_FALSE(matches(optional_name, "-"));
    CHECK_FALSE(matches(optional_name, "a b"));
}

TEST_CASE("UUID pattern") {
    CHECK(matches(uuid, "123e4567-e89b-12d3-a456-426614174000"));
    CHECK(matches(uuid, "123E4567-E89B-12D3-A456-426614174000"));
    CHECK_FALSE(matches(uuid, "123e4567-e89b-12d3-a456-42661417400"));
    CHECK_FALSE(matches(uuid, "123e4567-e89b-12d3-a456-4266141740000"));
    CHECK_FALSE(matches(uuid, "123e4567e89b12d3a456426614174000"));
    CHECK_FALSE(matches(uuid, "g23e4567-e89b-12d3-a456-426614174000"));
}

TEST_CASE("counted short name pattern") {
    CHECK(matches(short_name, "abc"));
    CHECK(matches(short_name, "a.b-c_d"));
    CHECK(matches(short_name, std::string(100, 'x')));
    CHECK_FALSE(matches(short_name, "ab"));
    CHECK_FALSE(matches(short_name, std::string(101, 'x')));
    CHECK_FALSE(matches(short_name, "abc!"));
}

TEST_CASE("syntax errors name the problem") {
    CHECK(error_of("(a") == "the pattern has an unbalanced parenthesis");
    CHECK(error_of("a)") == "the pattern has an unbalanced parenthesis");
    CHECK(error_of("[abc") == "the pattern has an unterminated character class");
    CHECK(error_of("*a") == "the pattern has a quantifier with nothing to repeat");
    CHECK(error_of("a**") == "the pattern has a quantifier with nothing to repeat");
    CHECK(error_of("^*") == "the pattern has a quantifier with nothing to repeat");
    CHECK(error_of("a{3,1}") == "the pattern has a {n,m} quantifier whose minimum exceeds its maximum");
    CHECK(error_of("a{x}") == "the pattern has a malformed {n,m} quantifier");
    CHECK(error_of("a{2") == "the pattern has a malformed {n,m} quantifier");
    CHECK(error_of("abc\\") == "the pattern ends with a lone backslash");
    CHECK(error_of("(a)\\1") == "the pattern uses a construct restop does not support: backreference");
    CHECK(error_of("(?<n>a)") == "the pattern uses a construct restop does not support: named group");
    CHECK(error_of("(?<=a)b") == "the pattern uses a construct restop does not support: lookbehind");
    CHECK(error_of("(?<!a)b") == "the pattern uses a construct restop does not support: lookbehind");
    CHECK(error_of("[z-a]") == "the pattern has a character class range out of order");
    CHECK(error_of("\\q") == "the pattern uses an unknown escape sequence");
    CHECK(error_of("\\x4") == "the pattern has a malformed hexadecimal escape");
    CHECK(error_of("a{100000}") == "the pattern has a repetition count that is too large");
    CHECK(error_of("(?:abc){200}") == "the pattern is too large to compile");
    CHECK(error_of(std::string(40, '(') + std::string(40, ')')) == "the pattern nests groups too deeply");
    CHECK(error_of("\xC3") == "the pattern is not valid UTF-8");
    // A malformed pattern never matches, even where a prefix of it would.
    CHECK(match_pattern("a(", "a(") == pattern_match::not_matched);
}

TEST_CASE("other supported syntax") {
    CHECK(error_of("a{2}") == "(none)");
    CHECK(error_of("[\\d\\s\\W-]") == "(none)");
    CHECK(matches("^\\d{2,}$", "123"));
    CHECK_FALSE(matches("^\\d{2,}$", "1"));
    CHECK(matches("^a{2}$", "aa"));
    CHECK_FALSE(matches("^a{2}$", "aaa"));
    CHECK(matches("^(?:ab){2,3}$", "ababab"));
    CHECK_FALSE(matches("^(?:ab){2,3}$", "ab"));
    CHECK_FALSE(matches("^(?:ab){2,3}$", "abababab"));
    CHECK(matches("^(?:ab)+$", "ababab"));
    CHECK(matches("^(?:a|bc)*$", "abcbca"));
    CHECK(matches("^a+?b$", "aaab"));
    CHECK(matches("^(?=\\w+$)\\w{3}", "abcdef"));
    CHECK_FALSE(matches("^(?=\\w+$)\\w{3}", "abc def"));
    CHECK(matches("^[^a-z]+$", "ABC-123"));
    CHECK_FALSE(matches("^[^a-z]+$", "ABc"));
    CHECK(matches("^\\D\\W\\S$", "a-b"));
    CHECK(matches("^\\/\\+\\.\\\\$", "/+.\\"));
    CHECK(matches("\\bword\\b", "a word here"));
    CHECK_FALSE(matches("\\bword\\b", "swordfish"));
    CHECK(matches("^\\x41\\u00e9$", "A\xC3\xA9"));
    // Runs that give nothing back (before $, or before a run taking a superset) stay correct.
    CHECK(matches("^a+a*aaa$", "aaaa"));
    CHECK(matches("^a+[ab]{0,2}b$", "aab"));
    CHECK(matches("^[a-z]+[a-z0-9]*1$", "abc1"));
    CHECK(matches("^a{1,2}[a-c]*$", "aaab"));
    CHECK(matches("^(?:a*)*$", "aaa"));  // empty iterations end the loop instead of spinning
    CHECK_FALSE(matches("^(?:a*)*$", "aab"));
    CHECK(matches("^(a|)+b$", "aab"));
    CHECK(matches("^\\s+$", " \t\xE3\x80\x80"));  // U+3000 is ECMA-262 white space
    CHECK_FALSE(matches("a.b", "a\nb"));           // `.` stops at line terminators
}

TEST_CASE("UTF-8: `.` and negated classes consume one code point") {
    CHECK(matches("^.$", "\xC3\xA9"));             // é, 2 bytes
    CHECK(matches("^.$", "\xF0\x9F\x98\xB9"));     // 😹, 4 bytes
    CHECK_FALSE(matches("^..$", "\xC3\xA9"));
    CHECK(matches("^[^a]$", "\xF0\x9F\x98\xB9"));
    CHECK(matches("^\xC3\xA9+$", "\xC3\xA9\xC3\xA9"));
    CHECK(matches("^.{3}$", "a\xC3\xA9\xF0\x9F\x98\xB9"));
    CHECK(matches("^.*x$", "\xC3\xA9\xC3\xA9x"));  // the greedy run gives back whole code points
    // Malformed input is read safely (one replacement per bad byte), never past the end.
    CHECK(matches("^.$", "\xC3"));
    CHECK(matches("^..$", "\x80\x80"));
    CHECK_FALSE(matches("^.$", "\xF0\x9F\x98"));
}

TEST_CASE("ASCII characters are tested by table: each agrees with the class it came from") {
    // The matcher tests an ASCII byte against a 128-bit table built from the instruction; every
    // ASCII character, alone and in a run, must get the answer its class's definition gives.
    struct row {
        std::string_view one;  // matches exactly one character
        std::string_view run;  // the same class, repeated
        bool (*accepts)(char);
    };
    const row rows[] = {
        {"^[^a-z]$", "^[^a-z]{3}$", [](char c) { return !(c >= 'a' && c <= 'z'); }},
        {"^.$", "^.+$", [](char c) { return c != '\n' && c != '\r'; }},
        {"^\\W$", "^\\W*$", [](char c) { return !(std::isalnum(static_cast<unsigned char>(c)) || c == '_'); }},
        {"^\\s$", "^\\s{1,5}$", [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }},
        {"^\\S$", "^\\S+$", [](char c) { return !(c == ' ' || (c >= '\t' && c <= '\r')); }},
        {"^[\\d_A-C]$", "^[\\d_A-C]{3,}$", [](char c) { return (c >= '0' && c <= '9') || c == '_' || (c >= 'A' && c <= 'C'); }},
        {"^x$", "^x+$", [](char c) { return c == 'x'; }},
        // Ranges across the two words of the table (0x00-0x3F, 0x40-0x7F) and past 0x7F.
        {"^[ -~]$", "^[ -~]+$", [](char c) { return c >= ' ' && c <= '~'; }},
        {"^[0-Z]$", "^[0-Z]{3}$", [](char c) { return c >= '0' && c <= 'Z'; }},
        {"^[?-@]$", "^[?-@]+$", [](char c) { return c == '?' || c == '@'; }},
        {"^[a-\\u00ff]$", "^[a-\\u00ff]+$", [](char c) { return c >= 'a'; }},
        {"^[^\\x00-\\x7F]$", "^[^\\x00-\\x7F]+$", [](char) { return false; }},
    };
    for (const row& r : rows)
        for (int code = 0; code < 128; ++code) {
            const char c = static_cast<char>(code);
            CAPTURE(r.one);
            CAPTURE(code);
            CHECK(matches(r.one, std::string_view(&c, 1)) == r.accepts(c));
            CHECK(matches(r.run, std::string(3, c)) == r.accepts(c));
        }
    // A run that meets a non-ASCII character goes on by code point, and back.
    CHECK(matches("^[^-]+$", "ab\xC3\xA9" "cd"));
    CHECK(matches("^[a-z\\u00e9]{5}$", "ab\xC3\xA9" "cd"));
    CHECK_FALSE(matches("^[a-z]+$", "ab\xC3\xA9" "cd"));
    CHECK(matches("^\\w+\xC3\xA9\\w+$", "ab\xC3\xA9" "cd"));
}

TEST_CASE("the pattern is not implicitly anchored") {
    CHECK(matches("b", "abc"));
    CHECK(matches("c$", "abc"));
    CHECK(matches("", "abc"));
    CHECK_FALSE(matches("^b", "abc"));
    CHECK_FALSE(matches("d", "abc"));
    CHECK(matches("\xC3\xA9", "caf\xC3\xA9"));
}

TEST_CASE("long input does not exhaust the stack") {
    const std::string long_text(10'000, 'a');
    CHECK(match_pattern(free_text, long_text) == pattern_match::matched);
    CHECK(match_pattern(free_text, long_text + "*") == pattern_match::not_matched);
    std::string mixed = "a";
    while (mixed.size() < 10'000) mixed += " ab,c";
    CHECK(match_pattern(free_text, mixed) == pattern_match::matched);
    CHECK(match_pattern(repository, long_text) == pattern_match::matched);
    CHECK(match_pattern(repository, long_text + ".git") == pattern_match::not_matched);
}

TEST_CASE("catastrophic backtracking reports too_complex") {
    CHECK(match_pattern("^(a+)+$", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab") == pattern_match::too_complex);
    CHECK(match_pattern("^(a|a)*$", std::string(60, 'a') + "b") == pattern_match::too_complex);
    // A loop with one frame per iteration runs out of stack long before 10000 iterations.
    std::string pairs;
    while (pairs.size() < 10'000) pairs += "a-";
    CHECK(match_pattern(name, pairs + "a") == pattern_match::too_complex);
}

// A restop::pattern keeps its program compiled once, cut to size, and only runs the matcher.
static_assert(sizeof(restop::detail::pattern_program<"^[a-z]+$">) < 512);
static_assert(restop::detail::run_pattern(restop::detail::pattern_program<"^[a-z]+$">.view(), "abc") == pattern_match::matched);
static_assert(restop::pattern<"^[a-z]+$">::check("abC").has_value());
static_assert(!restop::pattern<"^[a-z]+$">::check("abc").has_value());

namespace {

using restop::detail::pattern_impl::automaton;
using restop::detail::pattern_impl::dfa_verdict;

automaton automaton_of(std::string_view pattern) {
    const restop::detail::pattern_impl::compiled_pattern program = restop::detail::pattern_impl::compile(pattern);
    REQUIRE(program.error == nullptr);
    return restop::detail::pattern_impl::build_automaton(program.code.data(), program.size);
}

// Every string of up to `length` characters over `alphabet`, and each of `seeds` with one
// character replaced, removed or added: near misses of the long values (a uuid) that no short
// string reaches.
std::vector<std::string> inputs_for(std::string_view alphabet, std::size_t length, std::initializer_list<std::string_view> seeds) {
    std::vector<std::string> out{""};
    for (std::size_t from = 0; from < out.size(); ++from)
        if (out[from].size() < length)
            for (char c : alphabet) out.push_back(out[from] + c);
    for (std::string_view seed : seeds) {
        out.emplace_back(seed);
        for (std::size_t i = 0; i <= seed.size(); ++i) {
            if (i < seed.size()) out.push_back(std::string(seed).erase(i, 1));
            for (char c : alphabet) {
                out.push_back(std::string(seed).insert(i, 1, c));
                if (i < seed.size()) out.push_back(std::string(seed).replace(i, 1, 1, c));
            }
        }
    }
    return out;
}

}  // namespace

TEST_CASE("the automaton agrees with the backtracker on ASCII input") {
    struct row {
        std::string_view pattern;
        std::string_view alphabet;
        std::initializer_list<std::string_view> seeds;
    };
    const row rows[] = {
        {name, "a0-_. Z", {"my-project.name_2"}},
        {optional_name, "a0-_. ", {"my-project"}},
        {spaced_name, "a0-_. \t", {"My Project"}},
        {free_text, "a0-*\n\r\t %", {"Build 42: deploy/prod?x=1&y=2 $5 100%"}},
        {uuid, "0aF-g", {"123e4567-e89b-12d3-a456-426614174000"}},
        {region, "us-gow1ea", {"us-gov-west-1", "ap-southeast-12", "us--1"}},
        {"a", "ab\n", {}},
        {"b$", "ab", {}},
        {"^(?:a|bc)*$", "abc", {}},
        {"^(a|)+b$", "ab", {}},
        {"^(?:a*)*$", "ab", {}},
        {"^a{2,3}b?$", "ab", {}},
        {"x*", "xy", {}},
        {"^$", "a", {}},
        {"$", "a\n", {}},
        {"^.+$", "a\n\r ", {}},
        {"^[^a-c]{2}", "abdz", {}},
        {"^\\d+\\s\\w*$", "1 a_\t-", {}},
        {"^(a+)+$", "ab", {"aaaaaaaaaaaaaaaaaaaaaaaaaaaab"}},
        {"^(?:ab){2,3}$", "ab", {"ababab"}},
        {"^a+?b$", "ab", {}},
        {"^(?:[a-c]x?){2}$", "abx", {}},
        {"^(?:a{2}|b{1,2}c)+$", "abc", {}},
        {"^$|^[a-z]+[-a-z]*[0-9]$", "a-1", {}},
    };
    for (const row& r : rows) {
        CAPTURE(r.pattern);
        const automaton fast = automaton_of(r.pattern);
        REQUIRE(fast.usable);
        for (const std::string& input : inputs_for(r.alphabet, r.alphabet.size() > 6 ? 4 : 5, r.seeds)) {
            const pattern_match slow = match_pattern(r.pattern, input);
            if (slow == pattern_match::too_complex) continue;
            CAPTURE(input);
            CHECK((fast.search(input) == dfa_verdict::matched) == (slow == pattern_match::matched));
        }
    }
}

TEST_CASE("the automaton hands non-ASCII input and the patterns it cannot take to the backtracker") {
    CHECK(automaton_of(name).search("caf\xC3\xA9") == dfa_verdict::not_ascii);
    CHECK(automaton_of(name).search("-caf\xC3\xA9") == dfa_verdict::not_matched);  // decided before the é
    CHECK(automaton_of("a").search("a\xC3\xA9") == dfa_verdict::matched);          // likewise
    CHECK_FALSE(automaton_of(repository).usable);                                  // lookahead
    CHECK_FALSE(automaton_of("\\bword").usable);
    CHECK_FALSE(automaton_of(short_name).usable);  // {3,100}: more states than the table holds
    CHECK(automaton_of(uuid).usable);
    // Through restop::pattern: é goes to the backtracker, which still decides it.
    CHECK_FALSE(restop::pattern<"^[a-z\\u00e9]+$">::check("caf\xC3\xA9").has_value());
    CHECK(restop::pattern<"^[a-z]+$">::check("caf\xC3\xA9").has_value());
}

TEST_CASE("ASCII values are decided however the pattern would backtrack") {
    // The backtracker gives up on these (too_complex, which a check reports as a mismatch);
    // restop::pattern decides them.
    std::string pairs;
    while (pairs.size() < 10'000) pairs += "a-";
    CHECK(match_pattern(name, pairs + "a") == pattern_match::too_complex);
    CHECK_FALSE(restop::pattern<"^[a-zA-Z0-9]+(?:[-_\\.][a-zA-Z0-9]+)*$">::check(pairs + "a").has_value());
    CHECK(restop::pattern<"^[a-zA-Z0-9]+(?:[-_\\.][a-zA-Z0-9]+)*$">::check(pairs).has_value());
    CHECK(restop::pattern<"^(a+)+$">::check(std::string(60, 'a') + "b").has_value());
    CHECK_FALSE(restop::pattern<"^(a+)+$">::check(std::string(60, 'a')).has_value());
}

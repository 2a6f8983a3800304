#pragma once
// Smithy @http URI templates ("/v1/accessTokens/{id}", "/files/{path+}?x-id=Get"), parsed by the
// compiler into literal and label parts. Only the standard library.

#include <array>
#include <cstddef>
#include <string_view>

#include "restop/detail/http_grammar.hpp"
#include "restop/fixed_string.hpp"

namespace restop {

/// Why a URI template is malformed (smithy.api#http, "uri" member rules).
enum class uri_template_error {
    none,
    not_absolute,             ///< the template must start with '/'
    unbalanced_brace,         ///< a '{' without '}', a '}' without '{', or a nested '{'
    empty_label,              ///< "{}" or "{+}"
    invalid_label_name,       ///< a label name must be a Smithy identifier: [A-Za-z_][A-Za-z0-9_]*
    label_not_whole_segment,  ///< a label must fill a whole path segment ("/a{b}" is not allowed)
    more_than_one_greedy,     ///< at most one "{name+}"
    duplicate_label,          ///< the same name labelled twice
    label_in_query,           ///< labels belong to the path; the query part is literal
    invalid_character,        ///< a literal character RFC 3986 does not allow in a path or query
};

/// One piece of a template: literal text to copy, or a label to expand.
struct uri_part {
    std::size_t begin = 0;  ///< offset of the literal text or of the label's name in the template
    std::size_t size = 0;
    bool is_label = false;
    bool greedy = false;  ///< "{name+}": '/' in the value is kept, not encoded
};

/// The parse of a template of `Capacity` characters (there are never more parts than characters).
template <std::size_t Capacity>
struct parsed_uri_template {
    std::array<uri_part, Capacity + 1> parts{};
    std::size_t part_count = 0;
    std::size_t path_size = 0;  ///< characters before '?', or the whole template
    bool has_query = false;     ///< the template carries a literal query ("?x-id=GetObject")
    uri_template_error error = uri_template_error::none;
};

namespace detail {

constexpr bool is_identifier_start(char c) noexcept {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}
constexpr bool is_identifier_char(char c) noexcept { return is_identifier_start(c) || (c >= '0' && c <= '9'); }

template <std::size_t Capacity>
constexpr parsed_uri_template<Capacity> parse_uri_template(std::string_view text) noexcept {
    parsed_uri_template<Capacity> out;
    auto fail = [&](uri_template_error e) {
        out.error = e;
        return out;
    };
    if (text.empty() || text.front() != '/') return fail(uri_template_error::not_absolute);

    const std::size_t query_at = text.find('?');
    out.path_size = query_at == std::string_view::npos ? text.size() : query_at;
    out.has_query = query_at != std::string_view::npos;
    bool seen_greedy = false;

    std::size_t literal_begin = 0;
    auto flush_literal = [&](std::size_t end) {
        if (end > literal_begin) out.parts[out.part_count++] = uri_part{literal_begin, end - literal_begin, false, false};
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '}') return fail(uri_template_error::unbalanced_brace);
        if (c != '{') continue;
        if (i >= out.path_size) return fail(uri_template_error::label_in_query);
        const std::size_t close = text.find('}', i + 1);
        const std::size_t nested = text.find('{', i + 1);
        if (close == std::string_view::npos || nested < close) return fail(uri_template_error::unbalanced_brace);
        if (close > out.path_size) return fail(uri_template_error::unbalanced_brace);
        std::string_view name = text.substr(i + 1, close - i - 1);
        const bool greedy = !name.empty() && name.back() == '+';
        if (greedy) name.remove_suffix(1);
        if (name.empty()) return fail(uri_template_error::empty_label);
        if (!is_identifier_start(name.front())) return fail(uri_template_error::invalid_label_name);
        for (char n : name)
            if (!is_identifier_char(n)) return fail(uri_template_error::invalid_label_name);
        // Smithy: a label is a whole segment, so it sits between '/' and '/' or the path's end.
        const bool starts_segment = text[i - 1] == '/';
        const bool ends_segment = close + 1 == out.path_size || text[close + 1] == '/';
        if (!starts_segment || !ends_segment) return fail(uri_template_error::label_not_whole_segment);
        if (greedy && seen_greedy) return fail(uri_template_error::more_than_one_greedy);
        seen_greedy = seen_greedy || greedy;
        for (std::size_t p = 0; p < out.part_count; ++p) {
            const uri_part& earlier = out.parts[p];
            if (earlier.is_label && text.substr(earlier.begin, earlier.size) == name)
                return fail(uri_template_error::duplicate_label);
        }
        flush_literal(i);
        out.parts[out.part_count++] = uri_part{i + 1, name.size(), true, greedy};
        i = close;
        literal_begin = close + 1;
    }
    flush_literal(text.size());
    if (first_invalid_uri_char(text) != std::string_view::npos) return fail(uri_template_error::invalid_character);
    return out;
}

}  // namespace detail

/// A URI template fixed at compile time.
///
///     using t = restop::uri_template<"/v1/accessTokens/{id}">;
///     static_assert(t::label_count == 1 && t::has_label("id"));
template <fixed_string Text>
struct uri_template {
    static constexpr std::string_view text = Text.view();
    static constexpr auto parsed = detail::parse_uri_template<Text.size()>(Text.view());
    static constexpr uri_template_error error = parsed.error;

    /// The parts alone, as many as there are: what encoding reads at run time. `parsed` holds
    /// room for one part per character of the template, and a program that used it would carry
    /// that room for every operation it encodes.
    static constexpr auto parts = [] {
        std::array<uri_part, parsed.part_count> out{};
        for (std::size_t i = 0; i < out.size(); ++i) out[i] = parsed.parts[i];
        return out;
    }();

    static constexpr std::size_t label_count = [] {
        std::size_t n = 0;
        for (std::size_t i = 0; i < parsed.part_count; ++i) n += parsed.parts[i].is_label ? 1 : 0;
        return n;
    }();

    static constexpr std::string_view part_text(std::size_t i) noexcept {
        return text.substr(parsed.parts[i].begin, parsed.parts[i].size);
    }

    static constexpr bool has_label(std::string_view name) noexcept {
        for (std::size_t i = 0; i < parsed.part_count; ++i)
            if (parsed.parts[i].is_label && part_text(i) == name) return true;
        return false;
    }
};

}  // namespace restop

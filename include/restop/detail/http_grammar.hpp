#pragma once
// The characters an HTTP/1.1 request may carry where a description puts its literals: header
// field names (RFC 9110 §5.6.2 token), URI paths and queries (RFC 3986 §3.3, §3.4), host names
// (RFC 1123 §2.1) and media types (RFC 9110 §8.3.1). The compiler checks every wire name and
// literal of a description against them, so that no description can put bytes on the wire that
// no HTTP request may hold. Only the standard library.

#include <cstddef>
#include <string_view>

namespace restop::detail {

constexpr bool is_alpha(char c) noexcept { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool is_hex_digit(char c) noexcept { return is_digit(c) || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f'); }

/// RFC 9110 §5.6.2: tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
constexpr bool is_tchar(char c) noexcept {
    return is_alpha(c) || is_digit(c) || std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

/// RFC 9110 §5.6.2: token = 1*tchar, the grammar of a header field name.
constexpr bool is_token(std::string_view text) noexcept {
    if (text.empty()) return false;
    for (char c : text)
        if (!is_tchar(c)) return false;
    return true;
}

/// RFC 3986 §2.3 unreserved and §2.2 sub-delims, plus ":" and "@": pchar without pct-encoded.
constexpr bool is_pchar(char c) noexcept {
    return is_alpha(c) || is_digit(c) || std::string_view("-._~!$&'()*+,;=:@").find(c) != std::string_view::npos;
}

/// The offset of the first character of a URI template's literal text that RFC 3986 does not
/// allow there (path: pchar and "/"; after the first "?": also "/" and "?"; "%" only as %XX),
/// or npos. `{` and `}` are the template's own and are skipped.
constexpr std::size_t first_invalid_uri_char(std::string_view text) noexcept {
    bool in_query = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '{' || c == '}' || c == '/' || is_pchar(c) || (in_query && c == '?')) continue;
        if (c == '?' && !in_query) {
            in_query = true;
            continue;
        }
        if (c == '%' && i + 2 < text.size() && is_hex_digit(text[i + 1]) && is_hex_digit(text[i + 2])) {
            i += 2;
            continue;
        }
        return i;
    }
    return std::string_view::npos;
}

/// RFC 1123 §2.1 host name characters: letters, digits, '-' and the dots between labels.
constexpr bool is_host_char(char c) noexcept { return is_alpha(c) || is_digit(c) || c == '-' || c == '.'; }

/// RFC 9110 §8.3.1: `type "/" subtype *( OWS ";" OWS parameter )`; the parameters are checked
/// only for what a field value may hold (visible ASCII, spaces and tabs).
constexpr bool is_media_type(std::string_view text) noexcept {
    const std::size_t slash = text.find('/');
    if (slash == std::string_view::npos) return false;
    const std::size_t end = text.find_first_of("; \t", slash);
    if (!is_token(text.substr(0, slash)) || !is_token(text.substr(slash + 1, end == std::string_view::npos ? end : end - slash - 1)))
        return false;
    for (std::size_t i = end == std::string_view::npos ? text.size() : end; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if ((byte < 0x20 && byte != '\t') || byte >= 0x7F) return false;
    }
    return true;
}

}  // namespace restop::detail

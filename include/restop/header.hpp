#pragma once
// HTTP header fields shared by requests and responses.

#include <string>
#include <string_view>
#include <vector>

namespace restop {

/// One header field. Names compare case-insensitively (RFC 9110 §5.1); values are kept verbatim.
struct header {
    std::string name;
    std::string value;
};

/// Header fields in the order they are sent or were received; repeats are kept.
using header_list = std::vector<header>;

namespace detail {
constexpr char ascii_lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
}  // namespace detail

/// ASCII case-insensitive equality, the comparison HTTP field names use.
constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (detail::ascii_lower(a[i]) != detail::ascii_lower(b[i])) return false;
    return true;
}

/// The value of the first field named `name` (any case), or nullptr when there is none.
/// A repeated field yields its first occurrence: AWS sends each of the fields restop reads once.
inline const std::string* find_header(const header_list& headers, std::string_view name) noexcept {
    for (const header& field : headers)
        if (iequals(field.name, name)) return &field.value;
    return nullptr;
}

}  // namespace restop

#pragma once
// restop::blob: Smithy's blob, bytes that travel base64-encoded in JSON, headers and query
// strings (RFC 4648 section 4, with padding) and raw as an HTTP payload. Only the standard library.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace restop {

/// Owned bytes. Text converts to it implicitly, so a blob member is set like a string:
///
///     op.data = "raw bytes";                 // sent as "cmF3IGJ5dGVz" in a JSON body
///     std::string_view bytes = out.data.bytes();
class blob {
public:
    blob() = default;
    blob(std::string bytes) noexcept : bytes_(std::move(bytes)) {}
    blob(std::string_view bytes) : bytes_(bytes) {}
    blob(const char* bytes) : bytes_(bytes) {}

    std::string_view bytes() const noexcept { return bytes_; }
    std::size_t size() const noexcept { return bytes_.size(); }
    bool empty() const noexcept { return bytes_.empty(); }

    friend bool operator==(const blob&, const blob&) = default;

private:
    std::string bytes_;
};

namespace detail {
inline constexpr char base64_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr int base64_value(char c) noexcept {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}
}  // namespace detail

/// Appends `bytes` base64-encoded (RFC 4648 section 4, padded with '=').
///
///     append_base64(out, "foo");  // "Zm9v"
inline void append_base64(std::string& out, std::string_view bytes) {
    out.reserve(out.size() + (bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    auto at = [&](std::size_t k) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[k])); };
    for (; i + 3 <= bytes.size(); i += 3) {
        const std::uint32_t group = at(i) << 16 | at(i + 1) << 8 | at(i + 2);
        for (int shift = 18; shift >= 0; shift -= 6) out += detail::base64_alphabet[(group >> shift) & 63];
    }
    if (const std::size_t rest = bytes.size() - i; rest != 0) {
        const std::uint32_t group = at(i) << 16 | (rest == 2 ? at(i + 1) << 8 : 0);
        out += detail::base64_alphabet[(group >> 18) & 63];
        out += detail::base64_alphabet[(group >> 12) & 63];
        out += rest == 2 ? detail::base64_alphabet[(group >> 6) & 63] : '=';
        out += '=';
    }
}

/// Decodes padded base64 (RFC 4648 section 4); nullopt for any character outside the alphabet,
/// a length that is not a multiple of four, misplaced padding or non-zero padding bits.
inline std::optional<std::string> decode_base64(std::string_view text) {
    if (text.size() % 4 != 0) return std::nullopt;
    std::string out;
    out.reserve(text.size() / 4 * 3);
    for (std::size_t i = 0; i < text.size(); i += 4) {
        const bool last = i + 4 == text.size();
        const int pad = last ? (text[i + 3] == '=') + (text[i + 2] == '=' && text[i + 3] == '=') : 0;
        int v[4];
        for (int k = 0; k < 4 - pad; ++k)
            if ((v[k] = detail::base64_value(text[i + static_cast<std::size_t>(k)])) < 0) return std::nullopt;
        for (int k = 4 - pad; k < 4; ++k) v[k] = 0;
        const std::uint32_t group = static_cast<std::uint32_t>(v[0] << 18 | v[1] << 12 | v[2] << 6 | v[3]);
        out += static_cast<char>(group >> 16);
        if (pad < 2) out += static_cast<char>((group >> 8) & 0xFF);
        if (pad < 1) out += static_cast<char>(group & 0xFF);
        if ((pad == 1 && (group & 0xFF) != 0) || (pad == 2 && (group & 0xFFFF) != 0)) return std::nullopt;
    }
    return out;
}

}  // namespace restop

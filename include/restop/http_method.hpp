#pragma once
// The HTTP methods an operation can be bound to (Smithy's @http trait).

#include <string_view>

namespace restop {

/// The methods Smithy's @http trait uses (`delete_` because `delete` is a keyword).
enum class http_method { get, put, post, delete_, patch, head };

/// The method's token as it appears on the request line (RFC 9110 §9): `to_string(http_method::delete_) == "DELETE"`.
constexpr std::string_view to_string(http_method method) noexcept {
    switch (method) {
        case http_method::get: return "GET";
        case http_method::put: return "PUT";
        case http_method::post: return "POST";
        case http_method::delete_: return "DELETE";
        case http_method::patch: return "PATCH";
        case http_method::head: return "HEAD";
    }
    return "GET";  // unreachable for valid enumerators; keeps -Wreturn-type quiet
}

}  // namespace restop

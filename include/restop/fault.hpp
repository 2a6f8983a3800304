#pragma once
// Who is at fault for an error, the classification every restop error carries.

#include <string_view>

namespace restop {

/// Smithy's @error trait says "client" or "server"; restop adds `network` for failures where no
/// response arrived, so that a caller can tell "the service refused" from "we never heard back".
enum class fault { client, server, network };

/// "client", "server" or "network".
constexpr std::string_view to_string(fault f) noexcept {
    switch (f) {
        case fault::client: return "client";
        case fault::server: return "server";
        case fault::network: return "network";
    }
    return "client";
}

}  // namespace restop

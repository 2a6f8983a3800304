#pragma once
// restop::bearer_token: the secret for Smithy's @httpBearerAuth, in a type that will not print it.

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

#include "restop/detail/wiped_string.hpp"

namespace restop {

/// Holds a bearer token. It has no accessor that prints, no implicit conversion to a string,
/// and operator<< writes a placeholder, so that logging a token needs a deliberate reveal().
/// The storage is wiped on destruction.
///
///     restop::bearer_token token(std::getenv("CODECATALYST_TOKEN"));
///     std::cout << token;  // bearer_token(<redacted>)
class bearer_token {
public:
    bearer_token() = default;
    explicit bearer_token(std::string secret) noexcept : secret_(std::move(secret)) {}
    explicit bearer_token(const char* secret) : secret_(secret ? secret : "") {}

    bool empty() const noexcept { return secret_.empty(); }

    /// The secret itself, for the one place that must write it: the Authorization header.
    std::string_view reveal() const noexcept { return secret_.view(); }

    friend std::ostream& operator<<(std::ostream& out, const bearer_token&) { return out << "bearer_token(<redacted>)"; }

private:
    detail::wiped_string secret_;
};

}  // namespace restop

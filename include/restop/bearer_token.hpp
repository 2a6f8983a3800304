#pragma once
// restop::bearer_token: the secret for Smithy's @httpBearerAuth, in a type that will not print it.

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

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

    bearer_token(const bearer_token&) = default;
    bearer_token& operator=(const bearer_token&) = default;
    bearer_token(bearer_token&& other) noexcept : secret_(std::move(other.secret_)) { other.wipe(); }
    bearer_token& operator=(bearer_token&& other) noexcept {
        if (this != &other) {
            wipe();
            secret_ = std::move(other.secret_);
            other.wipe();
        }
        return *this;
    }
    ~bearer_token() { wipe(); }

    bool empty() const noexcept { return secret_.empty(); }

    /// The secret itself, for the one place that must write it: the Authorization header.
    std::string_view reveal() const noexcept { return secret_; }

    friend std::ostream& operator<<(std::ostream& out, const bearer_token&) { return out << "bearer_token(<redacted>)"; }

private:
    void wipe() noexcept {
        // volatile keeps the compiler from dropping stores to memory about to be freed.
        volatile char* p = secret_.data();
        for (std::size_t i = 0; i < secret_.size(); ++i) p[i] = 0;
        secret_.clear();
    }

    std::string secret_;
};

}  // namespace restop

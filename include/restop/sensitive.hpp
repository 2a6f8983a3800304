#pragma once
// restop::sensitive_string: a value the model marks @sensitive (a token's secret), in a type
// that will not print it and wipes it when done.

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

#include "restop/detail/wiped_string.hpp"

namespace restop {

/// Holds a @sensitive string. It prints as `<redacted>`, converts to nothing, and its only
/// accessor is the deliberately named reveal().
///
///     std::cout << created->output.secret;          // <redacted>
///     save_to_keychain(created->output.secret.reveal());
class sensitive_string {
public:
    sensitive_string() = default;
    explicit sensitive_string(std::string value) noexcept : value_(std::move(value)) {}

    bool empty() const noexcept { return value_.empty(); }
    std::size_t size() const noexcept { return value_.size(); }
    std::string_view reveal() const noexcept { return value_.view(); }

    friend std::ostream& operator<<(std::ostream& out, const sensitive_string&) { return out << "<redacted>"; }
    friend bool operator==(const sensitive_string& a, const sensitive_string& b) noexcept { return a.reveal() == b.reveal(); }

private:
    detail::wiped_string value_;
};

}  // namespace restop
